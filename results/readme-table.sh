#!/usr/bin/env bash
# Rewrites the per-target table of results/README.md (between its "results-table" markers) from
# results/<target>/summary.json (seed and best GFLOP/s of the run, speedup) and
# results/compare/compare.tsv (library baselines under JMH and each row's share of the machine's limit,
# written by benchmarks/compare.sh), with the machine of results/compare/machine.txt. Needs jq.
# Usage: results/readme-table.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
readme="$here/README.md"
tsv="$here/compare/compare.tsv"
command -v jq >/dev/null || { echo "readme-table: jq is needed (apt-get install jq)" >&2; exit 1; }
grep -q '^<!-- results-table:start -->$' "$readme" && grep -q '^<!-- results-table:end -->$' "$readme" \
  || { echo "readme-table: $readme lacks the results-table markers" >&2; exit 1; }
machine=$(cat "$here/compare/machine.txt" 2>/dev/null || echo "unknown machine")

table=$(mktemp)
trap 'rm -f "$table"' EXIT
{
  echo "| target | run: seed -> best GFLOP/s, speedup | JMH: seed -> evolved GFLOP/s (GB/s), speedup | share of limit: seed -> evolved (limit) | library baselines (JMH), GFLOP/s | machine |"
  echo "|---|---|---|---|---|---|"
  rows=0
  for t in $("$root/evolve" targets | awk '{print $1}'); do
    summary="$here/$t/summary.json"
    [ -f "$summary" ] || continue
    IFS=$'\t' read -r n seed best speedup jmh wall < <(jq -r \
      '[.timing_size, .seed_gflops, .best_gflops, .best_speedup, .confirmed_with_jmh, .wall_seconds] | @tsv' "$summary")
    baselines="-"
    jmhcol="-"
    sharecol="-"
    if [ -f "$tsv" ]; then
      jmhcol=$(awk -F'\t' -v t="$t" 'NR > 1 && $1 == t && $2 == "seed" { s = $6; sb = $7 }
          NR > 1 && $1 == t && $2 == "evolved" { e = $6; eb = $7; x = $8 }
          END { if (s == "" || e == "") { printf "-"; exit }
                printf "%.3g -> %.3g (%.3g -> %.3g GB/s), %.2fx", s, e, sb, eb, x }' "$tsv")
      # columns 9-13 (limit, limit_ms, limit_gflops, limit_gb_per_s, share_of_limit): absent in older files
      sharecol=$(awk -F'\t' -v t="$t" 'NR > 1 && $1 == t && $2 == "seed" { s = $13 }
          NR > 1 && $1 == t && $2 == "evolved" { e = $13; l = $9 }
          END { if (e == "" || l == "") { printf "-"; exit }
                if (s == "") printf "%.0f %% (%s)", 100 * e, l
                else printf "%.2g %% -> %.0f %% (%s)", 100 * s, 100 * e, l }' "$tsv")
      baselines=$(awk -F'\t' -v t="$t" 'NR > 1 && $1 == t && $2 != "seed" && $2 != "evolved" && $2 !~ /^reference-/ {
          printf "%s%s %.3g", sep, $2, $6; sep = ", " } END { if (sep == "") printf "-" }' "$tsv")
    fi
    label=$([ "$jmh" = "true" ] && echo "JMH" || echo "screen")
    printf '| %s (n = %s, %.0f s run) | %.3g -> %.3g (%s), %.1fx | %s | %s | %s | %s |\n' \
      "$t" "$n" "$wall" "$seed" "$best" "$label" "$speedup" "$jmhcol" "$sharecol" "$baselines" "$machine"
    rows=$((rows + 1))
  done
  [ "$rows" -gt 0 ] || echo "| (no results/<target>/summary.json yet: run results/regenerate.sh) | | | | | |"
} > "$table"

awk -v table="$table" '
  /^<!-- results-table:start -->$/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /^<!-- results-table:end -->$/ { skip = 0 }
  !skip { print }' "$readme" > "$readme.tmp"
mv "$readme.tmp" "$readme"
echo "readme-table: updated $readme" >&2
