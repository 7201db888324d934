"""Self-test of the differential (`.ci/differential --self-test`).

Runs the differential over Scenarios/ with two stand-ins for heapscope:
perfect_model.py (executes the real interpreter: everything must PASS) and
perturbed_model.py (changes the output in one controlled way: exactly the
scenarios the change can be seen in must FAIL, and changes inside the documented
tolerance must still PASS). Then checks KNOWN_GAPS handling (XFAIL, XPASS, stale
lines). Prints one line per check and exits 1 if any check fails.
"""

import io
import os
import re
import sys
import tempfile

import common
import differential

HERE = os.path.dirname(os.path.abspath(__file__))
PERFECT = os.path.join(HERE, "perfect_model.py")
PERTURBED = os.path.join(HERE, "perturbed_model.py")


def dms_count(outcome):
    return len(common.split_stderr(outcome.cpython.stderr.decode("utf-8", "replace"))[0])


def NEVER(outcome):
    return False


# mode, N, predicate(outcome) -> True if that (scenario, version) must FAIL
CASES = [
    ("perfect model", None, None, NEVER),
    ("stdout: one digit changed", "digit", None, lambda o: re.search(rb"\d", o.cpython.stdout) is not None),
    ("traceback: message changed", "traceback", None, lambda o: o.cpython.status == 1),
    ("exit status 1 -> 0", "exit", None, lambda o: o.cpython.status == 1),
    ("dms: +10 blocks in one class", "dms-blocks", 10, lambda o: dms_count(o) >= 2),
    ("dms: +3 blocks (within tolerance)", "dms-blocks", 3, NEVER),
    ("dms: +2 pools in one class", "dms-pools", 2, lambda o: dms_count(o) >= 2),
    ("dms: +1 pool (within tolerance)", "dms-pools", 1, NEVER),
    ("dms: +2 arenas", "dms-arenas", 2, lambda o: dms_count(o) >= 2),
    ("dms: +1 arena (within tolerance)", "dms-arenas", 1, NEVER),
]


def check_case(title, mode, amount, must_fail, minors, filter_text, empty_gaps):
    env = {"HEAPSCOPE_PERTURB": mode or ""}
    if amount is not None:
        env["HEAPSCOPE_PERTURB_N"] = str(amount)
    binary = PERTURBED if mode else PERFECT
    code, outcomes = differential.run_suite(binary, minors, filter_text, empty_gaps, quiet=True, extra_env=env)
    wrong = []
    for o in outcomes:
        expected = "FAIL" if must_fail(o) else "PASS"
        if o.status != expected:
            wrong.append("%s 3.%d: %s, expected %s (%s)" % (o.name, o.minor, o.status, expected, o.reason))
    failing = sum(1 for o in outcomes if o.status == "FAIL")
    expected_code = 1 if failing else 0
    if code != expected_code:
        wrong.append("exit code %d, expected %d" % (code, expected_code))
    if must_fail is not NEVER and failing == 0:
        wrong.append("the perturbation was not seen in any scenario (vacuous check)")
    return wrong, len(outcomes), failing


def check_gaps(minors, filter_text, tmp):
    """KNOWN_GAPS: a listed failure is XFAIL (run passes); a listed pass is XPASS (run fails);
    a line naming no scenario fails the run."""
    problems = []
    names = sorted(os.path.basename(p) for p in differential.discover(filter_text))
    with_digits = None
    _, outcomes = differential.run_suite(PERFECT, minors, filter_text, os.path.join(tmp, "none"), quiet=True)
    for o in outcomes:
        if re.search(rb"\d", o.cpython.stdout):
            with_digits = o.name
            break
    gaps = os.path.join(tmp, "KNOWN_GAPS")
    # 1. XFAIL: the perturbed digit makes with_digits fail on every version; listed -> run passes
    #    when restricted to that scenario.
    with open(gaps, "w") as handle:
        handle.write("# comment\n%s * perturbed digit\n" % with_digits)
    code, out = differential.run_suite(PERTURBED, minors, with_digits, gaps, quiet=True,
                                       extra_env={"HEAPSCOPE_PERTURB": "digit"})
    if code != 0 or any(o.status != "XFAIL" for o in out):
        problems.append("listed failure: exit %d, statuses %s" % (code, sorted({o.status for o in out})))
    # 2. XPASS: the perfect model passes a listed scenario -> run fails.
    code, out = differential.run_suite(PERFECT, minors, with_digits, gaps, quiet=True)
    if code != 1 or any(o.status != "XPASS" for o in out):
        problems.append("listed pass: exit %d, statuses %s" % (code, sorted({o.status for o in out})))
    # 3. a version-specific line only affects that version.
    minor = sorted({o.minor for o in out})[0]
    with open(gaps, "w") as handle:
        handle.write("%s 3.%d only this one\n" % (with_digits, minor))
    code, out = differential.run_suite(PERTURBED, minors, with_digits, gaps, quiet=True,
                                       extra_env={"HEAPSCOPE_PERTURB": "digit"})
    statuses = {o.minor: o.status for o in out}
    if statuses.get(minor) != "XFAIL" or any(s != "FAIL" for m, s in statuses.items() if m != minor) or code != 1:
        problems.append("version-specific line: exit %d, statuses %s" % (code, statuses))
    # 4. a stale line (no such scenario) fails the run even though everything passes.
    with open(gaps, "w") as handle:
        handle.write("no_such_scenario.py * gone\n")
    code, out = differential.run_suite(PERFECT, minors, names[0], gaps, quiet=True)
    if code != 1:
        problems.append("stale line: exit %d, expected 1" % code)
    # 5. a malformed line fails the run.
    with open(gaps, "w") as handle:
        handle.write("%s 3.7 bad version\n" % names[0])
    code, out = differential.run_suite(PERFECT, minors, names[0], gaps, quiet=True)
    if code != 1:
        problems.append("malformed line: exit %d, expected 1" % code)
    return problems


def check_parser():
    """The stderr splitter on a hand-made stream: dms blocks between other lines."""
    problems = []
    dms = "\n".join([
        common.DMS_FIRST, "", common.HEADER_LINES[0], common.HEADER_LINES[1],
        "    0     16           1              28           993",
        "    4     80          15            2979            81", "",
        "# arenas allocated total           =                    2",
        "# arenas allocated current         =                    2",
        "2 arenas * 1048576 bytes/arena     =            2,097,152", "",
        "           14 free PyDictObjects * 48 bytes each =                  672",
    ])
    text = "gc: collecting generation 2...\n" + dms + "\ngc: done, 1 unreachable, 0 uncollectable, 0.0004s elapsed\n" + dms + "\n\nTraceback (most recent call last):\n"
    blocks, other = common.split_stderr(text)
    if len(blocks) != 2 or blocks[0].used(4) != 2979 or blocks[0].pools(4) != 15 or blocks[1].arenas != 2:
        problems.append("dms parse: %d blocks" % len(blocks))
    masked = [common.mask_other_line(line) for line in other]
    if masked != ["gc: collecting generation 2...", "gc: done, 1 unreachable, 0 uncollectable, <T>s elapsed",
                  "", "Traceback (most recent call last):"]:
        problems.append("other lines: %r" % masked)
    if blocks and "N arenas * 1048576 bytes/arena = N" not in blocks[0].skeleton:
        problems.append("skeleton: %r" % blocks[0].skeleton)
    if not common.is_caret_line("    ~~~~~~~^~~") or common.is_caret_line("    x = 1"):
        problems.append("caret detection")
    return problems


def main(minors=None, filter_text=None):
    failures = 0

    def report(title, problems, detail=""):
        nonlocal failures
        print("%-4s %s%s" % ("ok" if not problems else "FAIL", title, detail), flush=True)
        for p in problems[:20]:
            print("       " + p)
        failures += bool(problems)

    report("stderr parser and masks", check_parser())
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, "EMPTY_GAPS")
        open(empty, "w").close()
        for title, mode, amount, must_fail in CASES:
            wrong, total, failing = check_case(title, mode, amount, must_fail, minors, filter_text, empty)
            report(title, wrong, " (%d runs, %d FAIL as expected)" % (total, failing) if not wrong else "")
        report("KNOWN_GAPS: XFAIL, XPASS, per-version lines, stale and malformed lines",
               check_gaps(minors, filter_text, tmp))
    print("self-test: %s" % ("all checks passed" if not failures else "%d checks FAILED" % failures))
    return 1 if failures else 0
