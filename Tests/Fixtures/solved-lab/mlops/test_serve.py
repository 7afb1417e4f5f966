"""End-to-end tests of serve.py on a free port: python3 -m unittest -v"""

import json
import threading
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from model import Model
from serve import ModelServer

HERE = Path(__file__).resolve().parent


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.server = ModelServer(("127.0.0.1", 0), Model.load(HERE / "model.json"), max_batch=4)
        cls.base = f"http://127.0.0.1:{cls.server.server_port}"
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.shutdown()
        cls.server.server_close()

    def post(self, body: object) -> tuple[int, dict]:
        request = urllib.request.Request(
            self.base + "/predict", data=json.dumps(body).encode(), method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def test_health(self) -> None:
        with urllib.request.urlopen(self.base + "/health", timeout=5) as response:
            self.assertEqual(response.status, 200)
            self.assertEqual(response.read(), b'{"status":"ok"}')

    def test_ready_names_the_model(self) -> None:
        with urllib.request.urlopen(self.base + "/ready", timeout=5) as response:
            self.assertEqual(response.status, 200)
            body = json.load(response)
        self.assertEqual(body["status"], "ready")
        self.assertEqual(body["version"], "0.1.0")

    def test_not_ready_while_loading(self) -> None:
        server = ModelServer(("127.0.0.1", 0), None, max_batch=4)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with self.assertRaises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/ready", timeout=5)
            self.assertEqual(raised.exception.code, 503)
            with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/health", timeout=5) as r:
                self.assertEqual(r.status, 200)  # alive, just not ready
        finally:
            server.shutdown()
            server.server_close()

    def test_predict_batch(self) -> None:
        status, body = self.post({"inputs": [[0.5, 0.1, 0], [7.0, 1.5, 20]]})
        self.assertEqual(status, 200)
        self.assertEqual([p["label"] for p in body["predictions"]], [0, 1])

    def test_rejects_wrong_shape(self) -> None:
        status, body = self.post({"inputs": [[1, 2]]})
        self.assertEqual(status, 400)
        self.assertIn("inputs[0]", body["error"])

    def test_rejects_oversized_batch(self) -> None:
        status, _ = self.post({"inputs": [[1, 1, 1]] * 5})
        self.assertEqual(status, 413)


if __name__ == "__main__":
    unittest.main()
