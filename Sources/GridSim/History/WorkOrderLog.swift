/// A work-order log (工单) exported by a township's 12345 or grid platform, read against a
/// scenario: each row one item, as a ledger entry (times in minutes from the scenario's start), so
/// that the log and the simulation are measured by the same code.
///
/// Columns are recognised by their headers, in English (the columns of gridsim's own `ledger.csv`)
/// or Chinese (`工单编号`, `受理时间`, `所属网格`, `网格员签收时间`, ...); see `Scenarios/README.md`,
/// "Work-order logs". Missing columns are allowed; rows that cannot be used are listed with their
/// line and reason, never dropped silently.
package struct WorkOrderLog: Sendable {
  package var path: String
  package var encoding: TextEncoding
  /// The items of the rows used, in file order.
  package var entries: [Ledger.Entry] = []
  /// The line of each entry.
  package var lines: [Int] = []
  /// Data rows in the file (blank lines not counted).
  package var rows = 0
  /// The rows not used, each with its line and why (warnings: the rest of the log is used).
  package var problems: [Diagnostic] = []
  /// How many problems there were in all (``problems`` is capped).
  package var problemCount = 0
  /// The columns recognised, as named in the file.
  package var columns: [String] = []
  /// Warnings about the log's columns (a mapped column that gridsim would have read as another
  /// field, which is then not read).
  package var notes: [Diagnostic] = []
  /// What the log does not say, and what was assumed instead.
  package var defaulted: [String] = []
  /// True when the log has per-tier visit times (arrived, picked up, answered, left).
  package var hasVisits = false
  /// The fields the log's columns hold.
  var fieldsRead: Set<Field> = []

  /// The largest log read: 256 MiB (about a million rows).
  package static let maximumSize = 256 << 20

  /// What a column holds.
  enum Field: Hashable {
    case id, appeared, detected, channel, category, severity, grid, closed, measured
    case responseMissed, resolutionMissed, followUp
    case tier(Int, TierField)
  }

  enum TierField: Hashable, CaseIterable {
    case unit, arrived, started, responded, left, outcome, responseDue, resolutionDue
  }

  /// Header names (normalised: lower case, no spaces, `_`, `-` or brackets) for each field.
  static let names: [(Field, [String])] = [
    (.id, ["item", "id", "工单编号", "工单号", "编号"]),
    (.appeared, ["appeared", "发现时间", "发生时间"]),
    (.detected, ["detected", "created", "受理时间", "创建时间", "登记时间"]),
    (.channel, ["channel", "来源渠道", "渠道", "来源"]),
    (.category, ["category", "诉求类别", "类别", "问题类型"]),
    (.severity, ["severity", "严重程度", "等级", "紧急程度"]),
    (.grid, ["grid", "所属网格", "网格"]),
    (.closed, ["closed", "办结时间", "结案时间"]),
    (.measured, ["measured", "计入统计"]),
    (.responseMissed, ["responsedeadlinemissed", "回复超时"]),
    (.resolutionMissed, ["resolutiondeadlinemissed", "办结超时"]),
    (.followUp, ["followup", "追加"]),
  ]

  /// Per-tier column suffixes, after the tier's id or name.
  static let tierNames: [(TierField, [String])] = [
    (.unit, ["unit", "单位"]),
    (.arrived, ["arrived", "派单时间", "转办时间", "到达时间"]),
    (.started, ["started", "签收时间"]),
    (.responded, ["responded", "首次回复时间", "回复时间"]),
    (.left, ["left", "离开时间", "办结时间", "上报时间"]),
    (.outcome, ["outcome", "去向", "处理结果"]),
    (.responseDue, ["responsedue", "回复时限"]),
    (.resolutionDue, ["resolutiondue", "办结时限"]),
  ]

  /// How an item left a tier, in English (the ledger's words) or Chinese.
  static let outcomes: [String: Ledger.Outcome] = [
    "closed": .closed, "办结": .closed, "结案": .closed,
    "authority": .authority, "上报": .authority, "超出权限": .authority,
    "referral": .referral, "转办": .referral,
    "deadline": .deadline, "超时督办": .deadline, "督办": .deadline,
    "worsened": .worsened, "舆情升级": .worsened,
    "reopened": .reopened, "重办": .reopened, "退回": .reopened,
  ]

  static func normalised(_ header: String) -> String {
    String(
      header.lowercased().unicodeScalars.filter {
        !" _-()（）\t".unicodeScalars.contains($0)
      }.map(Character.init))
  }

  /// The field each column holds (nil: not recognised).
  static func fields(_ header: [String], scenario: Scenario, mapping: Mapping = Mapping()) -> [Field?] {
    var lookup: [String: Field] = [:]
    for (field, list) in names { for n in list { lookup[normalised(n)] = field } }
    for (t, tier) in scenario.tiers.enumerated() {
      for prefix in Set([normalised(tier.id), normalised(tier.name)]) {
        for (field, list) in tierNames { for n in list { lookup[prefix + normalised(n)] = .tier(t, field) } }
      }
    }
    // A mapped field is its header's alone: the recognised names give way.
    let mapped = Set(mapping.columns.map(\.field))
    lookup = lookup.filter { !mapped.contains($0.value) }
    for m in mapping.columns { lookup[normalised(m.header)] = m.field }
    var seen: Set<Field> = []
    return header.map { name in
      guard let field = lookup[normalised(name)], seen.insert(field).inserted else { return nil }
      return field
    }
  }
}
