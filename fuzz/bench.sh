#!/usr/bin/env bash
# Executions per CPU-second of a fuzz target, for comparing builds on a busy machine (libFuzzer's
# exec/s is wall-clock): a fixed-seed run of RUNS executions on a scratch copy of CORPUS.
#   bash fuzz/bench.sh BINARY_DIR TARGET RUNS CORPUS
set -euo pipefail
bin=$1 target=$2 runs=$3 corpus=$4
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$corpus/." "$scratch/"
out=$( { /usr/bin/time -f "TIME %e %U %S" "$bin/$target" -runs="$runs" -seed=1 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$scratch/" "$scratch"; } 2>&1 )
executed=$(grep -o 'number_of_executed_units: [0-9]*' <<<"$out" | grep -o '[0-9]*$')
read -r _ wall user sys <<<"$(grep '^TIME' <<<"$out")"
python3 -c "print(f'$target $bin: $executed executions, {$user + $sys:.1f} CPU s ({$wall} s wall), {$executed / ($user + $sys):.0f} executions per CPU-second')"
