#!/usr/bin/env bash
# Fuzzes the protobuf decoders (Shared/Wire through AllTypes and the RPC Frame) with
# libFuzzer for a while, and keeps every input that crashed, timed out or was slow in
# Tests/ConformanceTests/Corpus, which ConformanceTests replays on every test run.
#
#   Tools/fuzz-wire.sh [seconds]     default 300
#
# The coverage corpus libFuzzer grows on the way is kept in .build-fuzz/corpus between
# runs and not committed: only the inputs that once broke something are.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
build=.build-fuzz
mkdir -p "$build/corpus" "$build/artifacts"
flags=(-sanitize=fuzzer,address -parse-as-library -O -wmo -g -I "$build")
compile_module() {  # name, sources...
    local name=$1; shift
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -c "$@" -o "$build/$name.o"
}
compile_module Wire Shared/Wire/*.swift
compile_module TestProtos Tests/TestProtos/*.swift
compile_module RPCContracts Shared/Contracts/RPC/*.swift
swiftc "${flags[@]}" Tools/fuzz-wire/FuzzWireDecoders.swift "$build"/{Wire,TestProtos,RPCContracts}.o \
    -o "$build/fuzz-wire"

# Start from what once broke the decoders, so a fix is checked first.
corpus=Tests/ConformanceTests/Corpus
status=0
"$build/fuzz-wire" "$build/corpus" "$corpus" -max_total_time="$seconds" -max_len=4096 \
    -timeout=5 -report_slow_units=1 -artifact_prefix="$build/artifacts/" || status=$?

kept=0
for artifact in "$build"/artifacts/*; do
    [ -e "$artifact" ] || continue
    name="$(basename "$artifact" | cut -d- -f1)-$(sha256sum "$artifact" | cut -c1-16)"
    mv "$artifact" "$corpus/$name"
    kept=$((kept + 1))
done
echo "fuzz-wire: $kept new input(s) kept in $corpus; libFuzzer exit status $status"
exit "$status"
