import Testing

@testable import GridSim

@Suite("Text encodings of spreadsheet files")
struct TextEncodingTests {
  @Test("UTF-8, UTF-8 with a BOM and GB18030 are told apart and decoded")
  func detects() throws {
    // 网格员 in GB18030 (GBK's two-byte form), by the standard's table.
    let gbk: [UInt8] = [0xCD, 0xF8, 0xB8, 0xF1, 0xD4, 0xB1]
    #expect(try TextEncoding.decode(gbk).get() == ("网格员", .gb18030))
    #expect(try TextEncoding.decode(Array("网格员".utf8)).get() == ("网格员", .utf8))
    #expect(try TextEncoding.decode([0xEF, 0xBB, 0xBF] + Array("a,b".utf8)).get() == ("a,b", .utf8BOM))
    #expect(try TextEncoding.decode(Array("plain".utf8)).get() == ("plain", .utf8))
    // A four-byte GB18030 sequence: U+00A5 is 81 30 84 36 (the standard's first mapping range).
    #expect(try TextEncoding.decode([0x41, 0x81, 0x30, 0x84, 0x36]).get() == ("A\u{A5}", .gb18030))
    for text in ["村两委,领导小组\r\n", "😀 €", "é"] {
      let bytes = try #require(TextEncoding.gb18030.encode(text))
      #expect(try TextEncoding.decode(bytes).get().text == text)
    }
  }

  @Test("bytes that are neither give the line and byte where decoding failed")
  func undecodable() {
    // 0xFF starts no sequence in either.
    #expect(TextEncoding.firstInvalidGB18030([0x41, 0xFF]) == 1)
    // A lead byte then a byte that is no trail byte.
    #expect(TextEncoding.firstInvalidGB18030([0x81, 0x20]) == 1)
    // A four-byte sequence with a bad third and fourth byte, and one cut short.
    #expect(TextEncoding.firstInvalidGB18030([0x81, 0x30, 0x20, 0x30]) == 2)
    #expect(TextEncoding.firstInvalidGB18030([0x81, 0x30, 0x81, 0x20]) == 3)
    // The fourth byte is a digit 30-39, nothing past it (3A is ':').
    #expect(TextEncoding.firstInvalidGB18030([0x81, 0x39, 0xFE, 0x3A]) == 3)
    #expect(TextEncoding.firstInvalidGB18030([0x81, 0x39, 0xFE, 0x39]) == nil)
    #expect(TextEncoding.firstInvalidGB18030([0x41, 0x81, 0x30]) == 1)
    #expect(TextEncoding.firstInvalidGB18030([0x41, 0xCD]) == 1)
    #expect(TextEncoding.firstInvalidGB18030(Array("ascii\n".utf8)) == nil)
    let bad: [UInt8] = Array("a,b\nc,d\n".utf8) + [0xCD, 0xF8, 0x0A, 0x41, 0xFF]
    #expect(TextEncoding.decode(bad).map(\.text) == .failure(.init(bytes: bad, offset: 12)))
    guard case .failure(let problem) = TextEncoding.decode(bad) else { return }
    #expect(problem.line == 4 && problem.byte == 13)
    // A BOM promises UTF-8: what follows must be.
    guard case .failure(let afterBOM) = TextEncoding.decode([0xEF, 0xBB, 0xBF, 0x41, 0xCD, 0xF8]) else {
      Issue.record("decoded")
      return
    }
    #expect(afterBOM.byte == 5)
  }
}
