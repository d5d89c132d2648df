#!/usr/bin/env bash
# Intake benchmark (docs/benchmarks.md): POST /api/v1/cases throughput and p50/p99 latency with wrk at
# 1…64 concurrent clients against the application as a real server on PostgreSQL, and in the same run,
# alternating client count by client count, pgbench TPC-B-like (scale 10) on its own database of the
# same server, with the same client counts and duration. Prints a Markdown table with the TPS ratio.
#   usage: scripts/bench-intake.sh [seconds per step, default 30] [client counts, default "1 2 4 8 16 32 64"]
#   env:   PORT (default 18210), DB (sudi_bench_intake), PGBENCH_DB (pgbench_intake), KEEP_DB=1 keeps them,
#          FLOOR_CLIENTS (client counts at which an authenticated GET is measured after the table, as the
#          floor of what the HTTP stack costs; default "1 8", empty to skip),
#          WARMUP (seconds of 8-client load before measuring, default 60: the JIT compiler is still busy
#          after 20 s on shared cores), BENCH_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/intake.jfr,settings=profile)
# Needs wrk (installed from Debian if missing), pgbench and psql (postgresql-client), curl, a JDK 17.
set -euo pipefail
DURATION=${1:-30}
CLIENTS=${2:-"1 2 4 8 16 32 64"}
PORT=${PORT:-18210}
DB=${DB:-sudi_bench_intake}
PGBENCH_DB=${PGBENCH_DB:-pgbench_intake}
WORK=$(mktemp -d)
source "$(dirname "$0")/bench/common.sh"
trap 'stop_app; [ "${KEEP_DB:-0}" = 1 ] || { drop_db "$DB"; drop_db "$PGBENCH_DB"; }; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
command -v pgbench >/dev/null || apt-get install -y postgresql-client >/dev/null
build_jar

recreate_db "$DB"
recreate_db "$PGBENCH_DB"
pgbench -q -i -s 10 "$PGBENCH_DB" 2>"$WORK/pgbench-init.log"

# A server already answering on the port would be measured instead of ours.
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use" >&2; exit 1; fi
start_app "$DB" "$PORT" "$WORK/app.log"
started=$(date +%s%3N)
wait_health "$PORT" "$started" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
BASE="http://127.0.0.1:$PORT"
export SUDI_TOKEN=$(token "$BASE" hotline)
export SUDI_TOWN=$(org_id "$BASE" "$(token "$BASE" dispatcher)" tanshan)
LUA="$(dirname "$0")/bench/intake.lua"

# Warm-up: JIT, connection pool, caches (not reported).
wrk -t 2 -c 8 -d "${WARMUP:-60}s" -s "$LUA" "$BASE" > "$WORK/warm.txt"

ticks() { # CPU clock ticks (user + system) of the given processes
  local sum=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$sum"
}
backends() { psql -Atc "select pid from pg_stat_activity where datname = '$DB'" -d postgres | tr '\n' ' '; }
HZ=$(getconf CLK_TCK)

ms() { # wrk latency value (e.g. 1.23ms, 450.00us, 1.20s) → milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(psql -Atc 'show server_version' -d postgres)"
commits() { psql -Atc "select xact_commit from pg_stat_database where datname = '$DB'" -d postgres; }
sleep 11   # PostgreSQL publishes an idle backend's commit counts after up to 10 s
CASES0=$(psql -Atc 'select count(*) from cases' -d "$DB"); COMMITS0=$(commits)
echo "duration ${DURATION}s per step; cases before the run: $CASES0"
echo
echo "| clients | intake req/s | intake p50 ms | intake p99 ms | non-2xx | pgbench TPS | pgbench avg latency ms | intake ÷ pgbench | load before (1/5/15 min) | CPU ms per intake: JVM + its PostgreSQL backends |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
for c in $CLIENTS; do
  t=$(( c < 2 ? 1 : 2 ))
  before=$(load)
  if ! pgbench -n -c "$c" -j "$t" -T "$DURATION" "$PGBENCH_DB" > "$WORK/pgbench-$c.txt" 2>&1; then
    # e.g. max_connections (100 here) reached with the application's pool and other users' sessions
    echo "| $c | pgbench failed: $(grep -m1 -i 'error\|fatal' "$WORK/pgbench-$c.txt" | cut -c1-120) |||||||| $before |"
    continue
  fi
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-$c.txt" | tail -1)
  plat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/pgbench-$c.txt")
  pids=$(backends); cpu0=$(ticks "$APP_PID"); pg0=$(ticks $pids)
  wrk -t "$t" -c "$c" -d "${DURATION}s" --timeout 10s --latency -s "$LUA" "$BASE" > "$WORK/wrk-$c.txt"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$c.txt")
  n=$(awk '/requests in/ {print $1}' "$WORK/wrk-$c.txt")
  cpu=$(awk -v a=$(( $(ticks "$APP_PID") - cpu0 )) -v b=$(( $(ticks $pids) - pg0 )) -v n="$n" -v hz="$HZ" \
    'BEGIN { printf "%.2f + %.2f", 1000 * a / hz / n, 1000 * b / hz / n }')
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$c.txt")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$c.txt")")
  bad=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk-$c.txt"); bad=${bad:-0}
  errs=$(awk '/Socket errors/ {print $0}' "$WORK/wrk-$c.txt")
  ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.0f %%", 100 * a / b }')
  printf "| %d | %.0f | %s | %s | %s | %.0f | %s | %s | %s | %s |\n" "$c" "$rps" "$p50" "$p99" "$bad${errs:+ ($errs)}" "$tps" "$plat" "$ratio" "$before" "$cpu"
done
echo

sleep 11
CASES1=$(psql -Atc 'select count(*) from cases' -d "$DB"); COMMITS1=$(commits)
echo "cases after the run: $CASES1; commits in the application's database per intake: $(awk -v c=$((COMMITS1 - COMMITS0)) -v n=$((CASES1 - CASES0)) 'BEGIN { printf "%.2f", c / n }') (includes its background pollers and the live feed's NOTIFY batches and their reading by the LISTEN connection, a few per second); load after: $(load)"

# The floor: what the HTTP stack alone costs (measured after the counts above, as its GETs commit
# read-only transactions too). The same token, connections and server, an authenticated GET that reads
# one count (/api/v1/inbox/unread-count): security, one statement, JSON. The intake's cost above it is
# what the POST itself does (JSON in, the case and its projections in one transaction).
if [ -n "${FLOOR_CLIENTS-1 8}" ]; then
  echo "| clients | authenticated GET req/s | p50 ms | ÷ pgbench TPS of the same client count | CPU ms per request: JVM + its PostgreSQL backends |"
  echo "|---:|---:|---:|---:|---|"
  for c in ${FLOOR_CLIENTS-1 8}; do
    t=$(( c < 2 ? 1 : 2 ))
    pids=$(backends); cpu0=$(ticks "$APP_PID"); pg0=$(ticks $pids)
    wrk -t "$t" -c "$c" -d "${DURATION}s" --timeout 10s --latency -H "Authorization: Bearer $SUDI_TOKEN" \
      "$BASE/api/v1/inbox/unread-count" > "$WORK/floor-$c.txt"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/floor-$c.txt")
    n=$(awk '/requests in/ {print $1}' "$WORK/floor-$c.txt")
    cpu=$(awk -v a=$(( $(ticks "$APP_PID") - cpu0 )) -v b=$(( $(ticks $pids) - pg0 )) -v n="$n" -v hz="$HZ" \
      'BEGIN { printf "%.2f + %.2f", 1000 * a / hz / n, 1000 * b / hz / n }')
    p50=$(ms "$(awk '$1 == "50%" {print $2}' "$WORK/floor-$c.txt")")
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-$c.txt" 2>/dev/null | tail -1)
    ratio=$([ -n "$tps" ] && awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.0f %%", 100 * a / b }' || echo "no pgbench run at $c")
    printf "| %d | %.0f | %s | %s | %s |\n" "$c" "$rps" "$p50" "$ratio" "$cpu"
  done
  echo
fi
