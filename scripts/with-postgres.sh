#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster on a free loopback port.
# Usage: scripts/with-postgres.sh npm run test:e2e
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "with-postgres: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/r2c-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
cleanup() { as_pg "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_pg "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 >/dev/null"
# A free port may be taken before PostgreSQL binds it: then try another.
for attempt in 1 2 3 4 5; do
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  as_pg "$bin/pg_ctl -D $dir/data -l $dir/log -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300' -w start >/dev/null" && break
  tail -n 3 "$dir/log" | grep -q 'Address already in use' && [ "$attempt" -lt 5 ] || { echo "with-postgres: PostgreSQL did not start; see its log:" >&2; tail -n 5 "$dir/log" >&2; exit 1; }
done
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port"
"$@"
