#!/usr/bin/env python3
"""Differential test: every Scenarios/*.py under real CPython 3.8-3.13 vs `heapscope run`.

For each scenario and each installed interpreter ($(pyenv root)/versions/3.X.Y) the
scenario runs under CPython (PYTHONHASHSEED=0 PYTHONBREAKPOINT=0, cwd = the scenario's
folder, argument = its file name) and under `$HEAPSCOPE_BIN run --python 3.X NAME.py`
(default .build/debug/heapscope) the same way. Compared (SPEC §4, docs/scenarios.md):

  1. stdout, byte for byte;
  2. the exit status;
  3. stderr outside sys._debugmallocstats() blocks, line by line, exactly - the
     traceback of an uncaught exception including the 3.11+ caret lines - except that
     gc DEBUG_STATS times and per-generation object counts are masked;
  4. sys._debugmallocstats() blocks: same number of blocks; same skeleton (labels,
     pool/arena sizes, free-list roster, counts masked); and, between consecutive
     blocks, the change per size class of blocks in use within max(3, 2% of CPython's
     change) and of pools within +-1, and the change of arenas within +-1.

Scenarios/KNOWN_GAPS lists expected failures ('scenario.py 3.X reason', '*' for every
version): such a failure is XFAIL; if it passes it is XPASS and fails the run.

Usage: .ci/differential [--filter SUBSTR] [--python 3.X] [--verbose] [--jobs N]
       .ci/differential --self-test
Exit status: 0 all good, 1 an unexpected failure (or XPASS, or a stale KNOWN_GAPS line),
2 bad usage.
"""

import argparse
import concurrent.futures
import difflib
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCENARIOS = os.path.join(ROOT, "Scenarios")
CPYTHON_TIMEOUT = 120
HEAPSCOPE_TIMEOUT = 300
DIFF_LINES = 30


# ---------------------------------------------------------------------------
# Comparison


def block_tolerance(cpython_change):
    return max(3, abs(cpython_change) * 0.02)


def compare_dms(expected_blocks, actual_blocks):
    """Problems found comparing the dms blocks, as short strings (empty: agree)."""
    problems = []
    if len(expected_blocks) != len(actual_blocks):
        return ["%d sys._debugmallocstats() blocks, expected %d" % (len(actual_blocks), len(expected_blocks))]
    for number, (exp, act) in enumerate(zip(expected_blocks, actual_blocks), 1):
        if exp.skeleton != act.skeleton:
            diff = [d for d in difflib.unified_diff(exp.skeleton, act.skeleton, lineterm="", n=0)
                    if d[:1] in "+-" and d[:3] not in ("+++", "---")]
            problems.append("dms block %d layout differs: %s" % (number, "; ".join(diff[:4])))
    for number in range(1, len(expected_blocks)):
        e0, e1 = expected_blocks[number - 1], expected_blocks[number]
        a0, a1 = actual_blocks[number - 1], actual_blocks[number]
        where = "dms %d->%d" % (number, number + 1)
        for index in range(32):
            de = e1.used(index) - e0.used(index)
            da = a1.used(index) - a0.used(index)
            if abs(da - de) > block_tolerance(de):
                problems.append("%s class %d (%d B): blocks in use %+d, CPython %+d (tolerance %d)"
                                % (where, index, 16 * (index + 1), da, de, int(block_tolerance(de))))
            pe = e1.pools(index) - e0.pools(index)
            pa = a1.pools(index) - a0.pools(index)
            if abs(pa - pe) > 1:
                problems.append("%s class %d (%d B): pools %+d, CPython %+d (tolerance 1)"
                                % (where, index, 16 * (index + 1), pa, pe))
        if None in (e0.arenas, e1.arenas, a0.arenas, a1.arenas):
            problems.append("%s: '# arenas allocated current' missing" % where)
        else:
            de, da = e1.arenas - e0.arenas, a1.arenas - a0.arenas
            if abs(da - de) > 1:
                problems.append("%s: arenas %+d, CPython %+d (tolerance 1)" % (where, da, de))
    return problems


def unified(expected, actual, label):
    diff = list(difflib.unified_diff(expected, actual, "cpython/" + label, "heapscope/" + label, lineterm=""))
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + ["... (%d more diff lines)" % (len(diff) - DIFF_LINES)]
    return diff


def decode(data):
    return data.decode("utf-8", errors="backslashreplace")


def compare(cpython, heapscope, ignore_carets=False):
    """Return (ok, reason, diff lines) for one scenario under one version."""
    if cpython.status is None:
        return False, "CPython timed out (scenario too slow?)", []
    if heapscope.status is None:
        return False, "heapscope timed out after %ds" % HEAPSCOPE_TIMEOUT, []
    reasons, diff = [], []
    if heapscope.status != cpython.status:
        reasons.append("exit status %d, CPython %d" % (heapscope.status, cpython.status))
        if heapscope.status not in (0, 1):
            tail = decode(heapscope.stderr).strip().splitlines()[:6]
            diff += ["heapscope stderr:"] + ["  " + line for line in tail]
    if heapscope.stdout != cpython.stdout:
        exp, act = decode(cpython.stdout).split("\n"), decode(heapscope.stdout).split("\n")
        first = next((i for i, (a, b) in enumerate(zip(exp, act)) if a != b), min(len(exp), len(act)))
        reasons.append("stdout differs at line %d" % (first + 1))
        diff += unified(exp, act, "stdout")
    exp_blocks, exp_other = common.split_stderr(decode(cpython.stderr))
    act_blocks, act_other = common.split_stderr(decode(heapscope.stderr))
    exp_other = [common.mask_other_line(line) for line in exp_other]
    act_other = [common.mask_other_line(line) for line in act_other]
    if ignore_carets:
        exp_other = [line for line in exp_other if not common.is_caret_line(line)]
        act_other = [line for line in act_other if not common.is_caret_line(line)]
    if exp_other != act_other and not (heapscope.status not in (0, 1) and reasons):
        reasons.append("stderr differs")
        diff += unified(exp_other, act_other, "stderr")
    dms = compare_dms(exp_blocks, act_blocks)
    if dms:
        reasons.append(dms[0] + (" (+%d more)" % (len(dms) - 1) if len(dms) > 1 else ""))
        diff += ["dms: " + p for p in dms[:DIFF_LINES]]
    if reasons:
        return False, "; ".join(reasons), diff
    return True, "", []


# ---------------------------------------------------------------------------
# Known gaps


class KnownGaps:
    """Scenarios/KNOWN_GAPS: 'scenario.py 3.X reason' per line, '*' = every version."""

    def __init__(self, path):
        self.path = path
        self.entries = []  # (scenario, minor or None, reason, line number)
        self.errors = []
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8") as handle:
            for number, raw in enumerate(handle, 1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                parts = line.split(None, 2)
                if len(parts) < 3:
                    self.errors.append("%s:%d: expected 'scenario.py 3.X reason'" % (path, number))
                    continue
                name, version, reason = parts
                if version == "*":
                    minor = None
                elif version.startswith("3.") and version[2:].isdigit() and int(version[2:]) in common.MINORS:
                    minor = int(version[2:])
                else:
                    self.errors.append("%s:%d: bad version %r (3.8 ... 3.13 or *)" % (path, number, version))
                    continue
                self.entries.append((name, minor, reason, number))

    def reason(self, name, minor):
        for entry_name, entry_minor, reason, _ in self.entries:
            if entry_name == name and entry_minor in (None, minor):
                return reason
        return None

    def stale(self, existing_names):
        return ["%s:%d: %s is not a scenario" % (self.path, number, name)
                for name, _, _, number in self.entries if name not in existing_names]


# ---------------------------------------------------------------------------
# Driver


class Outcome:
    def __init__(self, name, minor, status, reason, diff, cpython):
        self.name, self.minor, self.status, self.reason, self.diff = name, minor, status, reason, diff
        self.cpython = cpython  # the CPython RunResult (the self-test derives expectations from it)


def run_one(path, minor, interpreter, heapscope, gaps, ignore_carets, extra_env):
    directory, name = os.path.split(path)
    env = common.scenario_env()
    env.update(extra_env)
    cpython = common.run([interpreter, name], directory, CPYTHON_TIMEOUT, env)
    model = common.run([heapscope, "run", "--python", "3.%d" % minor, name], directory, HEAPSCOPE_TIMEOUT, env)
    ok, reason, diff = compare(cpython, model, ignore_carets)
    gap = gaps.reason(name, minor)
    if ok:
        status = "XPASS" if gap else "PASS"
        if gap:
            reason = "listed in KNOWN_GAPS (%s) but passes: remove the line" % gap
    else:
        status = "XFAIL" if gap else "FAIL"
        if gap:
            reason = "%s [known gap: %s]" % (reason, gap)
    return Outcome(name, minor, status, reason, diff, cpython)


def discover(filter_text):
    paths = sorted(glob.glob(os.path.join(SCENARIOS, "*.py")))
    return [p for p in paths if not filter_text or filter_text in os.path.basename(p)]


def run_suite(heapscope, minors=None, filter_text=None, gaps_path=None, verbose=False, jobs=2,
              ignore_carets=False, extra_env=None, quiet=False, out=sys.stdout):
    """Run the differential; return (exit code, outcomes)."""
    def say(text=""):
        if not quiet:
            print(text, file=out, flush=True)

    interpreters, missing = common.find_interpreters()
    if minors:
        unknown = [m for m in minors if m not in interpreters]
        for m in unknown:
            say("SKIP  3.%d: no interpreter under %s/versions" % (m, common.pyenv_root()))
        interpreters = {m: p for m, p in interpreters.items() if m in minors}
    else:
        for m in missing:
            say("SKIP  every scenario on 3.%d: no interpreter under %s/versions/3.%d.*" % (m, common.pyenv_root(), m))
    gaps = KnownGaps(gaps_path or os.path.join(SCENARIOS, "KNOWN_GAPS"))
    all_names = {os.path.basename(p) for p in discover(None)}
    problems = gaps.errors + gaps.stale(all_names)
    for problem in problems:
        say("ERROR " + problem)
    paths = discover(filter_text)
    if not paths:
        say("no scenario matches %r" % (filter_text or ""))
        return 1, []
    if not os.access(heapscope, os.X_OK):
        say("ERROR heapscope binary %s not found or not executable (set HEAPSCOPE_BIN or swift build)" % heapscope)
        return 1, []
    work = [(p, m) for p in paths for m in sorted(interpreters)]
    outcomes = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(run_one, p, m, interpreters[m], heapscope, gaps, ignore_carets, extra_env or {})
                   for p, m in work]
        for future in futures:
            outcome = future.result()
            outcomes.append(outcome)
            line = "%-5s %-36s 3.%-3d" % (outcome.status, outcome.name, outcome.minor)
            if outcome.reason:
                line += " " + outcome.reason
            say(line.rstrip())
            if outcome.status in ("FAIL", "XFAIL") and (outcome.status == "FAIL" or verbose):
                for diff_line in outcome.diff:
                    say("      " + diff_line)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("PASS", "FAIL", "XFAIL", "XPASS")}
    say()
    say("differential: %d scenarios x %d versions: %d passed, %d failed, %d expected failures (XFAIL), "
        "%d unexpected passes (XPASS)%s" % (len(paths), len(interpreters), counts["PASS"], counts["FAIL"],
                                             counts["XFAIL"], counts["XPASS"],
                                             ", %d KNOWN_GAPS errors" % len(problems) if problems else ""))
    if missing and not minors:
        say("skipped versions (not installed): " + ", ".join("3.%d" % m for m in missing))
    failed = counts["FAIL"] or counts["XPASS"] or problems
    return (1 if failed else 0), outcomes


def main(argv):
    parser = argparse.ArgumentParser(prog=".ci/differential", description=__doc__.split("\n")[0])
    parser.add_argument("--filter", metavar="SUBSTR", help="only scenarios whose file name contains SUBSTR")
    parser.add_argument("--python", metavar="3.X", action="append",
                        help="only this version (repeatable); default: every installed 3.8-3.13")
    parser.add_argument("--verbose", action="store_true", help="print diffs of expected failures too")
    parser.add_argument("--jobs", type=int, default=2, help="runs in parallel (default 2)")
    parser.add_argument("--ignore-carets", action="store_true",
                        help="do not compare 3.11+ traceback caret lines (local use; CI compares them)")
    parser.add_argument("--known-gaps", metavar="FILE", help="default Scenarios/KNOWN_GAPS")
    parser.add_argument("--self-test", action="store_true",
                        help="check this script with the wrappers in tools/differential")
    args = parser.parse_args(argv)
    minors = None
    if args.python:
        minors = []
        for text in args.python:
            if not (text.startswith("3.") and text[2:].isdigit() and int(text[2:]) in common.MINORS):
                parser.error("--python expects 3.8 ... 3.13, got %r" % text)
            minors.append(int(text[2:]))
    if args.self_test:
        import selftest
        return selftest.main(minors, args.filter)
    heapscope = os.environ.get("HEAPSCOPE_BIN") or os.path.join(ROOT, ".build", "debug", "heapscope")
    code, _ = run_suite(os.path.abspath(heapscope), minors, args.filter, args.known_gaps, args.verbose,
                        args.jobs, args.ignore_carets)
    return code


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        sys.exit(1)
