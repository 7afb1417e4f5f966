"""A tiny logistic-regression model read from model.json.

Small enough to read in a minute, real enough to serve, batch and evaluate:
swap it for a real model later and keep the interface, `predict(rows)`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path


class Model:
    def __init__(self, spec: dict) -> None:
        self.name: str = spec["name"]
        self.version: str = spec["version"]
        self.features: list[str] = list(spec["features"])
        self.weights: list[float] = [float(w) for w in spec["weights"]]
        self.bias: float = float(spec["bias"])
        self.threshold: float = float(spec.get("threshold", 0.5))
        if len(self.weights) != len(self.features):
            raise ValueError("model: one weight per feature expected")

    @classmethod
    def load(cls, path: str | Path) -> "Model":
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def metadata(self) -> dict:
        return {"name": self.name, "version": self.version, "features": self.features}

    def predict(self, rows: list) -> list[dict]:
        """Score a batch: one row of len(features) numbers per input."""
        return [self._predict_one(row, i) for i, row in enumerate(rows)]

    def _predict_one(self, row: object, index: int) -> dict:
        if not isinstance(row, list) or len(row) != len(self.features):
            raise ValueError(
                f"inputs[{index}]: expected a list of {len(self.features)} numbers "
                f"({', '.join(self.features)})"
            )
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in row):
            raise ValueError(f"inputs[{index}]: every feature must be a number")
        z = self.bias + sum(w * float(x) for w, x in zip(self.weights, row))
        score = 1.0 / (1.0 + math.exp(-z)) if z >= -700 else 0.0
        return {"score": round(score, 6), "label": int(score >= self.threshold)}
