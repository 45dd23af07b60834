"""What an idle waiting device costs the server in CPU (BENCHMARKS.md, "Devices waiting for
news"): a device with nothing new renews its long-poll when it ends (every ten seconds in the
app), and each renewal is a request — its token checked, its news looked up. N clients on
kept-alive connections each ask `/v1/live?wait=1` again as soon as it answers "nothing new", for
SECONDS; the server's CPU time and PostgreSQL's (from /proc) over the renewals answered give the
CPU a renewal. Prints one JSON object.

    python3 renewals.py URL TOKEN CURSOR N SERVER_PID SECONDS
"""

import asyncio
import json
import os
import sys
import time
from urllib.parse import urlparse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from bench_lib import cpu_s, postgres_cpu_s  # noqa: E402


async def renew(u, token, cursor, until, counts):
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    request = (
        f"GET /v1/live?cursor={cursor}&wait=1 HTTP/1.1\r\nHost: {u.netloc}\r\n"
        f"Authorization: Bearer {token}\r\n\r\n"
    ).encode()
    while time.monotonic() < until:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        body = json.loads(await reader.readexactly(length))
        if body["changed"]:
            raise SystemExit("a renewal found news: the cursor is behind")
        counts[0] += 1
    writer.close()


async def main():
    url, token, cursor, n, pid, seconds = sys.argv[1:7]
    n, pid, seconds = int(n), int(pid), float(seconds)
    u = urlparse(url)
    counts = [0]
    server, database, started = cpu_s(pid), postgres_cpu_s(), time.monotonic()
    until = started + seconds
    await asyncio.gather(*(renew(u, token, cursor, until, counts) for _ in range(n)))
    elapsed = time.monotonic() - started
    server, database = cpu_s(pid) - server, postgres_cpu_s() - database
    renewals = counts[0]
    print(
        json.dumps(
            {
                "devices": n,
                "renewals": renewals,
                "renewals_per_s": round(renewals / elapsed),
                "server_cpu_us_per_renewal": round(server * 1e6 / renewals, 1),
                "postgres_cpu_us_per_renewal": round(database * 1e6 / renewals, 1),
            }
        )
    )


asyncio.run(main())
