/// Shell completion scripts (bash, zsh, fish) and a man page, generated from the same command
/// descriptions as `--help`, so that they cannot drift from the options gridsim takes.
enum Completions {
  /// Every command's description; `drill` as its subcommands (`drill script`, ...).
  static var specs: [CommandSpec] { Commands.specs }

  /// The commands with subcommands, and those subcommands' words.
  static var parents: [(name: String, words: [String])] {
    Commands.all.filter { !$0.subcommands.isEmpty }.map { ($0.spec.name, $0.subcommandWords) }
  }

  /// The values an option takes, when its value name lists them (`text|json`).
  static func choices(_ option: CommandSpec.Option) -> [String]? {
    guard let name = option.valueName, name.contains("|"), !name.contains(" ") else { return nil }
    let parts = name.split(separator: "|").map(String.init)
    return parts.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } } ? parts : nil
  }

  static let shells = ["bash", "zsh", "fish"]

  static func script(_ shell: String) -> String? {
    switch shell {
    case "bash": bash
    case "zsh": zsh
    case "fish": fish
    default: nil
    }
  }

  /// The command's words after `gridsim`: `run`, or `drill script`.
  static func words(_ spec: CommandSpec) -> [Substring] { spec.name.split(separator: " ") }

  // MARK: bash

  static var bash: String {
    let top =
      Commands.all.map(\.spec.name) + [
        "--help", "--version", "--generate-completion-script", "--generate-manual",
      ]
    var out = """
      # bash completion for gridsim (gridsim --generate-completion-script bash)
      _gridsim() {
        local cur prev opts sub
        cur="${COMP_WORDS[COMP_CWORD]}"
        prev="${COMP_WORDS[COMP_CWORD-1]}"
        if [ "$COMP_CWORD" -eq 2 ] && [ "$prev" = --generate-completion-script ]; then
          COMPREPLY=($(compgen -W "\(shells.joined(separator: " "))" -- "$cur"))
          return
        fi
        if [ "$COMP_CWORD" -eq 1 ]; then
          COMPREPLY=($(compgen -W "\(top.joined(separator: " "))" -- "$cur"))
          return
        fi
        sub="${COMP_WORDS[1]}"
      \(parents.map { parent in """
        if [ "$sub" = \(parent.name) ]; then
          if [ "$COMP_CWORD" -eq 2 ]; then
            COMPREPLY=($(compgen -W "\(parent.words.joined(separator: " "))" -- "$cur"))
            return
          fi
          sub="\(parent.name) ${COMP_WORDS[2]}"
        fi
      """ }.joined(separator: "\n"))
        case "$prev" in

      """
    // One branch per option and its values, for every command that takes it.
    var branches: [(option: String, values: [String], commands: [String])] = []
    for spec in specs {
      for o in spec.options {
        guard let values = choices(o) else { continue }
        let command = spec.name.replacingOccurrences(of: " ", with: "\\ ")
        if let i = branches.firstIndex(where: { $0.option == o.name && $0.values == values }) {
          branches[i].commands.append(command)
        } else {
          branches.append((o.name, values, [command]))
        }
      }
    }
    var byOption: [(option: String, cases: [String])] = []
    for b in branches {
      let line =
        "\(b.commands.joined(separator: "|"))) COMPREPLY=($(compgen -W \"\(b.values.joined(separator: " "))\" -- \"$cur\")); return;;"
      if let i = byOption.firstIndex(where: { $0.option == b.option }) {
        byOption[i].cases.append(line)
      } else {
        byOption.append((b.option, [line]))
      }
    }
    for o in byOption {
      out += "    --\(o.option)) case \"$sub\" in \(o.cases.joined(separator: " ")) esac;;\n"
    }
    out += """
        esac
        case "$sub" in

      """
    for spec in specs {
      let options = spec.options.map { "--\($0.name)" } + ["--help"]
      out +=
        "    \(spec.name.replacingOccurrences(of: " ", with: "\\ "))) opts=\"\(options.joined(separator: " "))\";;\n"
    }
    out += """
          *) opts="--help";;
        esac
        if [[ "$cur" == -* ]]; then
          COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        else
          # One file name a line: names with spaces stay whole.
          local IFS=$'\\n'
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
      }
      complete -o filenames -F _gridsim gridsim

      """
    return out
  }

  // MARK: zsh

  static func zshQuote(_ s: String) -> String {
    s.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "[", with: "(")
      .replacingOccurrences(of: "]", with: ")").replacingOccurrences(of: ":", with: "\\:")
  }

  static var zsh: String {
    var out = """
      #compdef gridsim
      # zsh completion for gridsim (gridsim --generate-completion-script zsh)
      _gridsim() {
        local -a commands
        commands=(

      """
    for c in Commands.all { out += "    '\(c.spec.name):\(zshQuote(c.spec.abstract))'\n" }
    out += """
        )
        if (( CURRENT == 2 )); then
          _describe 'command' commands
          return
        fi
        local sub=$words[2]
      \(parents.map { parent in """
        if [[ $sub == \(parent.name) ]]; then
          if (( CURRENT == 3 )); then
            _values 'subcommand' \(parent.words.joined(separator: " "))
            return
          fi
          sub="\(parent.name) $words[3]"
        fi
      """ }.joined(separator: "\n"))
        case $sub in

      """
    for spec in specs {
      out += "    '\(spec.name)')\n      _arguments \\\n"
      for o in spec.options {
        let help = zshQuote(o.help)
        let value: String
        if let choices = choices(o) {
          value = ":\(o.valueName!):(\(choices.joined(separator: " ")))"
        } else if let name = o.valueName {
          value = name.contains("FILE") || name.contains("DIR") ? ":\(name):_files" : ":\(name): "
        } else {
          value = ""
        }
        out += "        '\(o.repeats ? "*" : "")--\(o.name)[\(help)]\(value)' \\\n"
      }
      out += "        '--help[Show help information.]' \\\n        '*:file:_files'\n      ;;\n"
    }
    out += """
        esac
      }
      _gridsim "$@"

      """
    return out
  }

  // MARK: fish

  static func fishQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
  }

  static var fish: String {
    var out = """
      # fish completion for gridsim (gridsim --generate-completion-script fish)
      complete -c gridsim -f
      complete -c gridsim -n __fish_use_subcommand -l help -d 'Show help information.'
      complete -c gridsim -n __fish_use_subcommand -l version -d 'Show the version.'

      """
    for c in Commands.all {
      out +=
        "complete -c gridsim -n __fish_use_subcommand -a \(c.spec.name) -d \(fishQuote(c.spec.abstract))\n"
    }
    for parent in parents {
      for sub in parent.words {
        out +=
          "complete -c gridsim -n '__fish_seen_subcommand_from \(parent.name); and not __fish_seen_subcommand_from \(parent.words.joined(separator: " "))' -a \(sub)\n"
      }
    }
    for spec in specs {
      let w = words(spec)
      let condition =
        w.count == 1
        ? "__fish_seen_subcommand_from \(w[0])"
        : "__fish_seen_subcommand_from \(w[0]); and __fish_seen_subcommand_from \(w[1])"
      out += "complete -c gridsim -n '\(condition)' -F\n"
      for o in spec.options {
        var line = "complete -c gridsim -n '\(condition)' -l \(o.name)"
        if let values = choices(o) {
          line += " -x -a '\(values.joined(separator: " "))'"
        } else if o.valueName != nil {
          line += " -r"
        }
        out += line + " -d \(fishQuote(o.help))\n"
      }
    }
    return out
  }

  // MARK: man page

  static func roff(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
      .split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
      }.joined(separator: "\n")
  }

  /// `gridsim.1`, in roff (`man ./gridsim.1`).
  static var manual: String {
    var out = """
      .TH GRIDSIM 1 "" "\(GridSimCommand.version)" "User Commands"
      .SH NAME
      gridsim \\- simulate and staff a township's three\\-tier grid (grid workers, village committees, the leadership group)
      .SH SYNOPSIS
      .B gridsim
      .I command
      [\\fIoptions\\fR]
      .SH DESCRIPTION
      gridsim reads scenario files, runs discrete\\-event simulations of how citizen issues and online
      opinion move up the tiers under deadlines on China's working calendar, and measures response
      times, deadline compliance and load; it plans holiday staffing, runs drills and gates policy
      changes in CI.
      .SH COMMANDS

      """
    for spec in specs {
      out += ".SS \"\(roff(spec.usage))\"\n\(roff(spec.abstract))\n"
      for o in spec.options {
        out +=
          ".TP\n.B \\-\\-\(roff(o.name))\(o.valueName.map { " \\fI\(roff($0))\\fR" } ?? "")\n\(roff(o.help))\n"
      }
      if !spec.discussion.isEmpty { out += ".PP\n.nf\n\(roff(spec.discussion))\n.fi\n" }
    }
    out += """
      .SH EXIT STATUS
      0 success; 1 a target missed (or a drill's pass criteria); 64 usage error; 65 invalid scenario,
      pack or log; 66 input not found or unreadable; 70 internal error; 73 output cannot be written.
      .SH SEE ALSO
      README.md, Scenarios/README.md and Reports/README.md in the gridsim repository.

      """
    return out
  }
}
