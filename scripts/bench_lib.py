"""What the Python benchmark clients share (scripts/live-bench/clients.py,
scripts/monthly-cycle/cycle.py), beside bench-lib.sh for the shell side: a process's resident
memory and CPU time from /proc (PostgreSQL's too), and percentiles."""

import os

TICK = os.sysconf("SC_CLK_TCK")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_s(pid):
    """User and system CPU time so far, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def postgres_cpu_s():
    """All PostgreSQL processes on the machine: the benchmark's cluster does the work."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "postgres":
                    total += cpu_s(pid)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
