"""The extractor's scores never fall below the pinned floors (which only rise: see bench/eval_gate.py).

Gold sets: the shared one (the seed and real articles from other outlets), and five written for this
project in other outlets' shapes (heldout, probes_a, probes_b, probes_c, probes_d; see bench/eval_gate.py). All need
../shared/eval/score.py and skip cleanly without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
HERE = Path(__file__).parent
FLOORS: dict[str, dict[str, float]] = json.loads(Path(__file__).with_name("quality_floors.json").read_text())
PROJECT_SETS = ("heldout", "probes_a", "probes_b", "probes_c", "probes_d")
GOLD_SETS = {
    "shared": (SHARED / "eval" / "gold", SHARED),
    **{name: (HERE / name / "gold", HERE / name) for name in PROJECT_SETS},
}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside this checkout")


def run_scorer(gold: Path, root: Path) -> dict[str, float]:
    proc = subprocess.run(
        [
            sys.executable, str(SCORER), "--gold", str(gold), "--root", str(root),
            "--cmd", f"{sys.executable} -m claimscope extract --compact", "--json",
        ],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(proc.stdout)
    assert report["failures"] == []
    return {k: v for k, v in report["totals"].items() if isinstance(v, int | float)}


@pytest.fixture(scope="module")
def totals() -> dict[str, dict[str, float]]:
    return {name: run_scorer(gold, root) for name, (gold, root) in GOLD_SETS.items()}


CASES = [(name, metric) for name, floors in sorted(FLOORS.items()) for metric in sorted(floors)]


@pytest.mark.parametrize(("gold_set", "metric"), CASES, ids=[f"{a}.{b}" for a, b in CASES])
def test_score_is_not_below_floor(totals: dict[str, dict[str, float]], gold_set: str, metric: str) -> None:
    got = totals[gold_set].get(metric, 0.0)
    floor = FLOORS[gold_set][metric]
    assert got >= floor - 1e-9, f"{gold_set} {metric} fell to {got} (floor {floor})"
