#!/usr/bin/env python3
"""Regenerates Sources/Scenario/Bundled/BundledScenarios.swift from Scenarios/tour.py."""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
text = (root / "Scenarios/tour.py").read_text()
assert '"""#' not in text
swift = '''// swift-format-ignore-file
// Scenarios compiled into the binary, so `heapscope` with no argument works
// from any directory. `Scenarios/tour.py` is the source of truth
// (regenerate with tools/gen-bundled-scenarios.py); a test keeps this copy
// identical to it.

/// Scenario texts built into heapscope.
public enum BundledScenarios {
  /// The file name the tour is shown under.
  public static let tourName = "tour.py"

  /// `Scenarios/tour.py`.
  public static let tour = #"""
''' + text + '''
"""#
}
'''
(root / "Sources/Scenario/Bundled/BundledScenarios.swift").write_text(swift)
