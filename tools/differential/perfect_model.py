#!/usr/bin/env python3
"""A "perfect model" of heapscope for the differential's self-test.

Accepts `run --python 3.X [other options] FILE` like heapscope and simply executes the
real CPython 3.X on FILE (same cwd and environment), so every comparison must agree.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def parse(argv):
    if not argv or argv[0] != "run":
        sys.stderr.write("perfect_model: only 'run' is supported\n")
        sys.exit(2)
    version, rest, i = "3.12", [], 1
    while i < len(argv):
        if argv[i] == "--python":
            version = argv[i + 1]
            i += 2
        elif argv[i].startswith("--python="):
            version = argv[i].split("=", 1)[1]
            i += 1
        else:
            rest.append(argv[i])
            i += 1
    interpreters, _ = common.find_interpreters()
    minor = int(version.split(".")[1])
    if minor not in interpreters:
        sys.stderr.write("perfect_model: no interpreter for %s\n" % version)
        sys.exit(2)
    return interpreters[minor], rest[-1]


if __name__ == "__main__":
    interpreter, path = parse(sys.argv[1:])
    os.execv(interpreter, [interpreter, path])
