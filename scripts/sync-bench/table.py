"""The side-by-side table from what scripts/sync-bench.sh wrote into its work directory.

Rates come from the sync report's own timings (push and pull apart) where the build reports
them, else from the wall time of the whole `sotay sync` (marked *).
"""

import json
import os
import sys

work, records, backends = sys.argv[1], int(sys.argv[2]), sys.argv[3:]


def load(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def wall(name):
    with open(os.path.join(work, name + ".wall"), encoding="utf-8") as f:
        return float(f.read())


raw = load("raw.json")
pouch = load("pouchdb.json")
raw_rate = raw["rows"] / raw["seconds"]
if pouch:
    pouch_push = pouch["docs"] / pouch["push"]["seconds"]
    pouch_pull = pouch["pulled"] / pouch["pull"]["seconds"]
    pouch_pull_bytes = (pouch["pull"]["up"] + pouch["pull"]["down"]) / pouch["pulled"]
    print(f"records: {records:,} (PouchDB docs: {pouch['docs']:,}); raw SQLite insert {raw_rate:,.0f} rows/s\n")
else:
    print(f"records: {records:,}; raw SQLite insert {raw_rate:,.0f} rows/s (PouchDB not run)\n")


def ratio(x, of):
    return f"{x / of:.1f}×" if of else ""


print("| | first push | × PouchDB | first pull | × PouchDB | pull ÷ raw insert | bytes a record pushed (up / back) | bytes a record pulled | × PouchDB | device store a record |")
print("|---|---|---|---|---|---|---|---|---|---|")
for b in backends:
    push = load(f"{b}-push.json")["report"]
    pull = load(f"{b}-pull.json")["report"]
    if "push_ms" in push:
        push_rate = push["pushed"] / (push["push_ms"] / 1000)
        pull_rate = pull["pulled"] / (pull["pull_ms"] / 1000)
        mark = ""
        pushed_bytes = f"{push['push_bytes'] / push['pushed']:.0f} / {push['push_answer_bytes'] / push['pushed']:.0f}"
        pulled = pull["pull_bytes"] / pull["pulled"]
        pulled_bytes = f"{pulled:.0f}"
        pulled_ratio = f"{pulled / pouch_pull_bytes:.2f}×" if pouch else ""
    else:
        push_rate = push["pushed"] / wall(f"{b}-push")
        pull_rate = pull["pulled"] / wall(f"{b}-pull")
        mark, pushed_bytes, pulled_bytes, pulled_ratio = "*", "", "", ""
    store = os.path.getsize(os.path.join(work, f"{b}-pull.db")) / pull["pulled"]
    print(
        f"| Sotay, {b} | {push_rate:,.0f}/s{mark} | {ratio(push_rate, pouch_push) if pouch else ''} "
        f"| {pull_rate:,.0f}/s{mark} | {ratio(pull_rate, pouch_pull) if pouch else ''} | {pull_rate / raw_rate:.0%} "
        f"| {pushed_bytes} | {pulled_bytes} | {pulled_ratio} | {store:.0f} B |"
    )
if pouch:
    print(
        f"| PouchDB | {pouch_push:,.0f}/s | | {pouch_pull:,.0f}/s | | {pouch_pull / raw_rate:.0%} "
        f"| {pouch['push']['up'] / pouch['docs']:.0f} / {pouch['push']['down'] / pouch['docs']:.0f} "
        f"| {pouch_pull_bytes:.0f} | | |"
    )
print("\nSotay's bytes are the bodies as they crossed the wire (pushes gzip, pulled pages zstd); PouchDB's are counted by a TCP proxy, headers included.")
