#!/usr/bin/env bash
# Builds the front-end fuzz target with libFuzzer (outside SwiftPM, so
# `swift build` is unaffected) and optionally runs it.
#
#   tools/build-fuzzer.sh             build .build/fuzz/fuzz-frontend
#   tools/build-fuzzer.sh run 600     build, then fuzz for 600 s from Tests/Fuzz/corpus
#
# New interesting inputs go to .build/fuzz/corpus (the seed corpus in
# Tests/Fuzz/corpus is read-only here); crashes go to .build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out/corpus"
bigint=.build/checkouts/BigInt/Sources
if [ ! -d "$bigint" ]; then swift package resolve; fi

swiftc -O -parse-as-library -emit-library -static -module-name BigInt \
  -emit-module -emit-module-path "$out/BigInt.swiftmodule" -o "$out/libBigInt.a" "$bigint"/*.swift

swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name ScenarioFuzz \
  -I "$out" -L "$out" -lBigInt \
  Sources/Scenario/Source/*.swift Sources/Scenario/Lexer/*.swift Sources/Scenario/Parser/*.swift \
  Sources/Scenario/AST/*.swift Sources/Scenario/Checker/*.swift Tests/Fuzz/FuzzEntry.swift \
  -o "$out/fuzz-frontend"
echo "built $out/fuzz-frontend"

if [ "${1:-}" = "run" ]; then
  seconds="${2:-600}"
  "$out/fuzz-frontend" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -dict=Tests/Fuzz/python.dict -artifact_prefix="$out/" "$out/corpus" Tests/Fuzz/corpus
fi
