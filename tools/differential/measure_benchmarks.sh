#!/usr/bin/env bash
# Measure each Benchmarks/*.py under plain CPython (default 3.12) with /usr/bin/time -v:
# wall time (median of RUNS, default 3) and max RSS. Prints a Markdown table.
#   tools/differential/measure_benchmarks.sh [3.X] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:-3.12}"
runs="${2:-3}"
python=$(ls -d "$(pyenv root)"/versions/"$version".*/bin/python3 | sort -V | tail -n 1)
echo "| workload | SIZE | wall time, s (median of $runs; min-max) | max RSS, MB |"
echo "|---|---|---|---|"
for file in Benchmarks/*.py; do
  size=$(sed -n '1s/^SIZE = \([0-9]*\).*/\1/p' "$file")
  times=()
  rss=0
  for _ in $(seq "$runs"); do
    out=$( { PYTHONHASHSEED=0 /usr/bin/time -v "$python" "$file" >/dev/null; } 2>&1 )
    wall=$(echo "$out" | sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p')
    seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    times+=("$seconds")
    kb=$(echo "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  echo "| \`$(basename "$file")\` | $size | $median ($(echo "$sorted" | head -n 1)-$(echo "$sorted" | tail -n 1)) | $(awk "BEGIN { printf \"%.1f\", $rss / 1024 }") |"
done
