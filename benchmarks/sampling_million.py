"""Benchmark: a 1,000,000-row population imported, checked, made eligible and sampled.

Target (issue "Eligible population import and the stratified case sample"): no more than 3x the
time `pandas.read_csv` takes to read the same file, measured side by side in one run, and peak
memory under 500 MB. Run:  python benchmarks/sampling_million.py [--rows N] [--rounds R]

Two files are measured, and both must meet the targets: the generated export (sorted by a
fixed-width reference) and a copy with its rows shuffled and references of varying length, so
that no fast path for tidy exports flatters the result.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

FIELDWORK = date(2026, 6, 1)
TIME_RATIO_TARGET = 3.0
MEMORY_TARGET_MB = 500

_PIPELINE = """
import json, sys, time
from datetime import date
from yjinspect.frameworks import load_framework
from yjinspect.sampling.draw import draw_sample
from yjinspect.sampling.population import read_population
rules = load_framework("hmip-yos-2018").sampling
start = time.perf_counter()
population = read_population(sys.argv[1])
drawn = draw_sample(population, rules, date.fromisoformat(sys.argv[2]), seed=1)
seconds = time.perf_counter() - start
# VmHWM belongs to this process image; ru_maxrss would include the parent's peak (fork).
status = open("/proc/self/status").read()
peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "sampled": len(drawn.sample)}))
"""


def pipeline_seconds(path: Path) -> float:
    from yjinspect.frameworks import load_framework
    from yjinspect.sampling.draw import draw_sample
    from yjinspect.sampling.population import read_population

    rules = load_framework("hmip-yos-2018").sampling
    start = time.perf_counter()
    population = read_population(path)
    draw_sample(population, rules, FIELDWORK, seed=1)
    return time.perf_counter() - start


def pandas_seconds(path: Path) -> float:
    import pandas as pd

    start = time.perf_counter()
    pd.read_csv(path)
    return time.perf_counter() - start


def untidy_copy(path: Path, out: Path) -> None:
    """The same cases, rows shuffled, references of varying length ('YJ-8', 'YJ-6999995')."""
    import numpy as np
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    rng = np.random.default_rng(7)
    frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    frame["case_ref"] = [f"YJ-{n}" for n in rng.permutation(len(frame)) * 7 + 1]
    frame.to_csv(out, index=False)


def measure(path: Path, rounds: int) -> tuple[float, float, dict]:
    """Medians of pandas and of the pipeline, alternating, and a fresh process's peak memory."""
    pandas_seconds(path), pipeline_seconds(path)  # warm the file cache and imports
    ours, theirs = [], []
    for _ in range(rounds):  # alternate, so both see the same machine state
        theirs.append(pandas_seconds(path))
        ours.append(pipeline_seconds(path))
    fresh = subprocess.run(
        [sys.executable, "-c", _PIPELINE, str(path), FIELDWORK.isoformat()],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return statistics.median(theirs), statistics.median(ours), json.loads(fresh.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from yjinspect.sampling.synthetic import write_synthetic

    met = True
    with tempfile.TemporaryDirectory() as folder:
        tidy, untidy = Path(folder) / "population.csv", Path(folder) / "shuffled.csv"
        started = time.perf_counter()
        write_synthetic(tidy, args.rows, FIELDWORK, seed=1)
        untidy_copy(tidy, untidy)
        size_mb = tidy.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(
            f"generated {args.rows:,} rows ({size_mb:.0f} MB) and a shuffled copy in {took:.1f} s"
        )
        for label, path in (("generated, sorted", tidy), ("shuffled, varying references", untidy)):
            pandas_median, ours_median, memory = measure(path, args.rounds)
            ratio = ours_median / pandas_median
            ok = ratio <= TIME_RATIO_TARGET and memory["peak_mb"] < MEMORY_TARGET_MB
            met = met and ok
            print(f"{label}:")
            print(f"  pandas.read_csv: {pandas_median:.3f} s (median of {args.rounds})")
            print(f"  yjinspect import, checks, eligibility, sample: {ours_median:.3f} s (median)")
            print(f"  ratio: {ratio:.2f}x (target at most {TIME_RATIO_TARGET:.1f}x)")
            print(
                f"  peak memory of a fresh process: {memory['peak_mb']:.0f} MB "
                f"(target under {MEMORY_TARGET_MB} MB); sampled {memory['sampled']} cases"
            )
    print("targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
