#!/usr/bin/env bash
# The dashboard's page-latency benchmark (bench/README.md, "Dashboard pages"). Loads 100,000 agents
# and 1,000,000 transactions into a fresh PostgreSQL database at 127.0.0.1:5432 (user postgres),
# starts the packaged application on 127.0.0.1 against it, waits for the overview's rollups to catch
# up, then times GETs of every page in bench/dashboard-pages.txt as an operator. Drops the database
# at the end. Not a test, and no part of the build.
# Usage: bench/dashboard.sh [requests per page]      (default 200; at most 60 s per page)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
requests="${1:-200}"
warmup=20
page_budget_seconds=60
agents="${BENCH_AGENTS:-100000}"
transactions="${BENCH_TRANSACTIONS:-1000000}"
port="${BENCH_PORT:-18089}"
db=marketplace_bench_dashboard
jar=deploy/target/quarkus-app/quarkus-run.jar
base="http://127.0.0.1:${port}"

if [ ! -f "$jar" ]; then
  ./mvnw -B -q -pl deploy -am package -DskipTests
fi

work=$(mktemp -d)
app_pid=""
stop_app() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}
cleanup() {
  stop_app
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The local profile (embedded issuer, sign-in links) pointed at PostgreSQL; the jar's database kind
# is PostgreSQL already (a plain package is the prod build).
app_opts=(
  -Dquarkus.profile=local
  -Dquarkus.datasource.db-kind=postgresql
  "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/${db}"
  -Dquarkus.datasource.username=postgres
  -Dquarkus.datasource.password=
  "-Dmarketplace.data-dir=${work}/data"
  -Dquarkus.http.host=127.0.0.1
  "-Dquarkus.http.port=${port}"
  -Dmarketplace.api.rate-limit.enabled=false
  # The load's last hires are PENDING: they must not expire (and write to the journal) while it measures.
  -Dmarketplace.ledger.hold-timeout=1d
  -Dquarkus.log.level=WARN
)

start_app() {
  "$JAVA_HOME/bin/java" "${app_opts[@]}" -jar "$jar" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "${base}/q/health/ready" >/dev/null; then
      return 0
    fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
      tail -40 "$work/app.log"
      echo "the application stopped at start" >&2
      exit 1
    fi
    sleep 1
  done
  echo "the application was not ready within 120 s" >&2
  exit 1
}

psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "== database ${db}"
psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS ${db} WITH (FORCE)"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE ${db}"
start_app   # Flyway migrates the empty database
stop_app

now=$(date -u +"%Y-%m-%d %H:%M:%S+00")
echo "== loading ${agents} agents and ${transactions} transactions over the 30 days before ${now}"
started=$(date +%s)
psql_db -v now="$now" -v agents="$agents" -v transactions="$transactions" -f bench/dashboard-load.sql
echo "loaded in $(( $(date +%s) - started )) s: $(psql_db -c "SELECT count(*) FROM ledger_transaction") transactions,"\
" $(psql_db -c "SELECT count(*) FROM journal_entry") journal entries, $(psql_db -c "SELECT count(*) FROM dispute") disputes,"\
" $(psql_db -c "SELECT count(*) FROM x402_payment") payments"

echo "== starting the application; the overview's rollups catch up from scratch"
started=$(date +%s)
start_app
caught_up="SELECT c.scanned_to IS NOT NULL AND c.journal_sequence = h.entry_sequence
  AND NOT EXISTS (SELECT 1 FROM market_dirty_hour) FROM market_rollup_cursor c, journal_head h"
deadline=$(( $(date +%s) + 600 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  [ "$(psql_db -c "$caught_up")" = "t" ] && break
  sleep 1
done
[ "$(psql_db -c "$caught_up")" = "t" ] || { echo "the rollups did not catch up within 600 s" >&2; exit 1; }
echo "rollups current $(( $(date +%s) - started )) s after the start"

token=$("$JAVA_HOME/bin/java" "${app_opts[@]}" -jar "$jar" token --subject ops --role admin 2>/dev/null | tail -1)

results="$work/results"
: >"$results"
while IFS= read -r path || [ -n "$path" ]; do
  path="${path%%#*}"
  path="$(echo "$path" | xargs)"
  [ -z "$path" ] && continue
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${token}" "${base}${path}")
  if [ "$status" != "200" ]; then
    label="missing"
    [ "$status" = "404" ] || label="status ${status}"
    printf '%s %s\n' "$path" "$label" >>"$results"
    continue
  fi
  for _ in $(seq 1 "$warmup"); do
    curl -s -o /dev/null -H "Authorization: Bearer ${token}" "${base}${path}"
  done
  times="$work/times"
  : >"$times"
  deadline=$(( $(date +%s) + page_budget_seconds ))
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer ${token}" "${base}${path}" >>"$times"
    [ "$(date +%s)" -lt "$deadline" ] || break
  done
  # time_total is in seconds; the table shows milliseconds.
  sort -k2 -g "$times" | awk -v path="$path" '
    { ms[NR] = $2 * 1000; if ($1 != "200") bad++ }
    END {
      p50 = ms[int((NR - 1) * 0.50) + 1]; p99 = ms[int((NR - 1) * 0.99) + 1]; max = ms[NR]
      printf "%s ok %d %.1f %.1f %.1f %d\n", path, NR, p50, p99, max, bad
    }' >>"$results"
done <bench/dashboard-pages.txt

echo
printf '%-40s %8s %6s %9s %9s %9s\n' page result n p50_ms p99_ms max_ms
while read -r path result n p50 p99 max bad; do
  if [ "$result" = "ok" ]; then
    [ "${bad:-0}" = "0" ] || result="${bad}err"
    printf '%-40s %8s %6s %9s %9s %9s\n' "$path" "$result" "$n" "$p50" "$p99" "$max"
  else
    printf '%-40s %8s\n' "$path" "$result ${n:-}"
  fi
done <"$results"
