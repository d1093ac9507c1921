#!/usr/bin/env bash
# Read throughput of one replica (bench/README.md, "Throughput (issue 13)"): the packaged application
# on 127.0.0.1 against a fresh database marketplace_bench_reads on 127.0.0.1:5432 (rate limit on),
# with 200 agents registered through the API; wrk with 16 connections asks, each for the given
# seconds after a warm-up: GET /q/health/live (no token, no database), one agent by id asked by one
# agent and by 16 agents in turn, and one discovery search asked by one agent. Prints requests/s and the ratio to health/live. Removes its
# database, process and files at the end, also on failure. Not a test, and no part of the build.
# Usage: bench/reads.sh [seconds]      (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
warmup="${BENCH_WARMUP:-30}"
connections="${BENCH_CONNECTIONS:-16}"
agents="${BENCH_AGENTS:-200}"
max_errors="${BENCH_MAX_ERRORS:-5}"
port="${BENCH_PORT:-18395}"
db=marketplace_bench_reads
base="http://127.0.0.1:${port}"

work=$(mktemp -d)
# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  bench_stop_apps
  bench_drop_db "$db"
  rm -rf "$work"
}
trap cleanup EXIT

bench_build_jar
bench_require_wrk

echo "== database ${db}, one replica on port ${port}"
bench_fresh_db "$db"
bench_start_app "${work}/data" "$port"
admin=$(bench_token "${work}/data" --subject bench --role admin)

# The agents in one bulk registration (an admin's): all offer "bench" and one of ten other
# capabilities, priced from 0.01 to 5.00 USDC. The reader is an agent with a client of its own.
seq 1 "$agents" | while read -r i; do
  id=$(printf 'agent-%04d' "$i")
  bench_agent_json "$id" bench 100 | jq -c --arg other "skill-$(( i % 10 ))" \
    --arg price "$(awk -v i="$i" 'BEGIN { printf "%.2f", (i * 37 % 500 + 1) / 100 }')" \
    '.capabilities += [$other] | .price.amount = $price'
done | jq -sc '{items: .}' >"${work}/bulk.json"
bench_call POST "${base}/api/v1/agents/bulk" "$admin" "@${work}/bulk.json" "bulk-register-$$-agents" >/dev/null
reader=$(bench_register "$base" "$admin" reader orchestration 1)
: >"${work}/readers"
for i in $(seq -f '%02g' 1 "$connections"); do
  bench_register "$base" "$admin" "reader-${i}" orchestration 1 >>"${work}/readers"
done
echo "registered ${agents} agents and $(( connections + 1 )) readers"

search="/api/v1/discovery/search?capability=bench&currency=USDC&maxPrice=5.00&sort=PRICE&limit=20"
hits=$(bench_call GET "${base}${search}" "$reader" | jq '.items | length')
[ "$hits" = "20" ] || { echo "the search found ${hits} agents, not a page of 20" >&2; exit 1; }

# measure <name> <path> [token | tokens file]: warm-up, then the measured run; prints
# "name req/s p50 p99 app-CPU-ms pg-CPU-ms", CPU per request. With a file, each request goes as the next agent of the file (bench/reads.lua).
measure() {
  local name="$1" path="$2" token="${3:-}" args=(-t 2 -c "$connections" --timeout 10s --latency) script=()
  if [ -f "$token" ]; then
    script=(-s bench/reads.lua "${base}" -- "$token" "$path")
  else
    [ -z "$token" ] || args+=(-H "Authorization: Bearer ${token}")
    script=("${base}${path}")
  fi
  wrk "${args[@]}" -d "${warmup}s" "${script[@]}" >"${work}/warm.out"
  bench_cpu_begin "$db"
  wrk "${args[@]}" -d "${seconds}s" "${script[@]}" >"${work}/${name}.out"
  bench_cpu_end "$db"
  local out errors
  for out in "${work}/warm.out" "${work}/${name}.out"; do
    errors=$(awk '/^  Non-2xx or 3xx responses:/ { n += $NF } /^  Socket errors:/ { n += $5 + $7 + $9 + $11 }
      END { print n + 0 }' FS='[ ,]+' "$out")
    if [ "$errors" -gt "$max_errors" ]; then
      cat "$out" >&2
      echo "FAILED: ${errors} non-2xx answers or socket errors asking ${path}; it answers now:" >&2
      curl -s -H "Authorization: Bearer $(head -1 "$token" 2>/dev/null || echo "$token")" "${base}${path}" >&2
      echo >&2
      exit 1
    fi
  done
  awk -v name="$name" -v app="$cpu_app_ticks" -v pg="$cpu_pg_ticks" -v hz="$clock_ticks" '
    /^Requests\/sec:/ { rate = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /requests in/ { n = $1 }
    END { printf "%s %s %s %s %.2f %.2f\n", name, rate, p50, p99, app * 1000 / hz / n, pg * 1000 / hz / n }' \
    "${work}/${name}.out"
}

echo "-- ${warmup} s warm-up and ${seconds} s measured each, ${connections} connections; load average $(bench_load_average)"
{
  measure health "/q/health/live"
  measure agent "/api/v1/agents/agent-0001" "$reader"
  measure agents "/api/v1/agents/agent-0001" "${work}/readers"
  measure search "$search" "$reader"
} >"${work}/results"
echo "load average at the end $(bench_load_average)"

echo
echo "CPU in ms per request: the application's and PostgreSQL's (the database's backends)"
awk -v search="$search" '
  BEGIN { printf "%9s %9s %9s %7s %8s %8s  %s\n", "req/s", "p50", "p99", "ratio", "app_cpu", "pg_cpu", "request" }
  NR == 1 { base = $2 }
  {
    what = $1 == "health" ? "GET /q/health/live (no token)" \
      : $1 == "agent" ? "GET /api/v1/agents/agent-0001 (one agent asking)" \
      : $1 == "agents" ? "GET /api/v1/agents/agent-0001 (16 agents taking turns)" : "GET " search " (one agent)"
    printf "%9.1f %9s %9s %7.3f %8s %8s  %s\n", $2, $3, $4, $2 / base, $5, $6, what
  }' "${work}/results"
