"""Idle live clients held at once (BENCHMARKS.md, "Waiting devices"): opens N long-polls on a
running `sotay serve`, measures the server's resident memory before and while they wait, then
makes one change (the writer command) and times each waiting client's answer from the moment
the change was sent; then opens N long-polls again and stops the server (SIGTERM), timing until
every one is answered and the server has exited. Prints one JSON object.

    python3 clients.py URL TOKEN CURSOR N SERVER_PID -- WRITER-COMMAND...
"""

import asyncio
import json
import os
import resource
import select
import signal
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from bench_lib import percentile, rss_kib  # noqa: E402


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


async def wait(host, port, request, answered):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request)
    await writer.drain()
    first = await reader.read(1)
    at = time.monotonic()
    rest = await reader.read()
    writer.close()
    body = (first + rest).split(b"\r\n\r\n", 1)[-1]
    answered.append((at, json.loads(body)))


def request(u, token, cursor):
    return (
        f"GET /v1/live?cursor={cursor}&wait=25 HTTP/1.1\r\nHost: {u.netloc}\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    ).encode()


async def open_waits(u, req, n, pid, base_fds, answered):
    """N long-polls, each held by the server once this returns."""
    tasks = []
    # In batches, so the listen backlog never overflows (a dropped SYN costs a second).
    for start in range(0, n, 500):
        tasks += [
            asyncio.ensure_future(wait(u.hostname, u.port, req, answered))
            for _ in range(start, min(n, start + 500))
        ]
        while open_fds(pid) < base_fds + len(tasks):
            await asyncio.sleep(0.01)
    return tasks


async def main():
    url, token, cursor, n, pid = sys.argv[1:6]
    n, pid = int(n), int(pid)
    writer_cmd = sys.argv[sys.argv.index("--") + 1 :]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    u = urlparse(url)
    base_rss, base_fds = rss_kib(pid), open_fds(pid)

    answered = []
    opened = time.monotonic()
    tasks = await open_waits(u, request(u, token, cursor), n, pid, base_fds, answered)
    open_s = time.monotonic() - opened
    # Every request read, authenticated and waiting: the server's memory stops growing.
    await asyncio.sleep(1.0)
    if answered:
        raise SystemExit(f"{len(answered)} clients were answered before any change")
    held_rss = rss_kib(pid)

    sent = time.monotonic()
    subprocess.run(writer_cmd, check=True, stdout=subprocess.DEVNULL)
    pushed = time.monotonic()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)
    after_change = [(at - sent) * 1000 for at, _ in answered]
    after_push = [max(0.0, (at - pushed) * 1000) for at, _ in answered]
    changed = sum(1 for _, a in answered if a["changed"])

    # The server stopped while N devices wait: how long until each is answered and it is gone.
    latest = max(a["latest"] for _, a in answered)
    stopped = []
    tasks = await open_waits(u, request(u, token, latest), n, pid, base_fds, stopped)
    await asyncio.sleep(1.0)
    # The exit is seen by a thread blocked on the process's pidfd, not by this loop: reading
    # 15,000 answers keeps the loop busy for longer than the server takes to stop.
    exited = []
    pidfd = os.pidfd_open(pid)
    gone = select.poll()  # not select(): this process holds 15,000 sockets, past FD_SETSIZE
    gone.register(pidfd, select.POLLIN)
    watcher = threading.Thread(target=lambda: (gone.poll(), exited.append(time.monotonic())))
    watcher.start()
    term, term_wall = time.monotonic(), time.time()
    os.kill(pid, signal.SIGTERM)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)
    all_answered_ms = (max(at for at, _ in stopped) - term) * 1000
    watcher.join(timeout=30)
    os.close(pidfd)
    exited_ms = (exited[0] - term) * 1000
    print(
        json.dumps(
            {
                "clients": n,
                "changed": changed,
                "open_s": round(open_s, 2),
                "server_rss_kib_before": base_rss,
                "server_rss_kib_waiting": held_rss,
                "kib_per_client": round((held_rss - base_rss) / n, 2),
                "push_ms": round((pushed - sent) * 1000, 1),
                "from_push_sent_ms": {
                    "p50": round(statistics.median(after_change), 1),
                    "p99": round(percentile(after_change, 99), 1),
                    "max": round(max(after_change), 1),
                },
                "from_push_answered_ms": {
                    "p50": round(statistics.median(after_push), 1),
                    "p99": round(percentile(after_push, 99), 1),
                    "max": round(max(after_push), 1),
                },
                "shutdown_all_answered_ms": round(all_answered_ms, 1),
                "shutdown_exited_ms": round(exited_ms, 1),
                # To read beside the server's log (its timestamps are UTC wall-clock).
                "sigterm_sent_unix": round(term_wall, 6),
            }
        )
    )


asyncio.run(main())
