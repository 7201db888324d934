#!/usr/bin/env python3
"""Author's aid: run scenario files under every installed CPython and show the output.

  tools/differential/show.py FILE.py...   [--stderr] [--twice]

Versions that print the same stdout are grouped; --stderr shows stderr too (dms blocks
summarised), --twice runs each version twice and flags output that is not deterministic.
Also runs `heapscope check` on each file ($HEAPSCOPE_BIN or .build/debug/heapscope).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv):
    files = [a for a in argv if not a.startswith("--")]
    show_stderr, twice = "--stderr" in argv, "--twice" in argv
    interpreters, _ = common.find_interpreters()
    heapscope = os.environ.get("HEAPSCOPE_BIN") or os.path.join(ROOT, ".build", "debug", "heapscope")
    for path in files:
        path = os.path.abspath(path)
        directory, name = os.path.split(path)
        print("#" * 20, name)
        check = common.run([heapscope, "check", name], directory, 60)
        if check.status != 0:
            print("CHECK FAILED:", check.stdout.decode() + check.stderr.decode())
        groups = {}
        for minor, interp in sorted(interpreters.items()):
            r = common.run([interp, name], directory, 120)
            key = r.stdout.decode(errors="replace") + "\n[exit %s]" % r.status
            if show_stderr or r.status != 0:
                blocks, other = common.split_stderr(r.stderr.decode(errors="replace"))
                key += "\n[stderr]\n" + "\n".join(common.mask_other_line(l) for l in other)
                if blocks:
                    key += "\n[%d dms blocks]" % len(blocks)
                    for i in range(1, len(blocks)):
                        ch = ["c%d:%+d/%+dp" % (c, blocks[i].used(c) - blocks[i-1].used(c),
                                                blocks[i].pools(c) - blocks[i-1].pools(c))
                              for c in range(32) if blocks[i].used(c) != blocks[i-1].used(c)
                              or blocks[i].pools(c) != blocks[i-1].pools(c)]
                        key += "\n  %d->%d arenas %+d: %s" % (i, i+1, blocks[i].arenas - blocks[i-1].arenas, " ".join(ch))
            if twice:
                r2 = common.run([interp, name], directory, 120)
                if r2.stdout != r.stdout or r2.status != r.status:
                    print("!! NONDETERMINISTIC stdout on 3.%d" % minor)
            groups.setdefault(key, []).append("3.%d" % minor)
        for key, versions in groups.items():
            print("---- %s (%.1fs)" % (" ".join(versions), 0))
            print(key)


if __name__ == "__main__":
    main(sys.argv[1:])
