#!/usr/bin/env bash
# The database outage drill: `serve` on PostgreSQL under load while PostgreSQL is stopped and
# started again (one long outage, then repeated short ones), then SIGTERM under load. Checks
# that /v1/analyze stays 200, the player route answers only 200 or 503 and recovers within
# 5 s, no connection stays in use, the exposure log's writer never freezes, no exposure is lost
# or stored twice, and the server exits within its grace period. Prints the measured figures;
# exits non-zero on any failure. The checks are in database_outage.py.
#
#   scripts/drills/database-outage.sh [--short] [BINARY]
#
# BINARY (or SPHERY_BIN): the sphery-engine to drill; default: a debug build made here.
# --short: a 4 s outage and two short ones (what .ci/run runs, about a minute).
# Needs root: it uses scripts/start-postgres.sh's cluster (installed and started if missing),
# stops and starts it with pg_ctlcluster, and makes a database of its own, sphery_drill.
set -euo pipefail
cd "$(dirname "$0")/../.."

source scripts/drills/arguments.sh

eval "$(bash scripts/start-postgres.sh)"
cluster="$(ls /usr/lib/postgresql | sort -n | tail -1) ${SPHERY_PG_CLUSTER:-sphery}"
base="${SPHERY_TEST_POSTGRES_URL%%\?*}"
server="${base%/*}"
url="$server/sphery_drill?sslmode=disable"
work="$(mktemp -d -t database-outage.XXXXXX)"
trap 'status=$?; pg_ctlcluster $cluster start 2> /dev/null || true; if (( status == 0 )); then rm -rf "$work"; else echo "the server log is kept in $work" >&2; fi' EXIT

psql "$base" -qc "DROP DATABASE IF EXISTS sphery_drill" -c "CREATE DATABASE sphery_drill" > /dev/null
"$binary" demo-data --db "$url" --users 3000 --seed 11 > /dev/null 2>&1
"$binary" train --db "$url" --models "$work/models" --game-mode DualFlow --difficulty -1 --duration 10 > /dev/null 2>&1
"$binary" migrate --db "$url" > /dev/null
psql "${url%%\?*}" -Atc "SELECT DISTINCT w.\"userId\" FROM \"Workouts\" w JOIN \"RaceConfigs\" rc ON rc.\"workoutId\" = w.id
    WHERE rc.\"gameMode\" = 'DualFlow' AND rc.difficulty = -1 AND rc.duration BETWEEN 570 AND 630 AND w.\"completedWorkout\"" \
    > "$work/users.txt"

python3 scripts/drills/database_outage.py --bin "$binary" --db "$url" --models "$work/models" --users "$work/users.txt" \
    --cluster "$cluster" --logs "$work" "${short[@]}"
