"""Benchmark: a 1,000,000-row population imported, checked, made eligible and sampled.

Target (issue "Eligible population import and the stratified case sample"): no more than 3x the
time `pandas.read_csv` takes to read the same file, measured side by side in one run, and peak
memory under 500 MB. Run:  python benchmarks/sampling_million.py [--rows N] [--rounds R]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from yjinspect.sampling.synthetic import write_synthetic

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.csv"
        started = time.perf_counter()
        write_synthetic(path, args.rows, FIELDWORK, seed=1)
        size_mb = path.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"generated {args.rows:,} rows ({size_mb:.0f} MB) in {took:.1f} s")

        pandas_seconds(path), pipeline_seconds(path)  # warm the file cache and imports
        ours, theirs = [], []
        for _ in range(args.rounds):  # alternate, so both see the same machine state
            theirs.append(pandas_seconds(path))
            ours.append(pipeline_seconds(path))
        fresh = subprocess.run(
            [sys.executable, "-c", _PIPELINE, str(path), FIELDWORK.isoformat()],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        memory = json.loads(fresh.stdout)

    pandas_median, ours_median = statistics.median(theirs), statistics.median(ours)
    ratio = ours_median / pandas_median
    print(
        f"pandas.read_csv of the same file:        {pandas_median:.3f} s (median of {args.rounds})"
    )
    print(f"yjinspect import, checks, eligibility, sample: {ours_median:.3f} s (median)")
    print(f"ratio: {ratio:.2f}x (target at most {TIME_RATIO_TARGET:.1f}x)")
    print(
        f"peak memory of a fresh process doing the same: {memory['peak_mb']:.0f} MB "
        f"(target under {MEMORY_TARGET_MB} MB); sampled {memory['sampled']} cases"
    )
    met = ratio <= TIME_RATIO_TARGET and memory["peak_mb"] < MEMORY_TARGET_MB
    print("targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
