"""Run every benchmark in this folder, one after another, and say which missed its target.

Each benchmark is a script that prints its measurements and ratio and exits 1 on a miss; this
runs them all in turn (so they never compete for the machine) and exits 1 if any missed.
Run:  python benchmarks/run.py [NAME ...]   (names without .py; all of them by default)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks(names: list[str]) -> list[Path]:
    found = sorted(path for path in HERE.glob("*.py") if path.name != Path(__file__).name)
    if not names:
        return found
    by_name = {path.stem: path for path in found}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        sys.exit(f"no benchmark named {', '.join(unknown)}; there are {', '.join(by_name)}")
    return [by_name[name] for name in names]


def main() -> int:
    outcomes = {}
    for script in benchmarks(sys.argv[1:]):
        print(f"== {script.stem}", flush=True)
        start = time.perf_counter()
        outcome = subprocess.run([sys.executable, str(script)], check=False)
        took = time.perf_counter() - start
        outcomes[script.stem] = outcome.returncode
        verdict = "met" if outcome.returncode == 0 else f"MISSED (exit {outcome.returncode})"
        print(f"== {script.stem}: {verdict} in {took:.0f} s\n", flush=True)
    missed = [name for name, code in outcomes.items() if code != 0]
    print(f"{len(outcomes) - len(missed)} of {len(outcomes)} benchmarks met their targets")
    if missed:
        print("missed: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
