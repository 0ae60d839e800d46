"""Writes Examples/players.csv: 600 synthetic players in four performance levels.

Columns follow DESIGN.md's player CSV: userId,score,age,startSpeed,duration_minutes.
Run from the repository root: python3 Examples/make_players.py (needs numpy).
"""
import numpy as np

rng = np.random.default_rng(2026)
levels = [  # (share, score mean, score std, age mean, start speed mean)
    (0.35, 60_000, 12_000, 38, 3.8),
    (0.30, 100_000, 14_000, 32, 4.6),
    (0.22, 140_000, 15_000, 28, 5.4),
    (0.13, 185_000, 16_000, 25, 6.3),
]
rows = []
user = 1
for share, score_mean, score_std, age_mean, speed_mean in levels:
    for _ in range(int(600 * share)):
        rows.append((user, max(0.0, rng.normal(score_mean, score_std)), rng.normal(age_mean, 6),
                     rng.normal(speed_mean, 0.5), 10))
        user += 1
rng.shuffle(rows)
with open("Examples/players.csv", "w") as out:
    out.write("userId,score,age,startSpeed,duration_minutes\n")
    for user, score, age, speed, duration in rows:
        out.write(f"{user},{score:.0f},{age:.2f},{speed:.2f},{duration}\n")
