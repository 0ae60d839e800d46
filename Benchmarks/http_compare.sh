#!/usr/bin/env bash
# Two builds of sphery-engine side by side on the same demo database, rounds alternating between
# them so that both see the same machine: GET /health, POST /v1/analyze and the player route
# (SQLite, and PostgreSQL when SPHERY_BENCH_POSTGRES_URL names a database with demo data), with
# wrk on loopback (2 threads, 64 connections). Prints each round and the medians.
#
#   Benchmarks/http_compare.sh BEFORE AFTER [rounds] [seconds]
#
# BEFORE and AFTER are release binaries; the demo database is made by AFTER, and each trains its
# own models on it (an older engine may not read a newer model file format). With
# AFTER_MODELS=registry, AFTER publishes its models into each database's model registry and
# serves them with --models registry (BEFORE and AFTER may then be the same binary: folder
# against registry).
set -euo pipefail
before=$1 after=$2 rounds=${3:-3} seconds=${4:-10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=${PORT:-18081}
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$after" demo-data --db "$work/players.sqlite" > /dev/null 2>&1
for binary in "$before" "$after"; do
    "$binary" train --db "$work/players.sqlite" --models "$work/models-$(echo "$binary" | md5sum | cut -c1-8)" \
        --game-mode DualFlow --difficulty -1 --duration 10 > /dev/null 2>&1
done
after_models=${AFTER_MODELS:-folder}
python3 -c 'import sqlite3, sys; print("\n".join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(
    """SELECT DISTINCT w."userId" FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
       WHERE w."completedWorkout" AND rc."gameMode" = '"'DualFlow'"' AND rc.difficulty = -1 AND rc.duration = 600""")))' \
    "$work/players.sqlite" > "$work/ids.txt"
databases=("sqlite=$work/players.sqlite")
if [[ -n "${SPHERY_BENCH_POSTGRES_URL:-}" ]]; then
    databases+=("postgres=$SPHERY_BENCH_POSTGRES_URL")
    psql "${SPHERY_BENCH_POSTGRES_URL%%\?*}" -Atc 'SELECT DISTINCT w."userId" FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
       WHERE w."completedWorkout" AND rc."gameMode" = '"'DualFlow'"' AND rc.difficulty = -1 AND rc.duration = 600' > "$work/ids-postgres.txt"
fi

if [[ "$after_models" == registry ]]; then
    for entry in "${databases[@]}"; do
        "$after" migrate --db "${entry#*=}" > /dev/null 2>&1
        "$after" train --db "${entry#*=}" --publish --models "$work/published" --game-mode DualFlow --difficulty -1 --duration 10 > /dev/null 2>&1
    done
fi

start_server() {  # $1: binary, $2: database; the AFTER side may serve the registry (AFTER_MODELS)
    local models="$work/models-$(echo "$1" | md5sum | cut -c1-8)"
    [[ "$side" == after && "$after_models" == registry ]] && models=registry
    "$1" serve --db "$2" --models "$models" --port "$port" --log-level error > "$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/ready" > /dev/null 2>&1 && return 0; sleep 0.1; done
    echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1
}
stop_server() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""; }
measure() {  # $1: label, $2: path, $3: lua script or ""
    local out
    if [[ -n "$3" ]]; then
        out=$(IDS_FILE="$ids" wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/wrk/$3" "http://127.0.0.1:$port$2")
    else
        out=$(wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$port$2")
    fi
    local rps p99
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    printf '%-34s %10.0f req/s  p99 %8s\n' "$1" "$rps" "$p99"
    echo "$1 $rps" >> "$work/results.txt"
}

for round in $(seq "$rounds"); do
    echo "-- round $round"
    for side in before after; do
        binary=${!side}
        for entry in "${databases[@]}"; do
            name=${entry%%=*} database=${entry#*=}
            ids="$work/ids.txt"; [[ "$name" == postgres ]] && ids="$work/ids-postgres.txt"
            start_server "$binary" "$database"
            if [[ "$name" == sqlite ]]; then
                measure "$side health" /health ""
                measure "$side analyze" /v1/analyze analyze.lua
            fi
            measure "$side motivation-$name" /v1/players/1/motivation motivation.lua
            stop_server
        done
    done
done

echo "== medians (req/s)"
for label in health analyze motivation-sqlite motivation-postgres; do
    for side in before after; do
        value=$(awk -v label="$side $label" '$1 " " $2 == label {print $3}' "$work/results.txt" | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}')
        [[ -n "$value" ]] && printf '%-8s %-20s %10.0f\n' "$side" "$label" "$value"
    done
done
for side in before after; do
    health=$(awk -v l="$side health" '$1 " " $2 == l {print $3}' "$work/results.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    analyze=$(awk -v l="$side analyze" '$1 " " $2 == l {print $3}' "$work/results.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    python3 -c "print(f'$side: analyze / health = {$analyze / $health:.1%}')"
done
