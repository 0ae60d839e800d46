#!/usr/bin/env bash
# Loads `sphery-engine serve` with wrk on loopback (2 threads, 64 keep-alive connections) and
# prints requests/s and p99 latency per route, GET /health measured in the same rounds beside
# the others. Memory (RSS) is sampled through a 60 s run of POST /v1/analyze.
#
# Usage, from the repository root:
#   Benchmarks/http_load.sh [rounds] [seconds]
# Environment: ENGINE (a release sphery-engine binary; default: build .build/release),
#   SPHERY_BENCH_SQLITE (also load the player route on this Sphery SQLite file, e.g. one made
#   with `demo-data --users 200000`), SPHERY_BENCH_POSTGRES_URL (also on this PostgreSQL
#   database: demo data is written into it when it is empty). The models are the demo's.
# Needs wrk, python3, and psql for PostgreSQL.
set -euo pipefail
rounds=${1:-5}
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=${PORT:-18080}
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [[ -z "${ENGINE:-}" ]]; then
    swift build -c release --product sphery-engine > /dev/null
    ENGINE=.build/release/sphery-engine
fi

# The demo database and models (serve --demo makes them), and the inputs.
start_server() {  # $@: serve options
    "$ENGINE" serve --port "$port" --log-level "${LOG_LEVEL:-info}" "$@" > "$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 600); do
        curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1
}
stop_server() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""; }

start_server --demo --demo-dir "$work/demo"
# The users with DualFlow/-1/10 workouts, one a line: $1 the output file, $2 sqlite|postgres, $3 the database.
player_ids() {
    local query='SELECT DISTINCT w."userId" FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
        WHERE w."completedWorkout" AND rc."gameMode" = '"'DualFlow'"' AND rc.difficulty = -1 AND rc.duration = 600'
    if [[ "$2" == postgres ]]; then
        psql "$3" -Atc "$query" > "$1"
    else
        python3 -c 'import sqlite3, sys; print("\n".join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' "$3" "$query" > "$1"
    fi
}
player_ids "$work/ids.txt" sqlite "$work/demo/players.sqlite"
python3 - "$work" <<'PY'
import json, random, sys
rng = random.Random(1)
players = [{"game_mode": "DualFlow", "difficulty": -1, "duration_minutes": 10,
            "score": round(rng.gauss(150000, 40000)), "age": round(rng.uniform(15, 60), 1),
            "startSpeed": round(rng.uniform(3, 7), 1), "user_id": str(i)} for i in range(1000)]
json.dump(players, open(f"{sys.argv[1]}/batch.json", "w"))
PY
echo "players with DualFlow/-1/10 workouts: $(wc -l < "$work/ids.txt")"

measure() {  # $1: label, $2: url path, $3: lua script or ""; IDS_FILE: the player route's ids
    local out
    if [[ -n "$3" ]]; then
        out=$(IDS_FILE="${IDS_FILE:-$work/ids.txt}" BATCH_FILE="$work/batch.json" wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/wrk/$3" "http://127.0.0.1:$port$2")
    else
        out=$(wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$port$2")
    fi
    local rps p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    errors=$(awk '/Non-2xx/ {print $NF}' <<< "$out")
    printf '%-28s %10.0f req/s  p99 %8s  non-2xx %s\n' "$1" "$rps" "$p99" "${errors:-0}"
    echo "$1 $rps $p99" >> "$work/results.txt"
}

median() {  # $1: label → the median req/s of its rounds
    awk -v label="$1" '$1 == label {print $2}' "$work/results.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "== SQLite (demo database), $rounds rounds of ${seconds}s each"
for round in $(seq "$rounds"); do
    echo "-- round $round"
    measure health /health ""
    measure analyze /v1/analyze analyze.lua
    measure batch-1000 /v1/analyze/batch batch.lua
    measure motivation-sqlite /v1/players/1/motivation motivation.lua
done
stop_server

# The player route on another database: $1 label, $2 sqlite|postgres, $3 the database.
other_database() {
    player_ids "$work/ids-$1.txt" "$2" "$3"
    echo "== the player route on $1 ($(wc -l < "$work/ids-$1.txt") players with DualFlow/-1/10 workouts)"
    start_server --db "$3" --models "$work/demo/models"
    for round in $(seq "$rounds"); do
        echo "-- round $round"
        measure "health-$1" /health ""
        IDS_FILE="$work/ids-$1.txt" measure "motivation-$1" /v1/players/1/motivation motivation.lua
    done
    stop_server
}
if [[ -n "${SPHERY_BENCH_SQLITE:-}" ]]; then
    other_database sqlite-large sqlite "$SPHERY_BENCH_SQLITE"
fi
if [[ -n "${SPHERY_BENCH_POSTGRES_URL:-}" ]]; then
    "$ENGINE" demo-data --db "$SPHERY_BENCH_POSTGRES_URL" > /dev/null 2>&1 || echo "(the PostgreSQL database already holds data: using it)"
    other_database postgres postgres "$SPHERY_BENCH_POSTGRES_URL"
fi

echo "== medians (req/s)"
for label in health analyze batch-1000 motivation-sqlite health-sqlite-large motivation-sqlite-large health-postgres motivation-postgres; do
    value=$(median "$label")
    [[ -n "$value" ]] && printf '%-22s %10.0f\n' "$label" "$value"
done
health=$(median health); analyze=$(median analyze); batch=$(median batch-1000)
python3 -c "print(f'analyze / health: {$analyze / $health:.1%};  batch analyses/s: {$batch * 1000:,.0f}')"

echo "== memory: RSS during 60 s of POST /v1/analyze"
start_server --db "$work/demo/players.sqlite" --models "$work/demo/models"
( for t in $(seq 0 10 60); do echo "t=${t}s rss=$(ps -o rss= -p "$server_pid") KiB"; sleep 10; done ) &
sampler=$!
wrk -t2 -c64 -d60s -s "$here/wrk/analyze.lua" "http://127.0.0.1:$port/v1/analyze" | awk '/Requests\/sec/ {print "analyze over 60 s: " $2 " req/s"}'
wait "$sampler"
stop_server
