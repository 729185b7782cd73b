import GridSim

/// The floor for `gridsim bench`: the tandem3 model hand-written as the smallest event loop that
/// simulates it (three M/M/c FIFO queues in series, Poisson arrivals), with nothing general.
///
/// It uses the same heap, the same random generator and records the same mean waits, so the gap
/// between it and the scenario path is the cost of generality: scenario rules, deadlines,
/// categories, statistics and daily series.
package enum BareTandem {
  /// What the bare loop measured.
  package struct Result: Sendable {
    /// Events taken off the heap.
    package var events: Int
    /// Mean queue wait per tier, minutes, for items arriving after the warm-up.
    package var meanWait: [Double]
  }

  private struct Event: Comparable {
    var time: Double
    var order: UInt64
    var station: Int32
    var arrivedAt: Double

    static func < (a: Event, b: Event) -> Bool { a.time < b.time || (a.time == b.time && a.order < b.order) }
  }

  /// Runs tandem3: `servers` per tier, arrivals at `arrivalsPerHour`, exponential service with
  /// `meanServiceMinutes`, passing on with `passOn[k]`, for `hours` with `warmUpHours` discarded.
  package static func run(
    hours: Double, warmUpHours: Double, seed: UInt64, servers: [Int] = [20, 5, 2],
    arrivalsPerHour: Double = 15,
    meanServiceMinutes: [Double] = [60, 30, 30], passOn: [Double] = [0.2, 0.3, 0]
  ) -> Result {
    var arrivals = RandomStream(seed: seed, replication: 0, purpose: .arrivals)
    var service = RandomStream(seed: seed, replication: 0, purpose: .service)
    var routing = RandomStream(seed: seed, replication: 0, purpose: .routing)
    let horizon = hours * 60
    let warmUp = warmUpHours * 60
    let meanGap = 60 / arrivalsPerHour
    var heap = BinaryHeap<Event>()
    heap.reserveCapacity(1024)
    var order: UInt64 = 0
    let stations = servers.count
    var busy = Array(repeating: 0, count: stations)
    var queues = Array(repeating: RingBuffer<Double>(), count: stations)
    var waitSum = Array(repeating: 0.0, count: stations)
    var waitCount = Array(repeating: 0, count: stations)
    var events = 0

    // station -1: an external arrival; station k >= 0: a departure from station k.
    order += 1
    heap.insert(Event(time: meanGap * arrivals.exponential(), order: order, station: -1, arrivedAt: 0))
    while let e = heap.popMin() {
      if e.time > horizon { break }
      events += 1
      let now = e.time
      var joinStation = -1
      var firstArrival = e.arrivedAt
      if e.station < 0 {
        order += 1
        heap.insert(
          Event(time: now + meanGap * arrivals.exponential(), order: order, station: -1, arrivedAt: 0))
        joinStation = 0
        firstArrival = now
      } else {
        let k = Int(e.station)
        if let next = queues[k].popFirst() {
          if next >= warmUp {
            waitSum[k] += now - next
            waitCount[k] += 1
          }
          order += 1
          heap.insert(
            Event(
              time: now + meanServiceMinutes[k] * service.exponential(), order: order, station: Int32(k),
              arrivedAt: next))
        } else {
          busy[k] -= 1
        }
        if passOn[k] > 0, routing.uniform() < passOn[k] { joinStation = k + 1 }
      }
      if joinStation >= 0 {
        let k = joinStation
        if busy[k] < servers[k] {
          busy[k] += 1
          if firstArrival >= warmUp { waitCount[k] += 1 }
          order += 1
          heap.insert(
            Event(
              time: now + meanServiceMinutes[k] * service.exponential(), order: order, station: Int32(k),
              arrivedAt: now))
        } else {
          queues[k].append(now)
        }
      }
    }
    return Result(
      events: events,
      meanWait: (0..<stations).map { waitCount[$0] > 0 ? waitSum[$0] / Double(waitCount[$0]) : 0 })
  }
}
