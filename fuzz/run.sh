#!/usr/bin/env bash
# Fuzzes one target with AFL++ and SharpFuzz for a given number of seconds.
#   fuzz/run.sh TARGET SECONDS      TARGET: framing | mime | passport | server
# Installs what is missing (afl++ from Debian, the sharpfuzz tool from NuGet), builds the harness,
# instruments Msnp.Protocol.dll and Msnp.Server.dll, runs one afl-fuzz instance at the lowest CPU
# priority on the in-repo corpus, copies crashes and hangs to fuzz/findings/TARGET/ and prints the
# run's figures. Work files live in fuzz/out/ (ignored by git). SKIP_BUILD=1 reuses the last
# instrumented build.
set -euo pipefail

target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
case "$target" in framing | mime | passport | server | soap | sso | lists | oim) ;; *) echo "unknown target: $target" >&2; exit 2 ;; esac

fuzz=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$fuzz/out"
build="$out/build"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if ! command -v afl-fuzz >/dev/null; then
  echo "== installing afl++"
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq afl++; else sudo apt-get update -qq && sudo apt-get install -y -qq afl++; fi
fi

if [[ ${SKIP_BUILD:-0} == 1 && -f $build/Msnp.Fuzz.dll ]]; then
  echo "== reusing the instrumented build in $build"
else
  echo "== building and instrumenting"
  (cd "$fuzz" && dotnet tool restore >/dev/null)
  # A fresh output every time: sharpfuzz rewrites the assemblies in place and refuses to do it twice.
  rm -rf "$build"
  dotnet build "$fuzz/Msnp.Fuzz/Msnp.Fuzz.csproj" -c Release -o "$build" -p:UseAppHost=false >"$out.build.log" 2>&1 \
    || { cat "$out.build.log" >&2; exit 1; }
  for assembly in Msnp.Protocol.dll Msnp.Server.dll; do
    (cd "$fuzz" && dotnet tool run sharpfuzz "$build/$assembly")
  done
fi

run="$out/$target"
rm -rf "$run"
mkdir -p "$run" "$fuzz/findings/$target"

echo "== fuzzing $target for $seconds s"
# SharpFuzz runs the .NET process as a persistent fork server: afl-fuzz cannot see instrumentation
# in the dotnet host binary, hence AFL_SKIP_BIN_CHECK. No core-dump or CPU-governor checks on a shared machine.
# OUT_OF_PROCESS=1 runs inputs in a child process (SharpFuzz's Fuzzer.OutOfProcess): slower, but an
# input that kills the process (stack overflow) is saved as a crash instead of stopping afl-fuzz.
export MSNP_FUZZ_OUT_OF_PROCESS=${OUT_OF_PROCESS:-0}
# The server target's SQLite databases (one per fork-server start) go with the run's directory.
export MSNP_FUZZ_DATA="$run/data"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
status=0
nice -n 19 afl-fuzz -i "$fuzz/corpus/$target" -o "$run" -x "$fuzz/dict/msnp.dict" -t 10000 -m none -V "$seconds" \
  -- dotnet "$build/Msnp.Fuzz.dll" "$target" >"$run/afl.log" 2>&1 || status=$?

stats="$run/default/fuzzer_stats"
if [[ ! -f $stats ]]; then
  echo "afl-fuzz did not start (status $status); see $run/afl.log" >&2
  tail -n 30 "$run/afl.log" >&2
  exit 1
fi

found=0
for kind in crashes hangs; do
  for file in "$run/default/$kind"/id:*; do
    [[ -e $file ]] || continue
    name=$(basename "$file" | tr ':,' '__')
    cp "$file" "$fuzz/findings/$target/$kind-$name"
    found=$((found + 1))
  done
done

value() { grep -E "^$1 " "$stats" | sed 's/.*: //'; }
echo "target=$target seconds=$seconds execs=$(value execs_done) execs_per_sec=$(value execs_per_sec)" \
  "paths=$(value corpus_count) edges=$(value edges_found) bitmap=$(value bitmap_cvg)" \
  "crashes=$(value saved_crashes) hangs=$(value saved_hangs) stability=$(value stability)"
if ((found > 0)); then
  echo "copied $found input(s) to fuzz/findings/$target/; replay with: dotnet $build/Msnp.Fuzz.dll $target fuzz/findings/$target"
fi
