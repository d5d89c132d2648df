#!/usr/bin/env bash
# Start-up time and heap (docs/benchmarks.md): milliseconds from launching `java -jar` to the first 200
# on /actuator/health — embedded PostgreSQL (first start on an empty data directory: initdb, Flyway,
# demo district; then restarts) and the machine's PostgreSQL (first start on an empty database, then
# restarts) — and the heap in use after a warm-up (intake load with wrk, then the console's JSON reads)
# and a full GC (jcmd GC.run; GC.heap_info), with the process's resident set.
#   usage: scripts/bench-startup.sh [restarts per database, default 3]
#   env:   PORT (default 18214), DB (sudi_bench_start), BENCH_JAVA_OPTS (JVM options, default none)
set -euo pipefail
RESTARTS=${1:-3}
PORT=${PORT:-18214}
DB=${DB:-sudi_bench_start}
WORK=$(mktemp -d)
source "$(dirname "$0")/bench/common.sh"
trap 'stop_app; drop_db "$DB" 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
build_jar
BASE="http://127.0.0.1:$PORT"

start_embedded() { # log
  SUDI_DATA_DIR="$WORK/embedded" PORT=$PORT java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$1" 2>&1 &
  APP_PID=$!
}

start_external() { start_app "$DB" "$PORT" "$1"; }

timed() { # kind label starter…
  local kind=$1 label=$2; shift 2
  local t0; t0=$(date +%s%3N)
  "$@" "$WORK/app-$kind.log"
  local ms; ms=$(wait_health "$PORT" "$t0")
  local cpu; cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$APP_PID/stat")
  local spring; spring=$(sed -n 's/.*Started SudiApplication in \([0-9.]*\) seconds.*/\1/p' "$WORK/app-$kind.log" | tail -1)
  echo "| $kind | $label | $ms | ${spring:-?} | $cpu | $(load) |"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); JVM options: ${BENCH_JAVA_OPTS:-(defaults)}"
echo
echo "| database | start | ms to first 200 on /actuator/health | Spring's 'Started … in' s | JVM CPU s until then | load |"
echo "|---|---|---:|---:|---:|---|"
timed embedded "first (initdb, Flyway, demo district)" start_embedded; stop_app
for i in $(seq 1 "$RESTARTS"); do timed embedded "restart $i" start_embedded; stop_app; done
recreate_db "$DB"
timed external "first (Flyway, demo district)" start_external; stop_app
for i in $(seq 1 "$RESTARTS"); do timed external "restart $i" start_external; stop_app; done

# Heap after warm-up, on the external database.
timed external "for the heap measurement" start_external >/dev/null
export SUDI_TOKEN=$(token "$BASE" hotline)
export SUDI_TOWN=$(org_id "$BASE" "$(token "$BASE" dispatcher)" tanshan)
wrk -t 2 -c 8 -d 30s -s "$(dirname "$0")/bench/intake.lua" "$BASE" | awk '/Requests\/sec/ {print "warm-up: " $2 " intakes/s for 30 s"}'
DISP=$(token "$BASE" dispatcher)
for _ in $(seq 1 200); do
  curl -s -o /dev/null "$BASE/api/v1/cases?size=20" -H "Authorization: Bearer $DISP"
  curl -s -o /dev/null "$BASE/api/v1/screen/data" -H "Authorization: Bearer $DISP"
done
heap() { jcmd "$APP_PID" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1)}'; }
echo
echo "cases in the database: $(psql -Atc 'select count(*) from cases' -d "$DB")"
echo "heap in use before full GC: $(heap)"
jcmd "$APP_PID" GC.run >/dev/null
sleep 1
echo "heap in use after full GC: $(heap)  (G1 heap committed: $(jcmd "$APP_PID" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "total") print $(i + 1)}' | tr -d ,))"
echo "resident set: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' /proc/$APP_PID/status); metaspace: $(jcmd "$APP_PID" GC.heap_info | awk '/Metaspace/ {print $2, $3, $4, $5}' | tr -d ,)"
echo "max heap: $(jcmd "$APP_PID" VM.flags | tr ' ' '\n' | sed -n 's/-XX:MaxHeapSize=//p' | awk '{printf "%.0f MB", $1 / 1048576}')"
