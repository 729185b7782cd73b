/// A live drill's two views: the players' page (the injects released, and the clock) and the
/// controller's lines (alerts, what was logged).
extension DrillReport {
  /// The players' view: a page that reloads itself every 2 seconds, which `drill play --players`
  /// rewrites as the drill runs. Only released injects, newest first: title, text, channel and
  /// grid, with the drill clock large enough for a projector. No expected actions.
  package func playersPage(_ room: DrillRoom, now: LocalDateTime, over: Bool = false) -> String {
    func e(_ s: String) -> String { SVG.escape(s) }
    var out = "<!DOCTYPE html>\n<html lang=\"\(language.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
    if !over { out += "<meta http-equiv=\"refresh\" content=\"2\">\n" }
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(e(pack.name))</title>\n<style>\n"
    out += """
      body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",Arial,sans-serif;margin:0;padding:2vw 3vw;background:#fff;color:#000}
      header{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;border-bottom:4px solid #000;padding-bottom:1vw}
      h1{font-size:clamp(20px,3vw,44px);margin:0}
      .clock{font-size:clamp(40px,9vw,140px);font-weight:bold;font-variant-numeric:tabular-nums;white-space:nowrap}
      .day{font-size:clamp(16px,2vw,30px);color:#333}
      article{border:3px solid #000;margin:2vw 0;padding:1vw 2vw}
      article.new{background:#f0f0f0}
      article h2{font-size:clamp(22px,3.4vw,52px);margin:.2em 0}
      .where{font-size:clamp(16px,2.2vw,32px);color:#222}
      .text{font-size:clamp(18px,2.6vw,40px);white-space:pre-wrap;margin:.4em 0}
      .none{font-size:clamp(18px,3vw,44px);color:#444;margin-top:3vw}
      """
    out += "\n</style>\n</head>\n<body>\n<header><h1>\(e(pack.name))</h1><div><div class=\"clock\">"
    let clock = now.description
    out += e(String(clock.suffix(5))) + "</div><div class=\"day\">" + e(when(now)) + "</div></div></header>\n"
    if over { out += "<p class=\"none\">" + e(pick("The drill is over.", "演练结束。")) + "</p>\n" }
    if room.released.isEmpty {
      out += "<p class=\"none\">" + e(pick("No inject yet.", "尚无事件。")) + "</p>\n"
    }
    for (n, i) in room.released.reversed().enumerated() {
      let release = room.script.releases[i]
      let inject = pack.injects[release.inject]
      let channel = inject.channel.flatMap { id in scenario.demand.channels.first { $0.id == id }?.name }
      out +=
        "<article\(n == 0 ? " class=\"new\"" : "")><div class=\"where\">"
        + e(String(release.time.description.suffix(5)))
      out += " · " + e(release.units.reversed().joined(separator: " / "))
      if let channel { out += " · " + e(channel) }
      out += "</div><h2>" + e(inject.title) + "</h2>"
      if !inject.text.isEmpty { out += "<div class=\"text\">" + e(inject.text) + "</div>" }
      out += "</article>\n"
    }
    return out + "</body>\n</html>\n"
  }

  /// `cards.html`: one printable card per inject, for rooms that run on paper: its number, time,
  /// grid, channel, title and text, large; a contingency's card says when to hand it out. Two
  /// cards to an A4 page, none split across pages. No expected actions.
  package func injectCards(_ timeline: DrillTimeline) -> String {
    func e(_ s: String) -> String { SVG.escape(s) }
    var out = "<!DOCTYPE html>\n<html lang=\"\(language.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(e(pack.name))</title>\n<style>\n"
    out += """
      body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",Arial,sans-serif;margin:0 auto;max-width:900px;padding:16px;color:#000}
      .card{border:3px solid #000;padding:18px 24px;margin:0 0 24px;min-height:110mm;box-sizing:border-box;break-inside:avoid;page-break-inside:avoid;position:relative}
      .no{font-size:40px;font-weight:bold;float:right}
      .when{font-size:20px}
      .where{font-size:18px;color:#222;margin:.3em 0}
      h2{font-size:30px;margin:.4em 0}
      .text{font-size:22px;white-space:pre-wrap}
      .only{position:absolute;bottom:12px;left:24px;right:24px;font-size:14px;border-top:1px dashed #000;padding-top:6px}
      @page{size:A4;margin:12mm}
      @media print{body{padding:0;max-width:none}.card{margin:0 0 8mm}}
      """
    out += "\n</style>\n</head>\n<body>\n"
    for (n, release) in timeline.releases.enumerated() {
      let inject = pack.injects[release.inject]
      let channel = inject.channel.flatMap { id in scenario.demand.channels.first { $0.id == id }?.name }
      out += "<section class=\"card\"><div class=\"no\">\(n + 1) · \(e(inject.id))</div>"
      out += "<div class=\"when\">" + e(when(release.time)) + "</div>"
      out += "<div class=\"where\">" + e(release.units.reversed().joined(separator: " / "))
      if let channel { out += " · " + e(channel) }
      out += "</div><h2>" + e(inject.title) + "</h2>"
      if !inject.text.isEmpty { out += "<div class=\"text\">" + e(inject.text) + "</div>" }
      if release.conditional {
        out += "<div class=\"only\">" + e(pick("Contingency: ", "应急追加：") + condition(inject)) + "</div>"
      }
      out += "</section>\n"
    }
    return out + "</body>\n</html>\n"
  }

  /// The controller's alert for an expected action due with nothing logged.
  package func overdueLine(_ room: DrillRoom, release: Int, expectation: Int) -> String {
    let e = room.script.releases[release].expectations[expectation]
    return pick(
      "!! ALERT \(e.inject) \(actionName(e.action)) · \(tierName(e.tier)) was due \(when(e.due)): nothing logged\n",
      "!! 警示 \(e.inject) \(actionName(e.action)) · \(tierName(e.tier)) 时限\(when(e.due))已到，尚无记录\n")
  }

  /// A contingency whose trigger came with its action logged.
  package func notTriggeredLine(_ room: DrillRoom, release: Int) -> String {
    let inject = pack.injects[room.script.releases[release].inject]
    return pick(
      "-- \(inject.id) not released: its trigger was not met (\(condition(inject)))\n",
      "-- \(inject.id)未发布：触发条件未出现（\(condition(inject))）\n")
  }

  /// A logged action line, as confirmed to the recorder.
  package func loggedLine(_ l: DrillRoom.Logged) -> String {
    pick(
      "logged: \(l.inject) \(actionName(l.action)) · \(l.unit) (\(tierName(l.tier))) at \(l.time)\n",
      "已记录：\(l.inject) \(actionName(l.action)) · \(l.unit)（\(tierName(l.tier))） \(l.time)\n")
  }

  /// Why a typed line was not logged, and what to type.
  package func lineProblem(_ p: DrillRoom.LineProblem) -> String {
    let shown = { (s: String) in Diagnostic.shown(s) }
    let text: String
    switch p {
    case .form(let line):
      text = pick(
        "expected 'INJECT ACTION UNIT [TIME]', found '\(shown(line))'; type, for example: I1 respond 网格员",
        "应为“事件 动作 单位 [时间]”，收到“\(shown(line))”；例如：I1 响应 网格员")
    case .unknownInject(let id, let closest, let all):
      text =
        pick("no inject '\(shown(id))' in the pack; ", "演练包中没有事件“\(shown(id))”；")
        + (closest.map { pick("did you mean '\($0)'?", "是否为“\($0)”？") }
          ?? pick("its injects: ", "其事件：") + all.joined(separator: pick(", ", "、")))
    case .notReleased(let id):
      text = pick(
        "inject '\(id)' has not been released; log it once it is out", "事件\(id)尚未发布；发布后再记录")
    case .unknownAction(let a):
      text = pick(
        "expected an action, found '\(shown(a))'; one of \(DrillAction.allCases.map(\.rawValue).joined(separator: ", "))",
        "未知动作“\(shown(a))”；可用：发现、响应、上报、转办、答复、办结、回访")
    case .wrongUnit(let unit, let choices):
      text = pick(
        "'\(shown(unit))' is not the inject's grid, a unit above it, or a tier; one of \(choices.joined(separator: ", "))",
        "“\(shown(unit))”不是该事件所在网格、其上级单位或层级；可用：\(choices.joined(separator: "、"))")
    case .time(let t):
      text = pick(
        "expected a time such as 06:35 or 2026-10-02T06:35, found '\(shown(t))'",
        "时间应如 06:35 或 2026-10-02T06:35，收到“\(shown(t))”")
    case .beforeRelease(let id, let time, let released):
      text = pick(
        "the time \(time) is before inject '\(id)' was released (\(released)); check the time",
        "时间\(time)早于事件\(id)的发布时间（\(released)）；请核对")
    }
    return "?? " + text + "\n"
  }

  /// The controller's keys, shown when play starts.
  package var playKeys: String {
    pick(
      "Type an action as it happens (I1 respond 网格员, or I1 响应 网格员 06:35); 'pause', 'resume', 'speed N', 'jump ID', 'release ID', 'end'.\n",
      "动作发生时输入（I1 响应 网格员，或 I1 响应 网格员 06:35）；暂停、继续、倍速 N、跳至 事件编号、发布 事件编号、结束。\n")
  }
}
