"""The extractor's scores on the shared gold never fall below the pinned floors (which only rise)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOORS = Path(__file__).with_name("quality_floors.json")

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside this checkout")


@pytest.fixture(scope="module")
def totals() -> dict[str, float]:
    proc = subprocess.run(
        [
            sys.executable, str(SCORER),
            "--gold", str(SHARED / "eval" / "gold"),
            "--root", str(SHARED),
            "--cmd", f"{sys.executable} -m claimscope extract --compact",
            "--json",
        ],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(proc.stdout)
    assert report["failures"] == []
    return {k: v for k, v in report["totals"].items() if isinstance(v, int | float)}


FLOOR_VALUES: dict[str, float] = json.loads(FLOORS.read_text())


@pytest.mark.parametrize("metric", sorted(FLOOR_VALUES))
def test_score_is_not_below_floor(totals: dict[str, float], metric: str) -> None:
    assert totals.get(metric, 0.0) >= FLOOR_VALUES[metric] - 1e-9, (
        f"{metric} fell to {totals.get(metric)} (floor {FLOOR_VALUES[metric]})"
    )
