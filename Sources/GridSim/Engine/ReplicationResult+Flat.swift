/// The flat encoding of one replication's results (``FlatCodable``), for the slices of a run that
/// `gridsim merge` reads back: every stored property, in the order declared. A test counts the
/// stored properties, so that one added later cannot be left out.
extension ReplicationResult: FlatCodable {
  /// The number of stored properties written.
  static let flatFieldCount = 29

  package func write(to out: inout FlatWriter) {
    out.write(tierCount)
    out.write(categoryCount)
    out.write(metrics)
    out.write(counts)
    out.write(utilization)
    out.write(roleShare)
    out.write(roleUtilization)
    out.write(openAtEnd)
    out.write(events)
    out.write(unitNamed)
    out.write(dailyArrivals)
    out.write(dailyDone)
    out.write(dailyBacklog)
    out.write(dailyUtilization)
    out.write(dailyBusy)
    out.write(dailyOnDuty)
    out.write(dailyOnTime)
    out.write(responseBins)
    out.write(firstMeasuredDay)
    out.write(segmentCount)
    out.write(segmentMetrics)
    out.write(segmentCounts)
    out.write(dayMetrics)
    out.write(dayCounts)
    out.write(measuredDays)
    out.write(severityMetrics)
    out.write(severityCounts)
    out.write(channelDetection)
    out.write(channelResponse)
  }

  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    tierCount = try input.read()
    categoryCount = try input.read()
    metrics = try input.read()
    counts = try input.read()
    utilization = try input.read()
    roleShare = try input.read()
    roleUtilization = try input.read()
    openAtEnd = try input.read()
    events = try input.read()
    unitNamed = try input.read()
    dailyArrivals = try input.read()
    dailyDone = try input.read()
    dailyBacklog = try input.read()
    dailyUtilization = try input.read()
    dailyBusy = try input.read()
    dailyOnDuty = try input.read()
    dailyOnTime = try input.read()
    responseBins = try input.read()
    firstMeasuredDay = try input.read()
    segmentCount = try input.read()
    segmentMetrics = try input.read()
    segmentCounts = try input.read()
    dayMetrics = try input.read()
    dayCounts = try input.read()
    measuredDays = try input.read()
    severityMetrics = try input.read()
    severityCounts = try input.read()
    channelDetection = try input.read()
    channelResponse = try input.read()
  }
}

extension MetricSummary: FlatCodable {
  package func write(to out: inout FlatWriter) {
    out.write(count)
    out.write(mean)
    out.write(p50)
    out.write(p90)
    out.write(p95)
    out.write(max)
  }

  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    count = try input.read()
    mean = try input.read()
    p50 = try input.read()
    p90 = try input.read()
    p95 = try input.read()
    max = try input.read()
  }
}

extension OnTimeCounts: FlatCodable {
  package func write(to out: inout FlatWriter) {
    out.write(responseMet)
    out.write(responseMissed)
    out.write(resolutionMet)
    out.write(resolutionMissed)
    out.write(dutyResponseMet)
    out.write(dutyResponseMissed)
  }

  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    self.init()
    responseMet = try input.read()
    responseMissed = try input.read()
    resolutionMet = try input.read()
    resolutionMissed = try input.read()
    dutyResponseMet = try input.read()
    dutyResponseMissed = try input.read()
  }
}
