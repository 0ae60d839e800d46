#!/usr/bin/env python3
"""Staging on one machine, loopback only (docs/deploy.md, "Staging on one machine").

    scripts/staging.sh up | smoke | drill [--short] | capacity | down   (several, in order: up smoke down)

up     starts PostgreSQL (scripts/start-postgres.sh), makes the database sphery_staging afresh,
       migrates, writes demo data, trains and publishes into the model registry, starts two
       replicas from the release artefact (serve --models registry, each its own port and log),
       nginx in front of them (deploy/nginx-sphery-engine.conf) and Prometheus scraping both with
       the alert rules of deploy/prometheus; writes .staging/state.json.
smoke  checks every replica and the load balancer (/ready, an analysis, a player look-up, the
       dashboard, /metrics) and that Prometheus scrapes both replicas.
drill  the drills under wrk load through nginx (scripts/staging/drills.py); one JSON summary.
capacity  requests/s of one replica and of nginx in front of both, memory per replica (JSON).
down   stops exactly what up started, by the pids it recorded; the database stays for inspection.

The artefact: SPHERY_RELEASE_TARBALL, else dist/sphery-engine-<version>-linux-<arch>.tar.gz,
built by scripts/release.sh when missing. SPHERY_STAGING_BINARY runs another binary instead
(development only: staging is meant to run the artefact). Two stagings on one machine (a CI clone
beside a working tree) need their own database: SPHERY_STAGING_DATABASE (default sphery_staging);
SPHERY_STAGING_DIR moves the state folder (default .staging in the checkout).
"""
import json
import os
import pathlib
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
STATE_DIR = pathlib.Path(os.environ.get("SPHERY_STAGING_DIR") or ROOT / ".staging").resolve()
STATE_FILE = STATE_DIR / "state.json"
DATABASE = os.environ.get("SPHERY_STAGING_DATABASE") or "sphery_staging"
EXPERIMENT = "staging-targets"
SEGMENT_QUERY = "game_mode=DualFlow&difficulty=-1&duration=10"
ANALYSIS = b'{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":150000,"age":30,"startSpeed":5}'
USERS = 10000


if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", DATABASE):
    sys.exit(f"staging: SPHERY_STAGING_DATABASE must be a plain lower-case name, not {DATABASE!r}")


class StagingError(Exception):
    """A step that failed, in words for the operator."""


def log(message):
    print(f"staging: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- small helpers

def http(method, url, body=None, timeout=5.0, headers=None):
    """(status, text) of one request; status 0 when no answer came."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        return 0, str(error)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise StagingError(f"{what} within {timeout:.0f} s")


def run(argv, what, **kwargs):
    """Runs a command to its end; its output is shown only when it fails."""
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise StagingError(f"{what} failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout


def shown(path):
    """path relative to the checkout when it is inside it (for messages)."""
    path = pathlib.Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def tail(path, lines=15):
    try:
        return "\n".join(pathlib.Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def still_running(pid):
    """Whether a process this run started is still running: asked of the kernel as its parent
    (waitpid), which needs no command line (one was once read before it named the state folder,
    and a Prometheus just started was taken for gone). Any other process: `alive`."""
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return alive(pid)


def alive(pid):
    """Whether pid runs and is a process of this staging: every process up starts names the state
    folder on its command line (nginx's master keeps it in its title). So a pid of a state file
    that outlived its processes (a reboot) and now belongs to another process is never signalled.
    A zombie (an exited child not yet reaped) does not run."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                return False
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return str(STATE_DIR).encode() in cmdline.read()
    except (OSError, IndexError):
        return False


def stop(pid, grace=20.0, sig=signal.SIGTERM):
    """Sends sig and waits until pid is gone (SIGKILL after grace). Returns seconds taken."""
    start = time.monotonic()
    if not alive(pid):
        return 0.0
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return 0.0
    while alive(pid):
        if time.monotonic() - start > grace:
            log(f"pid {pid} still runs {grace:.0f} s after signal {sig}: SIGKILL")
            os.kill(pid, signal.SIGKILL)
            grace = float("inf")
        time.sleep(0.05)
        reap(pid)
    return time.monotonic() - start


def reap(pid):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def start_process(argv, log_path, cwd=None):
    """Starts argv in a session of its own (it outlives this script), output appended to log_path."""
    with open(log_path, "ab") as output:
        process = subprocess.Popen(
            argv, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True)
    return process.pid


def load_state():
    if not STATE_FILE.exists():
        raise StagingError(f"{shown(STATE_FILE)} is missing: run scripts/staging.sh up first")
    return json.loads(STATE_FILE.read_text())


def save_state(state):
    temporary = STATE_FILE.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, indent=2) + "\n")
    temporary.replace(STATE_FILE)


# ---------------------------------------------------------------------------- the parts

def postgres():
    """The owner's URL of the test cluster (started when needed) and its cluster 'VERSION NAME'."""
    output = run(["bash", str(ROOT / "scripts/start-postgres.sh")], "scripts/start-postgres.sh")
    match = re.search(r"SPHERY_TEST_POSTGRES_URL='([^']+)'", output)
    if not match:
        raise StagingError(f"scripts/start-postgres.sh printed no SPHERY_TEST_POSTGRES_URL:\n{output}")
    version = sorted(os.listdir("/usr/lib/postgresql"), key=int)[-1]
    return match.group(1), f"{version} {os.environ.get('SPHERY_PG_CLUSTER', 'sphery')}"


def with_database(url, name):
    return re.sub(r"/[^/?]+(\?|$)", f"/{name}\\1", url, count=1)


def psql(url, sql):
    return run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql], f"psql: {sql[:60]}").strip()


def version():
    text = (ROOT / "Sources/MotivationEngine/ModelFile/EngineVersion.swift").read_text()
    return re.search(r'static let current = "([^"]+)"', text).group(1)


def artefact_binary():
    """The sphery-engine of the release artefact, unpacked under .staging/release."""
    override = os.environ.get("SPHERY_STAGING_BINARY")
    if override:
        log(f"SPHERY_STAGING_BINARY: running {override}, not the release artefact")
        return str(pathlib.Path(override).resolve())
    tarball = os.environ.get("SPHERY_RELEASE_TARBALL")
    if not tarball:
        tarball = ROOT / "dist" / f"sphery-engine-{version()}-linux-{platform.machine()}.tar.gz"
        if not tarball.exists():
            log(f"no {shown(tarball)}: building it with scripts/release.sh")
            subprocess.run(["bash", str(ROOT / "scripts/release.sh")], check=True, stdout=subprocess.DEVNULL)
    tarball = pathlib.Path(tarball).resolve()
    target = STATE_DIR / "release"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="tar")
    (folder,) = [entry for entry in target.iterdir() if entry.is_dir()]
    log(f"artefact {tarball.name} unpacked in {shown(folder)}")
    return str(folder / "bin" / "sphery-engine")


def replica_command(binary, database_url, port, key_file, experiments, cache):
    return [binary, "serve", "--db", database_url, "--models", "registry", "--model-cache", str(cache), "--host", "127.0.0.1",
            "--port", str(port), "--admin-key-file", str(key_file), "--experiments", str(experiments), "--shutdown-grace", "10"]


def start_replica(replica):
    replica["pid"] = start_process(replica["command"], replica["log"], cwd=STATE_DIR)
    wait_ready(replica)
    return replica["pid"]


def wait_ready(replica, timeout=60):
    """Waits for the replica's /ready; fails with the end of its log when it exits or time is up."""
    deadline = time.monotonic() + timeout
    while http("GET", replica["url"] + "/ready", timeout=1)[0] != 200:
        if not still_running(replica["pid"]):
            raise StagingError(f"replica {replica['url']} exited; its log ends:\n{tail(replica['log'])}")
        if time.monotonic() > deadline:
            raise StagingError(f"replica {replica['url']} was not ready within {timeout} s; its log ends:\n{tail(replica['log'])}")
        time.sleep(0.1)


def nginx_config(replicas, port):
    """deploy/nginx-sphery-engine.conf with the replicas and port of this staging, in a main
    configuration of its own (own pid, logs and temp folders: the system's nginx is untouched)."""
    prefix = STATE_DIR / "nginx"
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    site = (ROOT / "deploy/nginx-sphery-engine.conf").read_text()
    addresses = [r["url"].removeprefix("http://") for r in replicas]

    def servers(block):  # the template's block of server lines, once per replica, same parameters
        parameters = re.match(r"    server \S+ ([^\n]*)\n", block.group(0)).group(1)
        return "".join(f"    server {address} {parameters}\n" for address in addresses)
    site, primaries = re.subn(r"(    server 127\.0\.0\.1:\d+ (?![^\n]*backup)[^\n]*\n)+", servers, site)
    site, backups = re.subn(r"(    server 127\.0\.0\.1:\d+ [^\n]*backup[^\n]*\n)+", servers, site)
    site, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", site)
    if (primaries, backups, listens) != (1, 1, 1):
        raise StagingError("deploy/nginx-sphery-engine.conf no longer has the server lines or 'listen 80;' staging replaces")
    (prefix / "site.conf").write_text(site)
    temp = prefix / "temp"
    (prefix / "nginx.conf").write_text(f"""# Made by scripts/staging.sh up: the staging's own nginx.
daemon off;
user root root;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {prefix}/site.conf;
}}
""")
    return prefix


def prometheus_config(replicas, port):
    folder = STATE_DIR / "prometheus"
    folder.mkdir(parents=True, exist_ok=True)
    rules = ROOT / "deploy/prometheus/sphery-engine-rules.yml"
    targets = ", ".join(f'"{r["url"].removeprefix("http://")}"' for r in replicas)
    config = folder / "prometheus.yml"
    config.write_text(f"""# Made by scripts/staging.sh up.
global:
  scrape_interval: 2s
  evaluation_interval: 5s
rule_files:
  - {rules}
scrape_configs:
  - job_name: sphery-engine
    static_configs:
      - targets: [{targets}]
""")
    run(["promtool", "check", "rules", str(rules)], "promtool check rules")
    run(["promtool", "test", "rules", str(ROOT / "deploy/prometheus/sphery-engine-rules.test.yml")], "promtool test rules")
    run(["promtool", "check", "config", str(config)], "promtool check config")
    return ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={folder / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=1d"]


def install_missing():
    needed = (("nginx", "nginx-light"), ("prometheus", "prometheus"), ("promtool", "prometheus"), ("wrk", "wrk"),
              ("psql", "postgresql-client"))
    missing = sorted({package for command, package in needed if shutil.which(command) is None})
    if missing:
        log(f"installing {', '.join(missing)} from Debian's packages")
        run(["apt-get", "update", "-qq"], "apt-get update")
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], "apt-get install",
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def users_with_workouts(database_url, limit=2000):
    """Players with a completed workout in the drills' segment (DualFlow · Expert · 10 min)."""
    rows = psql(database_url, f"""SELECT DISTINCT w."userId" FROM "Workouts" w JOIN "RaceConfigs" r ON r."workoutId" = w.id
        WHERE r."gameMode" = 'DualFlow' AND r.difficulty = -1 AND r.duration >= 570 AND r.duration < 630
        AND w."completedWorkout" ORDER BY 1 LIMIT {limit}""")
    return [line for line in rows.splitlines() if line]


# ---------------------------------------------------------------------------- commands

def up():
    if STATE_FILE.exists() and any(alive(p) for p in running_pids(load_state())):
        raise StagingError(f"staging is already up ({shown(STATE_FILE)}); run scripts/staging.sh down first")
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    fresh_start()
    install_missing()
    started = time.monotonic()
    owner_url, cluster = postgres()
    database_url = with_database(owner_url, DATABASE)
    log(f"PostgreSQL cluster {cluster}: database {DATABASE} made afresh")
    psql(owner_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(owner_url, f"CREATE DATABASE {DATABASE}")
    binary = artefact_binary()
    run([binary, "--version"], "the artefact's --version")
    log("migrating, writing demo data, training and publishing")
    run([binary, "migrate", "--db", database_url], "migrate")
    run([binary, "demo-data", "--db", database_url, "--users", str(USERS), "--seed", "7"], "demo-data")
    run([binary, "train", "--db", database_url, "--publish", "--models", str(STATE_DIR / "models")], "train --publish")
    users = users_with_workouts(database_url)
    if len(users) < 100:
        raise StagingError(f"only {len(users)} demo players have a workout in DualFlow · Expert · 10 min")
    (STATE_DIR / "users.txt").write_text("\n".join(users) + "\n")
    experiments = STATE_DIR / "experiments.json"
    experiments.write_text(json.dumps({"experiments": [{
        "name": EXPERIMENT, "start": "2026-01-01", "minimum_detectable_effect": 0.05,
        "arms": [{"name": "control", "share": 0.25}, {"name": "cohort", "share": 0.25, "policy": "cohort"},
                 {"name": "personal", "share": 0.25, "policy": "personal"},
                 {"name": "blended", "share": 0.25, "policy": "blended"}]}]}, indent=2) + "\n")
    key_file = STATE_DIR / "admin.key"
    key_file.write_text(secrets.token_hex(24) + "\n")
    key_file.chmod(0o600)

    state = {"load_balancer": None, "replicas": [], "database_url": database_url, "admin_key_file": str(key_file),
             "prometheus": None, "binary": binary, "postgres_cluster": cluster, "experiment": EXPERIMENT,
             "users_file": str(STATE_DIR / "users.txt"), "processes": {}}
    try:
        for index in (1, 2):
            port = free_port()
            replica = {"url": f"http://127.0.0.1:{port}", "pid": None, "log": str(STATE_DIR / f"replica-{index}.log"),
                       "command": replica_command(binary, database_url, port, key_file, experiments,
                                                  STATE_DIR / f"model-cache-{index}")}
            state["replicas"].append(replica)
            start_replica(replica)
            log(f"replica {index} ready at {replica['url']} (pid {replica['pid']}, log {replica['log']})")
            save_state(state)
        balancer_port = free_port()
        prefix = nginx_config(state["replicas"], balancer_port)
        run(["nginx", "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], "nginx -t")
        state["processes"]["nginx"] = start_process(
            ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], prefix / "nginx.log")
        state["load_balancer"] = f"http://127.0.0.1:{balancer_port}"
        save_state(state)
        wait_for_process(state["processes"]["nginx"], lambda: http("GET", state["load_balancer"] + "/ready", timeout=1)[0] == 200,
                         20, f"nginx at {state['load_balancer']} did not answer /ready", [prefix / "nginx.log", prefix / "error.log"])
        log(f"nginx at {state['load_balancer']} (pid {state['processes']['nginx']})")
        prometheus_port = free_port()
        command = prometheus_config(state["replicas"], prometheus_port)
        state["processes"]["prometheus"] = start_process(command, STATE_DIR / "prometheus" / "prometheus.log")
        state["prometheus"] = f"http://127.0.0.1:{prometheus_port}"
        save_state(state)
        wait_for_process(state["processes"]["prometheus"], lambda: http("GET", state["prometheus"] + "/-/ready", timeout=1)[0] == 200,
                         30, "Prometheus was not ready", [STATE_DIR / "prometheus" / "prometheus.log"])
        log(f"Prometheus at {state['prometheus']} (pid {state['processes']['prometheus']})")
    except BaseException:
        save_state(state)
        raise
    save_state(state)
    log(f"up in {time.monotonic() - started:.1f} s; state in {shown(STATE_FILE)}")


def fresh_start():
    """Removes what an earlier up left: logs (appended to by every start, they grew to hundreds
    of MB over a day of drills), Prometheus's data and the replicas' model caches. The database
    is made afresh too, so nothing of an earlier staging is mixed into this one."""
    for pattern in ("replica-*.log", "nginx/*.log", "prometheus/prometheus.log", "drill-summary.json"):
        for path in STATE_DIR.glob(pattern):
            path.unlink()
    for pattern in ("prometheus/data", "model-cache-*"):
        for path in STATE_DIR.glob(pattern):
            shutil.rmtree(path)


def wait_for_process(pid, url_ok, timeout, what, logs):
    """Waits until url_ok(); fails with the ends of `logs` when pid exits or time is up."""
    def ready():
        if not still_running(pid):
            raise StagingError(f"{what}: the process exited")
        return url_ok()
    try:
        wait_until(ready, timeout, what)
    except StagingError as error:
        ends = "".join(f"\n--- {shown(path)}:\n{tail(path)}" for path in logs)
        raise StagingError(f"{error}{ends}") from None


def running_pids(state):
    return [r["pid"] for r in state.get("replicas", []) if r.get("pid")] + list(state.get("processes", {}).values())


def smoke():
    state = load_state()
    user = (STATE_DIR / "users.txt").read_text().split()[0]
    failures = []

    def check(name, ok, detail=""):
        print(f"{'PASS' if ok else 'FAIL'}  {name}{'' if ok else '  ' + detail[:300]}", flush=True)
        if not ok:
            failures.append(name)

    targets = [(f"replica {i + 1}", r["url"]) for i, r in enumerate(state["replicas"])]
    targets.append(("load balancer", state["load_balancer"]))
    for name, url in targets:
        status, body = http("GET", url + "/ready")
        check(f"{name}: /ready", status == 200, f"{status} {body}")
        status, body = http("POST", url + "/v1/analyze", ANALYSIS)
        check(f"{name}: POST /v1/analyze", status == 200 and '"next_target"' in body, f"{status} {body}")
        status, body = http("GET", f"{url}/v1/players/{user}/motivation?{SEGMENT_QUERY}")
        check(f"{name}: player look-up", status == 200 and '"history"' in body, f"{status} {body}")
        status, body = http("GET", url + "/")
        check(f"{name}: dashboard", status == 200 and "<html" in body.lower(), f"{status}")
        status, body = http("GET", url + "/metrics")
        if name == "load balancer":
            check(f"{name}: /metrics is not public", status == 404, f"{status}")
        else:
            check(f"{name}: /metrics", status == 200 and "sphery_http_requests_total" in body, f"{status}")
        status, body = http("GET", url + "/v1/models")
        ids = sorted(m["id"] for m in json.loads(body)["models"]) if status == 200 else []
        check(f"{name}: models from the registry", status == 200 and len(ids) > 0, f"{status} {body}")

    def scraped():
        status, body = http("GET", state["prometheus"] + "/api/v1/targets")
        if status != 200:
            return False
        active = json.loads(body)["data"]["activeTargets"]
        return len(active) == len(state["replicas"]) and all(t["health"] == "up" for t in active)
    try:
        wait_until(scraped, 20, "")
        check("Prometheus scrapes every replica (targets up)", True)
    except StagingError:
        check("Prometheus scrapes every replica (targets up)", False, http("GET", state["prometheus"] + "/api/v1/targets")[1])
    status, body = http("GET", state["prometheus"] + "/api/v1/rules")
    groups = json.loads(body)["data"]["groups"] if status == 200 else []
    alerts = [rule["name"] for group in groups for rule in group["rules"] if rule["type"] == "alerting"]
    check(f"Prometheus loaded the alert rules ({len(alerts)})", len(alerts) >= 4, body)
    if failures:
        raise StagingError(f"smoke: {len(failures)} check(s) failed: {', '.join(failures)}")
    log("smoke: every check passed")


def down():
    if not STATE_FILE.exists():
        log(f"nothing to stop (no {shown(STATE_FILE)})")
        return
    state = load_state()
    parts = list(state.get("processes", {}).items())[::-1]
    parts += [(f"replica {index}", replica["pid"]) for index, replica in enumerate(state.get("replicas", []), 1) if replica.get("pid")]
    for name, pid in parts:
        if not alive(pid):
            log(f"{name} (pid {pid}) was not running (or the pid is no longer this staging's): left alone")
            continue
        took = stop(pid, grace=10 if name in ("nginx", "prometheus") else 20)
        log(f"{name} (pid {pid}) stopped in {took:.2f} s")
    STATE_FILE.unlink()
    log(f"down; the database {state.get('database_url', DATABASE).rsplit('/', 1)[-1].split('?')[0]} and the logs in "
        f"{shown(STATE_DIR)}/ stay for inspection (up makes them afresh)")


def main(argv):
    commands = {"up": up, "smoke": smoke, "down": down}
    if not argv or any(a not in (*commands, "drill", "--short", "capacity") for a in argv):
        print(__doc__, file=sys.stderr)
        return 2
    os.chdir(ROOT)
    # drills.py and capacity.py import this file as `staging`: the same module, not a second copy
    # (whose StagingError the except below would not catch).
    sys.modules.setdefault("staging", sys.modules[__name__])
    index = 0
    while index < len(argv):
        command = argv[index]
        index += 1
        try:
            if command == "drill":
                short = index < len(argv) and argv[index] == "--short"
                index += short
                sys.path.insert(0, str(pathlib.Path(__file__).parent))
                import drills
                if not drills.run(load_state(), short=short):
                    return 1
            elif command == "capacity":
                sys.path.insert(0, str(pathlib.Path(__file__).parent))
                import capacity
                capacity.run(load_state())
            elif command == "--short":
                print("staging: --short goes after drill", file=sys.stderr)
                return 2
            else:
                commands[command]()
        except StagingError as error:
            print(f"staging: {command} FAILED: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
