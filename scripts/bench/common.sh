# Shared by the scripts/bench-*.sh benchmarks: the application as a real server on a PostgreSQL
# (default the machine's, 127.0.0.1:5432, user postgres), one database per benchmark.
# Variables: PGHOST PGPORT PGUSER (psql's), BENCH_JAVA_OPTS (extra JVM options, e.g. a JFR recording).

PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/target/sudi-0.1.0-SNAPSHOT.jar"
APP_PID=

# Builds the application jar unless it is there (BENCH_REBUILD=1 forces it).
build_jar() {
  if [ ! -f "$JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
    (cd "$ROOT" && ./mvnw -q -B ${MVN_OFFLINE:+-o} -DskipTests package)
  fi
}

recreate_db() { # name
  psql -q -d postgres -c "drop database if exists $1 with (force)" -c "create database $1"
}

drop_db() { psql -q -d postgres -c "drop database if exists $1 with (force)"; }

# Starts the application on database $1 at port $2 with the demo district; log in $3.
start_app() {
  local db=$1 port=$2 log=$3
  SUDI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SUDI_DB_USER=$PGUSER SUDI_DB_PASSWORD= \
  SUDI_DEMO=true SUDI_ADMIN_USERNAME=bench-admin SUDI_ADMIN_PASSWORD=bench-admin-password \
  SUDI_DATA_DIR="$WORK/data" PORT=$port \
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$log" 2>&1 &
  APP_PID=$!
}

# Waits for the first 200 on /actuator/health; prints the milliseconds since $2 (epoch ms).
wait_health() {
  local port=$1 since=$2
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health")" = 200 ]; then
      echo $(( $(date +%s%3N) - since ))
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "application died" >&2; return 1; }
    sleep 0.1
  done
  echo "no 200 on /actuator/health" >&2
  return 1
}

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}

token() { # base-url username
  curl -s -XPOST "$1/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"${SUDI_DEMO_PASSWORD:-sudi-demo}\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

org_id() { # base-url token code
  curl -s "$1/api/v1/orgs" -H "Authorization: Bearer $2" | tr '{' '\n' | grep "\"code\":\"$3\"" \
    | sed 's/.*"id":\([0-9]*\).*/\1/' | head -1
}

load() { uptime | sed 's/.*load average: //'; }
