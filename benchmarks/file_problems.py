"""Benchmark: a results file with many problems is refused in time that grows linearly.

Issue 14's follow-up: 30,000 problems in one file took 94 s, because each problem's line was
found by scanning its mapping (quadratic). Target: ten times the problems take at most 15 times
as long (linear growth gives 10, the old quadratic lookup about 100). Prints both times and the
ratio (best of three runs each); exits 1 on a miss.

Run:  python benchmarks/file_problems.py [--problems N]   (N and 10 N; default 3,000)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from yjinspect.errors import InputError
from yjinspect.results import load_results

TARGET = 15.0
ROUNDS = 3
HEAD = """framework: hmip-yos-2018
service: {name: Benchmark YOS}
inspection: {fieldwork_start: 2018-10-01, fieldwork_end: 2018-10-05}
key_questions:
"""


def refusal_time(folder: Path, problems: int) -> float:
    """Seconds to refuse a file whose key_questions mapping has `problems` bad counts."""
    path = folder / f"many-{problems}.yaml"
    path.write_text(HEAD + "".join(f"  q{n}: {{yes: many}}\n" for n in range(problems)))
    start = time.perf_counter()
    try:
        load_results(path)
    except InputError as refused:
        assert len(refused.problems) >= problems, len(refused.problems)
    else:
        raise AssertionError("the file was accepted")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=3_000)
    n = parser.parse_args().problems
    smalls, larges = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(ROUNDS):  # taking turns; the best of each, as noise only adds time
            smalls.append(refusal_time(Path(folder), n))
            larges.append(refusal_time(Path(folder), 10 * n))
    small, large = min(smalls), min(larges)
    ratio = large / small
    print(f"{n:,} problems: {small:.2f} s; {10 * n:,} problems: {large:.2f} s")
    print(f"ratio {ratio:.1f} (target <= {TARGET:g}; linear is 10)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
