#!/usr/bin/env bash
# Benchmark 1, per-request overhead (JMH): median ns/op and allocation per request.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench test-compile exec:exec@overhead -Dbench.args="$*"
