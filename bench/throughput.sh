#!/usr/bin/env bash
# Benchmark 2, end-to-end throughput through the queue function into the HTTPS emulator.
# Arguments (name=value): n=10000 latency=50 concurrency=16,64,128 pacedN=1000 pacedConcurrency=16
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench test-compile exec:exec@throughput -Dbench.args="$*"
