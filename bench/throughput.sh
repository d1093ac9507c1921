#!/usr/bin/env bash
# Hire+settle throughput against pgbench on the same PostgreSQL (bench/README.md, "Throughput
# (issue 13)"). For each replica count: a fresh database marketplace_bench_throughput on
# 127.0.0.1:5432, the packaged application (1 or more replicas sharing one data directory, rate
# limit on), agents registered through the API, a warm-up, then wrk with bench/hire-settle.lua for
# the measured seconds, the clients spread over the replicas; then pgbench TPC-B with as many
# clients. Prints pairs/s, pgbench's TPS, their ratio and CPU time per pair. Removes its databases,
# processes and files at the end, also on failure. Not a test, and no part of the build.
# Usage: bench/throughput.sh [replicas] [seconds]    (default: 1 then 3 replicas, 30 s each)
#   BENCH_PROFILE=jfr   also records the first replica's measured phase with JFR (started and
#                       stopped through jcmd, so start-up and warm-up stay out of it) and prints
#                       where its CPU went; the recording is kept in bench/target/throughput-<replicas>.jfr
#   BENCH_WARMUP (30 s), BENCH_CLIENTS (16), BENCH_PROVIDERS (16), BENCH_MAX_ERRORS (5), BENCH_PORT (18391)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then replica_counts=("$1"); else replica_counts=(1 3); fi
seconds="${2:-30}"
warmup="${BENCH_WARMUP:-30}"
connections="${BENCH_CONNECTIONS:-16}"
client_count="${BENCH_CLIENTS:-16}"
provider_count="${BENCH_PROVIDERS:-16}"
max_errors="${BENCH_MAX_ERRORS:-5}"
base_port="${BENCH_PORT:-18391}"
profile="${BENCH_PROFILE:-}"
db=marketplace_bench_throughput
pgbench_db=bench_pgbench

work=$(mktemp -d)
# shellcheck source=bench/lib.sh
. bench/lib.sh
heartbeat_pid=""
cleanup() {
  [ -z "$heartbeat_pid" ] || kill "$heartbeat_pid" 2>/dev/null || true
  bench_stop_apps
  bench_drop_db "$db"
  bench_drop_db "$pgbench_db"
  rm -rf "$work"
}
trap cleanup EXIT

bench_build_jar
bench_require_wrk

echo "== pgbench -i -s 16 into ${pgbench_db}"
bench_fresh_db "$pgbench_db"
pgbench -h 127.0.0.1 -U postgres -i -q -s 16 "$pgbench_db" 2>&1 | tail -1

# Providers renew their lease (90 s) while wrk runs, as live agents do.
heartbeats() {
  while true; do
    while read -r id token; do
      curl -sf -o /dev/null -X POST -H "Authorization: Bearer ${token}" "${base}/api/v1/agents/${id}/heartbeat" || true
    done <"${work}/providers"
    for _ in $(seq 1 30); do sleep 1; done
  done
}

# run_wrk <replicas> <label> <seconds>: one wrk per replica, the connections and client agents split
# between them (16 over 3 is 6/5/5); each writes ${work}/wrk-<label>-<k>.out.
run_wrk() {
  local replicas="$1" label="$2" duration="$3" k pids=()
  local threads=$(( replicas == 1 ? 2 : 1 ))
  for k in $(seq 0 $(( replicas - 1 ))); do
    local share=$(( connections / replicas + (k < connections % replicas ? 1 : 0) ))
    wrk -t "$threads" -c "$share" -d "${duration}s" --timeout 20s -s bench/hire-settle.lua \
      "http://127.0.0.1:$(( base_port + k ))" -- "${work}/agents-${k}" "${label}-r${k}" "$threads" \
      >"${work}/wrk-${label}-${k}.out" 2>&1 &
    pids+=("$!")
  done
  for k in "${pids[@]}"; do wait "$k"; done
}

# sum_wrk <label>: "pairs requests failed socket_errors seconds p50 p99" over the wrk processes
# (seconds the mean of theirs, percentiles the worst of theirs).
sum_wrk() {
  cat "${work}"/wrk-"$1"-*.out | awk '
    /^RESULT/ {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      pairs += v["pairs"]; requests += v["requests"]; failed += v["failed"]
      socket += v["connect"] + v["read"] + v["write"] + v["timeout"]; secs += v["seconds"]; n++
      if (v["p50_ms"] > p50) p50 = v["p50_ms"]; if (v["p99_ms"] > p99) p99 = v["p99_ms"]
    }
    END { if (n == 0) exit 1; printf "%d %d %d %d %.3f %.1f %.1f\n", pairs, requests, failed, socket, secs / n, p50, p99 }'
}

# check_wrk <label>: prints what each wrk saw and stops the bench on more than a handful of errors.
check_wrk() {
  local totals pairs requests failed socket
  grep -h -e '^  failed:' -e 'sample answer' -e '^RESULT' "${work}"/wrk-"$1"-*.out | sed 's/^/  /'
  if ! totals=$(sum_wrk "$1"); then
    cat "${work}"/wrk-"$1"-*.out >&2
    echo "wrk printed no result" >&2
    exit 1
  fi
  read -r pairs requests failed socket _ <<<"$totals"
  if [ $(( failed + socket )) -gt "$max_errors" ]; then
    echo "FAILED: ${failed} unexpected answers and ${socket} socket errors in ${requests} requests (${1})" >&2
    exit 1
  fi
}

summary=()
profiles=()
for replicas in "${replica_counts[@]}"; do
  echo
  echo "== ${replicas} replica(s): database ${db}, ports ${base_port}..$(( base_port + replicas - 1 ))"
  bench_fresh_db "$db"
  data="${work}/data-${replicas}"
  # The first replica creates the issuer's and the receipts' keys in the shared data directory
  # (race-safe anyway, KeyFiles.createOnce) and migrates the database; the others start after it.
  started=$(date +%s)
  bench_start_app "$data" "$base_port"
  for k in $(seq 1 $(( replicas - 1 ))); do
    bench_require_free_port $(( base_port + k ))
    bench_app_opts "$data" $(( base_port + k ))
    "$JAVA_HOME/bin/java" "${app_opts[@]}" -jar "$jar" >>"${work}/app-$(( base_port + k )).log" 2>&1 &
    app_pids+=("$!")
  done
  for k in $(seq 1 $(( replicas - 1 ))); do
    bench_wait_ready "${app_pids[$k]}" $(( base_port + k )) "${work}/app-$(( base_port + k )).log"
  done
  echo "ready after $(( $(date +%s) - started )) s"

  base="http://127.0.0.1:${base_port}"
  admin=$(bench_token "$data" --subject bench --role admin)
  : >"${work}/providers"
  for i in $(seq -f '%02g' 1 "$provider_count"); do
    token=$(bench_register "$base" "$admin" "provider-${i}" bench 1000000)
    echo "provider-${i} ${token}" >>"${work}/providers"
  done
  for k in $(seq 0 $(( replicas - 1 ))); do
    sed 's/^\(\S*\) .*$/provider \1/' "${work}/providers" >"${work}/agents-${k}"
  done
  for i in $(seq 1 "$client_count"); do
    token=$(bench_register "$base" "$admin" "$(printf 'client-%02d' "$i")" orchestration 1)
    printf 'client client-%02d %s\n' "$i" "$token" >>"${work}/agents-$(( (i - 1) % replicas ))"
  done
  echo "registered ${provider_count} providers (capacity 1,000,000 an hour each) and ${client_count} clients"

  heartbeats &
  heartbeat_pid=$!
  echo "-- warm-up, ${warmup} s"
  run_wrk "$replicas" "w${replicas}" "$warmup"
  check_wrk "w${replicas}"
  # The tables grew from empty during the warm-up. Where autovacuum is off (as on the reference
  # machine) nothing would ever analyze them, and plans made for empty tables (a payer's whole
  # history scanned for one key) would be measured; a production server's autovacuum does this.
  echo "-- VACUUM ANALYZE (autovacuum is $(bench_psql "SHOW autovacuum"))"
  bench_psql "VACUUM ANALYZE" "$db"

  if [ "$profile" = "jfr" ]; then
    jfr_options=(name=bench settings=profile "jdk.CPUTimeSample#enabled=true")
    if ! "$JAVA_HOME/bin/jcmd" "${app_pids[0]}" JFR.start "${jfr_options[@]}" >"${work}/jcmd.out" 2>&1; then
      "$JAVA_HOME/bin/jcmd" "${app_pids[0]}" JFR.start name=bench settings=profile >"${work}/jcmd.out" 2>&1
    fi
  fi
  echo "-- measured, ${seconds} s, ${connections} connections; load average $(bench_load_average)"
  stats_before=$(bench_db_stats "$db")
  bench_cpu_begin "$db"
  run_wrk "$replicas" "m${replicas}" "$seconds"
  bench_cpu_end "$db"
  load=$(bench_load_average)
  kill "$heartbeat_pid" 2>/dev/null || true
  wait "$heartbeat_pid" 2>/dev/null || true
  heartbeat_pid=""
  if [ "$profile" = "jfr" ]; then
    mkdir -p bench/target
    "$JAVA_HOME/bin/jcmd" "${app_pids[0]}" JFR.stop name=bench "filename=${work}/bench.jfr" >/dev/null
    cp "${work}/bench.jfr" "bench/target/throughput-${replicas}.jfr"
    profiles+=("bench/target/throughput-${replicas}.jfr")
  fi
  check_wrk "m${replicas}"
  read -r pairs requests failed socket secs p50 p99 <<<"$(sum_wrk "m${replicas}")"
  if [ "$pairs" -eq 0 ]; then
    echo "FAILED: no hire was settled in the measured ${seconds} s" >&2
    exit 1
  fi
  rate=$(awk -v p="$pairs" -v s="$secs" 'BEGIN { printf "%.1f", p / s }')
  app_ms=$(bench_ms_per "$cpu_app_ticks" "$pairs")
  pg_ms=$(bench_ms_per "$cpu_pg_ticks" "$pairs")
  echo "pairs/s ${rate} (${pairs} settled hires in ${secs} s, ${requests} requests, p50 ${p50} ms, p99 ${p99} ms);" \
    "load average at the end ${load}"
  echo "app CPU-ms per pair ${app_ms}; PostgreSQL CPU-ms per pair ${pg_ms}"

  # Nothing was bought with a guarantee: the hires settled are in the database and the chain holds.
  settled=$(bench_psql "SELECT count(*) FROM ledger_transaction WHERE state = 'SETTLED'" "$db")
  chain=$(bench_call GET "${base}/api/v1/ledger/verification" "$admin" | jq -c '{intact, entriesChecked}')
  echo "in the database: ${settled} SETTLED (warm-up included); journal ${chain}"
  [ "$(jq -r .intact <<<"$chain")" = "true" ] || { echo "FAILED: the journal's chain is broken" >&2; exit 1; }
  bench_stop_apps
  # After the stop, so that every backend has reported; the two checks above add a few reads.
  echo "PostgreSQL per pair: $(bench_db_per "$stats_before" "$(bench_db_stats "$db")" "$pairs")"

  echo "-- pgbench TPC-B, ${connections} clients, 2 threads, ${seconds} s; load average $(bench_load_average)"
  stats_before=$(bench_db_stats "$pgbench_db")
  bench_cpu_begin "$pgbench_db"
  if ! pgbench -h 127.0.0.1 -U postgres -c "$connections" -j 2 -T "$seconds" "$pgbench_db" >"${work}/pgbench.out" 2>&1; then
    cat "${work}/pgbench.out" >&2
    echo "pgbench failed" >&2
    exit 1
  fi
  # Its backends live only while it runs: read every second, they count up to their last reading.
  bench_cpu_end "$pgbench_db"
  grep -e '^number of failed' -e '^latency average' -e '^tps' "${work}/pgbench.out" | sed 's/^/  /'
  tps=$(awk '/^tps = / { printf "%.1f", $3 }' "${work}/pgbench.out")
  ratio=$(awk -v r="$rate" -v t="$tps" 'BEGIN { printf "%.3f", r / t }')
  processed=$(awk '/^number of transactions actually processed:/ { print $6 }' "${work}/pgbench.out")
  tpcb_ms=$(bench_ms_per "$cpu_pg_ticks" "$processed")
  echo "PostgreSQL per pgbench transaction: $(bench_db_per "$stats_before" "$(bench_db_stats "$pgbench_db")" "$processed")"
  echo "pgbench tps ${tps}; pairs/s / tps = ${ratio}; PostgreSQL CPU-ms per TPC-B transaction ${tpcb_ms} (at least)"
  summary+=("$(printf '%8s %9s %8s %8s %9s %7s %10s %10s %10s   %s' "$replicas" "$rate" "$p50" "$p99" "$tps" \
    "$ratio" "$app_ms" "$pg_ms" "$tpcb_ms" "$load")")
done

echo
echo "CPU in ms: the application's and PostgreSQL's per pair, and PostgreSQL's per pgbench transaction"
printf '%8s %9s %8s %8s %9s %7s %10s %10s %10s   %s\n' replicas pairs/s p50_ms p99_ms pgbench_tps ratio app_cpu pg_cpu \
  pg_cpu_tpcb "load average (end of the measured phase)"
printf '%s\n' "${summary[@]}"
echo "(issue 13 asks for a ratio of at least 0.5)"

for file in "${profiles[@]}"; do
  echo
  echo "== ${file}: where the first replica's CPU went in the measured phase"
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$file" || true
  "$JAVA_HOME/bin/jfr" view --width 160 cpu-time-hot-methods "$file" || true
done
