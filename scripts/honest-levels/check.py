#!/usr/bin/env python3
"""Honest-levels acceptance check (issue 18) through the command line.

Generates players whose latent skill is known and independent of age (the generator of
Tests/MotivationEngineTests/Support/TruthGenerator.swift, mirrored draw for draw: the same seed
gives the same players), trains a model with `<binary> train --csv` (default options unless
--train-arg says otherwise) on the training players, scores the held-back players at their
median game with `<binary> batch`, and prints:

  - Spearman(level, latent skill)               acceptance: >= 0.85
  - Spearman(level, age)                        acceptance: |.| <= 0.10
  - share of next targets <= the player's own
    90th-percentile game (numpy linear)         acceptance: >= 70 %
  - next targets below the score analysed       acceptance: 0

Exits 1 when a threshold is missed (unless --no-assert), 2 when a command fails.
Python 3 standard library only.
"""

import argparse
import csv
import datetime
import math
import os
import shutil
import subprocess
import sys
import tempfile

# --- The generator (keep in step with TruthGenerator.swift) -------------------------------

MASK = (1 << 64) - 1
HELD_BACK_SALT = 0xD1B54A32D192ED03
GAME_MODE, DIFFICULTY, DURATION = "DualFlow", -1, 10
BASE_SCORE = 100_000.0
SKILL_EFFECT = 0.25
GAME_NOISE = 0.12
FIRST_DAY = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
PEAK_AGE = 28.5
YOUNG_CURVATURE = -math.log(0.60) / math.pow(math.log(8 / PEAK_AGE), 2)
OLD_CURVATURE = -math.log(0.55) / math.pow(math.log(85 / PEAK_AGE), 2)

MIN_LEVEL_VS_SKILL = 0.85
MAX_ABS_LEVEL_VS_AGE = 0.10
MIN_TARGETS_WITHIN_OWN_P90 = 0.70


class TruthRandom:
    """SplitMix64 with a Box-Muller normal (one of the pair, two uniforms per call)."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0**-53

    def normal(self):
        u1 = 1 - self.unit()
        u2 = self.unit()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def age_factor(age):
    l = math.log(age / PEAK_AGE)
    return math.exp(-(YOUNG_CURVATURE if l < 0 else OLD_CURVATURE) * l * l)


def half_steps(x):
    return math.floor(2 * x + 0.5) / 2


def clamp_speed(x):
    return min(10.0, max(1.0, x))


def hundredths(x):
    return math.floor(100 * x + 0.5) / 100


def player(pid, rnd):
    """One player; the order of the draws is the contract with TruthGenerator.swift."""
    skill = rnd.normal()
    group = rnd.unit()
    if group < 0.10:
        age = 8 + 10 * rnd.unit()
    elif group < 0.80:
        age = 18 + 32 * rnd.unit()
    else:
        age = 50 + 35 * rnd.unit()
    speed = clamp_speed(half_steps(4.5 + 0.8 * skill + 0.5 * rnd.normal()))
    count = 6 + int(rnd.unit() * 15)
    day = 0
    games = []
    for _ in range(count):
        day += 1 + int(rnd.unit() * 6)
        change = rnd.unit()
        game_speed = clamp_speed(speed - 0.5 if change < 0.1 else speed + 0.5 if change < 0.2 else speed)
        noise = rnd.normal()
        game_age = hundredths(age + day / 365.25)
        score = float(math.floor(
            BASE_SCORE * age_factor(game_age) * math.exp(SKILL_EFFECT * skill) * math.sqrt(game_speed / 5)
            * math.exp(GAME_NOISE * noise) + 0.5))
        games.append({"score": score, "age": game_age, "startSpeed": game_speed, "day": day})
    return {"id": pid, "skill": skill, "age": hundredths(age), "speed": speed, "games": games}


def players(count, seed, prefix):
    rnd = TruthRandom(seed)
    return [player(f"{prefix}{i}", rnd) for i in range(count)]


# --- Statistics (numpy's percentile and median, scipy's spearmanr) -------------------------

def median(values):
    s = sorted(values)
    m = len(s) // 2
    return s[m] if len(s) % 2 == 1 else (s[m - 1] + s[m]) / 2


def percentile(q, values):
    s = sorted(values)
    position = q / 100 * (len(s) - 1)
    lower = int(math.floor(position))
    upper = min(lower + 1, len(s) - 1)
    return s[lower] + (s[upper] - s[lower]) * (position - lower)


def average_ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def pearson(x, y):
    if len(x) != len(y) or len(x) < 2:
        return float("nan")
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sxx = syy = 0.0
    for a, b in zip(x, y):
        dx, dy = a - mx, b - my
        sxy += dx * dy
        sxx += dx * dx
        syy += dy * dy
    if sxx <= 0 or syy <= 0:
        return float("nan")
    return sxy / math.sqrt(sxx * syy)


def spearman(x, y):
    return pearson(average_ranks(x), average_ranks(y))


# --- Files ----------------------------------------------------------------------------------

def number(x):
    """Whole numbers without a decimal point; others in Python's shortest round-trip form."""
    return str(int(x)) if x == int(x) else repr(x)


def write_games(path, group):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["userId", "score", "age", "startSpeed", "duration_minutes", "game_mode", "difficulty", "played_at"])
        for p in group:
            for g in p["games"]:
                played = (FIRST_DAY + datetime.timedelta(days=g["day"])).strftime("%Y-%m-%dT%H:%M:%SZ")
                w.writerow([p["id"], number(g["score"]), number(g["age"]), number(g["startSpeed"]), DURATION,
                            GAME_MODE, DIFFICULTY, played])


def median_game(p):
    games = p["games"]
    return (median([g["score"] for g in games]), median([g["age"] for g in games]),
            median([g["startSpeed"] for g in games]))


def write_held_back(path, group):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["userId", "score", "age", "startSpeed", "duration_minutes", "game_mode", "difficulty"])
        for p in group:
            score, age, speed = median_game(p)
            w.writerow([p["id"], number(score), number(age), number(speed), DURATION, GAME_MODE, DIFFICULTY])


def write_truth(path, group):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["userId", "skill", "age", "preferred_start_speed", "games", "median_score", "own_p90"])
        for p in group:
            scores = [g["score"] for g in p["games"]]
            w.writerow([p["id"], repr(p["skill"]), number(p["age"]), number(p["speed"]), len(scores),
                        number(median(scores)), repr(percentile(90, scores))])


def run(command):
    sys.stdout.flush()
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        print(f"check.py: the command failed with exit status {done.returncode}", file=sys.stderr)
        sys.exit(2)
    return done


# --- Main -------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(
        description="Honest-levels acceptance check (issue 18) through train --csv and batch.")
    parser.add_argument("--binary", required=True, help="the sphery-engine executable")
    parser.add_argument("--seed", type=int, default=18, help="generator seed (default 18, as HonestLevelsTests)")
    parser.add_argument("--players", type=int, default=2000, help="training players (default 2000)")
    parser.add_argument("--held-back", type=int, default=1000, help="held-back players (default 1000)")
    parser.add_argument("--train-arg", action="append", default=[],
                        help="extra argument for train, e.g. --train-arg=--levels --train-arg=seed (repeatable)")
    parser.add_argument("--batch-arg", action="append", default=[], help="extra argument for batch (repeatable)")
    parser.add_argument("--workdir", help="keep the files here (default: a temporary folder, removed)")
    parser.add_argument("--no-assert", action="store_true", help="only print the numbers; exit 0 whatever they are")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        parser.error(f"{args.binary} is not an executable")
    work = args.workdir or tempfile.mkdtemp(prefix="honest-levels-")
    os.makedirs(work, exist_ok=True)
    try:
        training = players(args.players, args.seed, "t")
        held_back = players(args.held_back, args.seed ^ HELD_BACK_SALT, "h")
        paths = {name: os.path.join(work, name) for name in
                 ("train.csv", "held-back-games.csv", "held-back.csv", "truth.csv", "scored.csv", "models")}
        write_games(paths["train.csv"], training)
        write_games(paths["held-back-games.csv"], held_back)
        write_held_back(paths["held-back.csv"], held_back)
        write_truth(paths["truth.csv"], held_back)
        os.makedirs(paths["models"], exist_ok=True)

        run([binary, "train", "--csv", paths["train.csv"], "--models", paths["models"]] + args.train_arg)
        run([binary, "batch", "--models", paths["models"], "--csv", paths["held-back.csv"], "--out", paths["scored.csv"]]
            + args.batch_arg)

        by_id = {p["id"]: p for p in held_back}
        levels, skills, ages, within, below, refused = [], [], [], 0, 0, []
        counts = {}
        steps = []
        with open(paths["scored.csv"], newline="") as f:
            for row in csv.DictReader(f):
                if row["error"]:
                    refused.append(f"{row['userId']}: {row['error']}")
                    continue
                p = by_id[row["userId"]]
                level = int(row["cluster"])
                target, score = float(row["next_target"]), float(row["score"])
                own_p90 = percentile(90, [g["score"] for g in p["games"]])
                levels.append(level)
                skills.append(p["skill"])
                ages.append(float(row["age"]))
                within += target <= own_p90
                below += target < score
                steps.append((target - score) / score)
                counts[level] = counts.get(level, 0) + 1

        n = len(levels)
        level_vs_skill = spearman(levels, skills)
        level_vs_age = spearman(levels, ages)
        share = within / n if n else float("nan")
        print(f"seed {args.seed}: {args.players} training players, {n} held-back players scored"
              + (f", {len(refused)} refused (first: {refused[0]})" if refused else ""))
        print(f"  Spearman(level, latent skill)       {level_vs_skill:6.3f}   (>= {MIN_LEVEL_VS_SKILL})")
        print(f"  Spearman(level, age)                {level_vs_age:+6.3f}   (|.| <= {MAX_ABS_LEVEL_VS_AGE})")
        print(f"  next targets <= own p90 game        {100 * share:5.1f} %  (>= {100 * MIN_TARGETS_WITHIN_OWN_P90:.0f} %)")
        print(f"  next targets below the score        {below:6d}   (0)")
        print(f"  players per level                   {'/'.join(str(counts.get(k, 0)) for k in range(max(counts, default=-1) + 1))}")
        print(f"  median step (target - score)/score  {100 * median(steps) if steps else float('nan'):5.1f} %")
        if args.workdir:
            print(f"  files in {work}")

        missed = []
        if not level_vs_skill >= MIN_LEVEL_VS_SKILL:
            missed.append("Spearman(level, skill)")
        if not abs(level_vs_age) <= MAX_ABS_LEVEL_VS_AGE:
            missed.append("Spearman(level, age)")
        if not share >= MIN_TARGETS_WITHIN_OWN_P90:
            missed.append("targets <= own p90")
        if below > 0:
            missed.append("targets below the score")
        if refused:
            missed.append("refused players")
        if missed:
            print("FAIL: " + ", ".join(missed))
            return 0 if args.no_assert else 1
        print("PASS")
        return 0
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
