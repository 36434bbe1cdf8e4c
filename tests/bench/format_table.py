#!/usr/bin/env python3
"""Joins the Google Benchmark JSON files of scripts/bench into one Markdown table (see BenchSupport.h)."""
import json
import re
import sys

TIME_TO_MS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}


def figure(entry):
    counters = entry.get("value")
    if counters is not None:
        return float(counters)
    # CPU time of the measuring thread: the machine may be shared, and wall time would count the neighbours.
    return float(entry["cpu_time"]) * TIME_TO_MS[entry.get("time_unit", "ns")]


def fmt(value):
    if value is None:
        return "—"
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def section_order(section):
    """Sections by their row number ("1", "1b", "1c", "2" …), whichever executable measured them; the rest last."""
    match = re.match(r"(\d+)([a-z]?)\b", section)
    return (int(match.group(1)), match.group(2)) if match else (float("inf"), "")


def main(paths):
    rows = {}  # (section, row) -> {"unit", "ours", "goal", "baselines": [(role, value)]}
    errors = []
    for path in paths:
        with open(path) as handle:
            text = handle.read()
        if not text.strip():
            continue  # a --benchmark_filter that matched nothing in this executable leaves an empty file
        # Google Benchmark writes labels unescaped; the row separator is a control character.
        data = json.loads(text, strict=False)
        for entry in data.get("benchmarks", []):
            label = entry.get("label", "")
            if entry.get("run_type") == "aggregate" or label.count("\x1f") != 3:
                continue
            section, row, role, unit = label.split("\x1f")
            slot = rows.setdefault((section, row), {"unit": unit, "ours": None, "ours_role": "ours", "goal": None,
                                                    "gain_goal": None, "baselines": []})
            if entry.get("error_occurred"):
                errors.append(f"{section} / {row} / {role}: {entry.get('error_message')}")
                continue
            value = figure(entry)
            if role.startswith("ours"):
                slot["ours"] = value
                slot["ours_role"] = role
                if "goal" in entry:
                    slot["goal"] = float(entry["goal"])
                if "gain_goal" in entry:
                    slot["gain_goal"] = float(entry["gain_goal"])
            else:
                slot["baselines"].append((role.removeprefix("baseline: "), value))

    print("| measurement | ours | baseline (same run, same data) | baseline | gain | goal |")
    print("|---|---:|---|---:|---:|---|")
    section_seen = None
    # sorted() is stable: rows keep the order their executable measured them in within a section.
    for (section, row), slot in sorted(rows.items(), key=lambda item: section_order(item[0][0])):
        if section != section_seen:
            print(f"| **{section}** | | | | | |")
            section_seen = section
        unit = slot["unit"]
        higher_is_better = unit.endswith("/s")
        ours = slot["ours"]
        goal_text = ""
        if slot["goal"] is not None and ours is not None:
            met = ours >= slot["goal"] if higher_is_better else ours <= slot["goal"]
            goal_text = f"{'≥' if higher_is_better else '≤'} {fmt(slot['goal'])} {'met' if met else '**NOT met**'}"
        ours_role = slot["ours_role"].removeprefix("ours").removeprefix(": ")
        what = f"{row} [{unit}]" + (f" — ours: {ours_role}" if ours_role else "")
        baselines = slot["baselines"] or [("—", None)]
        for index, (role, value) in enumerate(baselines):
            gain = None
            if ours and value:
                gain = ours / value if higher_is_better else value / ours
            row_goal = goal_text if index == 0 else ""
            # A goal on the gain is against the first baseline: "10× faster than QJsonDocument".
            if index == 0 and slot["gain_goal"] is not None:
                met = gain is not None and gain >= slot["gain_goal"]
                row_goal = f"gain ≥ {fmt(slot['gain_goal'])}× {'met' if met else '**NOT met**'}"
            print(f"| {what if index == 0 else '〃'} | {fmt(ours) if index == 0 else ''} | {role} | {fmt(value)} | "
                  f"{fmt(gain) + '×' if gain else '—'} | {row_goal} |")
    print()
    print("gain: how many times better ours is (baseline ÷ ours for times and sizes, ours ÷ baseline for rates).")
    for error in errors:
        print(f"FAILED: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
