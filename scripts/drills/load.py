#!/usr/bin/env python3
"""Keep-alive HTTP load for the drills: several threads, each with its own connection, send a
mix of requests to a running `sphery-engine serve` and count every answer by route and status,
per second, until the time is up or the process gets SIGTERM/SIGINT. Standard library only.

    load.py --url http://127.0.0.1:18080 --seconds 30 --threads 8 \
        --analyze 1 --player 3 --users users.txt --segment DualFlow,-1,10 --out summary.json

Mix: `--analyze W` POST /v1/analyze with a user_id (recorded in the exposure log), `--player W`
GET /v1/players/{id}/motivation (recorded too), weights relative to each other. The summary
(JSON, on --out or stdout) has, per route, the count of each status, transport errors (a reset
or a refused connection; the client reconnects and goes on), the answers that the server
records in its exposure log (`logged`: a 200 of either route), per-second counts, and latency
percentiles. Timestamps are seconds since the run started, so that a drill can line them up
with the moments it stopped and started the database.
"""
import argparse
import http.client
import json
import random
import signal
import threading
import time
from collections import defaultdict
from urllib.parse import urlparse


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--analyze", type=float, default=1, help="weight of POST /v1/analyze")
    parser.add_argument("--player", type=float, default=1, help="weight of the player route")
    parser.add_argument("--users", help="file of user ids, one a line (player route and analyze's user_id)")
    parser.add_argument("--segment", default="DualFlow,-1,10", help="game mode, difficulty, duration (minutes)")
    parser.add_argument("--timeout", type=float, default=15, help="seconds a request may take before it counts as hung")
    parser.add_argument("--out", help="write the JSON summary here (default: stdout)")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


class Tally:
    """Counts shared by the threads (one lock; a few thousand answers a second at most)."""

    def __init__(self, started):
        self.started = started
        self.lock = threading.Lock()
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.errors = defaultdict(lambda: defaultdict(int))
        self.per_second = defaultdict(lambda: defaultdict(int))
        self.latencies = defaultdict(list)
        self.logged = 0
        self.events = []

    def answer(self, route, status, seconds, logged):
        now = time.monotonic()
        second = int(now - self.started)
        with self.lock:
            self.events.append((now, route, status))
            self.statuses[route][str(status)] += 1
            self.per_second[second][f"{route} {status}"] += 1
            self.latencies[route].append(seconds)
            if logged:
                self.logged += 1

    def error(self, route, kind):
        second = int(time.monotonic() - self.started)
        with self.lock:
            self.errors[route][kind] += 1
            self.per_second[second][f"{route} {kind}"] += 1

    def summary(self):
        def percentile(values, p):
            if not values:
                return None
            values = sorted(values)
            return round(values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000, 2)

        return {
            "statuses": {route: dict(counts) for route, counts in self.statuses.items()},
            "errors": {route: dict(counts) for route, counts in self.errors.items()},
            "logged": self.logged,
            "latency_ms": {
                route: {"p50": percentile(v, 50), "p99": percentile(v, 99), "max": percentile(v, 100)}
                for route, v in self.latencies.items()
            },
            "per_second": {str(s): dict(c) for s, c in sorted(self.per_second.items())},
        }


def worker(index, arguments, tally, stop, users, routes, weights):
    target = urlparse(arguments.url)
    random_source = random.Random(arguments.seed * 1000 + index)
    game_mode, difficulty, duration = arguments.segment.split(",")
    connection = None
    while not stop.is_set():
        route = random_source.choices(routes, weights)[0]
        user = random_source.choice(users)
        if route == "analyze":
            body = json.dumps({
                "game_mode": game_mode, "difficulty": int(difficulty), "duration_minutes": float(duration),
                "score": random_source.randint(20_000, 250_000), "age": random_source.uniform(8, 80),
                "startSpeed": 5.0, "user_id": user,
            })
            request = ("POST", "/v1/analyze", body, {"Content-Type": "application/json"})
        else:
            path = f"/v1/players/{user}/motivation?game_mode={game_mode}&difficulty={difficulty}&duration={duration}"
            request = ("GET", path, None, {})
        try:
            if connection is None:
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=arguments.timeout)
            began = time.monotonic()
            connection.request(request[0], request[1], body=request[2], headers=request[3])
            response = connection.getresponse()
            response.read()
            tally.answer(route, response.status, time.monotonic() - began, response.status == 200)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except TimeoutError:
            tally.error(route, "timeout")
            connection.close()
            connection = None
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            tally.error(route, type(error).__name__)
            if connection is not None:
                connection.close()
            connection = None
            time.sleep(0.05)
    if connection is not None:
        connection.close()


class Load:
    """The load as a library: `start()` the threads, `finish()` to stop them and get the tally
    (the drills run it beside their faults)."""

    def __init__(self, arguments, users):
        self.arguments = arguments
        self.stop = threading.Event()
        self.tally = Tally(time.monotonic())
        routes = ["analyze", "player"]
        weights = [arguments.analyze, arguments.player]
        self.threads = [
            threading.Thread(target=worker, args=(i, arguments, self.tally, self.stop, users, routes, weights), daemon=True)
            for i in range(arguments.threads)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(self.arguments.timeout + 5)
        summary = self.tally.summary()
        summary["hung_threads"] = sum(thread.is_alive() for thread in self.threads)
        return summary


def read_users(path):
    if not path:
        return ["1"]
    with open(path) as file:
        return [line.strip() for line in file if line.strip()]


def main():
    arguments = parse_arguments()
    load = Load(arguments, read_users(arguments.users))
    signal.signal(signal.SIGTERM, lambda *_: load.stop.set())
    signal.signal(signal.SIGINT, lambda *_: load.stop.set())
    load.start()
    load.stop.wait(arguments.seconds)
    summary = load.finish()
    text = json.dumps(summary, indent=1)
    if arguments.out:
        with open(arguments.out, "w") as file:
            file.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
