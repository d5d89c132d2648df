# Shared by scripts/two-nodes.sh and scripts/crash-test.sh (source it; not run on its own):
# application nodes from the jar on the machine's PostgreSQL, nginx in front, checks that print
# PASS/FAIL, and a clean-up that stops exactly what was started.
#
# Settings (environment):
#   SUDI_PG_HOST/SUDI_PG_PORT/SUDI_PG_USER  the PostgreSQL to use (127.0.0.1, 5432, postgres)
#   SUDI_NODES_BASE_PORT                     first loopback port used (18300); nodes and nginx count up
#   SUDI_JAR                                 the application jar (default: target/sudi-*.jar, built if
#                                            missing or older than the sources)
#   SUDI_NODES_KEEP=1                        keep the database and the work directory for a look afterwards

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_HOST=${SUDI_PG_HOST:-127.0.0.1}
PG_PORT=${SUDI_PG_PORT:-5432}
PG_USER=${SUDI_PG_USER:-postgres}
BASE_PORT=${SUDI_NODES_BASE_PORT:-18300}
PASSWORD=${SUDI_DEMO_PASSWORD:-sudi-demo}
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sudi-nodes.XXXXXX")
DB=""
FAILED=0
PASSED=0
declare -A NODE_PID=()
declare -A NODE_PORT=()
NGINX_PID_FILE=""

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
# check "description" <test command...>: PASS when the command succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

finish() {
  local rc=$?
  for n in "${!NODE_PID[@]}"; do
    local pid=${NODE_PID[$n]}
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  for n in "${!NODE_PID[@]}"; do
    local pid=${NODE_PID[$n]}
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "$NGINX_PID_FILE" ] && [ -s "$NGINX_PID_FILE" ]; then
    kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
  fi
  # Background helpers of this shell (SSE readers, writers) that are still running.
  local jobs_left
  jobs_left=$(jobs -p)
  [ -n "$jobs_left" ] && kill $jobs_left 2>/dev/null || true
  if [ "${SUDI_NODES_KEEP:-0}" = 1 ]; then
    echo "kept: database $DB, work directory $WORK"
  else
    [ -n "$DB" ] && psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres \
      -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
  fi
  exit $rc
}
trap finish EXIT
trap 'exit 130' INT TERM

# The verdict: prints the tally and exits non-zero when any check failed.
verdict() {
  echo "== $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

require_tools() {
  local missing=()
  for t in java curl psql pg_isready "$@"; do
    command -v "$t" >/dev/null 2>&1 || [ -x "$t" ] || missing+=("$t")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing tools: ${missing[*]} (Debian: apt-get install openjdk-17-jre-headless curl postgresql-client nginx)"
    exit 2
  fi
  if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    echo "PostgreSQL is not running on $PG_HOST:$PG_PORT"
    exit 2
  fi
}

# Builds the jar when it is missing or older than the sources.
ensure_jar() {
  JAR=${SUDI_JAR:-}
  if [ -z "$JAR" ]; then
    JAR=$(ls "$ROOT"/target/sudi-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
    if [ -z "$JAR" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
      log "building the application jar (./mvnw -o -B -q package -DskipTests)"
      (cd "$ROOT" && ./mvnw -o -B -q package -DskipTests) >"$WORK/build.log" 2>&1 || {
        tail -n 40 "$WORK/build.log"
        exit 2
      }
      JAR=$(ls "$ROOT"/target/sudi-*.jar | grep -v original | head -n 1)
    fi
  fi
  log "jar: $JAR"
}

# create_db <prefix>: a fresh database of our own on the machine's PostgreSQL.
create_db() {
  DB="${1}_$$"
  psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" \
    -c "create database $DB" >/dev/null
  log "database: $DB"
}

sql() { psql -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -c "$1"; }

# start_node <name> <port> [extra application arguments...]: starts a node in the background.
# Every node shares the database, the token secret and the attachment directory; each has its own
# data directory and log ($WORK/<name>.log).
TOKEN_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
start_node() {
  local name=$1 port=$2
  shift 2
  mkdir -p "$WORK/$name" "$WORK/shared-attachments"
  SUDI_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" SUDI_DB_USER="$PG_USER" SUDI_DB_PASSWORD="" \
    SUDI_DEMO=true SUDI_DATA_DIR="$WORK/$name" SUDI_ATTACHMENTS_DIR="$WORK/shared-attachments" \
    SUDI_TOKEN_SECRET="$TOKEN_SECRET" PORT="$port" \
    nohup java -Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" \
    --server.address=127.0.0.1 --spring.main.banner-mode=off \
    --sudi.clock.sweep-interval=2s --db-scheduler.polling-interval=2s \
    "$@" >>"$WORK/$name.log" 2>&1 &
  NODE_PID[$name]=$!
  NODE_PORT[$name]=$port
  log "node $name: pid ${NODE_PID[$name]}, http://127.0.0.1:$port"
}

# wait_up <name> [seconds]: until the node's health says UP.
wait_up() {
  local name=$1 limit=${2:-180} port=${NODE_PORT[$1]}
  local t0=$SECONDS
  while [ $((SECONDS - t0)) -lt "$limit" ]; do
    if ! kill -0 "${NODE_PID[$name]}" 2>/dev/null; then
      echo "node $name died while starting; its log:"
      tail -n 60 "$WORK/$name.log"
      return 1
    fi
    if curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      log "node $name up after $((SECONDS - t0)) s"
      return 0
    fi
    sleep 1
  done
  echo "node $name not up after $limit s; its log:"
  tail -n 60 "$WORK/$name.log"
  return 1
}

# kill_node <name>: SIGKILL, as a crash or the OOM killer would.
kill_node() {
  kill -9 "${NODE_PID[$1]}" 2>/dev/null || true
  wait "${NODE_PID[$1]}" 2>/dev/null || true
  log "node $1 killed (SIGKILL)"
}

# start_nginx <port> <upstream port...>: nginx from Debian on loopback, its whole configuration and
# state in $WORK/nginx (runs as any user). Fails over to the next node on connection errors; a POST
# that already reached a node that then died is answered 502 and not retried (never acknowledged).
start_nginx() {
  local port=$1
  shift
  local dir="$WORK/nginx"
  mkdir -p "$dir/logs" "$dir/tmp"
  local servers=""
  for p in "$@"; do servers+="    server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'; done
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  client_max_body_size 60m;
  upstream sudi {
$servers    keepalive 16;
  }
  server {
    listen 127.0.0.1:$port;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_connect_timeout 2s;
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;
    location /api/v1/screen/feed {
      proxy_pass http://sudi;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
    location / {
      proxy_pass http://sudi;
    }
  }
}
EOF
  NGINX_PID_FILE="$dir/nginx.pid"
  "$NGINX_BIN" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" || {
    cat "$dir/logs/error.log"
    return 1
  }
  log "nginx: http://127.0.0.1:$port -> $*"
}

# token <base-url> <username>: a bearer token for a demo account.
token() {
  local totp=""
  # The demo admin signs in with its demo TOTP secret as well (ADR 0026, README).
  [ "$2" = admin ] && totp=",\"totp\":\"$(java "$(dirname "${BASH_SOURCE[0]}")/lib/DemoTotp.java" SUDIDEMOADMINTOTPSECRETKEY234567)\""
  curl -s -XPOST "$1/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$PASSWORD\"$totp}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# api <method> <base-url> <token> <path> [json]: prints "<status> <body>".
api() {
  local out data=()
  [ $# -ge 5 ] && data=(-d "$5")
  out=$(curl -s -X "$1" "$2$4" -H "Authorization: Bearer $3" -H 'content-type: application/json' \
    "${data[@]}" -w '\n%{http_code}')
  printf '%s %s\n' "${out##*$'\n'}" "${out%$'\n'*}"
}

field() { sed -n 's/^[^{]*{"id":"\([^"]*\)".*/\1/p'; }
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }

org_id() { sql "select id from org_unit where code = '$1'"; }

# case_body <town-id or ""> <tag> [location-json]: a LIVELIHOOD request for the town's review (or,
# with a location and no town, for the review of the town the point lies in); the tag makes titles distinct.
case_body() {
  printf '{"type":"LIVELIHOOD","title":"路灯不亮 %s","description":"文化路路灯坏了一周，晚上看不见路 %s",%s"requester":{"name":"张三","phone":"13800001234"}%s}' \
    "$2" "$2" "${1:+\"townId\":$1,}" "${3:+,\"location\":$3}"
}

# set_town_review_limit <base> <admin-token> <limit>: the LIVELIHOOD/NORMAL town review limit.
set_town_review_limit() {
  local policies body
  policies=$(curl -s "$1/api/v1/time-limits" -H "Authorization: Bearer $2")
  body=$(echo "$policies" | tr '}' '\n' | grep '"caseType":"LIVELIHOOD","urgency":"NORMAL","categoryCode":null' | head -n 1 |
    sed 's/^[],[]*{//; s/"townReview":"[^"]*"/"townReview":"'"$3"'"/; s/^/{/; s/$/}/')
  [ -n "$body" ] || { echo "no LIVELIHOOD/NORMAL policy in: $policies"; return 1; }
  api PUT "$1" "$2" /api/v1/time-limits "$body" | grep -q '^200 '
}

# write_cases <writer-no> <base-url> <token> <town-id or ""> [location-json]: submits cases one after
# another until $WORK/stop exists (or, with STOP_ON_FAILURE=1, until one is not acknowledged), one line
# per request in $WORK/writes-<writer-no>.txt: "<epoch seconds> <HTTP status> <case id if created>".
write_cases() {
  local n=0 r code
  while [ ! -e "$WORK/stop" ]; do
    n=$((n + 1))
    r=$(curl -s -m 10 -XPOST "$2/api/v1/cases" -H "Authorization: Bearer $3" -H 'content-type: application/json' \
      -d "$(case_body "$4" "load-$1-$n" "${5:-}")" -w '\n%{http_code}')
    code=${r##*$'\n'}
    printf '%s %s %s\n' "$(date +%s.%N)" "$code" "$(echo "${r%$'\n'*}" | field)" >>"$WORK/writes-$1.txt"
    [ "${STOP_ON_FAILURE:-0}" = 1 ] && [ "$code" != 201 ] && break
  done
}

# sizes <args...> "<short settings>" "<full settings>": sets SHORT and the named sizes by --short.
sizes() {
  SHORT=0
  [ "${1:-}" = "--short" ] && SHORT=1
  if [ $SHORT = 1 ]; then eval "$2"; else eval "$3"; fi
}
