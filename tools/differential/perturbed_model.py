#!/usr/bin/env python3
"""A deliberately wrong model of heapscope for the differential's self-test.

Runs the real interpreter like perfect_model.py, then perturbs its output according to
$HEAPSCOPE_PERTURB before writing it out:

  digit       the first digit on stdout is changed (d -> (d+1) % 10)
  traceback   the last stderr line of an uncaught exception gets ' (perturbed)' appended
  dms-blocks  +N blocks in use (N = $HEAPSCOPE_PERTURB_N, default 10) in one size class of
              the second and later dms blocks (the class whose CPython change is smallest)
  dms-pools   +N pools in that class likewise
  dms-arenas  +N arenas allocated current in the second and later dms blocks
  exit        exit status 1 becomes 0 (a traceback without failure status)
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import perfect_model  # noqa: E402


def perturb_digit(stdout):
    return re.sub(rb"\d", lambda m: str((int(m.group(0)) + 1) % 10).encode(), stdout, count=1)


def perturb_dms(stderr, what, amount):
    text = stderr.decode("utf-8", errors="surrogateescape")
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line == common.DMS_FIRST]
    if len(starts) < 2:
        return stderr
    first = common.split_stderr("\n".join(lines[starts[0]:starts[1]]))[0][0]
    second = common.split_stderr("\n".join(lines[starts[1]:]))[0][0]
    # The class printed in both blocks whose change between them is smallest: a +amount
    # there exceeds the tolerance max(3, 2%) whenever amount > 3.
    shared = sorted(set(first.classes) & set(second.classes))
    target = min(shared, key=lambda c: (abs(second.used(c) - first.used(c)), c))
    for start in starts[1:]:
        for i in range(start, len(lines)):
            row = common.CLASS_ROW.match(lines[i])
            if what != "dms-arenas" and row and int(row.group(1)) == target:
                index, size, pools, used, avail = (int(g) for g in row.groups())
                if what == "dms-blocks":
                    used += amount
                    avail = max(0, avail - amount)
                else:
                    pools += amount
                lines[i] = "%5u %6u %11u %15u %13u" % (index, size, pools, used, avail)
                break
            if what == "dms-arenas" and lines[i].startswith("# arenas allocated current"):
                value = int(lines[i].split("=")[1].replace(",", "")) + amount
                lines[i] = "%-35s= %20s" % ("# arenas allocated current", "{:,}".format(value))
                break
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def main():
    interpreter, path = perfect_model.parse(sys.argv[1:])
    proc = subprocess.run([interpreter, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr, status = proc.stdout, proc.stderr, proc.returncode
    mode = os.environ.get("HEAPSCOPE_PERTURB", "")
    amount = int(os.environ.get("HEAPSCOPE_PERTURB_N", "10"))
    if mode == "digit":
        stdout = perturb_digit(stdout)
    elif mode == "traceback" and status == 1:
        stderr = stderr.rstrip(b"\n") + b" (perturbed)\n"
    elif mode in ("dms-blocks", "dms-pools", "dms-arenas"):
        stderr = perturb_dms(stderr, mode, amount)
    elif mode == "exit" and status == 1:
        status = 0
    sys.stdout.buffer.write(stdout)
    sys.stderr.buffer.write(stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
