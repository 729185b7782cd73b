#!/usr/bin/env python3
"""Makes Scenarios/history/township-2026-spring.csv, the example work-order log, once.

It is gridsim's own ledger of one run of the township baseline (another seed than the
scenario's), exported the way a grid platform exports work orders: Chinese headers, times as a
spreadsheet writes them (2026/2/23 8:47), UTF-8 with a byte-order mark (Excel's "CSV UTF-8"),
only the columns a platform keeps, with noise (pick-ups and replies logged a few minutes late,
names with stray spaces) and seven bad rows that 'gridsim fit' must report with their line.

    swift build && .build/debug/gridsim run Scenarios/township-baseline.json5 \\
        --replications 1 --seed 2025 --ledger --out /tmp/ledger
    python3 Scenarios/history/make-example-log.py /tmp/ledger/ledger.csv

Standard library only; the random noise has a fixed seed, so the file is the same each time.
"""
import csv
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

TIERS = [("grid", "网格员"), ("village", "村两委"), ("leadership", "领导小组")]
CATEGORIES = {
    "consultation": "咨询", "complaint": "投诉", "resolution": "求决", "suggestion": "建议",
    "negative-opinion": "负面舆情", "emergency": "突发事件",
}
SEVERITIES = {"routine": "一般", "serious": "较大", "major": "重大"}
CHANNELS = {"patrol": "网格巡查", "online": "网络留言"}
OUTCOMES = {"closed": "办结", "authority": "上报", "referral": "转办", "deadline": "督办",
            "worsened": "舆情升级", "reopened": "重办"}


def spreadsheet(text, jitter=0):
    """2026-02-23 08:47 as Excel writes it: 2026/2/23 8:47 (jitter minutes later)."""
    if not text:
        return ""
    t = datetime.strptime(text, "%Y-%m-%d %H:%M")
    t += timedelta(minutes=jitter)
    return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}"


def minutes(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M").timestamp() // 60


def main(ledger_path):
    rng = random.Random(20260223)
    header = ["工单编号", "受理时间", "来源渠道", "诉求类别", "严重程度", "所属网格", "办结时间"]
    for _, name in TIERS:
        header += [f"{name}签收时间", f"{name}首次回复时间", f"{name}办结时间", f"{name}去向",
                   f"{name}回复时限", f"{name}办结时限"]
    rows = []
    with open(ledger_path, encoding="utf-8") as f:
        for item in csv.DictReader(f):
            if item["follow_up"] == "1":
                continue  # the model's own follow-up posts: not work orders of their own
            number = f"GD2026{len(rows) + 1:06d}"
            grid = item["grid"]
            if rng.random() < 0.02:
                grid = f" {grid} "  # a stray space, as typed by hand
            row = [number, spreadsheet(item["detected"]), CHANNELS[item["channel"]],
                   CATEGORIES[item["category"]], SEVERITIES[item["severity"]], grid,
                   spreadsheet(item["closed"])]
            for tier, _ in TIERS:
                started, responded, left = (item[f"{tier}_{k}"] for k in ("started", "responded", "left"))
                # Pick-ups and replies are sometimes logged a minute or two late, never past the
                # next step.
                room = minutes(responded) - minutes(started) if started and responded else 0
                late = int(min(room, rng.choice([0, 0, 0, 1, 2])))
                row += [spreadsheet(started, late), spreadsheet(responded), spreadsheet(left),
                        OUTCOMES.get(item[f"{tier}_outcome"], ""),
                        spreadsheet(item[f"{tier}_response_due"]),
                        spreadsheet(item[f"{tier}_resolution_due"])]
            rows.append(row)
    # Seven rows a platform export really holds, spread through the file.
    bad = [
        (120, 6, "2026/2/20 9:00"),      # closed before it was received
        (480, 5, "15村第3网格"),           # a grid the township does not have
        (900, 1, "2026/2/30 25:00"),     # no such time
        (1500, 3, "其他"),                # a category the scenario does not have
        (2100, 1, ""),                   # no reception time
        (2800, 10, "待定"),               # not an outcome
        (3600, 4, "特别重大"),             # a severity the scenario does not have
    ]
    for index, column, value in bad:
        rows[index][column] = value
    out = Path(__file__).with_name("township-2026-spring.csv")
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {out}: {len(rows)} work orders")


if __name__ == "__main__":
    main(sys.argv[1])
