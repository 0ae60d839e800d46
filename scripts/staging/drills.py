"""The staging drills: `scripts/staging.sh drill [--short]` (docs/deploy.md, "Drills").

Each drill runs wrk through nginx (scripts/staging/load.lua: three player look-ups, each a
logged exposure, to one analysis) while it does something to the deployment:

rolling restart  SIGTERM replica 1, wait until it exits, start it again, wait until it is ready;
                 then replica 2. Goal: 0 failed requests, 0 lost exposures.
publish          train and publish a new version of DualFlow_-1_10 while under load. Goal: both
                 replicas answer with it within 5 s, 0 failed requests.
kill -9          SIGKILL replica 2, start it again. Only requests in flight on it may fail: their
                 count is reported (and the exposures it had queued, which die with it).
postgres restart stop the PostgreSQL cluster for 4 s. Goal: /v1/analyze unaffected, the player
                 route 200 or 503 only, 200 again within 5 s of the restart, 0 lost exposures.
same arm         1,000 users asked on each replica directly: the same answer (policy, target
                 shown or not, status, target) from both, and one arm per user in the exposure log.

Exposures are counted exactly by a second client beside wrk (scripts/drills/load.py: player
look-ups of users of its own, each answer read to its end, so it knows every 200 it got). After
each drill the exposure log is drained and every 200 of that client must be exactly one row of
engine_predictions for its users. wrk's own 200s are reported beside the rows of its users: wrk
stops at its deadline without reading the answers still in flight, so its users may have up to
one row per connection more than wrk counted. --short runs the rolling restart and the publish
only (CI). Prints one JSON summary on standard output; progress goes to standard error.
"""
import concurrent.futures
import json
import pathlib
import random
import re
import signal
import subprocess
import sys
import time

from staging import (ROOT, SEGMENT_QUERY, STATE_DIR, StagingError, alive, http, log, psql, save_state, shown, start_replica,
                     stop)

sys.path.insert(0, str(ROOT / "scripts" / "drills"))
import load as exact_load  # noqa: E402  (scripts/drills/load.py: the exact client)

LOAD_SCRIPT = pathlib.Path(__file__).with_name("load.lua")
CONNECTIONS = 16
SEGMENT = "DualFlow_-1_10"


class Load:
    """wrk through the load balancer for `seconds`, in the background, and beside it the exact
    client (two threads of player look-ups for the users of its own)."""

    def __init__(self, state, seconds):
        users = pathlib.Path(state["users_file"]).read_text().split()
        wrk_users, exact_users = STATE_DIR / "users-wrk.txt", STATE_DIR / "users-exact.txt"
        wrk_users.write_text("\n".join(users[0::2]) + "\n")
        exact_users.write_text("\n".join(users[1::2]) + "\n")
        self.command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LOAD_SCRIPT),
                        state["load_balancer"], "--", str(wrk_users), "0.25"]
        arguments = exact_load.parse_arguments(
            ["--url", state["load_balancer"], "--threads", "2", "--analyze", "0", "--player", "1",
             "--users", str(exact_users), "--seed", str(random.randrange(10**6))])
        self.exact = exact_load.Load(arguments, users[1::2]).start()
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def result(self):
        out, err = self.process.communicate()
        exact = self.exact.finish()
        match = re.search(r"STAGING-LOAD (\{.*\})", out)
        if self.process.returncode != 0 or not match:
            raise StagingError(f"wrk failed ({self.process.returncode}): {out[-1000:]} {err[-1000:]}")
        load = json.loads(match.group(1))
        load["failed"] = load["other"] + load["connect_errors"] + load["read_errors"] + load["write_errors"] + load["timeouts"]
        statuses = exact["statuses"].get("player", {})
        load["exact_client"] = {
            "player_200": exact["logged"], "player_503": statuses.get("503", 0),
            "other": sum(n for status, n in statuses.items() if str(status) not in ("200", "503")),
            "transport_errors": sum(sum(kinds.values()) for kinds in exact["errors"].values()),
            "hung_threads": exact["hung_threads"]}
        exact_failed = load["exact_client"]["other"] + load["exact_client"]["transport_errors"] + exact["hung_threads"]
        load["failed"] += exact_failed
        load["player_503"] += load["exact_client"]["player_503"]
        return load


def rows(state, users=None):
    """Rows of engine_predictions, of `users` only when given."""
    where = "" if users is None else " WHERE user_id IN (" + ", ".join(f"'{u}'" for u in users) + ")"
    return int(psql(state["database_url"], "SELECT count(*) FROM engine_predictions" + where))


def duplicates(state):
    return int(psql(state["database_url"], "SELECT count(*) - count(DISTINCT record_id) FROM engine_predictions"))


def drained(state, timeout=30):
    """Waits until every live replica's exposure queue is empty and the row count holds still."""
    def waiting(replica):
        status, body = http("GET", replica["url"] + "/metrics", timeout=2)
        match = re.search(r"^sphery_prediction_log_waiting (\S+)", body, re.M) if status == 200 else None
        return float(match.group(1)) if match else 0.0
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        queued = sum(waiting(r) for r in state["replicas"] if alive(r["pid"]))
        count = rows(state)
        if queued == 0 and count == last:
            return count
        last = count
        time.sleep(0.5)
    raise StagingError(f"the exposure log did not drain within {timeout} s")


def exact_users():
    return (STATE_DIR / "users-exact.txt").read_text().split()


def counted(state, before, load):
    """The exposure rows a drill added, against the 200s its clients counted. `before` is
    (all rows, rows of the exact client's users) after the previous drill."""
    total = drained(state)
    exact = rows(state, exact_users())
    exact_200 = load["exact_client"]["player_200"] + load.get("probe_200", 0)
    wrk_rows = (total - before[0]) - (exact - before[1])
    return (total, exact), {
        "exact_client_200": exact_200, "rows_for_its_users": exact - before[1],
        "lost": max(0, exact_200 - (exact - before[1])), "extra": max(0, (exact - before[1]) - exact_200),
        "wrk_200": load["player_200"], "rows_for_wrk_users": wrk_rows}


def served_id(replica):
    status, body = http("GET", replica["url"] + "/v1/models", timeout=2)
    if status != 200:
        return None
    return next((m["id"] for m in json.loads(body)["models"] if m["name"] == SEGMENT), None)


def rolling_restart(state, seconds):
    load = Load(state, seconds)
    time.sleep(3)
    restarts = []
    for index, replica in enumerate(state["replicas"], 1):
        old = replica["pid"]
        stopped = stop(old, grace=20)
        started = time.monotonic()
        start_replica(replica)
        save_state(state)
        restarts.append({"replica": index, "old_pid": old, "new_pid": replica["pid"], "exit_after_sigterm_s": round(stopped, 2),
                         "ready_after_start_s": round(time.monotonic() - started, 2)})
        log(f"rolling restart: replica {index} exited {stopped:.2f} s after SIGTERM, ready again "
            f"{restarts[-1]['ready_after_start_s']} s after its start (pid {replica['pid']})")
        time.sleep(2.5)  # nginx tries a replica it marked failed again after fail_timeout (2 s)
    result = load.result()
    return {"restarts": restarts}, result, result["failed"] == 0 and result["player_503"] == 0


def publish(state, seconds):
    load = Load(state, seconds)
    time.sleep(3)
    seed = random.randrange(1000, 10**9)
    before = [served_id(r) for r in state["replicas"]]
    started = time.monotonic()
    output = subprocess.run(
        [state["binary"], "train", "--db", state["database_url"], "--publish", "--seed", str(seed), "--json",
         "--game-mode", "DualFlow", "--difficulty", "-1", "--duration", "10", "--models", str(STATE_DIR / "models")],
        capture_output=True, text=True)
    if output.returncode != 0:
        load.result()
        raise StagingError(f"train --publish failed: {output.stderr[-1500:]}")
    published = json.loads(output.stdout)[0]["id"]
    returned = time.monotonic()
    switched = {}
    while time.monotonic() - returned < 10 and len(switched) < len(state["replicas"]):
        for index, replica in enumerate(state["replicas"], 1):
            if index not in switched and served_id(replica) == published:
                switched[index] = round(time.monotonic() - returned, 3)
        time.sleep(0.02)
    result = load.result()
    within = len(switched) == len(state["replicas"]) and max(switched.values()) <= 5
    log(f"publish: {published} (seed {seed}); train --publish took {returned - started:.2f} s; "
        f"served by the replicas {switched} s after it returned")
    details = {"published": published, "before": before, "train_publish_s": round(returned - started, 2),
               "served_after_return_s": switched}
    return details, result, result["failed"] == 0 and within


def kill_nine(state, seconds):
    load = Load(state, seconds)
    time.sleep(4)
    replica = state["replicas"][-1]
    old = replica["pid"]
    stop(old, sig=signal.SIGKILL)
    time.sleep(3)
    start_replica(replica)
    save_state(state)
    result = load.result()
    log(f"kill -9: replica {len(state['replicas'])} (pid {old}) killed; {result['failed']} requests failed")
    # Only requests in flight on the killed replica may fail: at most one per client connection.
    return {"killed_pid": old, "new_pid": replica["pid"]}, result, result["failed"] <= CONNECTIONS


def postgres_restart(state, seconds):
    load = Load(state, seconds)
    time.sleep(3)
    cluster = state["postgres_cluster"].split()
    user = exact_users()[0]
    subprocess.run(["pg_ctlcluster", *cluster, "stop", "-m", "fast"], check=True)
    stopped = time.monotonic()
    time.sleep(4)
    subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True)
    restarted = time.monotonic()
    recovery = None
    probes = 0
    while time.monotonic() - restarted < 15:
        status, _ = http("GET", f"{state['load_balancer']}/v1/players/{user}/motivation?{SEGMENT_QUERY}", timeout=2)
        if status == 200:
            probes += 1
            recovery = round(time.monotonic() - restarted, 3)
            break
        time.sleep(0.05)
    result = load.result()
    result["probe_200"] = probes
    log(f"postgres restart: down {restarted - stopped:.1f} s; the player route answered 200 again {recovery} s after the "
        f"start returned; {result['player_503']} answers were 503")
    passed = result["failed"] == 0 and recovery is not None and recovery <= 5
    return {"down_s": round(restarted - stopped, 2), "player_200_again_after_s": recovery}, result, passed


def same_arm(state, users=1000):
    ids = pathlib.Path(state["users_file"]).read_text().split()[:users]

    def ask(replica, user):
        status, body = http("GET", f"{replica['url']}/v1/players/{user}/motivation?{SEGMENT_QUERY}", timeout=5)
        if status != 200:
            return status, None
        message = json.loads(body)["analysis"]["motivational_message"]
        # The answer names no arm; the policy and whether the target is shown tell them apart (a
        # control arm computes the cohort target but does not show it). The log names the arm.
        return status, (message.get("target_policy"), message.get("target_shown"), message.get("status"),
                        message.get("next_target"))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = {r["url"]: list(pool.map(lambda u, r=r: ask(r, u), ids)) for r in state["replicas"]}
    first, second = (answers[r["url"]] for r in state["replicas"][:2])
    answered = sum(1 for a in first + second if a[0] == 200)
    differing = sum(1 for a, b in zip(first, second) if a[0] != 200 or b[0] != 200 or a[1] != b[1])
    policies = sorted({f"{a[1][0]}{'' if a[1][1] else ' (not shown: control)'}" for a in first if a[1]})
    conflicts = int(psql(state["database_url"], f"""SELECT count(*) FROM (SELECT user_id FROM engine_predictions
        WHERE experiment = '{state['experiment']}' GROUP BY user_id HAVING count(DISTINCT arm) > 1) x"""))
    log(f"same arm: {len(ids)} users on both replicas, {differing} differ; policies seen {policies}; "
        f"{conflicts} users with two arms in the log")
    details = {"users": len(ids), "answers_differing": differing, "policies_seen": policies,
               "users_with_two_arms_in_log": conflicts}
    return details, answered, differing == 0 and conflicts == 0


def run(state, short):
    if not all(alive(r["pid"]) for r in state["replicas"]):
        raise StagingError("a replica is not running; scripts/staging.sh down, then up")
    drills = [("rolling restart", rolling_restart, 22 if short else 26), ("publish", publish, 12)]
    if not short:
        drills += [("kill -9", kill_nine, 14), ("postgres restart", postgres_restart, 18)]
    summary = {"drills": []}
    Load(state, 1).result()  # writes the users' files; a second of load
    baseline = (drained(state), rows(state, exact_users()))
    lost_on_kill = 0
    for name, drill, seconds in drills:
        log(f"{name}: wrk -t2 -c{CONNECTIONS} for {seconds} s through {state['load_balancer']}, and the exact client")
        details, load, passed = drill(state, seconds)
        baseline, exposures = counted(state, baseline, load)
        if name == "kill -9":
            lost_on_kill += exposures["lost"]  # queued in the killed process: they die with it
        elif exposures["lost"] or exposures["extra"]:
            passed = False
        summary["drills"].append({"drill": name, "passed": passed, **details, "load": load, "exposures": exposures})
        log(f"{name}: {'PASSED' if passed else 'FAILED'}: {load['requests']} wrk requests, {load['failed']} failed, "
            f"{load['player_503']} player 503; exposures {exposures}")
    if not short:
        before = drained(state)
        details, answered, passed = same_arm(state)
        added = drained(state) - before
        exposures = {"answered_200": answered, "rows_added": added}
        passed = passed and added == answered
        summary["drills"].append({"drill": "same arm", "passed": passed, **details, "exposures": exposures})
    counted_200 = sum(d["exposures"].get("exact_client_200", d["exposures"].get("answered_200", 0)) for d in summary["drills"])
    stored = sum(d["exposures"].get("rows_for_its_users", d["exposures"].get("rows_added", 0)) for d in summary["drills"])
    summary["exposures"] = {"counted_200": counted_200, "rows": stored, "lost_on_kill_9": lost_on_kill,
                            "lost_otherwise": counted_200 - stored - lost_on_kill, "duplicated": duplicates(state)}
    summary["passed"] = all(d["passed"] for d in summary["drills"]) and summary["exposures"]["duplicated"] == 0 \
        and summary["exposures"]["lost_otherwise"] == 0
    text = json.dumps(summary, indent=2)
    (STATE_DIR / "drill-summary.json").write_text(text + "\n")
    print(text, flush=True)
    log(f"drill: {'every goal met' if summary['passed'] else 'a goal was missed'} ({shown(STATE_DIR / 'drill-summary.json')})")
    return summary["passed"]
