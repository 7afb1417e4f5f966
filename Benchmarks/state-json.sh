#!/usr/bin/env bash
# The state file's JSON, A/B: the project's own reader and writer against Foundation's JSONDecoder
# and JSONEncoder on the same state (200 exercises, 4,000 file stamps), compiled with -O.
# Prints a Markdown table of medians over 31 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-bench/bin/state-json
mkdir -p .build-bench/bin
swiftc -O -o "$out" Benchmarks/state-json/main.swift Sources/LabKit/State/JSONParser.swift Sources/LabKit/State/JSONValue.swift
"$out"
