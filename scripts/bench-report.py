#!/usr/bin/env python3
"""Writes bench/results.md: the pages of both engines side by side (from bench/pages-*.md, which
scripts/bench.sh writes), PostgreSQL's p99 checked against twice SQLite's, then each engine's full
results."""
import datetime
import pathlib
import re

BENCH = pathlib.Path(__file__).resolve().parent.parent / "bench"


def pages(engine):
    rows = {}
    path = BENCH / f"pages-{engine}.md"
    if not path.exists():
        return rows
    for line in path.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 10:
            rows[cells[1]] = {"name": cells[0], "rps": cells[2], "ratio": cells[3], "p99": cells[6], "errors": cells[7], "budget": cells[8], "verdict": cells[9]}
    return rows


def millis(text):
    number = float(re.sub("[a-z]+", "", text))
    unit = re.sub("[0-9.]+", "", text)
    return number * {"us": 0.001, "ms": 1, "s": 1000}[unit]


sqlite, postgres = pages("sqlite"), pages("postgres")
lines = [
    "# Benchmark results",
    "",
    f"Written by `make bench` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC: the same pages, seed and load on both engines,",
    "one after the other on this machine. Budget: on PostgreSQL every page's p99 within twice SQLite's, and the",
    "same p99 and throughput-ratio budgets as on SQLite (the verdict columns). Each engine's full results (ratios",
    "to `/healthz`, transfer, the mixed load at 16 and 64 users, the 100,000-employee run, memory) follow the table.",
    "",
    "| page | path | SQLite req/s | SQLite p99 | PostgreSQL req/s | PostgreSQL p99 | p99 PostgreSQL / SQLite | within 2x | p99 budget (ms) | SQLite | PostgreSQL |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
]
for path, row in sqlite.items():
    other = postgres.get(path)
    if other is None:
        lines.append(f"| {row['name']} | {path} | {row['rps']} | {row['p99']} | — | — | — | not measured | {row['budget']} | {row['verdict']} | — |")
        continue
    factor = millis(other["p99"]) / max(millis(row["p99"]), 0.001)
    within = "-" if row["budget"] == "—" else ("pass" if factor <= 2 else "FAIL")
    lines.append(
        f"| {row['name']} | {path} | {row['rps']} | {row['p99']} | {other['rps']} | {other['p99']} | {factor:.2f} | {within} | {row['budget']} | {row['verdict']} | {other['verdict']} |"
    )
lines.append("")
for engine in ("sqlite", "postgres"):
    path = BENCH / f"results-{engine}.md"
    if path.exists():
        lines.append(re.sub(r"^# ", "## ", path.read_text(), count=1))
(BENCH / "results.md").write_text("\n".join(lines) + "\n")
print("bench: wrote bench/results.md")
