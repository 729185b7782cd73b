// The built-in policy presets, found by name from any folder (`preset: "park-procedure"`).
//
// Generated from Scenarios/policies/*.json5, which stay the readable copies: `PresetTests` fails
// when the two differ, and `GRIDSIM_RECORD=1 swift test --filter PresetTests` writes this file
// again from them.

/// The presets' texts by name (the file name without `.json5`).
enum BuiltInPresets {
  static let texts: [String: String] = [
    "bureau-supervision": ##"""
    // A bureau's 12345 supervision: a reminder before the deadline, a callback the day after closure,
    // and the item redone when the citizen is not satisfied (DOMAIN.md, "Public rules"). Beijing's
    // 12345 reports 96.9% satisfaction (2024): we take 5% unsatisfied, rising 10 points per day late.
    {
      name: "Bureau 12345 supervision",
      source: "a bureau's 12345 supervision rules (reminder before the deadline; callback; redo when unsatisfied); Beijing 12345 satisfaction 2024",
      supervision: { reminders: [0.75] },
      callback: { unsatisfied: 0.05, perDayLate: 0.1, reopenAt: "same", maxReopenings: 2 },
    }
    """##,
    "feng-county-grid": ##"""
    // Feng County (Shaanxi) grid fast-handling: on the spot or the same day; otherwise explain and
    // solve in 2-3 days; key or difficult items 7 days; at most 15 days with approval (DOMAIN.md,
    // "Public rules"). We read "2-3 days" as 3 days and the approved maximum as the extension limit;
    // the chance an extension is asked for (10%) is ours.
    {
      name: "Feng County grid fast-handling",
      source: "Feng County (Shaanxi) grid rules: same day; else 2-3 days; key items 7 days; at most 15 days with approval",
      deadlines: {
        response: "same day",
        resolution: "3 days",
        extension: { probability: 0.1, limit: "15 days" },
      },
    }
    """##,
    "guangdong-12345": ##"""
    // Guangdong's 12345 hotline rules: an inquiry is answered within 2 working days, a request for
    // help or a suggestion within 10, a complaint or report within 15 (DOMAIN.md, "Public rules").
    // Mapped to the categories of Scenarios/township-baseline.json5: consultation = inquiry,
    // resolution and suggestion = help/suggestion, complaint = complaint/report.
    {
      name: "Guangdong 12345 hotline",
      source: "Guangdong provincial 12345 hotline rules: inquiry 2 working days; help/suggestion 10; complaint/report 15",
      categories: {
        consultation: { deadlines: { resolution: "2 working days" } },
        resolution: { deadlines: { resolution: "10 working days" } },
        suggestion: { deadlines: { resolution: "10 working days" } },
        complaint: { deadlines: { resolution: "15 working days" } },
      },
    }
    """##,
    "park-procedure": ##"""
    // The online-message procedure of one industrial park (seed 001, ../shared/seeds/): accept and
    // register at once, a leader assigns, the departments handle and report in writing within 3 days,
    // the office supervises (督办), a leader approves the reply, the reply is posted within 3 days of
    // the report, an extension may not exceed 5 days, and units that miss the deadline without reply
    // or explanation are publicly named (通报).
    //
    // Figures that are ours, not the source's: the chance an extension is asked for (10%), the
    // reminders at half and three quarters of the time, and the callback figures.
    {
      name: "Park online-message procedure",
      source: "seed 001: a park's procedure for online messages (reply within 3 days; extension at most 5 days)",
      deadlines: {
        resolution: "3 days",
        extension: { probability: 0.1, limit: "5 days" },
      },
      supervision: { reminders: [0.5, 0.75] },
      callback: { unsatisfied: 0.06, perDayLate: 0.1, reopenAt: "same", maxReopenings: 1 },
    }
    """##,
    "shandong-12345": ##"""
    // Shandong's hotline rules (2020): handle and reply within 5 working days, an extension up to 10
    // (DOMAIN.md, "Public rules"). The chance an extension is asked for (15%) is ours.
    {
      name: "Shandong 12345 hotline (2020)",
      source: "Shandong provincial hotline rules (2020): reply within 5 working days; extension up to 10",
      deadlines: {
        resolution: "5 working days",
        extension: { probability: 0.15, limit: "10 working days" },
      },
    }
    """##,
    "state-council-2016": ##"""
    // Responding to government-related public opinion: 国办发〔2016〕61号 (respond to other opinion
    // within 48 h; major emergencies: a press conference within 24 h at the latest) and its
    // implementing rules 国办发〔2016〕80号 (major emergencies: authoritative information within 5 h),
    // with the township contingency plans' "golden 4 hours" and level-1 opinion reported to the top
    // leader within 1 h (DOMAIN.md, "Public rules that make good policy presets").
    //
    // Ours, not the source's: two follow-up posts and one severity level when opinion worsens.
    // The category ids are those of Scenarios/township-baseline.json5.
    {
      name: "State Council opinion rules (2016)",
      source: "国办发〔2016〕61号 and 国办发〔2016〕80号 (gov.cn); township opinion contingency plans",
      categories: {
        "negative-opinion": {
          deadlines: { response: "48 h" },
          worsening: { within: "4 h", severityRise: 1, followUps: 2 },
        },
        emergency: { deadlines: { response: "5 h", resolution: "24 h" } },
      },
      skipLevel: [{ severity: "major", tier: "leadership", within: "1 h", time: "10 min" }],
    }
    """##,
  ]
}
