/// `gridsim init`: a township's first scenario, written as commented text that a new user edits,
/// with a roster file and a short README. Every figure is marked as ours, to be changed.
package enum Starter {
  package struct Options: Sendable {
    package var villages = 6
    package var gridsPerVillage = 4
    /// A built-in policy preset (`Scenarios/policies/`).
    package var preset = "park-procedure"
    package var language = Scenario.Language.zh

    package init() {}
  }

  /// The built-in presets a starter may name.
  package static var presets: [String] { BuiltInPresets.texts.keys.sorted() }

  /// `scenario.json5`, `roster.csv`, `people.csv` and `README.md`.
  package static func files(_ o: Options) -> [(name: String, text: String)] {
    [
      ("scenario.json5", scenario(o)), ("roster.csv", roster()), ("people.csv", people(o)),
      ("README.md", readme(o)),
    ]
  }

  /// A people file for `gridsim roster` (值班表): the header and a row per kind of person, to be
  /// replaced by the township's own.
  static func people(_ o: Options) -> String {
    if o.language == .zh {
      return """
        编号,姓名,单位,角色,岗位类别,电话,请假日期,不值班次,去年难值日,希望值班,尽量不排
        Z001,示例领导,本镇,带班领导,公务员,13900000001,,,除夕,,
        Z002,示例干部,本镇,值班人员,公务员,13900000002,2026-10-01~2026-10-03,,,2026-10-06~2026-10-07,
        Z003,示例协管员,本镇,值班人员,聘用人员,13900000003,,,,,2026-10-01
        C001,示例村干部,1村,值班人员,村干部,13900000004,,,,,

        """
    }
    return """
      id,name,unit,role,post,phone,unavailable,not-shifts,last-year-hard-days,prefers,rather-not
      Z001,Example leader,Our township,leader,civil-servant,13900000001,,,1,,
      Z002,Example cadre,Our township,staff,civil-servant,13900000002,2026-10-01~2026-10-03,,,2026-10-06~2026-10-07,
      Z003,Example hired staff,Our township,staff,hired,13900000003,,,,,2026-10-01
      C001,Example village cadre,Village 1,staff,village-cadre,13900000004,,,,,

      """
  }

  static func scenario(_ o: Options) -> String {
    let zh = o.language == .zh
    func t(_ en: String, _ cn: String) -> String { zh ? cn : en }
    let township = t("Our township", "本镇")
    let village = t("Village {n}", "{n}村")
    let grid = t("{parent} grid {n}", "{parent}第{n}网格")
    return """
      // \(t("A township's first scenario, written by 'gridsim init'.", "乡镇的第一个情景，由 gridsim init 生成。"))
      // \(t("Every figure marked OURS is a starting guess: change it to your township's.", "标有“示例”的数字都是初始猜测，请改成本镇的实际情况。"))
      // \(t("The format: Scenarios/README.md in the gridsim repository.", "格式说明见 gridsim 仓库的 Scenarios/README.md。"))
      {
        version: 1,
        name: "\(t("Our township, National Day 2026", "本镇 2026 年国庆"))",
        language: "\(o.language.rawValue)",
        // \(t("Late September to mid October: the holiday, with a week before it to warm up.", "9 月下旬到 10 月中旬：假期，以及之前一周的预热期。"))
        period: { start: "2026-09-21T00:00", end: "2026-10-19T00:00", warmUp: "7 days" },
        seed: 1,
        replications: 10,

        demand: {
          perGridPerDay: 1.5,  // \(t("OURS: items a grid sees on an ordinary day", "示例：一个网格平常每天的事项数"))
          hourOfDay: [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.6, 2.0, 2.0, 1.6,
                      1.0, 1.2, 1.6, 1.9, 1.9, 1.6, 1.0, 0.8, 0.6, 0.4, 0.2, 0.15],  // \(t("OURS", "示例"))
          channels: [
            { id: "patrol", name: "\(t("grid patrol", "网格巡查"))", share: 0.75 },  // \(t("OURS", "示例"))
            { id: "online", name: "\(t("online messages", "网络留言"))", share: 0.25,
              // \(t("OURS: when someone reads the online channel", "示例：何时查看网络留言"))
              monitoring: { workday: ["08:30", "11:00", "14:30", "17:00"], weekend: ["10:00"] } },
          ],
          severities: [
            { id: "routine", name: "\(t("routine", "一般"))", share: 0.85 },  // \(t("OURS", "示例"))
            { id: "serious", name: "\(t("serious", "较大"))", share: 0.12 },
            { id: "major", name: "\(t("major", "重大"))", share: 0.03 },
          ],
          categories: [
            { id: "consultation", name: "\(t("consultation", "咨询"))", share: 0.3 },  // \(t("OURS", "示例"))
            { id: "complaint", name: "\(t("complaint", "投诉"))", share: 0.25 },
            { id: "resolution", name: "\(t("request", "求决"))", share: 0.28 },
            { id: "suggestion", name: "\(t("suggestion", "建议"))", share: 0.07 },
            { id: "negative-opinion", name: "\(t("negative opinion", "负面舆情"))", share: 0.07 },
            { id: "emergency", name: "\(t("emergency", "突发事件"))", share: 0.03,
              severities: { serious: 0.5, major: 0.5 } },
          ],
          // \(t("Emergencies go straight to the leadership group.", "突发事件直接报领导小组。"))
          entry: [{ category: "emergency", tier: "leadership" }],
        },

        tiers: [
          {
            id: "grid", name: "\(t("grid workers", "网格员"))",
            response: { triangular: ["5 min", "15 min", "1 h"] },  // \(t("OURS: time to the first answer", "示例：首次答复用时"))
            handling: { lognormal: { mean: "45 min", sd: "30 min" } },  // \(t("OURS: time to deal with it", "示例：办理用时"))
            passUp: 0.1,  // \(t("OURS: share passed up though the grid could close it", "示例：可办结但仍上交的比例"))
            authority: { categories: ["consultation", "complaint", "suggestion"], maxSeverity: "routine" },
            deadlines: { response: "same day", resolution: "2 working days" },  // \(t("your rule", "本地规定"))
            roster: {
              shifts: [{ name: "patrol", title: "巡查", start: "08:00", end: "18:00",
                         staff: { workday: "100%", "makeup-workday": "100%", weekend: "50%", holiday: "50%" } }],
            },
          },
          {
            id: "village", name: "\(t("village committees", "村两委"))",
            response: { triangular: ["10 min", "30 min", "2 h"] },  // \(t("OURS", "示例"))
            handling: { lognormal: { mean: "3 h", sd: "2 h" } },  // \(t("OURS", "示例"))
            passUp: 0.1,
            authority: { maxSeverity: "serious" },
            deadlines: { response: "1 working day", resolution: "3 working days" },  // \(t("your rule", "本地规定"))
            roster: {
              shifts: [
                { name: "office", title: "办公", start: "08:30", end: "17:30", days: ["workday", "makeup-workday"], staff: "100%" },
                { name: "duty", title: "值班", start: "08:30", end: "17:30", days: ["weekend", "holiday"], staff: 1 },  // \(t("OURS", "示例"))
              ],
            },
          },
          {
            id: "leadership", name: "\(t("leadership group", "领导小组"))",
            response: { triangular: ["15 min", "1 h", "4 h"] },  // \(t("OURS", "示例"))
            handling: { lognormal: { mean: "4 h", sd: "3 h" } },  // \(t("OURS", "示例"))
            deadlines: { response: "1 working day", resolution: "5 working days" },  // \(t("your rule", "本地规定"))
            roster: {
              shifts: [
                { name: "office", title: "办公", start: "08:30", end: "17:30", days: ["workday", "makeup-workday"], staff: "100%" },
                { name: "duty", title: "值班", start: "08:30", end: "17:30", days: ["weekend", "holiday"], staff: 2 },  // \(t("OURS; roster.csv changes it", "示例；roster.csv 可改"))
              ],
            },
          },
        ],

        // \(t("The rules around deadlines: a built-in preset (gridsim init --preset NAME).", "时限之外的规则：内置预案（gridsim init --preset 名称）。"))
        policy: { preset: "\(o.preset)" },

        windows: [
          // \(t("OURS: online posts double and a third of the staff are on leave over the holiday.", "示例：假期网络留言翻倍，三分之一人员休假。"))
          { name: "national-day", from: "2026-09-30", to: "2026-10-08", arrivals: { online: 2.0 }, staff: 0.67 },
        ],
        // \(t("Holiday duty by date or day kind; edit it in a spreadsheet.", "按日期或日类型的值班安排，可用表格软件编辑。"))
        rosterFiles: ["roster.csv"],

        // \(t("What 'gridsim check' judges. OURS: your targets.", "gridsim check 判断的目标。示例：请改成本镇的目标。"))
        targets: [
          { name: "\(t("on-time first response over the holiday", "假期首次响应按时率"))", metric: "responseOnTime", window: "national-day", atLeast: "90%" },
          { name: "\(t("on-time resolution over the holiday", "假期办结按时率"))", metric: "resolutionOnTime", window: "national-day", atLeast: "90%" },
        ],

        // \(t("What 'gridsim plan' decides: the least holiday duty that meets the targets.", "gridsim plan 的决策：满足目标的最少假期值班人数。"))
        plan: {
          window: "national-day", tiers: ["village", "leadership"], min: 1, max: { village: 4, leadership: 8 },
          judge: "window",  // \(t("the targets over the whole holiday (\"day\": each day)", "按整个假期判断目标（\"day\"：逐日判断）"))
        },

        // \(t("OURS: \(o.villages) villages of \(o.gridsPerVillage) grids; staff per unit.", "示例：\(o.villages) 个村，每村 \(o.gridsPerVillage) 个网格；各单位人数。"))
        organization: {
          name: "\(township)", staff: 12,
          children: {
            count: \(o.villages), name: "\(village)", staff: 5,
            children: { count: \(o.gridsPerVillage), name: "\(grid)", staff: 1 },
          },
        },
      }

      """
  }

  static func roster() -> String {
    """
    when,unit,shift,staff
    holiday,leadership,duty,2
    2026-10-01,leadership,duty,3
    holiday,village,duty,1

    """
  }

  static func readme(_ o: Options) -> String {
    if o.language == .zh {
      return """
        # 本镇情景

        由 `gridsim init` 生成。标有“示例”的数字都是猜测，请先改：

        1. `scenario.json5` 的 `organization`：村、网格和各单位人数；
        2. `demand.perGridPerDay`：一个网格平常每天的事项数（可用去年的工单数除以网格数和天数）；
        3. 各层级的 `deadlines`：本地规定的响应和办结时限；
        4. `targets`：要达到的按时率；
        5. `roster.csv`：假期值班（`when,unit,shift,staff`，可用 Excel 或 WPS 编辑）；
        6. `people.csv`：值班人员名单（示例行，换成本镇的人），`gridsim roster scenario.json5 --people people.csv` 据此排出值班表。

        然后：

        ```sh
        gridsim validate scenario.json5   # 检查，列出所有问题
        gridsim run scenario.json5        # 模拟，打印各项指标
        gridsim check scenario.json5      # 判断目标是否达到（未达到时退出码为 1）
        gridsim plan scenario.json5       # 求满足目标的最少假期值班人数
        ```

        """
    }
    return """
      # Our township's scenario

      Written by `gridsim init`. Every figure marked OURS is a guess: change these first:

      1. `organization` in `scenario.json5`: villages, grids and the staff of each unit;
      2. `demand.perGridPerDay`: items a grid sees on an ordinary day (last year's work orders over
         grids and days);
      3. each tier's `deadlines`: your rules for the first response and the resolution;
      4. `targets`: the on-time rates you must meet;
      5. `roster.csv`: holiday duty (`when,unit,shift,staff`; edit it in a spreadsheet);
      6. `people.csv`: the people on duty (example rows: replace them with yours), from which
         `gridsim roster scenario.json5 --people people.csv` writes the named duty roster.

      Then:

      ```sh
      gridsim validate scenario.json5   # every problem, at once
      gridsim run scenario.json5        # simulate and print the measures
      gridsim check scenario.json5      # judge the targets (exit 1 when one is missed)
      gridsim plan scenario.json5       # the least holiday duty that meets the targets
      ```

      """
  }
}
