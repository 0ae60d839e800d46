#!/usr/bin/env python3
"""The database outage drill (see database-outage.sh): one `serve` on PostgreSQL under a steady
load of POST /v1/analyze and the player route, through three phases:

1. one outage: PostgreSQL stopped (fast shutdown: sessions cut off with 57P01) for --outage
   seconds, then started again;
2. repeated short outages: --cycles times down for --short-outage seconds, up for a few;
3. SIGTERM under load.

Checks, printed with the measured figures; exit 1 if any fails:
- /v1/analyze answers 200 throughout (it needs no database);
- the player route answers only 200 or 503 (never 5xx other than 503, never hangs or resets);
- recovery: the first 200 of the player route comes within 5 s of PostgreSQL accepting again;
- after each phase no database connection stays in use and the exposure log's writer is not
  frozen (everything queued is written);
- no exposure lost, none stored twice: every 200 (each is logged) is a row of
  engine_predictions, and no record id appears twice;
- the server exits within its shutdown grace period after SIGTERM.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load as load_module  # noqa: E402


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--db", required=True, help="postgres:// URL of the drill's database (demo data in it)")
    parser.add_argument("--models", required=True)
    parser.add_argument("--users", required=True, help="file of user ids with workouts in the segment")
    parser.add_argument("--cluster", required=True, help="'VERSION NAME' of the PostgreSQL cluster (pg_ctlcluster)")
    parser.add_argument("--port", type=int, default=18191)
    parser.add_argument("--logs", default=".")
    parser.add_argument("--short", action="store_true", help="shorter outages and fewer cycles (CI)")
    parser.add_argument("--grace", type=float, default=10, help="the server's shutdown grace period (s)")
    return parser.parse_args()


class Drill:
    def __init__(self, arguments):
        self.arguments = arguments
        self.url = f"http://127.0.0.1:{arguments.port}"
        self.failures = []
        self.figures = {}
        version, name = arguments.cluster.split()
        self.cluster = (version, name)

    # -- checks and figures

    def check(self, condition, what):
        print(("  ok    " if condition else "  FAIL  ") + what, flush=True)
        if not condition:
            self.failures.append(what)

    def figure(self, name, value):
        self.figures[name] = value
        print(f"  {name}: {value}", flush=True)

    # -- the parts

    def postgres(self, action):
        subprocess.run(["pg_ctlcluster", *self.cluster, action, *(["-m", "fast"] if action == "stop" else [])], check=True)
        return time.monotonic()

    def psql(self, sql):
        output = subprocess.run(
            ["psql", self.arguments.db.replace("?sslmode=disable", ""), "-Atc", sql], check=True, capture_output=True, text=True
        ).stdout
        return output.strip()

    def metrics(self):
        with urllib.request.urlopen(self.url + "/metrics", timeout=5) as response:
            text = response.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    def log_counts(self, metrics):
        entries = lambda outcome: metrics.get(f'sphery_prediction_log_entries_total{{outcome="{outcome}"}}', 0)
        return {name: int(entries(name)) for name in ("queued", "written", "failed", "dropped", "lost")}

    def start_server(self):
        log = open(os.path.join(self.arguments.logs, "outage-server.log"), "w")
        self.server = subprocess.Popen(
            [self.arguments.bin, "serve", "--db", self.arguments.db, "--models", self.arguments.models,
             "--port", str(self.arguments.port), "--shutdown-grace", str(self.arguments.grace)],
            stdout=log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                with urllib.request.urlopen(self.url + "/ready", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not become ready")

    def settled(self, phase):
        """After a phase's load: connections back, writer caught up, rows equal to the 200s."""
        deadline = time.monotonic() + 15
        while True:
            metrics = self.metrics()
            counts = self.log_counts(metrics)
            in_use = metrics.get("sphery_db_connections_in_use", -1)
            if (in_use == 0 and counts["written"] == counts["queued"]) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.check(in_use == 0, f"{phase}: no database connection left in use (in use: {in_use:.0f})")
        self.check(counts["written"] == counts["queued"] and counts["dropped"] == 0,
                   f"{phase}: the exposure log's writer caught up (queued {counts['queued']}, written {counts['written']}, "
                   f"batches retried for {counts['failed']} records, dropped {counts['dropped']})")
        return counts

    def stored(self):
        rows, distinct = self.psql("SELECT COUNT(*), COUNT(DISTINCT record_id) FROM engine_predictions").split("|")
        return int(rows), int(distinct)

    def load(self):
        arguments = load_module.parse_arguments(
            ["--url", self.url, "--threads", "8", "--analyze", "1", "--player", "3", "--users", self.arguments.users,
             "--timeout", "10"])
        return load_module.Load(arguments, load_module.read_users(self.arguments.users)).start()

    def judge_answers(self, phase, summary, restarts):
        statuses = summary["statuses"]
        analyze = statuses.get("analyze", {})
        player = statuses.get("player", {})
        self.check(set(analyze) <= {"200"} and not summary["errors"].get("analyze"),
                   f"{phase}: /v1/analyze all 200 ({analyze}, transport errors {summary['errors'].get('analyze', {})})")
        self.check(set(player) <= {"200", "503"} and not summary["errors"].get("player"),
                   f"{phase}: the player route only 200 or 503 ({player}, transport errors {summary['errors'].get('player', {})})")
        self.check(summary["hung_threads"] == 0, f"{phase}: no client hung")
        self.figure(f"{phase}: p99 / max latency (ms)", summary["latency_ms"])
        events = summary["_events"]
        for index, restarted in enumerate(restarts):
            later = [t for t, route, status in events if route == "player" and status == 200 and t >= restarted]
            recovery = (later[0] - restarted) if later else None
            self.figure(f"{phase}: recovery after restart {index + 1} (s)", None if recovery is None else round(recovery, 2))
            self.check(recovery is not None and recovery <= 5, f"{phase}: player route answers 200 again within 5 s of restart {index + 1}")

    def run_phase(self, phase, outages):
        """Load with `outages` [(start after s, down for s)], then settle and compare rows."""
        running = self.load()
        began = time.monotonic()
        restarts = []
        for start_after, down_for in outages:
            time.sleep(max(0, began + start_after - time.monotonic()))
            self.postgres("stop")
            time.sleep(down_for)
            restarts.append(self.postgres("start"))
        time.sleep(6)
        summary = running.finish()
        summary["_events"] = running.tally.events
        self.judge_answers(phase, summary, restarts)
        self.settled(phase)
        return summary

    def main(self):
        self.psql("DELETE FROM engine_predictions")
        self.start_server()
        logged = 0
        short = self.arguments.short
        print("phase 1: one outage under load", flush=True)
        outage = 4 if short else 10
        logged += self.run_phase("outage", [(3, outage)])["logged"]
        print("phase 2: repeated short outages under load", flush=True)
        cycles = 2 if short else 3
        logged += self.run_phase("cycles", [(2 + i * 6, 3) for i in range(cycles)])["logged"]
        print("phase 3: SIGTERM under load", flush=True)
        running = self.load()
        time.sleep(3)
        stopped = time.monotonic()
        self.server.send_signal(signal.SIGTERM)
        try:
            self.server.wait(timeout=self.arguments.grace + 5)
        except subprocess.TimeoutExpired:
            self.server.kill()
        exit_seconds = time.monotonic() - stopped
        summary = running.finish()
        logged += summary["logged"]
        self.figure("sigterm: exit after (s)", round(exit_seconds, 2))
        self.check(exit_seconds <= self.arguments.grace + 1, f"sigterm: exits within the grace period ({self.arguments.grace} s)")
        self.check(self.server.returncode == 0, f"sigterm: exit status 0 (got {self.server.returncode})")
        non_503 = {k: v for k, v in summary["statuses"].get("player", {}).items() if k not in ("200", "503")}
        self.check(not non_503 and set(summary["statuses"].get("analyze", {})) <= {"200"},
                   f"sigterm: answers during shutdown are 200 or 503 ({summary['statuses']})")
        self.figure("sigterm: refused or reset after the signal", summary["errors"])
        rows, distinct = self.stored()
        self.figure("exposures: 200s answered / rows stored", f"{logged} / {rows}")
        self.check(rows >= logged, f"no exposure lost: every 200 is stored ({rows} rows for {logged} answers)")
        self.check(rows == distinct, f"no exposure stored twice ({rows} rows, {distinct} record ids)")
        print(json.dumps({"failures": self.failures, "figures": self.figures}, default=str), flush=True)
        return 1 if self.failures else 0


if __name__ == "__main__":
    sys.exit(Drill(parse_arguments()).main())
