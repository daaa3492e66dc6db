#!/usr/bin/env bash
# Runs every fuzz target in turn, one afl-fuzz at a time, each for SECONDS (default 900).
#   fuzz/run-all.sh [SECONDS]       TARGETS="server mime" fuzz/run-all.sh 600 runs a subset
# The harness is built and instrumented once, before the first target.
set -euo pipefail
seconds=${1:-900}
fuzz=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
first=1
for target in ${TARGETS:-framing mime passport server soap sso lists oim}; do
  if ((first)); then "$fuzz/run.sh" "$target" "$seconds"; else SKIP_BUILD=1 "$fuzz/run.sh" "$target" "$seconds"; fi
  first=0
done
