#!/usr/bin/env bash
# Builds the benchmark, loads and measures 1,000 / 100,000 / 1,000,000 agents on the PostgreSQL at
# 127.0.0.1:5432 (user postgres), prints a summary with the 1M/1k ratio, and drops the bench databases.
# Usage: bench/run.sh [sizes...]   e.g. bench/run.sh 1000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(1000 100000 1000000)
fi

./mvnw -B -q -Pbench -pl bench -am package -DskipTests

results=$(mktemp)
cleanup() {
  for n in "${sizes[@]}"; do
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS marketplace_bench_${n} WITH (FORCE)" || true
  done
  rm -f "$results"
}
trap cleanup EXIT

for n in "${sizes[@]}"; do
  echo "== ${n} agents"
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -jar bench/target/quarkus-app/quarkus-run.jar "$n" | tee -a "$results" \
    | grep -E '^(LOADED|RESULT|SWEEP)'
done

echo
printf '%-10s %-18s %6s %9s %9s %9s\n' agents operation n p50_ms p99_ms max_ms
grep '^RESULT' "$results" | sed -E 's/RESULT agents=([0-9]+) op=([a-z-]+) n=([0-9]+) p50=([0-9.]+) p99=([0-9.]+) max=([0-9.]+)/\1 \2 \3 \4 \5 \6/' \
  | while read -r agents op n p50 p99 max; do printf '%-10s %-18s %6s %9s %9s %9s\n' "$agents" "$op" "$n" "$p50" "$p99" "$max"; done

smallest=${sizes[0]}
largest=${sizes[${#sizes[@]}-1]}
for op in search search-reputation search-price search-load recommend; do
  small=$(grep "^RESULT agents=${smallest} op=${op} " "$results" | sed -E 's/.* p99=([0-9.]+).*/\1/')
  large=$(grep "^RESULT agents=${largest} op=${op} " "$results" | sed -E 's/.* p99=([0-9.]+).*/\1/')
  if [ -n "$small" ] && [ -n "$large" ]; then
    awk -v s="$small" -v l="$large" -v op="$op" -v a="$largest" -v b="$smallest" \
      'BEGIN { printf "%s p99 ratio %s/%s agents: %.2f\n", op, a, b, l / s }'
  fi
done
