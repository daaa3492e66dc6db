#!/usr/bin/env bash
# Interleaved A/B runs of msnp load (docs/benchmarks.md): for each round, each scenario, each "label:binary:version:extra" spec.
# version "-" passes no --version (binaries from before it existed run MSNP8); extra is passed to relay/roundtrip only.
# Usage: tools/load-ab.sh ROUNDS DURATION SPEC...
set -uo pipefail
rounds=$1; duration=$2; shift 2
for r in $(seq 1 "$rounds"); do
  for scenario in relay roundtrip signin; do
    for spec in "$@"; do
      IFS=: read -r label bin version extra <<<"$spec"
      args=(load "$scenario" --duration "$duration")
      [[ $version != - ]] && args+=(--version "$version")
      [[ -n ${extra:-} && $scenario != signin ]] && args+=($extra)
      load=$(cut -d' ' -f1 /proc/loadavg)
      line=$("$bin" "${args[@]}" 2>&1 | grep -E "^ +(messages|round trips|sign-ins) " | head -1)
      rate=$(grep -oE "= [0-9,]+/s" <<<"$line" | tr -d '=,/s ')
      echo "$r $scenario $label $version $rate load=$load"
    done
  done
done
