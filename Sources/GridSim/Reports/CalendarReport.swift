/// `gridsim calendar`: a year's days as a table or CSV, and due times.
package enum CalendarReport {
  static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

  static let chineseWeekdays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]

  /// A day's weekday in `l`: `Mon` or `周一`.
  static func weekday(_ day: Int, _ l: ReportLanguage) -> String {
    (l.code == .en ? weekdayNames : chineseWeekdays)[LocalDateTime.weekday(ofDay: day) - 1]
  }

  /// `date,weekday,kind,name` (`日期,星期,类型,名称`), one row per day of the year.
  package static func csv(year: Int, calendar: WorkCalendar, language l: ReportLanguage = .english) -> String
  {
    var out = l.pick("date,weekday,kind,name\n", "日期,星期,类型,名称\n")
    for day in days(of: year) {
      let date = LocalDateTime(minutes: Int64(day) * 1440).dateDescription
      let name = calendar.name(ofDay: day).map { l.holiday($0) } ?? ""
      let kind = calendar.kind(ofDay: day)
      out +=
        "\(date),\(weekday(day, l)),\(l.code == .en ? kind.rawValue : kind.chineseName),\(CSV.field(name))\n"
    }
    return out
  }

  /// Totals per month, then every holiday and make-up workday.
  package static func text(year: Int, calendar: WorkCalendar, language l: ReportLanguage = .english) -> String
  {
    var out = l.pick("gridsim calendar: \(year)", "gridsim 日历：\(year) 年")
    out +=
      calendar.years.contains(year)
      ? "\n\n"
      : l.pick(
        " (no holiday data for this year: weekends only; add them in a scenario's calendar)\n\n",
        "（无该年节假日数据：仅按周末计算；可在方案的 calendar 中补充）\n\n")
    var months = TextTable(headers: [
      l.pick("Month", "月份"), l.pick("Working days", "工作日"), l.pick("Weekend days", "周末"),
      l.pick("Holidays", "节假日"), l.pick("Make-up workdays", "调休上班"),
    ])
    var totals = [0, 0, 0, 0]
    for month in 1...12 {
      var counts = [0, 0, 0, 0]
      let first = LocalDateTime.daysFromCivil(year: year, month: month, day: 1)
      for day in first..<(first + LocalDateTime.daysIn(month: month, year: year)) {
        switch calendar.kind(ofDay: day) {
        case .workday: counts[0] += 1
        case .makeupWorkday:
          counts[0] += 1
          counts[3] += 1
        case .weekend: counts[1] += 1
        case .holiday: counts[2] += 1
        }
      }
      for i in 0..<4 { totals[i] += counts[i] }
      months.rows.append(["\(year)-\(month < 10 ? "0" : "")\(month)"] + counts.map(String.init))
    }
    months.rows.append([l.pick("total", "合计")] + totals.map(String.init))
    out += months.rendered()
    let specials = days(of: year).filter { calendar.name(ofDay: $0) != nil }
    if !specials.isEmpty {
      out += "\n"
      var table = TextTable(headers: [
        l.pick("Date", "日期"), l.pick("Day", "星期"), l.pick("Kind", "类型"), l.pick("Name", "名称"),
      ])
      table.leftAligned = [0, 1, 2, 3]
      for day in specials {
        let kind = calendar.kind(ofDay: day)
        table.rows.append([
          LocalDateTime(minutes: Int64(day) * 1440).dateDescription, weekday(day, l),
          l.code == .en ? kind.rawValue : kind.chineseName,
          calendar.name(ofDay: day).map { l.holiday($0) } ?? "",
        ])
      }
      out += table.rendered()
    }
    return out
  }

  /// The due time of a deadline started at `start`; nil when it is not within ten years.
  package static func due(
    _ spec: DeadlineSpec, from start: LocalDateTime, calendar: WorkCalendar, hours: OfficeHours,
    sameDayCutoff: Int? = nil
  ) -> LocalDateTime? {
    let firstDay = start.dayNumber
    let days = min(WorkTime.daysNeeded(for: [spec], hours: [hours]), 3660)
    let table = WorkTime(
      calendar: calendar, hours: [hours], sameDayCutoff: sameDayCutoff, firstDay: firstDay, dayCount: days)
    let t = table.due(spec, from: Double(start.minuteOfDay))
    guard t.isFinite else { return nil }
    return LocalDateTime(minutes: Int64(firstDay) * 1440).adding(minutes: t)
  }

  private static func days(of year: Int) -> Range<Int> {
    LocalDateTime.daysFromCivil(
      year: year, month: 1, day: 1)..<LocalDateTime.daysFromCivil(
        year: year + 1, month: 1, day: 1)
  }
}
