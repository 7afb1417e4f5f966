"""A tiny HTTP service to containerise: GET /health, GET / and GET /metrics.

Logs one JSON object per line on stderr: every line has ts, level and msg; request
lines add method, path, status, duration_ms and request_id. /metrics exposes request
counts and latencies in the Prometheus text format (the SLIs of docs/system-design/slo.md).
"""

import json
import os
import re
import signal
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = os.environ.get("APP_VERSION", "dev")
# Accept a caller's request ID only if it looks like one: it ends up in our logs.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
_log_lock = threading.Lock()


class Metrics:
    """Request counters and a latency histogram, rendered in Prometheus text format."""

    BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str], int] = {}
        self._buckets = [0] * len(self.BUCKETS)
        self._count = 0
        self._sum = 0.0

    def observe(self, method: str, status: int, seconds: float) -> None:
        with self._lock:
            key = (method, str(status))
            self._requests[key] = self._requests.get(key, 0) + 1
            self._count += 1
            self._sum += seconds
            for i, bound in enumerate(self.BUCKETS):
                if seconds <= bound:
                    self._buckets[i] += 1

    def render(self) -> str:
        with self._lock:
            lines = [
                "# HELP http_requests_total HTTP requests served, by method and status code.",
                "# TYPE http_requests_total counter",
            ]
            for (method, code), n in sorted(self._requests.items()):
                lines.append(f'http_requests_total{{method="{method}",code="{code}"}} {n}')
            lines += [
                "# HELP http_request_duration_seconds Time to serve a request.",
                "# TYPE http_request_duration_seconds histogram",
            ]
            for bound, n in zip(self.BUCKETS, self._buckets):
                lines.append(f'http_request_duration_seconds_bucket{{le="{bound}"}} {n}')
            lines.append(f'http_request_duration_seconds_bucket{{le="+Inf"}} {self._count}')
            lines.append(f"http_request_duration_seconds_sum {self._sum}")
            lines.append(f"http_request_duration_seconds_count {self._count}")
            return "\n".join(lines) + "\n"


METRICS = Metrics()


def log(level: str, msg: str, **fields) -> None:
    event = {
        "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "level": level,
        "msg": msg,
        **fields,
    }
    line = json.dumps(event, separators=(",", ":"), default=str)
    with _log_lock:  # one writer at a time: lines from two threads never interleave
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


class Handler(BaseHTTPRequestHandler):
    server_version = "app/" + VERSION

    def do_GET(self) -> None:
        started = time.perf_counter()
        supplied = self.headers.get("X-Request-ID", "")
        request_id = supplied if REQUEST_ID.match(supplied) else uuid.uuid4().hex
        if self.path == "/metrics":
            self._send_metrics()
            return
        if self.path == "/health":
            status, body = 200, {"status": "ok"}
        elif self.path == "/":
            status, body = 200, {"service": "app", "version": VERSION}
        else:
            status, body = 404, {"error": "not found"}
        self._send(status, body, request_id)
        elapsed = time.perf_counter() - started
        METRICS.observe(self.command, status, elapsed)
        log(
            "warning" if status >= 400 else "info",
            "request",
            method=self.command,
            path=self.path,
            status=status,
            duration_ms=round(elapsed * 1000, 3),
            request_id=request_id,
            client=self.client_address[0],
        )

    def _send(self, status: int, body: dict, request_id: str) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Request-ID", request_id)
        self.end_headers()
        self.wfile.write(data)

    def _send_metrics(self) -> None:
        # Scrapes are neither counted nor logged: they would drown the real traffic.
        data = METRICS.render().encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_request(self, code="-", size="-") -> None:
        pass  # do_GET logs each request itself, with more fields

    def log_message(self, fmt: str, *args) -> None:
        # what http.server still reports (malformed requests, mostly), as JSON too
        log("warning", fmt % args, client=self.client_address[0])


def main() -> None:
    port = int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    # `docker stop` sends SIGTERM: finish cleanly instead of being killed after 10 s.
    # shutdown() waits for serve_forever() to return, so it must run on another thread.
    signal.signal(
        signal.SIGTERM,
        lambda *_: threading.Thread(target=server.shutdown, daemon=True).start(),
    )
    log("info", "listening", port=port, version=VERSION)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        log("info", "stopped")


if __name__ == "__main__":
    main()
