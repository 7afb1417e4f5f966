"""Serve the model over HTTP with the Python standard library.

    GET  /health    liveness: {"status":"ok"}
    GET  /ready     readiness: 200 once the model is loaded, 503 before
    GET  /metadata  the model's name, version and features
    POST /predict   {"inputs": [[...], ...]}  ->  {"model", "version", "predictions"}

Environment: HOST (127.0.0.1), PORT (8000), MODEL_PATH (model.json beside this file),
MAX_BATCH (64).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from model import Model

MAX_BODY_BYTES = 1 << 20


class Handler(BaseHTTPRequestHandler):
    server: "ModelServer"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes. With Nagle's algorithm on, the second
    # waits for the client's delayed ACK of the first: +40 ms on every keep-alive request.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        if self.path == "/health":
            self._reply(HTTPStatus.OK, {"status": "ok"})
        elif self.path == "/ready":
            model = self.server.model
            if model is None:
                self._reply(HTTPStatus.SERVICE_UNAVAILABLE, {"status": "loading"})
            else:
                self._reply(
                    HTTPStatus.OK, {"status": "ready", "model": model.name, "version": model.version}
                )
        elif self.path == "/metadata":
            model = self.server.model
            if model is None:
                self._reply(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "model not loaded yet"})
            else:
                self._reply(HTTPStatus.OK, model.metadata())
        else:
            self._reply(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def do_POST(self) -> None:
        started = time.perf_counter()
        if self.path != "/predict":
            self._reply(HTTPStatus.NOT_FOUND, {"error": "not found"}, close=True)
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._reply(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length required"}, close=True)
            return
        if length > MAX_BODY_BYTES:
            self._reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "body too large"}, close=True)
            return
        try:
            inputs = json.loads(self.rfile.read(length))["inputs"]
        except (ValueError, KeyError, TypeError):
            self._reply(HTTPStatus.BAD_REQUEST, {"error": 'expected JSON {"inputs": [[...], ...]}'})
            return
        if not isinstance(inputs, list) or not inputs:
            self._reply(HTTPStatus.BAD_REQUEST, {"error": "inputs must be a non-empty list"})
            return
        if len(inputs) > self.server.max_batch:
            self._reply(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                {"error": f"batch of {len(inputs)} exceeds MAX_BATCH={self.server.max_batch}"},
            )
            return
        model = self.server.model
        if model is None:
            self._reply(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "model not loaded yet"})
            return
        try:
            predictions = model.predict(inputs)
        except ValueError as e:
            self._reply(HTTPStatus.BAD_REQUEST, {"error": str(e)})
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        self._reply(
            HTTPStatus.OK,
            {"model": model.name, "version": model.version, "predictions": predictions},
            extra={"batch": len(inputs), "ms": round(elapsed_ms, 3)},
        )

    def _reply(
        self, status: HTTPStatus, body: dict, extra: dict | None = None, close: bool = False
    ) -> None:
        data = json.dumps(body, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if close:
            # The request body was not read: the connection cannot carry another request.
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)
        # One JSON line per request: easy to grep, easy to ship to a log pipeline.
        record = {"method": self.command, "path": self.path, "status": int(status), **(extra or {})}
        print(json.dumps(record, separators=(",", ":")), file=sys.stderr, flush=True)

    def log_message(self, fmt: str, *args: object) -> None:
        pass  # replaced by the JSON line in _reply


class ModelServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], model: Model | None, max_batch: int) -> None:
        super().__init__(address, Handler)
        self.model = model  # None while loading: /health answers, /ready says 503
        self.max_batch = max_batch

    def load_in_background(self, path: str | Path) -> threading.Thread:
        """Load the model on a thread so that /health answers while big weights load."""

        def load() -> None:
            model = Model.load(path)
            self.model = model
            print(f"model {model.name} {model.version} loaded", file=sys.stderr, flush=True)

        thread = threading.Thread(target=load, daemon=True)
        thread.start()
        return thread


def main() -> None:
    here = Path(__file__).resolve().parent
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    server = ModelServer((host, port), None, int(os.environ.get("MAX_BATCH", "64")))
    server.load_in_background(os.environ.get("MODEL_PATH", here / "model.json"))
    # SIGTERM (docker stop, kubectl delete): stop accepting, then exit.
    signal.signal(
        signal.SIGTERM,
        lambda *_: threading.Thread(target=server.shutdown, daemon=True).start(),
    )
    print(f"listening on {host}:{server.server_port}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
