"""Idle live clients held at once (BENCHMARKS.md, "Waiting devices"): opens N long-polls on a
running `sotay serve`, measures the server's resident memory before and while they wait, then
makes one change (the writer command) and times each waiting client's answer from the moment
the change was sent. Prints one JSON object.

    python3 clients.py URL TOKEN CURSOR N SERVER_PID -- WRITER-COMMAND...
"""

import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from urllib.parse import urlparse


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


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
    answered.append((at, b'"changed":true' in first + rest))


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def main():
    url, token, cursor, n, pid = sys.argv[1:6]
    n, pid = int(n), int(pid)
    writer_cmd = sys.argv[sys.argv.index("--") + 1 :]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    u = urlparse(url)
    request = (
        f"GET /v1/live?cursor={cursor}&wait=25 HTTP/1.1\r\nHost: {u.netloc}\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    ).encode()
    base_rss, base_fds = rss_kib(pid), open_fds(pid)

    answered, tasks = [], []
    opened = time.monotonic()
    # In batches, so the listen backlog never overflows (a dropped SYN costs a second).
    for start in range(0, n, 500):
        batch = [
            asyncio.ensure_future(wait(u.hostname, u.port, request, answered))
            for _ in range(start, min(n, start + 500))
        ]
        tasks += batch
        while open_fds(pid) < base_fds + len(tasks):
            await asyncio.sleep(0.01)
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
    print(
        json.dumps(
            {
                "clients": n,
                "changed": sum(1 for _, c in answered if c),
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
            }
        )
    )


asyncio.run(main())
