/// A parsed JSON5 value that remembers where in the source it stands.
///
/// Scenario files are read into this tree first, so that every later problem (an unknown key, a
/// value out of range) can name its line and column, and so that every key can be checked.
package struct JSON5Value: Sendable, Equatable {
  /// The kinds of JSON5 value.
  package indirect enum Kind: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, with the text it was written as (for messages).
    case number(Double, text: String)
    case string(String)
    case array([JSON5Value])
    /// Members in source order; keys are unique (duplicates are a parse error).
    case object([Member])
  }

  /// One `key: value` member of an object.
  package struct Member: Sendable, Equatable {
    /// The key, unquoted.
    package var key: String
    /// Byte offset of the key in the source.
    package var keyOffset: Int
    /// The value.
    package var value: JSON5Value
  }

  /// What the value is.
  package var kind: Kind
  /// Byte offset of the value's first character in the UTF-8 source.
  package var offset: Int

  /// A short description of the value for "found ..." in messages.
  package var summary: String {
    switch kind {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .number(_, let text): text
    case .string(let s): s.count > 40 ? "\"\(s.prefix(37))...\"" : "\"\(s)\""
    case .array(let items): "a list of \(items.count)"
    case .object: "an object"
    }
  }

  /// The member with this key, when the value is an object.
  package subscript(key: String) -> JSON5Value? {
    guard case .object(let members) = kind else { return nil }
    return members.first { $0.key == key }?.value
  }
}
