#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests and prints the URLs to use.
#
#   eval "$(scripts/start-postgres.sh)"     # exports SPHERY_TEST_POSTGRES_URL and
#                                           # SPHERY_TEST_POSTGRES_READONLY_URL
#   swift test
#
# Debian/Ubuntu only, run as root (as CI does). It
#   - installs PostgreSQL from Debian's packages when it is missing;
#   - creates (once) and starts a cluster of its own, "sphery", listening on 127.0.0.1 only
#     (port $SPHERY_PG_PORT, default 55432), tuned for tests (no fsync: the data is disposable);
#     no systemd needed: pg_ctlcluster starts the server directly;
#   - creates the database sphery_test, the owner role (creates the tables, writes demo data,
#     and may create the per-test databases that Tests/PlayerStoreTests/TestDatabases.swift
#     makes) and the read-only role (CONNECT, USAGE on schema public and SELECT on the tables,
#     also on tables the owner creates later, through default privileges);
#   - drops per-test databases (sphery_t_*) that a crashed test run left behind;
#   - prints two `export` lines on stdout (everything else goes to stderr).
# Running it again is harmless: it reuses the cluster, resets the passwords and grants.
#
# Settings (environment): SPHERY_PG_PORT (55432), SPHERY_PG_CLUSTER (sphery),
# SPHERY_PG_DATABASE (sphery_test), SPHERY_PG_OWNER / SPHERY_PG_OWNER_PASSWORD
# (sphery_owner / sphery_owner_pw), SPHERY_PG_READER / SPHERY_PG_READER_PASSWORD
# (sphery_reader / sphery_reader_pw). The passwords only guard a loopback test server.
set -euo pipefail

port="${SPHERY_PG_PORT:-55432}"
cluster="${SPHERY_PG_CLUSTER:-sphery}"
database="${SPHERY_PG_DATABASE:-sphery_test}"
owner="${SPHERY_PG_OWNER:-sphery_owner}"
owner_password="${SPHERY_PG_OWNER_PASSWORD:-sphery_owner_pw}"
reader="${SPHERY_PG_READER:-sphery_reader}"
reader_password="${SPHERY_PG_READER_PASSWORD:-sphery_reader_pw}"

log() { echo "start-postgres: $*" >&2; }
fail() { log "error: $*"; exit 1; }

for name in "$database" "$owner" "$reader" "$cluster"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "'$name' is not a plain lower-case SQL name"
done
for secret in "$owner_password" "$reader_password"; do
    [[ "$secret" =~ ^[A-Za-z0-9_.~-]+$ ]] || fail "passwords may hold only letters, digits and _ . ~ - (they go into a URL)"
done
[[ "$port" =~ ^[0-9]+$ ]] || fail "SPHERY_PG_PORT must be a number"
[[ $(id -u) -eq 0 ]] || fail "run me as root (I install packages and start the server as the postgres user)"

# 1. The packages.
installed_version() { ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -1; }
version="$(installed_version || true)"
if [[ -z "$version" || ! -x "/usr/lib/postgresql/$version/bin/postgres" ]] || ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    version="$(installed_version)"
fi
[[ -n "$version" ]] || fail "no PostgreSQL server found under /usr/lib/postgresql after installing"
log "PostgreSQL $version"

# 2. The cluster (our own, so the distribution's 'main' cluster and its port are left alone).
mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql && chmod 2775 /var/run/postgresql
if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "creating cluster $version/$cluster on 127.0.0.1:$port"
    pg_createcluster "$version" "$cluster" --port "$port" --start-conf manual >&2
fi
conf_dir="/etc/postgresql/$version/$cluster"
# Our settings go in conf.d, rewritten each time, so a changed port or setting takes effect.
mkdir -p "$conf_dir/conf.d"
cat >"$conf_dir/conf.d/sphery-test.conf" <<EOF
# Written by scripts/start-postgres.sh: a disposable server for tests.
listen_addresses = '127.0.0.1'
port = $port
ssl = off
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
grep -q "^include_dir = 'conf.d'" "$conf_dir/postgresql.conf" \
    || echo "include_dir = 'conf.d'" >>"$conf_dir/postgresql.conf"
chown -R postgres:postgres "$conf_dir"

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')"
running_port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')"
if [[ "$status" == online* && "$running_port" != "$port" ]]; then
    log "restarting cluster $version/$cluster on the new port $port"
    pg_ctlcluster "$version" "$cluster" restart >&2
elif [[ "$status" != online* ]]; then
    log "starting cluster $version/$cluster"
    # A server killed without a clean shutdown (a stopped container) leaves its pid file behind.
    pid_file="/var/lib/postgresql/$version/$cluster/postmaster.pid"
    if [[ -f "$pid_file" ]] && ! kill -0 "$(head -1 "$pid_file")" 2>/dev/null; then
        rm -f "$pid_file"
    fi
    if ! pg_ctlcluster "$version" "$cluster" start >&2; then
        tail -n 30 "/var/log/postgresql/postgresql-$version-$cluster.log" >&2 || true
        fail "the server did not start"
    fi
fi

for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || fail "the server does not answer on 127.0.0.1:$port"

# 3. Roles, database and privileges.
psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@" >&2; }

psql_admin -d postgres <<EOF
SELECT format('CREATE ROLE %I', '$owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner') \gexec
SELECT format('CREATE ROLE %I', '$reader') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$reader') \gexec
ALTER ROLE $owner WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD '$owner_password';
ALTER ROLE $reader WITH LOGIN NOCREATEDB NOSUPERUSER NOCREATEROLE PASSWORD '$reader_password';
SELECT format('CREATE DATABASE %I OWNER %I', '$database', '$owner')
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database') \gexec
-- Per-test databases left behind by an interrupted run.
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname LIKE 'sphery\_t\_%' \gexec
REVOKE ALL ON DATABASE $database FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $database TO $owner;
GRANT CONNECT ON DATABASE $database TO $reader;
EOF

psql_admin -d "$database" <<EOF
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO $owner;
GRANT USAGE ON SCHEMA public TO $reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO $reader;
ALTER DEFAULT PRIVILEGES FOR ROLE $owner IN SCHEMA public GRANT SELECT ON TABLES TO $reader;
EOF

log "ready: database $database on 127.0.0.1:$port (owner $owner, read-only $reader)"
echo "export SPHERY_TEST_POSTGRES_URL='postgres://$owner:$owner_password@127.0.0.1:$port/$database?sslmode=disable'"
echo "export SPHERY_TEST_POSTGRES_READONLY_URL='postgres://$reader:$reader_password@127.0.0.1:$port/$database?sslmode=disable'"
