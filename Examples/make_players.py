"""Writes Examples/players.csv: workouts of 945 synthetic players (the original data's size).

Columns follow DESIGN.md's player CSV: userId,score,age,startSpeed,duration_minutes. Players
come from four performance levels, play 1 to 8 workouts each (score and start speed vary from
workout to workout), and a few rows are dirty on purpose (a missing age, a negative score, an
impossible age, a zero start speed, a repeated row) so that training shows its cleaning report.
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
players = 945
rows = []
user = 1
for share, score_mean, score_std, age_mean, speed_mean in levels:
    for _ in range(round(players * share)):
        skill = rng.normal(score_mean, score_std)
        age = float(np.clip(rng.normal(age_mean, 7), 12, 75))
        speed = rng.normal(speed_mean, 0.4)
        for workout in range(int(rng.integers(1, 9))):
            score = max(0.0, rng.normal(skill, 0.06 * skill))
            rows.append([str(user), f"{score:.0f}", f"{age + workout * 0.05:.2f}",
                         f"{max(0.5, rng.normal(speed, 0.15)):.2f}", "10"])
        user += 1
order = rng.permutation(len(rows))
rows = [rows[i] for i in order]
rows[3][2] = ""          # a missing age
rows[10][1] = "-500"     # a negative score
rows[17][2] = "3.0"      # an impossible age
rows[24][3] = "0"        # a zero start speed
rows.insert(30, list(rows[29]))  # a repeated row
with open("Examples/players.csv", "w") as out:
    out.write("userId,score,age,startSpeed,duration_minutes\n")
    for row in rows:
        out.write(",".join(row) + "\n")
