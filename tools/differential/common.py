"""Shared helpers of the scenario differential: interpreters, runs, stderr parsing.

The differential runs one scenario under a real CPython and under
`heapscope run --python 3.X` and compares what they write. This module holds
what both the driver (differential.py) and the self-test wrappers
(perfect_model.py, perturbed_model.py) need: finding pyenv's interpreters,
the environment a scenario runs in, and the parser that splits stderr into
`sys._debugmallocstats()` blocks and the remaining lines.

Written for Python 3.8+ (it runs under whatever `python3` is on PATH).
"""

import glob
import os
import re
import subprocess

MINORS = [8, 9, 10, 11, 12, 13]

# ---------------------------------------------------------------------------
# Interpreters


def pyenv_root():
    """The pyenv root: $PYENV_ROOT, else `pyenv root`, else ~/.pyenv."""
    if os.environ.get("PYENV_ROOT"):
        return os.environ["PYENV_ROOT"]
    try:
        out = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return os.path.expanduser("~/.pyenv")


def find_interpreters():
    """Map minor -> path of the newest installed 3.<minor>.* python3, and the missing minors."""
    root = pyenv_root()
    found, missing = {}, []
    for minor in MINORS:
        candidates = glob.glob(os.path.join(root, "versions", "3.%d.*" % minor, "bin", "python3"))
        # Only release builds named 3.X.Y (not 3.X.Yt, 3.X-dev, ...), newest patch level first.
        candidates = [c for c in candidates if re.search(r"/3\.%d\.\d+/bin/python3$" % minor, c)]
        candidates.sort(key=lambda c: int(re.search(r"/3\.\d+\.(\d+)/", c).group(1)))
        if candidates:
            found[minor] = candidates[-1]
        else:
            missing.append(minor)
    return found, missing


def scenario_env():
    """The environment every scenario runs in (CPython and heapscope alike)."""
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONBREAKPOINT"] = "0"
    env["LC_ALL"] = "C.UTF-8"
    env["PYTHONIOENCODING"] = "utf-8"
    for key in ("PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP", "PYTHONPATH", "PYTHONHOME",
                "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONMALLOC", "PYTHONUNBUFFERED",
                "PYTHONINSPECT", "PYTHONOPTIMIZE", "PYTHONVERBOSE"):
        env.pop(key, None)
    return env


class RunResult:
    """stdout/stderr as bytes, the exit status (None after a timeout) and the wall time."""

    def __init__(self, stdout, stderr, status, seconds):
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
        self.seconds = seconds


def run(argv, cwd, timeout, env=None):
    """Run argv in cwd with the scenario environment; never raises on failure."""
    import time

    start = time.monotonic()
    try:
        proc = subprocess.run(argv, cwd=cwd, env=env or scenario_env(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return RunResult(proc.stdout, proc.stderr, proc.returncode, time.monotonic() - start)
    except subprocess.TimeoutExpired as expired:
        return RunResult(expired.stdout or b"", expired.stderr or b"", None, time.monotonic() - start)
    except OSError as error:
        return RunResult(b"", ("cannot execute %s: %s\n" % (argv[0], error)).encode(), 127,
                         time.monotonic() - start)


# ---------------------------------------------------------------------------
# sys._debugmallocstats() blocks on stderr

DMS_FIRST = "Small block threshold = 512, in 32 size classes."
CLASS_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$")
VALUE_LINE = re.compile(r"^(\S.*?)\s*=\s+([\d,]+)$")  # '# arenas ... = 1,234', 'Total = ...'
FREE_LINE = re.compile(r"^\s*(\d+) free (.*?) \* (\d+) bytes each = +([\d,]+)$")
HEADER_LINES = (
    "class   size   num pools   blocks in use  avail blocks",
    "-----   ----   ---------   -------------  ------------",
    "arena map counts",
)


def _is_dms_line(line):
    return (line in HEADER_LINES or CLASS_ROW.match(line) is not None
            or VALUE_LINE.match(line) is not None or FREE_LINE.match(line) is not None)


class DmsBlock:
    """One parsed sys._debugmallocstats() report.

    classes: {class index: (size, pools, blocks in use, avail)} for the rows printed;
    arenas: '# arenas allocated current'; skeleton: the block's lines without the
    class rows, with every count masked (labels, geometry and free-list roster stay).
    """

    def __init__(self, lines):
        self.lines = lines
        self.classes = {}
        self.arenas = None
        self.skeleton = []
        for line in lines:
            row = CLASS_ROW.match(line)
            if row:
                index, size, pools, used, avail = (int(g) for g in row.groups())
                self.classes[index] = (size, pools, used, avail)
                continue
            self.skeleton.append(mask_dms_line(line))
            value = VALUE_LINE.match(line)
            if value and value.group(1).strip() == "# arenas allocated current":
                self.arenas = int(value.group(2).replace(",", ""))

    def used(self, index):
        return self.classes.get(index, (0, 0, 0, 0))[2]

    def pools(self, index):
        return self.classes.get(index, (0, 0, 0, 0))[1]


def mask_dms_line(line):
    """'54 unused pools * 16384 bytes = 884,736' -> 'N unused pools * 16384 bytes = N'."""
    free = FREE_LINE.match(line)
    if free:
        return "N free %s * %s bytes each = N" % (free.group(2), free.group(3))
    value = VALUE_LINE.match(line)
    if value:
        label = re.sub(r"^\d+ ", "N ", value.group(1).strip())
        return "%s = N" % label
    return line


def split_stderr(text):
    """Split stderr text into (dms blocks, other lines).

    A block starts at the 'Small block threshold' line and runs as long as lines
    look like dms output (a blank line belongs to it only if a dms line follows).
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks, other = [], []
    i = 0
    while i < len(lines):
        if lines[i] != DMS_FIRST:
            other.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines):
            if _is_dms_line(lines[j]):
                j += 1
            elif lines[j] == "" and j + 1 < len(lines) and _is_dms_line(lines[j + 1]):
                j += 1
            else:
                break
        blocks.append(DmsBlock(lines[i:j]))
        i = j
    return blocks, other


# ---------------------------------------------------------------------------
# Masking of other stderr lines

# gc DEBUG_STATS: 'gc: done, 2 unreachable, 0 uncollectable, 0.0004s elapsed' carries a
# time; 'objects in each generation' / 'in permanent generation' count the interpreter's
# own objects (thousands of start-up objects heapscope does not model), so only the shape
# of those two lines is compared.
MASKS = [
    (re.compile(r"(, )\d+\.\d+s elapsed$"), r"\1<T>s elapsed"),
    (re.compile(r"^(gc: objects in each generation:)( \d+)+$"), r"\1 <N> <N> <N>"),
    (re.compile(r"^(gc: objects in permanent generation:) \d+$"), r"\1 <N>"),
]


def mask_other_line(line):
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line


def is_caret_line(line):
    """A 3.11+ traceback position marker: only spaces, '^' and '~' (at least one '^')."""
    stripped = line.strip()
    return bool(stripped) and "^" in stripped and set(stripped) <= set("^~")
