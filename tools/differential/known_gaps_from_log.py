#!/usr/bin/env python3
"""Writes Scenarios/KNOWN_GAPS from a .ci/differential log: one line per failing
(scenario, version) pair, with the reason given below for the scenario or, failing
that, the differential's own one-line reason. Run after fixing a gap:

    .ci/differential --known-gaps /dev/null > /tmp/diff.log
    tools/differential/known_gaps_from_log.py /tmp/diff.log
"""
import pathlib
import re
import sys

REASONS = {
    "assert_failure.py": "3.11+ traceback caret lines are not modelled yet",
    "uncaught_chained.py": "3.11+ traceback caret lines are not modelled yet",
    "uncaught_exception.py": "3.11+ traceback caret lines are not modelled yet",
    "uncaught_value_error.py": "3.11+ traceback caret lines are not modelled yet",
    "recursion_uncaught.py": "3.11+ traceback caret lines are not modelled yet",
    "bytes_sizes.py": "bytearray is not implemented yet",
    "class_objects.py": "super() and __mro__ are not implemented yet",
    "small_int_cache.py": "compile-time SyntaxWarning for 'is' with a literal is not emitted",
    "string_building.py": "in-place str += resizing (unicode_concatenate) is not modelled",
    "weakref_finalize.py": "weakref.finalize is not implemented yet",
    "weakvaluedictionary_cache.py": "weakref.WeakValueDictionary is not implemented yet",
    "generator_vs_list.py": "generator frame size: co_stacksize estimate differs by a slot",
    "generator_keeps_locals.py": "generator frame size / exhaustion details differ",
    "dict_split_instance.py": "3.11+ materialised instance dicts are not split dicts yet",
    "slots_vs_dict.py": "3.11+ materialised instance dicts are not split dicts yet",
    "descriptors_methods.py": "property setters / classmethod binding details",
    "dms_allocation_burst.py": "CPython's start-up pools of the 48-byte class are not modelled",
    "dms_fragmentation.py": "CPython's start-up pools of the 48-byte class are not modelled",
    "dms_size_classes.py": "CPython's start-up pools of the 48-byte class are not modelled",
}

log = pathlib.Path(sys.argv[1]).read_text()
lines = []
for match in re.finditer(r"^FAIL\s+(\S+)\s+(3\.\d+)\s+(.*)$", log, re.M):
    scenario, version, reason = match.groups()
    lines.append("%s %s %s" % (scenario, version, REASONS.get(scenario, "differs: " + reason.strip())))
root = pathlib.Path(__file__).resolve().parent.parent.parent
header = [
    "# Expected failures of the differential (.ci/differential, docs/scenarios.md).",
    "# One per line: scenario.py 3.X reason     ('*' instead of 3.X: every version)",
    "# A listed pair that passes is reported as XPASS and fails the run: remove its line.",
    "# Regenerate with tools/differential/known_gaps_from_log.py after fixing a gap.",
]
(root / "Scenarios/KNOWN_GAPS").write_text("\n".join(header + sorted(lines)) + "\n")
print("%d known gaps" % len(lines))
