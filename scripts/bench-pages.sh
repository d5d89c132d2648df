#!/usr/bin/env bash
# Measures the console pages' response times against a running Sudi (demo district on the embedded
# database): seeds cases through the JSON API, then fetches each page N times with curl, one at a
# time, and prints p50/p95/max in milliseconds. Baseline in the same run: /actuator/health.
# usage: scripts/bench-pages.sh [base-url] [cases-to-seed] [requests-per-page]
set -euo pipefail
BASE=${1:-http://localhost:8080}
SEED=${2:-2000}
N=${3:-200}
PASSWORD=${SUDI_DEMO_PASSWORD:-sudi-demo}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

token() {
  curl -s -XPOST "$BASE/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
json() { curl -s -XPOST "$BASE$2" -H "Authorization: Bearer $1" -H 'content-type: application/json' -d "$3"; }
field() { sed 's/.*"'"$1"'":"\([^"]*\)".*/\1/'; }

orgs=$(curl -s "$BASE/api/v1/orgs" -H "Authorization: Bearer $(token dispatcher)")
org() { echo "$orgs" | tr '{' '\n' | grep "\"code\":\"$1\"" | sed 's/.*"id":\([0-9]*\).*/\1/'; }
TANSHAN=$(org tanshan); WULIN=$(org wulin); ZHUJIAN=$(org zhujian); ZHIFA=$(org zhifa)
HOT=$(token hotline); TOWN=$(token town-tanshan); DISP=$(token dispatcher)

echo "seeding $SEED cases ..."
for i in $(seq 1 "$SEED"); do
  town=$TANSHAN; [ $((i % 3)) -eq 0 ] && town=$WULIN
  c=$(json "$HOT" /api/v1/cases "{\"type\":\"LIVELIHOOD\",\"title\":\"路灯不亮 $i\",\"description\":\"文化路路灯坏了，第 $i 件\",\"townId\":$town,\"requester\":{\"name\":\"张三\",\"phone\":\"1380000$(printf %04d $((i % 500)))\"},\"location\":{\"lat\":34.77,\"lon\":117.59,\"address\":\"文化路 $i 号\"}}")
  id=$(echo "$c" | field id)
  if [ "$town" = "$TANSHAN" ] && [ $((i % 2)) -eq 0 ]; then
    json "$TOWN" "/api/v1/cases/$id/escalate" '{"reason":"超出街道职权"}' >/dev/null
    if [ $((i % 4)) -eq 0 ]; then
      json "$DISP" "/api/v1/cases/$id/dispatch" "{\"leadOrgId\":$ZHUJIAN,\"assistOrgIds\":[$ZHIFA]}" >/dev/null
    fi
  fi
done

# Sessions for the pages, through the sign-in form.
signin() {
  local jar="$WORK/$1.jar"
  local tok
  tok=$(curl -s -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "username=$1&password=$PASSWORD&_csrf=$tok" "$BASE/login"
  if [ "$1" = admin ]; then   # the demo admin's second step: its demo TOTP code (ADR 0026, README)
    tok=$(curl -s -c "$jar" -b "$jar" "$BASE/console/sign-in/totp" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -c "$jar" -b "$jar" -o /dev/null \
      -d "code=$(java "$(dirname "$0")/lib/DemoTotp.java" SUDIDEMOADMINTOTPSECRETKEY234567)&_csrf=$tok" "$BASE/console/sign-in/totp"
  fi
}
for u in dispatcher hotline town-tanshan dept-zhujian leader admin; do signin "$u"; done
CASE=$(curl -s "$BASE/api/v1/cases?size=1&status=IN_PROGRESS" -H "Authorization: Bearer $DISP" | sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/')

measure() { # name user path
  local f="$WORK/times"
  : > "$f"
  for _ in $(seq 1 5); do curl -s -o /dev/null -b "$WORK/$2.jar" "$BASE$3"; done   # warm-up
  for _ in $(seq 1 "$N"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$WORK/$2.jar" "$BASE$3" >> "$f"
  done
  if grep -qv '^200 ' "$f"; then echo "$1: non-200 answers: $(grep -v '^200 ' "$f" | head -1)"; fi
  awk '{print $2 * 1000}' "$f" | sort -n | awk -v name="$1" '{a[NR]=$1} END {
    p50=a[int(NR*0.50+0.5)]; p95=a[int(NR*0.95+0.5)];
    printf "| %-28s | %7.1f | %7.1f | %7.1f |\n", name, p50, p95, a[NR] }'
}
echo
echo "| page | p50 ms | p95 ms | max ms |"
echo "|---|---:|---:|---:|"
measure "baseline /actuator/health" dispatcher /actuator/health
measure "home (dispatcher)" dispatcher /console
measure "triage queue" dispatcher /console/triage
measure "triage, filtered" dispatcher "/console/triage?townId=$TANSHAN&urgency=NORMAL&age=2"
measure "case page (dispatcher)" dispatcher "/console/cases/$CASE"
measure "follow-ups" dispatcher /console/followups
measure "return/extension queue" dispatcher /console/requests
measure "hotline intake + history" hotline "/console/hotline?phone=13800000001"
measure "town review" town-tanshan /console/town
measure "work list (department)" dept-zhujian "/console/work?queue=TO_SIGN"
measure "case page (department)" dept-zhujian "/console/cases/$CASE"
measure "leader overview" leader /console/cases
measure "admin accounts" admin /console/admin/accounts
measure "admin duty list" admin /console/admin/duties
