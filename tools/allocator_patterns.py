"""Measure how CPython's pymalloc reacts to bulk allocation patterns.

heapscope's differential allocator test replays the same patterns on its
model and compares the results (SPEC §4: blocks within max(3, 2%), pools and
arenas within ±1).

Each experiment fills a preallocated list with N `bytes` objects of one
length (a `bytes` of length L is one PyObject_Malloc(33 + L) request, so all
of them land in one size class), then frees and refills them in patterns,
and reads `sys._debugmallocstats()` after every step. Only the experiment's
size class and the arena figures are kept, so the script's own bookkeeping
(which lands in other classes) does not disturb the numbers.

Usage:
    python3 tools/allocator_patterns.py                 # all experiments, JSON on stdout
    python3 tools/allocator_patterns.py EXPERIMENT      # one experiment (used internally)

Run with PYTHONHASHSEED=0 PYTHONBREAKPOINT=0. Every experiment runs in a fresh
interpreter (`-I -S`) so one experiment's arenas do not leak into the next.
"""

import json
import os
import subprocess
import sys
import tempfile

# name: (bytes length, object count). 33 + length is the request size.
EXPERIMENTS = {
    "bytes128": (90, 100000),   # request 123 → class 7 (128 B)
    "bytes448": (410, 40000),   # request 443 → class 27 (448 B)
}

# The steps every experiment performs, in order; the Swift test replays them.
STEPS = [
    "alloc_all",         # keep[i] = new object, i ascending
    "free_even",         # keep[i] = None for even i, ascending
    "refill",            # every empty slot gets a new object, i ascending
    "free_first_half",   # keep[i] = None for i < N/2, ascending
    "refill",
    "free_second_half",  # keep[i] = None for i >= N/2, ascending
    "free_all",          # keep[i] = None for every i, ascending
]


def snapshot(size_class):
    """Run sys._debugmallocstats() and keep the class row and arena figures."""
    sys.stderr.flush()
    with tempfile.TemporaryFile() as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        text = capture.read().decode()
    pools = in_use = avail = 0
    figures = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 5 and fields[0].isdigit() and int(fields[0]) == size_class:
            pools, in_use, avail = int(fields[2]), int(fields[3]), int(fields[4])
        elif " = " in line and not line.startswith("Small block"):
            label, value = line.split("=", 1)
            figures[label.strip()] = int(value.strip().replace(",", ""))
            if "unused pools" in label:
                figures["unused pools"] = int(label.split()[0])
    # A tuple of small ints: nothing here lands in the experiment's classes.
    return (pools, in_use, avail, figures["# arenas allocated total"],
            figures["# arenas allocated current"], figures["unused pools"],
            figures["# bytes lost to arena alignment"])


SNAPSHOT_KEYS = ("pools", "inUse", "avail", "arenasTotal", "arenasCurrent",
                 "unusedPools", "alignmentBytes")


def run_experiment(name):
    length, count = EXPERIMENTS[name]
    size_class = (33 + length - 1) >> 4
    keep = [None] * count
    half = count // 2
    results = [None] * len(STEPS)
    baseline = snapshot(size_class)
    for number, step in enumerate(STEPS):
        if step == "alloc_all" or step == "refill":
            for i in range(count):
                if keep[i] is None:
                    keep[i] = bytes(length)
        elif step == "free_even":
            for i in range(0, count, 2):
                keep[i] = None
        elif step == "free_first_half":
            for i in range(half):
                keep[i] = None
        elif step == "free_second_half":
            for i in range(half, count):
                keep[i] = None
        elif step == "free_all":
            for i in range(count):
                keep[i] = None
        results[number] = snapshot(size_class)
    # Dicts only now, after the last measurement.
    return {
        "name": name,
        "length": length,
        "request": 33 + length,
        "sizeClass": size_class,
        "count": count,
        "baseline": dict(zip(SNAPSHOT_KEYS, baseline)),
        "steps": [{"op": step, "after": dict(zip(SNAPSHOT_KEYS, after))}
                  for step, after in zip(STEPS, results)],
    }


def main():
    if len(sys.argv) > 1:
        print(json.dumps(run_experiment(sys.argv[1])))
        return
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONBREAKPOINT="0")
    experiments = []
    for name in EXPERIMENTS:
        output = subprocess.run(
            [sys.executable, "-I", "-S", os.path.abspath(__file__), name],
            env=env, check=True, stdout=subprocess.PIPE,
        ).stdout
        experiments.append(json.loads(output))
    version = "%d.%d" % sys.version_info[:2]
    python = "%d.%d.%d" % sys.version_info[:3]
    print(json.dumps({"version": version, "python": python, "steps": STEPS,
                      "experiments": experiments}, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
