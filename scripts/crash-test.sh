#!/usr/bin/env bash
# Crash test (issue 10, 5(d)): SIGKILL the application under write load, start it again, and check
#   - every acknowledged (201) case exists, with its timeline and its clock row;
#   - every deadline that came due (a 1-minute town review limit, some due while the node was down)
#     still fires after the restart, exactly once;
#   - pending work still runs: every projection a case feeds (grid counts, clock rows, timeline) was
#     written in the case's own transaction (no asynchronous listeners: ADR 0023), and the notification
#     outbox left pending by the kill is delivered after the restart.
# Prints PASS/FAIL per check and exits non-zero when one fails.
#
# usage: scripts/crash-test.sh [--short]     (--short: CI size, about 2 minutes here)
# Needs: java 17, curl, psql, PostgreSQL at 127.0.0.1:5432. Uses loopback port 18310
# (SUDI_NODES_BASE_PORT + 10) and a database sudi_crash_<pid>, dropped at the end.
set -uo pipefail
source "$(dirname "$0")/lib-nodes.sh"

sizes "${1:-}" "DEADLINE_CASES=6 WRITERS=3 LOAD_SECONDS=8" \
  "DEADLINE_CASES=30 WRITERS=6 LOAD_SECONDS=30"
require_tools
ensure_jar
create_db sudi_crash
P=$((BASE_PORT + 10)); N=http://127.0.0.1:$P

start_node app "$P"
wait_up app || exit 1

ADMIN=$(token "$N" admin); HOT=$(token "$N" hotline); CITIZEN=$(token "$N" citizen)
TANSHAN=$(org_id tanshan)
# A point inside a demo grid, so that submissions are counted in their grid.
POINT=$(curl -s "$N/api/v1/grids?kind=BASIC&bbox=117.41,34.63,117.77,34.91" -H "Authorization: Bearer $CITIZEN" |
  grep -o '"labelPoint":\[[^]]*\]' | head -n 1 | sed 's/.*\[\([^,]*\),\([^]]*\)\]/{"lat":\2,"lon":\1}/')
[ -n "$POINT" ] || { fail "a point inside a demo grid"; exit 1; }

check "town review limit set to 1m" set_town_review_limit "$N" "$ADMIN" 1m

echo "== $DEADLINE_CASES cases whose town review comes due in a minute"
: >"$WORK/deadline-cases.txt"
for i in $(seq 1 "$DEADLINE_CASES"); do
  api POST "$N" "$HOT" /api/v1/cases "$(case_body "" "deadline-$i" "$POINT")" | cut -d' ' -f2- | field \
    >>"$WORK/deadline-cases.txt"
done
CREATED=$SECONDS
check "$DEADLINE_CASES deadline cases created" [ "$(grep -c . "$WORK/deadline-cases.txt")" -eq "$DEADLINE_CASES" ]

echo "== $WRITERS writers for ${LOAD_SECONDS}s, then SIGKILL"
writers=()
for w in $(seq 1 "$WRITERS"); do STOP_ON_FAILURE=1 write_cases "$w" "$N" "$HOT" "" "$POINT" & writers+=($!); done
sleep "$LOAD_SECONDS"
kill_node app
wait "${writers[@]}"   # the writers stop at their first failed request
cat "$WORK"/writes-*.txt >"$WORK/writes.txt"
acked=$(awk '$2 == 201 && $3 != "" {print $3}' "$WORK/writes.txt" | sort -u)
n_acked=$(echo "$acked" | grep -c .)
ids=$( (echo "$acked"; cat "$WORK/deadline-cases.txt") | grep . | sed "s/.*/'&'/" | paste -sd,)
pending=$(sql "select count(*) from notification_delivery where status = 'PENDING'")
echo "   $n_acked cases acknowledged under load; the kill left $pending pending notifications"

echo "== restart"
start_node app "$P"
wait_up app || exit 1
RESTARTED=$SECONDS

found=$(sql "select count(*) from cases where id in ($ids)")
total=$((n_acked + DEADLINE_CASES))
check "every acknowledged case exists after the crash ($found of $total)" eval '[ "$n_acked" -gt 0 ] && [ "$found" = "$total" ]'
no_clock=$(sql "select count(*) from cases c where c.id in ($ids)
  and not exists (select 1 from clock_deadline d where d.case_id = c.id)
  or c.id in ($ids) and not exists (select 1 from case_timeline t where t.case_id = c.id)")
check "each of them has its timeline and its clock row ($no_clock without)" [ "$no_clock" = 0 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$N/api/v1/cases" -H "Authorization: Bearer $(token "$N" hotline)" \
  -H 'content-type: application/json' -d "$(case_body "$TANSHAN" after-restart)")
check "the restarted node takes new cases (HTTP $code)" [ "$code" = 201 ]

echo "== waiting for the deadlines"
dl=$(sed "s/.*/'&'/" "$WORK/deadline-cases.txt" | paste -sd,)
limit=$((CREATED + 60 + 75))
while [ $SECONDS -lt $limit ]; do
  over=$(sql "select count(*) from clock_deadline where case_id in ($dl) and step = 'TOWN_REVIEW' and state = 'OVERDUE'")
  [ "$over" = "$DEADLINE_CASES" ] && break
  sleep 2
done
sleep 3
over=$(sql "select count(*) from clock_deadline where case_id in ($dl) and step = 'TOWN_REVIEW' and state = 'OVERDUE'")
notes=$(sql "select count(*) from case_timeline where case_id in ($dl) and action in ('WARNING', 'OVERDUE')")
sup=$(sql "select count(*) from supervision where case_id in ($dl) and automatic")
check "every due deadline fired after the restart ($over of $DEADLINE_CASES overdue, $((SECONDS - RESTARTED)) s after restart)" \
  [ "$over" = "$DEADLINE_CASES" ]
check "exactly once: $notes warning/overdue notes and $sup automatic supervisions for $DEADLINE_CASES deadlines" \
  eval '[ "$notes" = $((DEADLINE_CASES * 2)) ] && [ "$sup" = "$DEADLINE_CASES" ]'
ungridded=$(sql "select count(*) from cases c where c.id in ($ids) and c.grid_code is not null
  and not exists (select 1 from grid_case g where g.case_id = c.id)")
check "every acknowledged located case is counted in its grid ($ungridded missing)" [ "$ungridded" = 0 ]
for _ in $(seq 1 45); do
  pending=$(sql "select count(*) from notification_delivery where status = 'PENDING' and next_attempt_at < now()")
  [ "$pending" = 0 ] && break
  sleep 2
done
check "the notification outbox is delivered after the restart ($pending due and pending)" [ "$pending" = 0 ]

verdict
