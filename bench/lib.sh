# Shared by bench/throughput.sh and bench/reads.sh (bench/README.md, "Throughput"): the packaged
# application on 127.0.0.1 against PostgreSQL at 127.0.0.1:5432 (user postgres), agents registered
# through the public API, wrk, and CPU time read from /proc. Source it from the repository's root
# after setting `work` (a temporary directory the caller removes) and `db` (the database's name).
# Not a test, and no part of the build.
# shellcheck shell=bash disable=SC2154 # work and db are the sourcing script's

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jar=deploy/target/quarkus-app/quarkus-run.jar
app_pids=()

bench_build_jar() {
  if [ ! -f "$jar" ]; then
    ./mvnw -B -q -pl deploy -am package -DskipTests
  fi
}

bench_require_wrk() {
  if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null
  fi
}

bench_psql() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -d "${2:-postgres}" -v ON_ERROR_STOP=1 -qAtc "$1"; }

bench_drop_db() { bench_psql "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1 || true; }

bench_fresh_db() {
  bench_psql "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  bench_psql "CREATE DATABASE $1"
}

# The local profile (embedded issuer) pointed at PostgreSQL, as in dashboard.sh, but the rate limit
# stays on: every caller is still counted in the database, only with a limit the bench never reaches.
# bench_app_opts <data dir> <port>: sets the array app_opts.
bench_app_opts() {
  app_opts=(
    -Dquarkus.profile=local
    -Dquarkus.datasource.db-kind=postgresql
    "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/${db}"
    -Dquarkus.datasource.username=postgres
    -Dquarkus.datasource.password=
    "-Dmarketplace.data-dir=$1"
    -Dquarkus.http.host=127.0.0.1
    "-Dquarkus.http.port=$2"
    -Dmarketplace.api.rate-limit.enabled=true
    "-Dmarketplace.api.rate-limit.requests=${BENCH_RATE_LIMIT:-1000000}"
    -Dmarketplace.api.rate-limit.window=PT1M
    -Dmarketplace.dashboard.sign-in-link-at-start=false
    -Dquarkus.log.level=WARN
  )
}

# bench_start_app <data dir> <port> [extra JVM options...]: starts one replica in the background,
# appends its pid to app_pids and waits until it is ready.
bench_start_app() {
  local data="$1" port="$2"
  shift 2
  bench_require_free_port "$port"
  bench_app_opts "$data" "$port"
  local log="${work}/app-${port}.log"
  "$JAVA_HOME/bin/java" "$@" "${app_opts[@]}" -jar "$jar" >>"$log" 2>&1 &
  local pid=$!
  app_pids+=("$pid")
  bench_wait_ready "$pid" "$port" "$log"
}

# Other builds start applications on this machine too: a port someone answers on would have the
# bench measure their application.
bench_require_free_port() {
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; then
    echo "port $1 is in use; choose another with BENCH_PORT" >&2
    exit 1
  fi
}

bench_wait_ready() {
  local pid="$1" port="$2" log="$3"
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:${port}/q/health/ready" >/dev/null; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -40 "$log" >&2
      echo "the application on port ${port} stopped at start" >&2
      exit 1
    fi
    sleep 1
  done
  echo "the application on port ${port} was not ready within 180 s" >&2
  exit 1
}

bench_stop_apps() {
  bench_cpu_stop_watch
  local pid
  for pid in "${app_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${app_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  app_pids=()
}

# bench_token <data dir> <token options...>: a token of the embedded issuer whose key is in <data dir>.
bench_token() {
  local data="$1"
  shift
  bench_app_opts "$data" 0
  "$JAVA_HOME/bin/java" "${app_opts[@]}" -jar "$jar" token "$@" 2>/dev/null | tail -1
}

# bench_call <method> <url> <token> [json body] [idempotency key]: the answer's body on stdout; any
# status other than 2xx stops the script with the answer.
bench_call() {
  local method="$1" url="$2" token="$3" body="${4:-}" key="${5:-}"
  local args=(-s -o "${work}/answer" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${token}")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  [ -n "$key" ] && args+=(-H "Idempotency-Key: ${key}")
  local status
  status=$(curl "${args[@]}" "$url")
  if [ "${status:0:1}" != "2" ]; then
    echo "${method} ${url} answered ${status}:" >&2
    cat "${work}/answer" >&2
    echo >&2
    exit 1
  fi
  cat "${work}/answer"
}

# bench_agent_json <id> <capability> <capacity per hour>: a registration priced at 1.00 USDC.
bench_agent_json() {
  local wallet
  wallet="0x$(printf '%s' "$1" | sha1sum | cut -c1-40)"
  printf '{"id":"%s","displayName":"Bench %s","owner":"bench","capabilities":["%s"],'\
'"price":{"amount":"1.00","currency":"USDC"},"payoutWallet":"%s","availability":"ONLINE",'\
'"capacityPerHour":%s}' "$1" "$1" "$2" "$wallet" "$3"
}

# bench_register <base url> <admin token> <id> <capability> <capacity per hour>: creates the agent's
# client as an admin (which mints its token), then the agent registers itself with that token.
# Prints the token.
bench_register() {
  local base="$1" admin="$2" id="$3" token
  token=$(bench_call POST "${base}/api/v1/admin/clients" "$admin" "{\"agentId\":\"${id}\"}" | jq -er .accessToken)
  bench_call POST "${base}/api/v1/agents" "$token" "$(bench_agent_json "$id" "$4" "$5")" "register-${id}-$$" >/dev/null
  printf '%s\n' "$token"
}

# CPU time, in clock ticks, of processes: "pid ticks" lines (utime + stime, /proc/<pid>/stat
# fields 14 and 15, counted after the command name, which may hold spaces).
bench_ticks_of() {
  local pid
  for pid in "$@"; do
    [ -r "/proc/${pid}/stat" ] || continue
    sed 's/^.*) //' "/proc/${pid}/stat" 2>/dev/null | awk -v pid="$pid" '{ print pid, $12 + $13 }'
  done
}

# PostgreSQL's backends connected to database $1. The server's own processes (WAL writer,
# checkpointer, background writer) are left out: other builds share the server and keep them busy.
bench_pg_pids() {
  local pid title
  for pid in $(pgrep -f 'postgres: ' || true); do
    title=$( { tr '\0' ' ' <"/proc/${pid}/cmdline"; } 2>/dev/null) || continue
    case "$title" in
      *" $1 "*) echo "$pid" ;;
    esac
  done
}

bench_pg_ticks() {
  local pid
  bench_pg_pids "$1" | while read -r pid; do bench_ticks_of "$pid"; done
}

# bench_pg_watch <file> <database>: every second until killed, appends the PostgreSQL processes'
# ticks to <file>, so a backend that ends before the last reading still counts.
bench_pg_watch() {
  while true; do
    bench_pg_ticks "$2" >>"$1"
    sleep 1
  done
}

# bench_ticks_between <before file> <after files...>: ticks spent between a snapshot and later
# readings (a process's highest reading counts); a process missing from the first counts from zero
# (it started in between).
bench_ticks_between() {
  awk 'FILENAME == ARGV[1] { before[$1] = $2; next } $2 > last[$1] { last[$1] = $2 }
    END { for (pid in last) sum += last[pid] - before[pid]; print sum + 0 }' "$@"
}

clock_ticks=$(getconf CLK_TCK)

# bench_ms_per <ticks> <count>: milliseconds of CPU per unit, one decimal.
bench_ms_per() {
  awk -v t="$1" -v n="$2" -v hz="$clock_ticks" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "n/a" }'
}

# bench_cpu_begin <database>: starts counting the CPU of the replicas and of PostgreSQL's backends
# for the database (bench_pg_pids). bench_cpu_end <database> sets cpu_app_ticks and cpu_pg_ticks,
# the clock ticks they spent since then (bench_ms_per turns them into milliseconds per unit).
cpu_watch_pid=""
bench_cpu_begin() {
  bench_ticks_of "${app_pids[@]}" >"${work}/cpu-app-before"
  bench_pg_ticks "$1" >"${work}/cpu-pg-before"
  : >"${work}/cpu-pg-after"
  bench_pg_watch "${work}/cpu-pg-after" "$1" &
  cpu_watch_pid=$!
}

bench_cpu_end() {
  bench_cpu_stop_watch
  bench_ticks_of "${app_pids[@]}" >"${work}/cpu-app-after"
  bench_pg_ticks "$1" >>"${work}/cpu-pg-after"
  # shellcheck disable=SC2034 # read by the sourcing script
  cpu_app_ticks=$(bench_ticks_between "${work}/cpu-app-before" "${work}/cpu-app-after")
  # shellcheck disable=SC2034
  cpu_pg_ticks=$(bench_ticks_between "${work}/cpu-pg-before" "${work}/cpu-pg-after")
}

bench_cpu_stop_watch() {
  if [ -n "$cpu_watch_pid" ]; then
    kill "$cpu_watch_pid" 2>/dev/null || true
    wait "$cpu_watch_pid" 2>/dev/null || true
    cpu_watch_pid=""
  fi
}

# bench_db_stats <database>: PostgreSQL's counters of the database (pg_stat_database). A backend
# reports them when its transaction ends, or up to 10 s later when it goes idle; all of them when it
# exits: read them after the application stopped.
bench_db_stats() {
  bench_psql "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched
    FROM pg_stat_database WHERE datname = '$1'"
}

# bench_db_per <before> <after> <count>: what the database did per unit between two bench_db_stats.
bench_db_per() {
  awk -v before="$1" -v after="$2" -v n="$3" 'BEGIN {
    if (n <= 0) { print "n/a"; exit }
    split(before, b, "|"); split(after, a, "|")
    printf "%.1f commits, %.1f rollbacks, rows: %.1f inserted, %.1f updated, %.1f deleted, %.1f fetched",
      (a[1] - b[1]) / n, (a[2] - b[2]) / n, (a[3] - b[3]) / n, (a[4] - b[4]) / n, (a[5] - b[5]) / n, (a[6] - b[6]) / n
  }'
}

bench_load_average() { cut -d' ' -f1-3 /proc/loadavg; }
