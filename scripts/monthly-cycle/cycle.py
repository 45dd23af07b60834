"""A month of a district's cells on one `sotay serve` (BENCHMARKS.md, "A simulated monthly cycle").

Every device is a real `sotay` store driven through the command line, as a committee would:

1. joining: each taking part cell's secretary connects a device and pulls the cell; so do WATCHERS
   members of it, whose devices then wait for news (`sotay sync --watch`, a long-poll each);
2. the cycle, CELLS cells at a time WORKERS by WORKERS: the secretary schedules the month's
   meeting, adds to its agenda, drafts the resolution, publishes, syncs (the members' devices are
   woken and pull); then opens the meeting, records the roll call of every member, three
   speakers, the adopted resolution, the minutes, a task, adopts the minutes and syncs again;
3. the superior committee's device (an administrator's) pulls what the month changed.

Measured: the server's CPU time and PostgreSQL's (from /proc), the server's resident memory, each
sync's time as the secretary's device saw it, the time from the secretary's sync to each waiting
member's device having pulled the news, and the records moved. Prints one JSON object.

    python3 cycle.py SOTAY URL SERVER_PID WORK CELLS WATCHERS WORKERS -- INVITE-DATA-ARGS...
"""

import concurrent.futures
import datetime
import json
import os
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from bench_lib import cpu_s, percentile, postgres_cpu_s, rss_kib  # noqa: E402


def spread(xs):
    if not xs:
        return None
    return {
        "n": len(xs),
        "p50": round(statistics.median(xs), 1),
        "p99": round(percentile(xs, 99), 1),
        "max": round(max(xs), 1),
    }


class Cli:
    def __init__(self, sotay, url, invite_args, work):
        self.sotay, self.url, self.invite_args, self.work = sotay, url, invite_args, work
        self.commands = 0
        self.lock = threading.Lock()

    def run(self, store, *args):
        """One `sotay` command on `store`, its JSON answer (None for commands without one)."""
        with self.lock:
            self.commands += 1
        done = subprocess.run(
            [self.sotay, "--store", store, *args],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"sotay {' '.join(args)}: {done.stderr.strip()}")
        return json.loads(done.stdout) if "--json" in args else None

    def device(self, name, member):
        store = os.path.join(self.work, name + ".db")
        invite = subprocess.run(
            [self.sotay, "invite", *self.invite_args, "--member", member],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        self.run(store, "connect", "--server", self.url, "--invite", invite)
        return store

    def sync(self, store):
        """A sync round; returns its report and how long the command took, in ms."""
        started = time.monotonic()
        report = self.run(store, "sync", "--json")["report"]
        return report, (time.monotonic() - started) * 1000

    def timed_sync(self, store):
        """A sync round, and the moment it was begun."""
        started = time.monotonic()
        return started, self.sync(store)


class Watcher:
    """A member's device syncing in the background: the moments it finished pulling news."""

    def __init__(self, sotay, store):
        self.pulled_at = []
        self.records = 0
        # Rounds that found nothing: a device woken by news that was not for it.
        self.empty_rounds = []
        self.store = store
        self.proc = subprocess.Popen(
            [sotay, "--store", store, "sync", "--watch", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        pulled, syncing = 0, False
        # Each line kept beside the store, with when it came, to read after a run.
        log = open(self.store + ".watch.log", "w")
        for line in self.proc.stdout:
            log.write(f"{time.monotonic():.3f} {line}")
            log.flush()
            activity = json.loads(line)["activity"]
            if activity["state"] == "syncing":
                pulled, syncing = activity["pulled"], True
            elif activity["state"] == "up_to_date" and syncing:
                if pulled:
                    self.pulled_at.append(time.monotonic())
                    self.records += pulled
                else:
                    self.empty_rounds.append(time.monotonic())
                pulled, syncing = 0, False

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def cell_members(cli, admin, cell):
    members = cli.run(admin, "members", "--unit", cell, "--json")
    secretary = next(m for m in members if m["role"] == "secretary")
    others = [m for m in members if m["id"] != secretary["id"]]
    return secretary, others


def cycle(cli, cell, secretary, members, watchers, at):
    """One cell's month on its secretary's device; returns the moments its two syncs began, and
    their reports and times."""
    store = cell["store"]
    sec = secretary["id"]
    meeting = cli.run(
        store, "meeting", "new", "--kind", "regular", "--at", at,
        "--topic", "Sinh hoạt chi bộ thường kỳ", "--place", "Hội trường thôn", "--json",
    )["id"]
    cli.run(store, "agenda", meeting, "--add", "Kiểm điểm nhiệm vụ tháng", "--json")
    cli.run(store, "agenda", meeting, "--add", "Phương hướng tháng tới", "--json")
    resolution = cli.run(
        store, "draft", meeting, "--title", "Nghị quyết tháng",
        "--text", "Chi bộ thống nhất các nhiệm vụ trọng tâm của tháng tới.", "--json",
    )["resolutions"][0]["id"]
    cli.run(store, "publish", meeting, "--json")
    published_at, published = cli.timed_sync(store)

    cli.run(store, "meeting", "start", meeting, "--json")
    present = 0
    for i, m in enumerate(members):
        if m["exempt"]:
            cli.run(store, "attend", meeting, "--member", m["id"], "--status", "excused", "--json")
        elif i % 10 == 3:
            cli.run(
                store, "attend", meeting, "--member", m["id"],
                "--status", "absent-with-reason", "--reason", "Đi công tác", "--json",
            )
        else:
            cli.run(store, "attend", meeting, "--member", m["id"], "--status", "present", "--json")
            present += 1
    cli.run(store, "attend", meeting, "--member", sec, "--status", "present", "--json")
    speakers = [m for m in members if not m["exempt"]][:3]
    for m in speakers:
        cli.run(store, "speak", meeting, "--member", m["id"], "--view", "Nhất trí, bổ sung ý kiến.", "--json")
    cli.run(store, "adopt", resolution, "--for", "1", "--json")
    cli.run(
        store, "minutes", meeting, "--chair", sec, "--minute-taker", speakers[0]["id"],
        "--conclusion", "Chi bộ hoàn thành nội dung sinh hoạt.", "--text", "Biên bản cuộc họp.",
        "--rating", "good", "--json",
    )
    due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    cli.run(
        store, "task", "assign", "--meeting", meeting, "--title", "Vận động hội viên",
        "--due", due, "--member", speakers[1]["id"], "--json",
    )
    cli.run(store, "minutes", meeting, "--adopt", "--json")
    recorded_at, recorded = cli.timed_sync(store)
    return published_at, recorded_at, [published, recorded]


def main():
    sep = sys.argv.index("--")
    sotay, url, server_pid, work, cells, watchers, workers = sys.argv[1:sep]
    invite_args = sys.argv[sep + 1 :]
    server_pid, cells, watchers, workers = int(server_pid), int(cells), int(watchers), int(workers)
    cli = Cli(sotay, url, invite_args, work)
    admin = os.path.join(work, "admin.db")

    # 1. Joining: a secretary's device and WATCHERS members' devices for each cell taking part.
    units = [u for u in cli.run(admin, "units", "--json") if u["level"] == "cell"]
    units = sorted(units, key=lambda u: u["id"])[:cells]
    plan = []
    for u in units:
        secretary, others = cell_members(cli, admin, u["id"])
        if len(others) < 4:
            continue
        plan.append({"id": u["id"], "secretary": secretary, "members": others})
    joins = []

    def join(c):
        c["store"] = cli.device(f"sec-{c['id']}", c["secretary"]["id"])
        joins.append(cli.sync(c["store"]))
        c["watchers"] = []
        for j, m in enumerate(c["members"][:watchers]):
            store = cli.device(f"w-{c['id']}-{j}", m["id"])
            joins.append(cli.sync(store))
            c["watchers"].append(store)

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(join, plan))
    running = [Watcher(sotay, s) for c in plan for s in c["watchers"]]
    for c, i in zip(plan, range(len(plan))):
        c["watching"] = running[i * watchers : (i + 1) * watchers]
    time.sleep(3)  # the watchers' first rounds, then their long-polls
    rss_waiting = rss_kib(server_pid)

    # 2. The month.
    at = (datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))) + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    commands_before = cli.commands
    server_cpu, pg_cpu, started = cpu_s(server_pid), postgres_cpu_s(), time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(lambda c: cycle(cli, c, c["secretary"], c["members"], watchers, at), plan))
    written_at = time.monotonic()
    # The superior committee's device pulls the month.
    superior, superior_ms = cli.sync(admin)
    # Wait for each waiting device to have pulled its cell's second sync (or 30 s).
    last = [(w, recorded_at) for c, (_, recorded_at, _) in zip(plan, done) for w in c["watching"]]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(
        not w.pulled_at or w.pulled_at[-1] < t for w, t in last
    ):
        time.sleep(0.1)
    time.sleep(2)
    ended = time.monotonic()
    server_cpu, pg_cpu = cpu_s(server_pid) - server_cpu, postgres_cpu_s() - pg_cpu
    rss_after = rss_kib(server_pid)
    for w in running:
        w.stop()

    syncs = [ms for _, _, rounds in done for _, ms in rounds]
    pushed = sum(r["pushed"] for _, _, rounds in done for r, _ in rounds)
    reach = []
    # From the secretary's "sync" to each of the cell's waiting devices having pulled it: the
    # push, the wake-up, the member's pull.
    for c, (published_at, recorded_at, _) in zip(plan, done):
        for w in c["watching"]:
            for begun in (published_at, recorded_at):
                after = [t for t in w.pulled_at if t >= begun]
                if after:
                    reach.append((after[0] - begun) * 1000)
    n = len(plan)
    print(
        json.dumps(
            {
                "cells": n,
                "waiting_devices": len(running),
                "join": {
                    "devices": len(joins),
                    "records_pulled": sum(r["pulled"] for r, _ in joins),
                    "sync_ms": spread([ms for _, ms in joins]),
                },
                "month": {
                    "wall_s": round(written_at - started, 2),
                    "commands": cli.commands - commands_before,
                    "records_pushed": pushed,
                    "secretary_sync_ms": spread(syncs),
                    "waiting_devices_reached_ms": spread(reach),
                    "waiting_devices_records_pulled": sum(w.records for w in running),
                    # Scoped wake-ups: a device is woken only by its own cell's (or its
                    # superiors') news, so rounds that pull nothing should stay near zero.
                    "waiting_devices_rounds_with_news": sum(
                        1 for w in running for t in w.pulled_at if t >= started
                    ),
                    "waiting_devices_empty_rounds": sum(
                        1 for w in running for t in w.empty_rounds if t >= started
                    ),
                    "superior_pulled": superior["pulled"],
                    "superior_sync_ms": round(superior_ms),
                },
                "server_cpu_s": round(server_cpu, 2),
                "postgres_cpu_s": round(pg_cpu, 2),
                "server_cpu_ms_per_cell": round(server_cpu * 1000 / n, 1),
                "postgres_cpu_ms_per_cell": round(pg_cpu * 1000 / n, 1),
                "measured_s": round(ended - started, 2),
                "server_rss_kib_waiting": rss_waiting,
                "server_rss_kib_after": rss_after,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
