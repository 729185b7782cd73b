import Foundation
import GridSim

/// A small argument parser: subcommand options with values, flags, positionals, and messages in the
/// style of swift-argument-parser (`Error: Unknown option '--sed'. Did you mean '--seed'?`).
package struct CommandSpec: Sendable {
  /// One `--name VALUE` option or `--name` flag.
  package struct Option: Sendable {
    package var name: String
    package var valueName: String?
    package var help: String
    /// True when the option may be given more than once (its values are collected in order).
    package var repeats = false

    /// An option that takes a value.
    package static func value(_ name: String, _ valueName: String, _ help: String) -> Option {
      Option(name: name, valueName: valueName, help: help)
    }
    /// An option that takes a value and may be given more than once.
    package static func repeated(_ name: String, _ valueName: String, _ help: String) -> Option {
      Option(name: name, valueName: valueName, help: help, repeats: true)
    }
    /// A flag with no value.
    package static func flag(_ name: String, _ help: String) -> Option {
      Option(name: name, valueName: nil, help: help)
    }
  }

  package var name: String
  package var abstract: String
  /// Positional arguments as shown in the usage line, such as `SCENARIO` or `SCENARIO...`.
  package var arguments: String
  package var minimumPositionals: Int
  package var maximumPositionals: Int?
  package var options: [Option]
  /// Extra paragraphs for `--help`.
  package var discussion: String

  package init(
    name: String, abstract: String, arguments: String, minimumPositionals: Int, maximumPositionals: Int?,
    options: [Option], discussion: String = ""
  ) {
    self.name = name
    self.abstract = abstract
    self.arguments = arguments
    self.minimumPositionals = minimumPositionals
    self.maximumPositionals = maximumPositionals
    self.options = options
    self.discussion = discussion
  }

  /// `gridsim run SCENARIO [--seed S] ...`
  package var usage: String {
    var parts = ["gridsim", name]
    if !arguments.isEmpty { parts.append(arguments) }
    for o in options {
      parts.append((o.valueName.map { "[--\(o.name) \($0)]" } ?? "[--\(o.name)]") + (o.repeats ? "..." : ""))
    }
    return parts.joined(separator: " ")
  }

  /// The full help text.
  package var help: String {
    var text = "OVERVIEW: \(abstract)\n\nUSAGE: \(usage)\n"
    if !options.isEmpty {
      text += "\nOPTIONS:\n"
      let labels = options.map { o in "--\(o.name)" + (o.valueName.map { " \($0)" } ?? "") }
      let width = (labels.map(\.count).max() ?? 0) + 2
      for (label, o) in zip(labels, options) {
        text += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + o.help + "\n"
      }
      text +=
        "  " + "-h, --help".padding(toLength: width, withPad: " ", startingAt: 0) + "Show help information.\n"
    }
    if !discussion.isEmpty { text += "\n" + discussion + "\n" }
    return text
  }
}

/// The arguments of one command after parsing.
package struct ParsedArguments: Sendable {
  package var positionals: [String] = []
  package var values: [String: String] = [:]
  /// Values of repeatable options, in the order given.
  package var lists: [String: [String]] = [:]
  package var flags: Set<String> = []
  /// True when `--help` or `-h` was given.
  package var wantsHelp = false

  /// The value of an option, if given.
  package func value(_ name: String) -> String? { values[name] }

  /// Every value of a repeatable option, in order.
  package func all(_ name: String) -> [String] { lists[name] ?? [] }

  /// True when a flag was given.
  package func flag(_ name: String) -> Bool { flags.contains(name) }

  /// A whole-number option within a range.
  package func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
    guard let text = values[name] else { return nil }
    guard let n = Int(text), range.contains(n) else {
      throw UsageError(
        "The value '\(text)' of '--\(name)' is not a whole number from \(range.lowerBound) to \(range.upperBound)."
      )
    }
    return n
  }

  /// A number option within a range.
  package func number(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
    guard let text = values[name] else { return nil }
    guard let n = Double(text), n.isFinite, range.contains(n) else {
      throw UsageError(
        "The value '\(text)' of '--\(name)' is not a number from \(range.lowerBound) to \(range.upperBound).")
    }
    return n
  }

  /// One of a fixed set of words.
  package func choice(_ name: String, _ options: [String]) throws(UsageError) -> String? {
    guard let text = values[name] else { return nil }
    guard options.contains(text) else {
      let guess = Suggestion.closest(to: text, in: options).map { " Did you mean '\($0)'?" } ?? ""
      throw UsageError(
        "The value '\(text)' of '--\(name)' is not one of \(options.map { "'\($0)'" }.joined(separator: ", ")).\(guess)"
      )
    }
    return text
  }
}

/// A wrong command line: the message, and the command whose usage to show.
package struct UsageError: Error, Sendable, Equatable {
  package var message: String
  package var command: String?

  package init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }
}

extension CommandSpec {
  /// Parses the arguments that follow the command name.
  package func parse(_ arguments: [String]) throws(UsageError)
    -> ParsedArguments
  {
    var result = ParsedArguments()
    var i = 0
    var onlyPositionals = false
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
        result.positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      if argument == "--help" || argument == "-h" {
        result.wantsHelp = true
        continue
      }
      var name = String(argument.drop { $0 == "-" })
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard argument.hasPrefix("--"), let option = options.first(where: { $0.name == name }) else {
        let guess =
          Suggestion.closest(to: name, in: options.map(\.name) + ["help"]).map { " Did you mean '--\($0)'?" }
          ?? ""
        throw UsageError("Unknown option '\(argument)'.\(guess)", command: self.name)
      }
      guard let valueName = option.valueName else {
        if inlineValue != nil { throw UsageError("The flag '--\(name)' takes no value.", command: self.name) }
        result.flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if i < arguments.count {
        value = arguments[i]
        i += 1
      } else {
        throw UsageError("Missing value for '--\(name) \(valueName)'.", command: self.name)
      }
      if option.repeats {
        result.lists[name, default: []].append(value)
      } else if result.values[name] != nil {
        throw UsageError("The option '--\(name)' is given twice.", command: self.name)
      } else {
        result.values[name] = value
      }
    }
    if result.wantsHelp { return result }
    if result.positionals.count < minimumPositionals {
      // The first positional not given (`compare BASE` misses CHANGED).
      let names = self.arguments.split(separator: " ").map(String.init)
      let missing =
        names.indices.contains(result.positionals.count) ? names[result.positionals.count] : names.last
      throw UsageError("Missing expected argument '\(missing ?? "")'.", command: name)
    }
    if let maximum = maximumPositionals, result.positionals.count > maximum {
      throw UsageError("Unexpected argument '\(result.positionals[maximum])'.", command: name)
    }
    return result
  }
}
