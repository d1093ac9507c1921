#!/usr/bin/env bash
# The start-up benchmark (bench/README.md, "Start-up"). Starts the packaged local application
# (embedded H2, embedded token issuer) N times, each in a fresh data directory, and each a second
# time on the data directory its first start left behind. For every start it measures the time from
# launching the JVM to the first successful GET /q/health/ready, the start time Quarkus logs, and
# the CPU time the process used until then, and the resident memory (VmRSS) once ready and again
# after a few requests. Prints every run, then the median and the maximum. Not a test, and no part of
# the build.
# Usage: bench/startup.sh [runs]        (default 5)
#   STARTUP_JAVA_OPTS  the JVM flags; by default those of README.md's run command
#                      (STARTUP_JAVA_OPTS= for none)
#   BENCH_PORT         the HTTP port (default 18090)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
runs="${1:-5}"
port="${BENCH_PORT:-18090}"
jar=deploy/target/quarkus-app/quarkus-run.jar
cache=deploy/target/quarkus-app/app.aot
base="http://127.0.0.1:${port}"

# The JVM flags of README.md's run command, read from it. Every start runs, as that command does,
# from the root of the checkout; only its data directory (marketplace.data-dir, ./data by default)
# and port differ.
readme_flags=$(grep -m1 -o "bin/java .*-jar ${jar}" README.md | sed -E "s#^bin/java (.*)-jar ${jar}\$#\\1#")
read -r -a jvm_flags <<<"${STARTUP_JAVA_OPTS-$readme_flags}"
# The AOT cache's training run starts the application with deploy/pom.xml's local.jvm.flags.
pom_flags=$(sed -n 's#.*<local.jvm.flags>\(.*\)</local.jvm.flags>.*#\1#p' deploy/pom.xml)
if [ "$(echo "$readme_flags" | sed -E 's#-XX:AOTCache=[^ ]*##' | xargs)" != "$(echo "$pom_flags" | xargs)" ]; then
  echo "warning: deploy/pom.xml's local.jvm.flags ($pom_flags) are not README.md's ($readme_flags)" >&2
fi

# The local build (-Dquarkus.profile=local) writes the AOT cache after packaging the application.
if [ ! -f "$jar" ] || { [[ " ${jvm_flags[*]} " == *" -XX:AOTCache=${cache} "* ]] && [ ! -f "$cache" ]; }; then
  echo "== packaging the local build (no $jar or $cache)"
  ./mvnw -B -q -pl deploy -am package -DskipTests -Dquarkus.profile=local
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
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# CPU time (user and system, every thread) the process has used so far, in ms: less noisy than the
# wall-clock time on a machine that other work shares.
cpu_ms() {
  local ticks
  ticks=$(getconf CLK_TCK)
  sed 's/^.*) //' "/proc/$1/stat" | awk -v hz="$ticks" '{ printf "%.0f", ($12 + $13) * 1000 / hz }'
}

# Starts the application on the data directory $1/data, its log in $1/app.log, and waits until it is
# ready. Sets app_pid and ready_ms (launch to the first 200 from /q/health/ready, polled every 20 ms).
start_app() {
  local dir="$1" started
  started=$(now_ms)
  "$JAVA_HOME/bin/java" "${jvm_flags[@]}" "-Dquarkus.http.port=${port}" "-Dmarketplace.data-dir=${dir}/data" \
    -jar "$jar" >>"$dir/app.log" 2>&1 &
  app_pid=$!
  until curl -sf -o /dev/null --max-time 2 "${base}/q/health/ready"; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      tail -40 "$dir/app.log"
      echo "the application stopped at start" >&2
      exit 1
    fi
    if [ $(( $(now_ms) - started )) -gt 120000 ]; then
      echo "the application was not ready within 120 s" >&2
      exit 1
    fi
    sleep 0.02
  done
  ready_ms=$(( $(now_ms) - started ))
}

# The start time Quarkus logged last in $1/app.log ("started in 1.234s"), in ms.
logged_ms() {
  grep -o 'started in [0-9.]*s' "$1/app.log" | tail -1 | tr -dc '0-9.' | awk '{ printf "%.0f", $1 * 1000 }'
}

# A few requests of each kind: health, metrics, OpenAPI, dashboard pages as an admin, the API as an
# agent (a registration, a read, a search).
exercise() {
  local admin="$1" agent="$2" i
  curl -sf -o /dev/null -X POST "${base}/api/v1/agents" -H "Authorization: Bearer ${agent}" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: startup-$RANDOM-$RANDOM" \
    -d '{"id":"bench-agent","displayName":"Bench Agent","owner":"bench","capabilities":["python"],
         "price":{"amount":"1.50","currency":"USDC"},
         "payoutWallet":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","availability":"ONLINE",
         "capacityPerHour":10}' || true   # a restart finds the agent registered already (409)
  for i in 1 2 3 4 5; do
    curl -sf -o /dev/null "${base}/q/health/ready"
    curl -sf -o /dev/null "${base}/q/metrics"
    curl -sf -o /dev/null "${base}/q/openapi"
    curl -sf -o /dev/null -H "Authorization: Bearer ${admin}" "${base}/dashboard"
    curl -sf -o /dev/null -H "Authorization: Bearer ${admin}" "${base}/dashboard/agents"
    curl -sf -o /dev/null -H "Authorization: Bearer ${admin}" "${base}/dashboard/transactions"
    curl -sf -o /dev/null -H "Authorization: Bearer ${agent}" "${base}/api/v1/agents/bench-agent"
    curl -sf -o /dev/null -H "Authorization: Bearer ${agent}" "${base}/api/v1/agents?capability=python"
  done
}

token() { # $1 = the run's directory, then the token command's arguments
  local dir="$1"
  shift
  "$JAVA_HOME/bin/java" "-Dmarketplace.data-dir=${dir}/data" -jar "$jar" token "$@" 2>/dev/null | tail -1
}

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== JVM flags: ${jvm_flags[*]:-(none)} -Dquarkus.http.port=${port} -Dmarketplace.data-dir=<run>/data"
if [ -f "$cache" ]; then
  echo "== AOT cache: ${cache}, $(( $(stat -c %s "$cache") >> 20 )) MB"
fi
results="$work/results"
: >"$results"
for run in $(seq 1 "$runs"); do
  dir="$work/run-$run"
  mkdir -p "$dir"
  for start in first restart; do
    start_app "$dir"
    if ! grep -q "Profile local activated" "$dir/app.log"; then
      echo "not the local build: package it with -Dquarkus.profile=local (README.md)" >&2
      exit 1
    fi
    rss_ready=$(rss_mb "$app_pid")
    cpu_ready=$(cpu_ms "$app_pid")
    if [ "$start" = first ]; then
      admin=$(token "$dir" --subject ops --role admin)
      agent=$(token "$dir" --agent bench-agent)
    fi
    exercise "$admin" "$agent"
    rss_after=$(rss_mb "$app_pid")
    stop_app
    echo "$start $run $ready_ms $(logged_ms "$dir") $cpu_ready $rss_ready $rss_after" | tee -a "$results"
  done
done
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q '\[error\]\[aot' "$work"/run-*/app.log; then
  echo "warning: the JVM refused the AOT cache:" >&2
  grep -h '\[error\]\[aot' "$work"/run-*/app.log | sort -u | head -5 >&2
fi

# The median (the mean of the middle two for an even count) or the maximum of column $2 of start $1.
summary() {
  awk -v start="$1" -v col="$2" '$1 == start { print $col }' "$results" | sort -n | awk -v stat="$3" '
    { v[NR] = $1 }
    END {
      if (stat == "max") print v[NR]
      else if (NR % 2) print v[(NR + 1) / 2]
      else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

echo
printf '%-8s %-6s %9s %11s %7s %13s %13s\n' start stat ready_ms quarkus_ms cpu_ms rss_ready_mb rss_after_mb
for start in first restart; do
  for stat in median max; do
    printf '%-8s %-6s %9s %11s %7s %13s %13s\n' "$start" "$stat" \
      "$(summary "$start" 3 "$stat")" "$(summary "$start" 4 "$stat")" "$(summary "$start" 5 "$stat")" \
      "$(summary "$start" 6 "$stat")" "$(summary "$start" 7 "$stat")"
  done
done
