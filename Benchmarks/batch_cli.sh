#!/usr/bin/env bash
# Times `sphery-engine batch` end to end (read, analyse, write) on a 10^6-row player CSV.
# Usage, from the repository root: Benchmarks/batch_cli.sh [rows] [runs]   (needs python3 + numpy)
set -euo pipefail
rows=${1:-1000000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product sphery-engine > /dev/null
engine=.build/release/sphery-engine
"$engine" train --csv Examples/players.csv --game-mode DualFlow --difficulty -1 --models "$work/models" 2> /dev/null

python3 - "$rows" "$work/players.csv" <<'PY'
import sys, numpy as np
rows, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(0)
score = rng.normal(1e5, 3e4, rows); age = rng.normal(30, 8, rows); speed = rng.normal(5, 1, rows)
with open(path, "w") as out:
    out.write("userId,score,age,startSpeed,duration_minutes\n")
    out.write("".join(f"{i},{score[i]:.0f},{age[i]:.2f},{speed[i]:.2f},10\n" for i in range(rows)))
PY

times=()
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$engine" batch --models "$work/models" --csv "$work/players.csv" --out "$work/scored.csv" 2> "$work/stderr"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
done
tail -1 "$work/stderr"
printf '%s\n' "${times[@]}" | sort -n | awk -v rows="$rows" '{ t[NR] = $1 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "batch of %d rows: median %.2f s over %d runs (min %.2f, max %.2f), %.0f rows/s\n", rows, m, NR, t[1], t[NR], rows / m }'
