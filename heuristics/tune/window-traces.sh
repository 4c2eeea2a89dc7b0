#!/usr/bin/env bash
# Cuts every trace of a folder (Pensieve format: "time_s throughput_Mbps" per line) into windows of
# WINDOW_S seconds at offsets 0, WINDOW_S, 2*WINDOW_S, ... (times shifted to start at 0; a trace
# shorter than one window is kept whole), then drops windows whose time-weighted mean throughput
# over their first 300 s is below MIN_MBPS. Output files are named <trace>@<offset>.
# Used to make the windowed tuning set of docs/HEURISTICS.md from pensieve-train only.
#
# usage: window-traces.sh SRC_DIR OUT_DIR [WINDOW_S=320] [MIN_MBPS=0.5]
set -euo pipefail
src=${1:?source folder}; out=${2:?output folder}; window=${3:-320}; min=${4:-0.5}
mkdir -p "$out"
kept=0; dropped=0
for f in "$src"/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  # one window per line of output: "<offset>\t<mean Mbps over the first 300 s>"
  while IFS=$'\t' read -r offset mean; do
    if awk -v m="$mean" -v min="$min" 'BEGIN { exit !(m >= min) }'; then
      awk -v o="$offset" -v w="$window" '{ t = $1 + 0 } t >= o && t <= o + w { printf "%s\t%s\n", t - o, $2 }' \
        "$f" > "$out/$name@$offset"
      kept=$((kept + 1))
    else
      dropped=$((dropped + 1))
    fi
  done < <(awk -v w="$window" '
      { t[NR] = $1 + 0; v[NR] = $2 + 0; n = NR }
      END {
        for (o = 0; o == 0 || o + w <= t[n]; o += w) {
          s = 0; d = 0; first = 0
          for (i = 1; i <= n; i++) {
            if (t[i] < o || t[i] > o + w) continue
            if (first && t[i] - o <= 300) { s += v[i] * (t[i] - p); d += t[i] - p }
            p = t[i]; first = 1
          }
          printf "%d\t%.6f\n", o, (d > 0 ? s / d : 0)
          if (t[n] < w) break
        }
      }' "$f" | tr -d '\r')
done
echo "windows kept: $kept, dropped (mean below $min Mbps): $dropped"
