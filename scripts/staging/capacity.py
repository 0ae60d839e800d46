"""Capacity on this machine: `scripts/staging.sh capacity` (docs/deploy.md, "Capacity").

wrk -t2 -c64 for 8 s, three runs each, on POST /v1/analyze and on the player route (a database
look-up and an exposure each), against one replica directly and through nginx (both replicas);
medians of the runs, and each replica's resident memory (VmRSS) before and after. Prints JSON.
"""
import json
import re
import statistics
import subprocess

from staging import STATE_DIR, log
from drills import LOAD_SCRIPT

RUNS = 3
SECONDS = 8


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        return round(int(re.search(r"VmRSS:\s+(\d+) kB", status.read()).group(1)) / 1024, 1)


def measure(url, users, analyze_share):
    rates = []
    for _ in range(RUNS):
        output = subprocess.run(["wrk", "-t2", "-c64", f"-d{SECONDS}s", "-s", str(LOAD_SCRIPT), url, "--", users, analyze_share],
                                capture_output=True, text=True, check=True).stdout
        load = json.loads(re.search(r"STAGING-LOAD (\{.*\})", output).group(1))
        good = load["analyze_200"] + load["player_200"]
        if good != load["requests"]:
            log(f"capacity: {load['requests'] - good} of {load['requests']} answers were not 200")
        rates.append(good / load["duration_s"])
    return {"median_per_s": round(statistics.median(rates)), "runs_per_s": [round(r) for r in rates]}


def run(state):
    users = str(STATE_DIR / "users.txt")
    replicas = state["replicas"]
    result = {"rss_mib_before": [rss_mib(r["pid"]) for r in replicas], "measurements": []}
    for target, url in (("replica 1 directly", replicas[0]["url"]), ("nginx, both replicas", state["load_balancer"])):
        for route, share in (("POST /v1/analyze", "1"), ("GET /v1/players/{id}/motivation", "0")):
            log(f"capacity: {route} on {target}: wrk -t2 -c64 -d{SECONDS}s, {RUNS} runs")
            result["measurements"].append({"target": target, "route": route, **measure(url, users, share)})
    result["rss_mib_after"] = [rss_mib(r["pid"]) for r in replicas]
    print(json.dumps(result, indent=2), flush=True)
    return True
