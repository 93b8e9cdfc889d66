#!/usr/bin/env python3
"""Samples the memory of every process a lab started until SIGTERM, then prints its peak.

A lab's processes are the ones recorded in the state directory's `processes` files (PID and start time, as the
reaper reads them) plus all their descendants. Prints `peak_rss_mb peak_pss_mb peak_processes`: RSS counts shared
pages (libc, the JVM's) once per process, PSS splits them among their users.
Usage: lab-rss.py STATE_ROOT [INTERVAL_SECONDS]
"""
import os
import signal
import sys
import time

root = sys.argv[1]
interval = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3
peak = [0, 0, 0]
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return int(rest[1]), int(rest[19])  # ppid, start time


def recorded():
    pids = set()
    for lab in os.listdir(root) if os.path.isdir(root) else []:
        path = os.path.join(root, lab, "processes")
        try:
            with open(path) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 2:
                        pid, start = int(parts[0]), int(parts[1])
                        try:
                            if stat(pid)[1] == start:
                                pids.add(pid)
                        except OSError:
                            pass
        except OSError:
            pass
    return pids


def exe(pid):
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


def with_descendants(pids):
    """The processes and their descendants, less forks that have not exec'd yet: a child the JVM is spawning
    still shares the JVM's pages, and counting them twice would bill the lab for memory it does not use."""
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                children.setdefault(stat(int(name))[0], []).append(int(name))
            except (OSError, IndexError):
                pass
    todo, seen = list(pids), set(pids)
    while todo:
        parent = todo.pop()
        for child in children.get(parent, []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return {pid for pid in seen if pid in pids or exe(pid) != exe(stat_parent(pid))}


def stat_parent(pid):
    try:
        return stat(pid)[0]
    except (OSError, IndexError):
        return -1


def memory(pid):
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


while running:
    pids = with_descendants(recorded())
    rss = pss = 0
    for pid in pids:
        r, p = memory(pid)
        rss += r
        pss += p
    peak = [max(peak[0], rss), max(peak[1], pss), max(peak[2], len(pids))]
    time.sleep(interval)

print(f"{peak[0] / 1024:.0f} {peak[1] / 1024:.0f} {peak[2]}")
