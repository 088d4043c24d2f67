"""Score the extractor on gold sets and compare with the floors in tests/extract/quality_floors.json.

    python bench/eval_gate.py            # print scores and floors; exit 1 if a score is below its floor
    python bench/eval_gate.py --raise    # also raise every floor to today's score (floors never go down)

Gold sets: ``shared`` (../shared/eval/gold: the seed and real articles from other outlets); ``heldout``
(tests/extract/heldout: articles written for this project in other outlets' shapes, never used to write
rules); ``probes_a`` and ``probes_b`` (tests/extract/probes_*: more such articles, annotated before the
extractor ever ran on them; rules were tuned on probes_a and checked on probes_b, then tuned on both and
checked on ``probes_c``, written and committed before the extractor first ran on it; never tune and score
on the same set in one pass). The second round tuned on probes_a, b and c and checked on ``probes_d``, also
written and committed before the extractor first ran on it.
Floors only rise: ``--raise`` keeps max(old floor, new score), so a later change
cannot quietly lower the quality that a test once guaranteed (the idea of trafilatura's eval gate).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOORS = REPO / "tests" / "extract" / "quality_floors.json"
GOLD_SETS = {
    "shared": (SHARED / "eval" / "gold", SHARED),
    **{name: (REPO / "tests" / "extract" / name / "gold", REPO / "tests" / "extract" / name)
       for name in ("heldout", "probes_a", "probes_b", "probes_c", "probes_d")},
}


def score(gold: Path, root: Path) -> dict[str, float]:
    """Run score.py with this interpreter's claimscope on one gold set and return its totals."""
    proc = subprocess.run(
        [
            sys.executable, str(SCORER), "--gold", str(gold), "--root", str(root),
            "--cmd", f"{sys.executable} -m claimscope extract --compact", "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(proc.stdout)
    if report["failures"]:
        raise SystemExit("extractor failed: " + "; ".join(report["failures"]))
    return {k: v for k, v in report["totals"].items() if isinstance(v, int | float)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raise", dest="raise_floors", action="store_true", help="raise floors to today's scores")
    args = parser.parse_args()
    floors: dict[str, dict[str, float]] = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    below = []
    for name, (gold, root) in GOLD_SETS.items():
        totals = score(gold, root)
        old = floors.get(name, {})
        for key in sorted(totals):
            flag = "  BELOW" if totals[key] + 1e-9 < old.get(key, 0.0) else ""
            print(f"{name:8} {key:18} {totals[key]:.3f}  floor {old.get(key, 0.0):.3f}{flag}")
            if flag:
                below.append(f"{name}.{key}")
        if args.raise_floors:
            floors[name] = {k: round(max(old.get(k, 0.0), v), 3) for k, v in sorted(totals.items())}
    if args.raise_floors:
        FLOORS.write_text(json.dumps(floors, indent=2) + "\n")
        print(f"floors written to {FLOORS}")
    if below:
        print("below floor: " + ", ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
