import Foundation
import GridSim
import Testing

@Suite("JSON5 parser")
struct JSON5ParserTests {
  @Test("reads every JSON5 feature")
  func features() throws {
    let text = """
      // comment
      { unquoted: 1, 'single': 'it\\'s', "double": "a\\u0041\\x41", trailing: [1, 2,], /* block */
        hex: 0x1F, lead: .5, trail: 5., plus: +3, exp: 1e3, neg: -Infinity, 中文键: "网格员",
        nested: { t: true, f: false, n: null }, }
      """
    let value = try JSON5Parser.parse(text)
    #expect(value["unquoted"]?.kind == .number(1, text: "1"))
    #expect(value["single"]?.kind == .string("it's"))
    #expect(value["double"]?.kind == .string("aAA"))
    #expect(value["hex"]?.kind == .number(31, text: "0x1F"))
    #expect(value["lead"]?.kind == .number(0.5, text: ".5"))
    #expect(value["trail"]?.kind == .number(5, text: "5."))
    #expect(value["plus"]?.kind == .number(3, text: "+3"))
    #expect(value["exp"]?.kind == .number(1000, text: "1e3"))
    #expect(value["neg"]?.kind == .number(-.infinity, text: "-Infinity"))
    #expect(value["中文键"]?.kind == .string("网格员"))
    #expect(value["nested"]?["t"]?.kind == .bool(true))
    #expect(value["nested"]?["n"]?.kind == .null)
    if case .array(let items)? = value["trailing"]?.kind {
      #expect(items.count == 2)
    } else {
      Issue.record("not a list")
    }
  }

  @Test(
    "syntax errors name the place and what was found",
    arguments: [
      ("{ a: 1,, }", 1, 8, "expected a key or '}', found ', }'"),
      ("{\n  a: 1\n  b: 2 }", 3, 3, "expected ',' or '}' after the value of 'a', found 'b: 2 }'"),
      ("{ a: 1, a: 2 }", 1, 9, "the key 'a' appears twice in the same object"),
      ("{ a: \"open }", 1, 6, "this string is not closed"),
      ("{ a: 12abc }", 1, 6, "expected a number, found '12abc }'"),
      ("{ a: 1 } x", 1, 10, "expected the end of the file after the top-level value, found 'x'"),
      ("", 1, 1, "expected a value, found the end of the file"),
      ("{ /* open", 1, 3, "this comment is not closed"),
    ])
  func syntaxErrors(text: String, line: Int, column: Int, message: String) {
    do {
      _ = try JSON5Parser.parse(text)
      Issue.record("parsed: \(text)")
    } catch {
      let position = SourceFile(path: "x", text: text).position(ofOffset: error.offset)
      #expect(position.line == line)
      #expect(position.column == column)
      #expect(error.message.hasPrefix(message), "\(error.message)")
    }
  }

  @Test("refuses nesting deeper than the limit instead of overflowing the stack")
  func deepNesting() {
    let deep = String(repeating: "[", count: 100_000)
    #expect(throws: JSON5Parser.SyntaxError.self) { try JSON5Parser.parse(deep) }
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect((try? JSON5Parser.parse(ok)) != nil)
  }

  @Test("never traps on random input (2,000 seeded byte strings)")
  func randomBytes() {
    var rng = RandomStream(seed: 7, replication: 0, purpose: .arrivals)
    let alphabet = Array("{}[]:,'\"\\/*-+.0123456789eExXabnulltrueInfinityNaN \n\t中".utf8)
    for _ in 0..<2_000 {
      let length = Int(rng.next() % 60)
      let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      _ = try? JSON5Parser.parse(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// A JSON value decoded by Foundation, for comparing the two parsers.
  enum Plain: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([Plain]), object([String: Plain])
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .null
      } else if let b = try? c.decode(Bool.self) {
        self = .bool(b)
      } else if let n = try? c.decode(Double.self) {
        self = .number(n)
      } else if let s = try? c.decode(String.self) {
        self = .string(s)
      } else if let a = try? c.decode([Plain].self) {
        self = .array(a)
      } else {
        self = .object(try c.decode([String: Plain].self))
      }
    }
    init(_ v: JSON5Value) {
      switch v.kind {
      case .null: self = .null
      case .bool(let b): self = .bool(b)
      case .number(let n, _): self = .number(n)
      case .string(let s): self = .string(s)
      case .array(let items): self = .array(items.map(Plain.init))
      case .object(let members):
        self = .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, Plain($0.value)) }))
      }
    }
  }

  @Test("agrees with JSONDecoder.allowsJSON5 on every shipped scenario")
  func agreesWithFoundation() throws {
    let folder = repositoryRoot.appendingPathComponent("Scenarios")
    let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter {
      $0.hasSuffix(".json5")
    }
    #expect(files.count >= 3)
    for file in files {
      let data = try Data(contentsOf: folder.appendingPathComponent(file))
      let decoder = JSONDecoder()
      decoder.allowsJSON5 = true
      let foundation = try decoder.decode(Plain.self, from: data)
      let ours = Plain(try JSON5Parser.parse(String(decoding: data, as: UTF8.self)))
      #expect(ours == foundation, "\(file)")
    }
  }
}
