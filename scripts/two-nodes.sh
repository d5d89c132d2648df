#!/usr/bin/env bash
# Two application nodes on one PostgreSQL behind nginx, on loopback, under bounded load. Shows:
#   (e) console and portal sessions signed in on node A work on node B (sessions live in PostgreSQL);
#   (c) live screen updates (SSE) reach clients connected to each node, whichever node made the change;
#   (b) the same action on the same task sent to node A and node B at once: exactly one 200, one 409;
#   (d) SIGKILL of node B in the middle of write load through nginx: every acknowledged (201) case
#       exists afterwards, and nginx keeps acknowledging on node A;
#   (a) deadlines that come due (a 1-minute town review limit) fire exactly once each: one warning and
#       one overdue note, one automatic supervision, one overdue notification per recipient.
# Prints PASS/FAIL per check and exits non-zero when one fails.
#
# usage: scripts/two-nodes.sh [--short]      (--short: CI size, about 2–3 minutes here)
# Needs: java 17, curl, psql, nginx (Debian: apt-get install nginx), PostgreSQL at 127.0.0.1:5432.
# Uses loopback ports 18300–18302 (SUDI_NODES_BASE_PORT) and a database sudi_twonode_<pid>, dropped
# at the end (SUDI_NODES_KEEP=1 keeps it and the logs).
set -uo pipefail
source "$(dirname "$0")/lib-nodes.sh"

sizes "${1:-}" "DEADLINE_CASES=8 SSE_CASES=8 RACES=12 WRITERS=3 LOAD_SECONDS=10" \
  "DEADLINE_CASES=30 SSE_CASES=30 RACES=60 WRITERS=6 LOAD_SECONDS=30"
require_tools "$NGINX_BIN"
ensure_jar
create_db sudi_twonode
PA=$BASE_PORT; PB=$((BASE_PORT + 1)); PL=$((BASE_PORT + 2))
A=http://127.0.0.1:$PA; B=http://127.0.0.1:$PB; LB=http://127.0.0.1:$PL

# The first node migrates the schema and seeds the demo district; the second starts on top.
start_node a "$PA"
wait_up a || exit 1
ADMIN=$(token "$A" admin); HOT=$(token "$A" hotline); TOWN=$(token "$A" town-tanshan)
DISP=$(token "$A" dispatcher); DEPT=$(token "$A" dept-zhujian); LEADER=$(token "$A" leader)
TANSHAN=$(org_id tanshan); ZHUJIAN=$(org_id zhujian)
[ -n "$ADMIN" ] && [ -n "$TANSHAN" ] || { fail "demo accounts and units"; exit 1; }

# The deadlines' minute runs while node B starts; both nodes are up when they come due.
echo "== (a) $DEADLINE_CASES cases whose town review (limit set to 1 minute) comes due while both nodes run"
check "town review limit set to 1m" set_town_review_limit "$A" "$ADMIN" 1m
: >"$WORK/deadline-cases.txt"
for i in $(seq 1 "$DEADLINE_CASES"); do
  api POST "$A" "$HOT" /api/v1/cases "$(case_body "$TANSHAN" "deadline-$i")" | cut -d' ' -f2- | field \
    >>"$WORK/deadline-cases.txt"
done
DEADLINES_CREATED=$SECONDS
check "$DEADLINE_CASES deadline cases created" [ "$(grep -c . "$WORK/deadline-cases.txt")" -eq "$DEADLINE_CASES" ]

start_node b "$PB"
wait_up b || exit 1
start_nginx "$PL" "$PA" "$PB" || exit 1

echo "== (e) sessions: sign in on node A, use the session on node B"
JAR_FILE="$WORK/console.cookies"
csrf=$(curl -s -c "$JAR_FILE" -b "$JAR_FILE" "$A/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
signin=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR_FILE" -b "$JAR_FILE" \
  --data-urlencode "username=dispatcher" --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$A/login")
on_b=$(curl -s -o "$WORK/console-b.html" -w '%{http_code}' -b "$JAR_FILE" "$B/console")
check "console sign-in on node A (302 to /console: $signin)" [ "${signin%% *}" = 302 ]
check "the same session cookie opens /console on node B (HTTP $on_b)" \
  eval '[ "$on_b" = 200 ] && grep -q "指挥中心调度员" "$WORK/console-b.html"'
# A form posted to node B with the CSRF token node A's page carried (the token lives in the session).
csrf_a=$(curl -s -b "$JAR_FILE" "$A/console" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
logout=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$JAR_FILE" -c "$JAR_FILE" --data-urlencode "_csrf=$csrf_a" "$B/logout")
after=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR_FILE" "$A/console")
check "sign-out on node B with node A's CSRF token ends the session on node A too ($logout; then $after)" \
  eval '[[ "$logout" == 302*login?logout ]] && [ "$after" = 302 ]'

echo "== (e) portal: sign in by SMS code on node A, use /m/** on node B"
PJ="$WORK/portal.cookies"
phone="1390000$(printf %04d $((RANDOM % 10000)))"
csrf=$(curl -s -c "$PJ" -b "$PJ" "$A/m/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$PJ" -b "$PJ" --data-urlencode "phone=$phone" --data-urlencode "_csrf=$csrf" "$A/m/login/code"
# Demo mode sends SMS to the node's log (the number masked, the text with the code).
code=$(grep "SMS to ${phone:0:3}\*\*\*\*${phone:7}:" "$WORK/a.log" | tail -n 1 | sed -n 's/.*: \([0-9]\{6\}\) .*/\1/p')
portal=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$PJ" -b "$PJ" --data-urlencode "phone=$phone" \
  --data-urlencode "code=$code" --data-urlencode "_csrf=$csrf" "$A/m/login")
mine_b=$(curl -s -o /dev/null -w '%{http_code}' -b "$PJ" "$B/m/requests")
check "portal sign-in on node A ($portal), its session serves /m/requests on node B (HTTP $mine_b)" \
  eval '[[ "$portal" == 302*/m/requests ]] && [ "$mine_b" = 200 ]'

echo "== (c) live feed readers on both nodes"
curl -sN -H "Authorization: Bearer $LEADER" "$A/api/v1/screen/feed" >"$WORK/sse-a.txt" 2>/dev/null &
curl -sN -H "Authorization: Bearer $LEADER" "$B/api/v1/screen/feed" >"$WORK/sse-b.txt" 2>/dev/null &
sleep 2

echo "== (c) $SSE_CASES submissions, half through each node"
: >"$WORK/feed-expected.txt"
for i in $(seq 1 "$SSE_CASES"); do
  node=$A; [ $((i % 2)) = 0 ] && node=$B
  api POST "$node" "$HOT" /api/v1/cases "$(case_body "$TANSHAN" "feed-$i")" | cut -d' ' -f2- | json_field trackingNo \
    >>"$WORK/feed-expected.txt"
done
sleep 2
missing_a=0; missing_b=0
while read -r t; do
  grep -q "\"trackingNo\":\"$t\"" "$WORK/sse-a.txt" || missing_a=$((missing_a + 1))
  grep -q "\"trackingNo\":\"$t\"" "$WORK/sse-b.txt" || missing_b=$((missing_b + 1))
done <"$WORK/feed-expected.txt"
n=$(grep -c . "$WORK/feed-expected.txt")
check "(c) the feed client on node A saw all $n submissions (made on A and on B); missing: $missing_a" \
  eval '[ "$n" = "$SSE_CASES" ] && [ "$missing_a" = 0 ]'
check "(c) the feed client on node B saw all $n submissions (made on A and on B); missing: $missing_b" [ "$missing_b" = 0 ]

echo "== (b) $RACES races: the same task signed on node A and node B at once"
: >"$WORK/race-tasks.txt"
for i in $(seq 1 "$RACES"); do
  id=$(api POST "$LB" "$HOT" /api/v1/cases "$(case_body "$TANSHAN" "race-$i")" | cut -d' ' -f2- | field)
  api POST "$LB" "$TOWN" "/api/v1/cases/$id/escalate" '{"reason":"超出街道职权"}' >/dev/null
  api POST "$LB" "$DISP" "/api/v1/cases/$id/dispatch" "{\"leadOrgId\":$ZHUJIAN,\"assistOrgIds\":[]}" >/dev/null
  sql "select id from case_task where case_id = '$id' and org_id = $ZHUJIAN" >>"$WORK/race-tasks.txt"
done
both=0; neither=0; other=0
while read -r task; do
  [ -n "$task" ] || continue
  curl -s -o /dev/null -w '%{http_code}\n' -XPOST "$A/api/v1/tasks/$task/sign" -H "Authorization: Bearer $DEPT" >"$WORK/race-a" &
  pa=$!
  curl -s -o /dev/null -w '%{http_code}\n' -XPOST "$B/api/v1/tasks/$task/sign" -H "Authorization: Bearer $DEPT" >"$WORK/race-b" &
  pb=$!
  wait $pa $pb
  codes=$(sort "$WORK/race-a" "$WORK/race-b" | tr '\n' ' ')
  case "$codes" in
    "200 409 ") ;;
    "200 200 ") both=$((both + 1)) ;;
    "409 409 ") neither=$((neither + 1)) ;;
    *) other=$((other + 1)); echo "   task $task: $codes" ;;
  esac
done <"$WORK/race-tasks.txt"
races=$(grep -c . "$WORK/race-tasks.txt")
signed=$(sql "select count(*) from case_timeline t join case_task k on k.case_id = t.case_id
  where t.action = 'SIGN' and k.id in ($(sed "s/.*/'&'/" "$WORK/race-tasks.txt" | paste -sd,))")
check "(b) $races races: exactly one 200 and one 409 each (both won: $both, neither: $neither, other: $other)" \
  eval '[ "$races" = "$RACES" ] && [ $both = 0 ] && [ $neither = 0 ] && [ $other = 0 ]'
check "(b) one SIGN entry per task in the timelines ($signed for $races tasks)" [ "$signed" = "$races" ]

echo "== (d) $WRITERS writers through nginx for ${LOAD_SECONDS}s; node B is killed half-way"
rm -f "$WORK/stop"
writers=()
for w in $(seq 1 "$WRITERS"); do write_cases "$w" "$LB" "$HOT" "$TANSHAN" & writers+=($!); done
sleep $((LOAD_SECONDS / 2))
KILLED_AT=$(date +%s.%N)
kill_node b
sleep $((LOAD_SECONDS - LOAD_SECONDS / 2))
touch "$WORK/stop"
wait "${writers[@]}"
cat "$WORK"/writes-*.txt >"$WORK/writes.txt"
acked=$(awk '$2 == 201 && $3 != "" {print $3}' "$WORK/writes.txt" | sort -u)
n_acked=$(echo "$acked" | grep -c .)
n_failed=$(awk '$2 != 201' "$WORK/writes.txt" | wc -l)
after_kill=$(awk -v k="$KILLED_AT" '$1 > k + 1 && $2 == 201' "$WORK/writes.txt" | wc -l)
found=0
if [ "$n_acked" -gt 0 ]; then
  found=$(sql "select count(*) from cases where id in ($(echo "$acked" | sed "s/.*/'&'/" | paste -sd,))")
fi
echo "   $n_acked acknowledged, $n_failed not acknowledged (in flight on the killed node), $after_kill acknowledged after the kill"
check "(d) every acknowledged case exists after the kill ($found of $n_acked)" eval '[ "$n_acked" -gt 0 ] && [ "$found" = "$n_acked" ]'
check "(d) nginx fails over: node A acknowledged $after_kill cases after node B died" [ "$after_kill" -gt 0 ]

echo "== (a) waiting for the deadlines (warning at 48 s, overdue at 60 s, after creation)"
ids=$(sed "s/.*/'&'/" "$WORK/deadline-cases.txt" | paste -sd,)
deadline_at=$((DEADLINES_CREATED + 60 + 90))   # + a sweep taken over from the killed node (≤ 60 s)
while [ $SECONDS -lt $deadline_at ]; do
  over=$(sql "select count(*) from clock_deadline where case_id in ($ids) and step = 'TOWN_REVIEW' and state = 'OVERDUE'")
  [ "$over" = "$DEADLINE_CASES" ] && break
  sleep 3
done
sleep 5   # let any duplicate show itself
over=$(sql "select count(*) from clock_deadline where case_id in ($ids) and step = 'TOWN_REVIEW' and state = 'OVERDUE'")
check "(a) all $DEADLINE_CASES review deadlines went overdue ($over)" [ "$over" = "$DEADLINE_CASES" ]
notes=$(sql "select action, count(*) from case_timeline where case_id in ($ids) and action in ('WARNING', 'OVERDUE')
  group by case_id, action having count(*) <> 1" | wc -l)
per_case=$(sql "select count(*) from case_timeline where case_id in ($ids) and action in ('WARNING', 'OVERDUE')")
check "(a) exactly one warning and one overdue note per case ($per_case notes for $DEADLINE_CASES cases, $notes off)" \
  eval '[ "$per_case" = $((DEADLINE_CASES * 2)) ] && [ "$notes" = 0 ]'
sup=$(sql "select count(*) from supervision where case_id in ($ids) and automatic")
sup_dupes=$(sql "select count(*) from (select case_id from supervision where case_id in ($ids) and automatic
  group by case_id having count(*) > 1) d")
check "(a) exactly one automatic supervision per deadline ($sup for $DEADLINE_CASES, $sup_dupes cases with more)" \
  eval '[ "$sup" = "$DEADLINE_CASES" ] && [ "$sup_dupes" = 0 ]'
inbox=$(sql "select count(*) from notification_inbox where case_id in ($ids)")
inbox_kinds=$(sql "select count(distinct n) from (select count(*) n from notification_inbox where case_id in ($ids)
  group by case_id) c")
check "(a) every case notified the same people once ($inbox inbox rows, $inbox_kinds distinct counts per case)" \
  eval '[ "$inbox" -gt 0 ] && [ "$inbox_kinds" = 1 ]'

verdict
