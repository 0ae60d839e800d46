#!/usr/bin/env bash
# The slow and idle client drill: trickling clients get 408 at the request timeout, idle
# connections beyond --max-connections wait and are served in turn, SIGTERM with a trickling
# client exits within the shutdown grace period, and an open-file limit below the connections
# opened neither makes the server spin nor keeps it from answering once they close. Prints the
# measured figures; exits non-zero on any failure. The checks are in slow_clients.py.
#
#   scripts/drills/slow-clients.sh [--short] [BINARY]
#
# BINARY (or SPHERY_BIN): the sphery-engine to drill; default: a debug build made here.
# --short: fewer clients and shorter timeouts, under a minute (what .ci/run runs).
# SPHERY_DRILL_DB and SPHERY_DRILL_MODELS: a database and models folder to serve; default: a
# small demo database and its models, made in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

source scripts/drills/arguments.sh

work="$(mktemp -d -t slow-clients.XXXXXX)"
trap 'if (( $? == 0 )); then rm -rf "$work"; else echo "the servers'"'"' logs are kept in $work" >&2; fi' EXIT
database="${SPHERY_DRILL_DB:-}"
models="${SPHERY_DRILL_MODELS:-}"
if [[ -z "$database" ]]; then
    database="$work/demo.sqlite"
    models="$work/models"
    "$binary" demo-data --db "$database" --users 400 --seed 7 > /dev/null 2>&1
    "$binary" train --db "$database" --models "$models" --min-players 20 > /dev/null 2>&1
fi

python3 scripts/drills/slow_clients.py --bin "$binary" --db "$database" --models "${models:?SPHERY_DRILL_MODELS is needed with SPHERY_DRILL_DB}" \
    --logs "$work" "${short[@]}"
