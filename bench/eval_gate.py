"""Score the extractor on the shared gold and compare with the floors in tests/extract/quality_floors.json.

    python bench/eval_gate.py            # print scores and floors; exit 1 if a score is below its floor
    python bench/eval_gate.py --raise    # also raise every floor to today's score (floors never go down)

The floors only rise: ``--raise`` keeps max(old floor, new score), so a later change cannot quietly lower
the quality that a test once guaranteed (the idea of trafilatura's eval gate).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FLOORS = REPO / "tests" / "extract" / "quality_floors.json"


def score() -> dict[str, float]:
    """Run shared/eval/score.py with this interpreter's claimscope and return its totals."""
    proc = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold", str(SHARED / "eval" / "gold"),
            "--root", str(SHARED),
            "--cmd", f"{sys.executable} -m claimscope extract --compact",
            "--json",
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
    totals = score()
    floors: dict[str, float] = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    below = [k for k, v in floors.items() if totals.get(k, 0.0) + 1e-9 < v]
    for key in sorted(totals):
        print(f"{key:20} {totals[key]:.3f}  floor {floors.get(key, 0.0):.3f}")
    if args.raise_floors:
        new = {k: round(max(floors.get(k, 0.0), v), 3) for k, v in totals.items()}
        FLOORS.write_text(json.dumps(dict(sorted(new.items())), indent=2) + "\n")
        print(f"floors written to {FLOORS}")
    if below:
        print("below floor: " + ", ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
