/// A compact binary encoding of plain values, for data that machines write and read back exactly
/// and fast (the results of a run's slices): integers as 8 bytes and doubles as their 8-byte bit
/// patterns, little-endian; an optional as a byte (0 none, 1 some) and the value; a list as its
/// count (8 bytes) and its items; fields in the order a type lists them.
package protocol FlatCodable {
  func write(to out: inout FlatWriter)
  init(from input: inout FlatReader) throws(FlatReader.Failure)
}

/// Bytes being written.
package struct FlatWriter {
  package private(set) var bytes: [UInt8] = []

  package init() {}

  package mutating func word(_ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }

  package mutating func byte(_ v: UInt8) { bytes.append(v) }

  package mutating func write<T: FlatCodable>(_ value: T) { value.write(to: &self) }
}

/// Bytes being read; every read is checked against the end.
package struct FlatReader {
  /// The bytes end early, or a count cannot be right.
  package struct Failure: Error, Sendable {
    package var offset: Int
  }

  let bytes: [UInt8]
  package private(set) var offset: Int

  package init(_ bytes: [UInt8], from offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  package var isAtEnd: Bool { offset == bytes.count }

  package mutating func word() throws(Failure) -> UInt64 {
    guard offset + 8 <= bytes.count else { throw Failure(offset: offset) }
    let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
    offset += 8
    return UInt64(littleEndian: v)
  }

  package mutating func byte() throws(Failure) -> UInt8 {
    guard offset < bytes.count else { throw Failure(offset: offset) }
    offset += 1
    return bytes[offset - 1]
  }

  /// A list's count: never more than the bytes left (each item takes at least one).
  mutating func count() throws(Failure) -> Int {
    let n = try word()
    guard n <= UInt64(bytes.count - offset) else { throw Failure(offset: offset - 8) }
    return Int(n)
  }

  package mutating func read<T: FlatCodable>(_: T.Type = T.self) throws(Failure) -> T { try T(from: &self) }
}

extension Int: FlatCodable {
  package func write(to out: inout FlatWriter) { out.word(UInt64(bitPattern: Int64(self))) }
  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    self = Int(Int64(bitPattern: try input.word()))
  }
}

extension Double: FlatCodable {
  package func write(to out: inout FlatWriter) { out.word(bitPattern) }
  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    self = Double(bitPattern: try input.word())
  }
}

extension Optional: FlatCodable where Wrapped: FlatCodable {
  package func write(to out: inout FlatWriter) {
    if let value = self {
      out.byte(1)
      value.write(to: &out)
    } else {
      out.byte(0)
    }
  }
  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    switch try input.byte() {
    case 0: self = nil
    case 1: self = try Wrapped(from: &input)
    default: throw FlatReader.Failure(offset: input.offset - 1)
    }
  }
}

extension Array: FlatCodable where Element: FlatCodable {
  package func write(to out: inout FlatWriter) {
    out.word(UInt64(count))
    for e in self { e.write(to: &out) }
  }
  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    let n = try input.count()
    var items: [Element] = []
    items.reserveCapacity(n)
    for _ in 0..<n { items.append(try Element(from: &input)) }
    self = items
  }
}

extension Range: FlatCodable where Bound == Int {
  package func write(to out: inout FlatWriter) {
    lowerBound.write(to: &out)
    upperBound.write(to: &out)
  }
  package init(from input: inout FlatReader) throws(FlatReader.Failure) {
    let lower = try Int(from: &input)
    let upper = try Int(from: &input)
    guard lower <= upper else { throw FlatReader.Failure(offset: input.offset - 16) }
    self = lower..<upper
  }
}
