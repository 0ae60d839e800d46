#!/usr/bin/env python3
"""The slow and idle client drill against a real `sphery-engine serve` (run by
scripts/drills/slow-clients.sh, which prepares a database and models). Standard library only.

Phases, each against a fresh server on a free loopback port:
  1. trickling clients (bodies and heads, one byte every --trickle-interval) get 408 at the
     request timeout, while normal requests are answered at once;
  2. more idle connections than --max-connections: normal requests made while they are held
     are answered within a bound (the idle timeout closes the held ones, the waiting ones are
     accepted in turn);
  3. SIGTERM with a trickling client: the process exits within the shutdown grace period;
  4. an open-file limit (RLIMIT_NOFILE, like `ulimit -n`) below the idle connections opened:
     the server never spins (its CPU time stays low while they are held), keeps its
     descriptors under the limit, and answers again once they close.

Prints each measured figure and a summary line; exits 1 if any check failed.
"""
import argparse
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ANALYZE_BODY = json.dumps(
    {"game_mode": "DualFlow", "difficulty": -1, "duration_minutes": 10, "score": 150000, "age": 25.5, "startSpeed": 5.0}
).encode()
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
failures = []


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="the sphery-engine binary")
    parser.add_argument("--db", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--short", action="store_true", help="fewer clients and shorter waits (under a minute)")
    parser.add_argument("--logs", default=tempfile.gettempdir(), help="folder for the servers' logs")
    return parser.parse_args()


def check(condition, what):
    print(("  ok    " if condition else "  FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `serve` process with its own log, optionally under an open-file limit."""

    def __init__(self, args, name, options, open_files=None):
        self.port = free_port()
        self.log_path = os.path.join(args.logs, f"slow-clients-{name}.log")
        command = [args.bin, "serve", "--db", args.db, "--models", args.models, "--port", str(self.port), *options]
        limit = (lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))) if open_files else None
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"serve exited at start ({self.process.returncode}); see {self.log_path}")
            try:
                if request(self.port, "GET", "/health", timeout=1)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        sys.exit(f"serve did not answer /health within 60 s; see {self.log_path}")

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def open_descriptors(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def log_line(self, message, timeout=2):
        """The first log line whose message starts with `message`, waiting up to `timeout` (the
        server writes its log in batches a few times a second); None if none came."""
        deadline = time.monotonic() + timeout
        while True:
            with open(self.log_path) as log:
                lines = [json.loads(line) for line in log if line.startswith("{")]
            found = next((line for line in lines if line.get("message", "").startswith(message)), None)
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    def stop(self):
        """SIGTERM; returns the seconds until the process exited and its exit status."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
        return time.monotonic() - started, status


def request(port, method, path, body=None, timeout=15):
    """One request on a new connection: (status, seconds)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    finally:
        connection.close()


def read_answer(sock, timeout):
    """What arrives until the server closes the connection or `timeout` passes: (status or None, error code, seconds)."""
    started = time.monotonic()
    sock.settimeout(timeout)
    received = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    except (socket.timeout, ConnectionError):
        pass
    status, code = None, None
    if received.startswith(b"HTTP/1.1 "):
        status = int(received[9:12])
        body = received.split(b"\r\n\r\n", 1)[1]
        try:
            code = json.loads(body)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            pass
    return status, code, time.monotonic() - started


def trickle(port, head, rest, interval, results, limit):
    """Sends `head`, then `rest` a byte every `interval`, until the server answers; records (status, code, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head)
        sock.settimeout(interval)
        for byte in rest:
            try:
                sock.sendall(bytes([byte]))
                sock.recv(1, socket.MSG_PEEK)  # an answer, or the close: the server has cut the request off
                break
            except socket.timeout:
                pass
            except OSError:
                break
            if time.monotonic() - started > limit:
                break
        status, code, _ = read_answer(sock, 2)
    results.append((status, code, time.monotonic() - started))


def body_trickler(port, interval, results, limit):
    head = b"POST /v1/analyze HTTP/1.1\r\nHost: drill\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    return threading.Thread(target=trickle, args=(port, head, b" " * 1000, interval, results, limit), daemon=True)


def head_trickler(port, interval, results, limit):
    head = b"GET /health HTTP/1.1\r\nHost: drill\r\n"
    return threading.Thread(target=trickle, args=(port, head, b"X-Slow: " + b"a" * 1000, interval, results, limit), daemon=True)


def normal_requests(port, seconds, interval, results):
    """Alternates /health and /v1/analyze on new connections for `seconds`; records (status, latency)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for method, path, body in (("GET", "/health", None), ("POST", "/v1/analyze", ANALYZE_BODY)):
            try:
                results.append(request(port, method, path, body, timeout=30))
            except OSError as error:
                results.append((f"error {error}", None))
        time.sleep(interval)


def open_idle(port, count):
    """Opens `count` connections that send nothing; returns them and how many could not connect."""
    sockets, failed = [], 0
    for _ in range(count):
        sock = socket.socket()
        sock.settimeout(2)
        try:
            sock.connect(("127.0.0.1", port))
            sockets.append(sock)
        except OSError:
            sock.close()
            failed += 1
    return sockets, failed


def closed_by_server(sock):
    """Whether the server has closed `sock` (without waiting)."""
    try:
        return sock.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def serve_options(plan, **overrides):
    """The command-line options of `serve` for the plan, with `overrides` (e.g. idle_timeout=60)."""
    settings = {key: plan[key] for key in ("request_timeout", "idle_timeout", "max_connections", "shutdown_grace")}
    settings.update(overrides)
    return [option for key, value in settings.items() for option in ("--" + key.replace("_", "-"), str(value))]


def figures(values):
    values = sorted(values)
    if not values:
        return "none"
    return f"min {values[0]:.2f} s, median {values[len(values) // 2]:.2f} s, max {values[-1]:.2f} s"


def phase_trickling(args, plan):
    print(f"1. {plan['tricklers']} body and 1 head tricklers (a byte every {plan['trickle_interval']} s), "
          f"request timeout {plan['request_timeout']} s")
    server = Server(args, "trickle", serve_options(plan))
    try:
        timeout = plan["request_timeout"]
        results, normal = [], []
        threads = [body_trickler(server.port, plan["trickle_interval"], results, timeout * 4)
                   for _ in range(plan["tricklers"])]
        threads.append(head_trickler(server.port, plan["trickle_interval"], results, timeout * 4))
        for thread in threads:
            thread.start()
        normal_requests(server.port, timeout + 1, 0.05, normal)
        for thread in threads:
            thread.join(timeout * 4 + 5)
        times = [seconds for status, code, seconds in results]
        print(f"  time to 408: {figures(times)}")
        cut_off = sum(1 for status, code, _ in results if (status, code) == (408, "request_timeout"))
        others = [(status, code) for status, code, _ in results if (status, code) != (408, "request_timeout")]
        check(cut_off == len(threads), f"every trickling client got 408 request_timeout ({cut_off} of {len(threads)}; "
              f"others: {others or 'none'})")
        check(all(timeout - 0.1 <= seconds <= timeout + 1.5 for seconds in times),
              f"each was cut off at the request timeout ({timeout} s, +1.5 s at most)")
        latencies = [seconds for status, seconds in normal if status == 200]
        print(f"  normal requests meanwhile: {len(latencies)} answered, latency {figures(latencies)}")
        check(len(latencies) == len(normal) and max(latencies) < 0.5,
              "every normal request was answered within 0.5 s while the tricklers were held")
    finally:
        server.stop()


def phase_idle(args, plan):
    count, maximum, idle = plan["idle_connections"], plan["max_connections"], plan["idle_timeout"]
    print(f"2. {count} idle connections, --max-connections {maximum}, idle timeout {idle} s")
    server = Server(args, "idle", serve_options(plan))
    try:
        sockets, failed = open_idle(server.port, count)
        normal = []
        normal_requests(server.port, 1, 0.2, normal)
        bound = (count // maximum + 1) * idle + 2
        latencies = [seconds for status, seconds in normal if status == 200]
        print(f"  opened {len(sockets)} ({failed} not connected); normal requests while held: "
              f"{len(latencies)} of {len(normal)} answered, latency {figures(latencies)}")
        check(len(latencies) == len(normal) and max(latencies) <= bound,
              f"every normal request was answered within {bound} s ((idle / max + 1) × idle timeout + 2 s)")
        time.sleep(idle + 0.5)
        closed = sum(1 for sock in sockets if closed_by_server(sock))
        print(f"  {closed} of {len(sockets)} idle connections closed by the server")
        check(closed >= min(maximum, len(sockets)), "the idle timeout closed the idle connections")
        for sock in sockets:
            sock.close()
        status, seconds = request(server.port, "GET", "/health")
        check(status == 200 and seconds < 0.5, f"answered at once after they closed ({seconds:.3f} s)")
    finally:
        server.stop()


def phase_shutdown(args, plan):
    grace = plan["shutdown_grace"]
    print(f"3. SIGTERM with a trickling client, shutdown grace {grace} s (request timeout {plan['slow_request_timeout']} s)")
    server = Server(args, "shutdown", serve_options(plan, request_timeout=plan["slow_request_timeout"]))
    results = []
    trickler = body_trickler(server.port, plan["trickle_interval"], results, 60)
    trickler.start()
    time.sleep(1)
    seconds, status = server.stop()
    print(f"  shutdown took {seconds:.2f} s, exit status {status}")
    check(status == 0, "serve exited with status 0")
    check(seconds <= grace + 1.5, f"serve exited within the grace period ({grace} s, +1.5 s at most)")
    check(server.log_line("the shutdown grace period ran out", timeout=0) is not None,
          "a notice said the grace period ran out")
    trickler.join(5)


def phase_open_files(args, plan):
    limit, count = plan["open_files"], plan["fd_connections"]
    print(f"4. open-file limit {limit}, {count} idle connections held, default --max-connections")
    server = Server(args, "open-files", serve_options(plan, idle_timeout=60, max_connections=4096), open_files=limit)
    try:
        maximum = int(server.log_line("serving")["max_connections"])
        print(f"  the server lowered --max-connections to {maximum}")
        check(maximum < limit, "the connection limit fits under the open-file limit")
        sockets, failed = open_idle(server.port, count)
        time.sleep(1)
        before = server.cpu_seconds()
        time.sleep(3)
        busy = server.cpu_seconds() - before
        descriptors = server.open_descriptors()
        print(f"  held {len(sockets)} ({failed} not connected): CPU {busy:.2f} s in 3 s, {descriptors} descriptors open")
        check(busy < 0.3, "no busy loop while the connections are held (CPU < 0.3 s in 3 s)")
        check(descriptors < limit, "the server's descriptors stay under the limit")
        check(server.log_line("connection limit reached") is not None, "a warning said the connection limit was reached")
        for sock in sockets:
            sock.close()
        started = time.monotonic()
        answered = None
        while time.monotonic() - started < 10:
            try:
                if request(server.port, "GET", "/health", timeout=2)[0] == 200:
                    answered = time.monotonic() - started
                    break
            except OSError:
                time.sleep(0.1)
        print(f"  answered again {answered:.2f} s after they closed" if answered is not None else "  not answered again")
        check(answered is not None and answered < 5, "the server recovered within 5 s")
        before = server.cpu_seconds()
        time.sleep(2)
        idle_cpu = server.cpu_seconds() - before
        print(f"  CPU while idle afterwards: {idle_cpu:.2f} s in 2 s")
        check(idle_cpu < 0.2, "idle afterwards (CPU < 0.2 s in 2 s)")
    finally:
        server.stop()


def main():
    args = parse_arguments()
    short = args.short
    plan = {
        "request_timeout": 2 if short else 5,
        # above the request timeout (as the defaults are), else the idle timeout closes a
        # connection whose head trickles in before the request timeout can answer it
        "idle_timeout": 3 if short else 8,
        "max_connections": 50 if short else 200,
        "shutdown_grace": 3 if short else 10,
        "slow_request_timeout": 30 if short else 60,
        "tricklers": 5 if short else 20,
        "trickle_interval": 0.5 if short else 2,
        "idle_connections": 120 if short else 600,
        "open_files": 256 if short else 1024,
        "fd_connections": 400 if short else 1100,
    }
    started = time.monotonic()
    for phase in (phase_trickling, phase_idle, phase_shutdown, phase_open_files):
        phase(args, plan)
    print(f"slow-clients drill: {'FAILED: ' + '; '.join(failures) if failures else 'passed'} "
          f"({time.monotonic() - started:.0f} s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
