#!/usr/bin/env bash
# Proves bin/backup and bin/restore (issue 10, 5(f)); about 1.5 min, run by .ci/run.
#  1. starts the application on a fresh embedded database, creates cases with attachments and a
#     timeline of several steps, and records what the API shows of them (cases, timelines, attachment bytes);
#  2. backs up while the application runs (and while another attachment is being uploaded);
#  3. stops it, wipes the data directory, restores; a second restore without --force is refused;
#  4. starts the application on the restored data and checks the API shows exactly the same;
#  5. backs up the restored data with the application stopped, restores the first backup into an
#     external database (the machine's PostgreSQL, when it runs), backs that up again, and checks all
#     three dumps hold the same rows.
# Needs: a compiled project (target/classes), curl, jq, psql/pg_dump/pg_restore. Ports 18701, 18702.
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$project"
work="$(mktemp -d)"
port=${SUDI_BACKUP_TEST_PORT:-18701}
app_pid=""
external_db="sudi_backup_test_$$"

cleanup() {
  [[ -z "$app_pid" ]] || { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; }
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $external_db" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cp_file="$project/target/backup-test.classpath"
if [[ ! -f "$cp_file" || "$project/pom.xml" -nt "$cp_file" ]]; then
  # Offline first (quiet: where the dependency plugin's own artifacts are not cached yet it fails and
  # the online try below fetches them).
  ./mvnw -q -o -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null 2>&1 \
    || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2
fi
[[ -d target/classes/org/sudi ]] || ./mvnw -q -o -B compile >&2

start_app() { # data dir, log
  SUDI_DATA_DIR="$1" PORT=$port SUDI_DB_URL= java -Xshare:auto -XX:TieredStopAtLevel=1 \
    -cp "$project/target/classes:$(cat "$cp_file")" org.sudi.SudiApplication >"$2" 2>&1 &
  app_pid=$!; app_log=$2
  for _ in $(seq 1 180); do
    if curl -fs "http://localhost:$port/actuator/health" | grep -q UP; then return; fi
    kill -0 "$app_pid" 2>/dev/null || { tail -n 40 "$2"; fail "the application did not start"; }
    sleep 1
  done
  fail "the application did not answer within 180 s"
}
# Stops it as an operator would (SIGTERM); the embedded PostgreSQL must outlive what still uses it while
# the application closes (no bean's closing fails for want of the database).
stop_app() {
  kill "$app_pid"; wait "$app_pid" || true; app_pid=""
  if grep -q "destroy method failed" "$app_log"; then
    grep "destroy method failed" "$app_log" | cut -c1-300 >&2; fail "the application did not stop cleanly"
  fi
}

base="http://localhost:$port"
token() {
  curl -fs -XPOST "$base/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"sudi-demo\"}" | jq -r .access_token
}
api() { # token method path [json]
  curl -fsS -X "$2" "$base$3" -H "Authorization: Bearer $1" -H 'content-type: application/json' ${4:+-d "$4"}
}
upload() { # token file
  curl -fsS -XPOST "$base/api/v1/attachments" -H "Authorization: Bearer $1" -F "file=@$2" | jq -r .id
}
# A small PNG whose pixels follow from the text: a case's photos must be images (ADR 0029).
png() { # text file
  python3 - "$1" "$2" <<'PY'
import random, struct, sys, zlib
random.seed(sys.argv[1])
w = h = 16
raw = b''.join(b'\x00' + bytes(random.randrange(256) for _ in range(w * 3)) for _ in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[2], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PY
}

# What a user sees of the cases: each case, its timeline, and the bytes of its attachments.
snapshot() { # file
  local t; t="$(token dispatcher)"
  : > "$1"
  while read -r id; do
    api "$t" GET "/api/v1/cases/$id" | jq -S 'del(.. | .remaining? , .overdue?, .elapsed?)' >> "$1"
    api "$t" GET "/api/v1/cases/$id/timeline" | jq -S . >> "$1"
    for a in $(api "$t" GET "/api/v1/cases/$id" | jq -r '.attachmentIds[]?, (.tasks[]?.attachmentIds[]?)'); do
      echo "attachment $a $(curl -fsS "$base/api/v1/attachments/$a" -H "Authorization: Bearer $t" | sha256sum)" >> "$1"
    done
  done < "$work/cases"
}

step() { echo "== $* (at ${SECONDS}s)"; }
step "1. the application with cases and attachments"
start_app "$work/data" "$work/app1.log"
citizen="$(token citizen)"; town="$(token town-tanshan)"
tanshan="$(api "$(token dispatcher)" GET /api/v1/orgs | jq '.[] | select(.code == "tanshan") | .id')"
: > "$work/cases"
for i in 1 2 3 4 5; do
  png "case $i $RANDOM$RANDOM" "$work/a$i.png"; png "case $i second $RANDOM" "$work/b$i.png"
  a="$(upload "$citizen" "$work/a$i.png")"; b="$(upload "$citizen" "$work/b$i.png")"
  id="$(api "$citizen" POST /api/v1/cases "{\"type\":\"LIVELIHOOD\",\"title\":\"备份测试 $i\",\"description\":\"路灯不亮，第 $i 处\",\"townId\":$tanshan,\"attachmentIds\":[\"$a\",\"$b\"]}" | jq -r .id)"
  [[ "$id" != null && -n "$id" ]] || fail "case $i was not created"
  echo "$id" >> "$work/cases"
  if (( i % 2 == 1 )); then api "$town" POST "/api/v1/cases/$id/accept" '{"note":"镇街受理"}' >/dev/null; fi
done
snapshot "$work/before"
grep -c '^attachment' "$work/before" | grep -qx 10 || fail "expected 10 attachments in the snapshot: $(grep -c '^attachment' "$work/before")"

step "2. backup while the application runs"
big="$work/big.pdf"; { printf '%%PDF-1.4\n'; head -c 4000000 /dev/urandom | base64; printf '\n%%%%EOF\n'; } > "$big"
upload "$citizen" "$big" > "$work/during" &
uploader=$!
SUDI_DATA_DIR="$work/data" bin/backup "$work/backup"
wait "$uploader"
[[ -s "$work/backup/MANIFEST.sha256" ]] || fail "no manifest"
(cd "$work/backup" && sha256sum --quiet -c MANIFEST.sha256) || fail "manifest does not match"
if SUDI_DATA_DIR="$work/data" bin/backup "$work/backup" 2>/dev/null; then fail "backup into a non-empty directory was not refused"; fi
stop_app

step "3. wipe and restore"
rm -rf "$work/data"
SUDI_DATA_DIR="$work/data" bin/restore "$work/backup"
if SUDI_DATA_DIR="$work/data" bin/restore "$work/backup" 2> "$work/refused"; then fail "restore over a non-empty database was not refused"; fi
grep -q "not empty" "$work/refused" || fail "unexpected refusal: $(cat "$work/refused")"
echo "x" >> "$work/data/attachments/$(ls "$work/data/attachments" | head -n 1)/junk" # --force replaces the store
SUDI_DATA_DIR="$work/data" bin/restore --force "$work/backup"
[[ ! -e "$work/data/attachments/$(ls "$work/data/attachments" | head -n 1)/junk" ]] || fail "--force kept a stray file"
cp -r "$work/backup" "$work/damaged"; echo tampered >> "$(find "$work/damaged/attachments" -type f | head -n 1)"
if SUDI_DATA_DIR="$work/other" bin/restore "$work/damaged" 2>/dev/null; then fail "a damaged backup was restored"; fi

step "4. the application on the restored data"
start_app "$work/data" "$work/app2.log"
snapshot "$work/after"
diff -u "$work/before" "$work/after" || fail "the restored cases differ"
stop_app
# A backup with the application stopped (the scripts start the embedded server themselves) holds the
# same cases, timelines and attachments (the scheduler's own rows moved on while the application ran).
SUDI_DATA_DIR="$work/data" bin/backup "$work/offline"
for b in backup offline; do
  pg_restore -a -t cases -t case_timeline -t attachment -f - "$work/$b/db.dump" | grep -v '^--\|^SET\|^SELECT pg_catalog\|^\\restrict\|^\\unrestrict\|^$' | sort > "$work/$b.cases"
done
[[ $(wc -l < "$work/backup.cases") -gt 20 ]] || fail "no case rows in the dump"
diff -q "$work/backup.cases" "$work/offline.cases" || fail "the backup of the stopped embedded database differs"
echo "   $(wc -l < "$work/cases") cases, their timelines and $(grep -c '^attachment' "$work/after") attachments identical after restore"

step "5. external database (SUDI_DB_URL)"
if pg_isready -q -h 127.0.0.1 -p 5432; then
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "create database $external_db"
  ext=(env SUDI_DB_URL="jdbc:postgresql://127.0.0.1:5432/$external_db" SUDI_DB_USER=postgres SUDI_DATA_DIR="$work/ext")
  "${ext[@]}" bin/restore "$work/backup"
  "${ext[@]}" bin/backup "$work/backup2"
  for b in backup backup2; do
    pg_restore -a -f - "$work/$b/db.dump" | grep -v '^--\|^SET\|^SELECT pg_catalog\|^\\restrict\|^\\unrestrict\|^$' | sort > "$work/$b.rows"
  done
  diff "$work/backup.rows" "$work/backup2.rows" | head -20 >&2; diff -q "$work/backup.rows" "$work/backup2.rows" || fail "the external round trip changed rows"
  diff -r -q "$work/backup/attachments" "$work/backup2/attachments" || fail "the external round trip changed attachments"
  echo "   external restore and backup hold the same $(wc -l < "$work/backup.rows") rows"
else
  echo "   skipped: no PostgreSQL on 127.0.0.1:5432"
fi
echo "backup/restore: OK in ${SECONDS}s"
