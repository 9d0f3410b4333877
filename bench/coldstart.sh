#!/usr/bin/env bash
# Benchmark 3, the cold-start proxy, on the Function package built from the working tree ("current").
#   --baseline REV   also build the package of git revision REV (git archive: no checkout) and run it side by side
#   --netty          also run a variant of the current package with azure-core-http-netty instead of the JDK client
# Other arguments (name=value) go to the runner: runs=7 credentials=token,identity jvm=c1,default classes=true
set -euo pipefail
cd "$(dirname "$0")/.."
packages=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline)
      src=target/bench/baseline-src
      rm -rf "$src" && mkdir -p "$src"
      git archive "$2" | tar -x -C "$src"
      (cd "$src" && mvn -B -q package -DskipTests)
      packages="baseline:$src/target/azure-functions/avd-session-disconnect,"
      shift 2 ;;
    --netty) netty=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
mvn -B -q -Pbench package -DskipTests
packages="${packages}current:target/azure-functions/avd-session-disconnect"
if [ -n "${netty:-}" ]; then
  # The same package with azure-core's Netty HTTP client (the azure-identity default) in place of the JDK one.
  variant=target/bench/packages/netty
  rm -rf "$variant" && cp -r target/azure-functions/avd-session-disconnect "$variant"
  rm "$variant"/lib/azure-core-http-jdk-httpclient-*.jar
  mvn -B -q -f bench/netty-pom.xml dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$PWD/target/bench/netty-libs"
  for jar in target/bench/netty-libs/*.jar; do
    [ -e "$variant/lib/$(basename "$jar")" ] || cp "$jar" "$variant/lib/"
  done
  packages="$packages,netty:$variant"
fi
mvn -B -q -Pbench exec:exec@coldstart -Dbench.args="packages=$packages ${args[*]:-}"
