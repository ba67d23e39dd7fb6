"""Benchmark: 10,000 generated inspections rated and summarised into the national picture.

Target (issue 19, "The national picture"): at most 1.5x the time one SQLite GROUP BY takes to
compute the same standard ratings from the same counts (an in-memory table of key question
counts and judgements, loaded before timing), measured side by side in one run. The counts from
both are checked to be equal. Prints the ratio; exits 1 on a miss.

Run:  python benchmarks/national_10k.py [--inspections N] [--rounds R] [--seed S]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import date
from fractions import Fraction

import numpy as np

from yjinspect.frameworks import load_framework
from yjinspect.national import About, National, RatedSet, build_picture
from yjinspect.national.model import question_ids
from yjinspect.national.vectorised import empty_judgements, rate_arrays

TARGET = 1.5
FRAMEWORK = load_framework("hmip-yjs-2021")


def generate(n: int, seed: int):
    """Counts for every key question, a judgement for every judged standard, a year each."""
    rng = np.random.default_rng(seed)
    questions = question_ids(FRAMEWORK)
    applicable = rng.integers(0, 40, size=(n, len(questions)))
    yes = rng.integers(0, applicable + 1)
    # Put a tenth of the results exactly on a band edge (20 answers: 10, 13 and 16 yes).
    on_edge = rng.random(size=yes.shape) < 0.1
    applicable[on_edge] = 20
    yes[on_edge] = rng.choice([10, 13, 16], size=int(on_edge.sum()))
    judgements = empty_judgements(FRAMEWORK, n)
    for index, (_, standard) in enumerate(FRAMEWORK.standards()):
        if standard.rated_by == "judgement":
            judgements[:, index] = rng.integers(-1 if standard.may_be_not_rated else 0, 4, size=n)
    years = rng.integers(2022, 2026, size=n)
    about = tuple(
        About(f"Service {i}", date(int(y), 6, 1), "generated") for i, y in enumerate(years)
    )
    return yes, applicable, judgements, about


def ours(yes, applicable, judgements, about):
    rated = rate_arrays(FRAMEWORK, yes, applicable, judgements)
    picture = build_picture(
        National(
            {
                FRAMEWORK.id: RatedSet(
                    FRAMEWORK, about, rated.standards, rated.overall, rated.scores,
                    rated.key_questions,
                )
            },
            (),
        )
    )  # fmt: skip
    return picture.frameworks[0].standards


def load_sqlite(yes, applicable, judgements):
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE TABLE answers (inspection INT, standard TEXT, yes INT, applicable INT)"
    )
    connection.execute("CREATE TABLE judgements (inspection INT, standard TEXT, rating INT)")
    standard_of = {q.id: s.id for _, s, q in FRAMEWORK.key_questions()}
    questions = question_ids(FRAMEWORK)
    connection.executemany(
        "INSERT INTO answers VALUES (?, ?, ?, ?)",
        (
            (row, standard_of[q], int(yes[row, col]), int(applicable[row, col]))
            for row in range(yes.shape[0])
            for col, q in enumerate(questions)
        ),
    )
    standards = [s for _, s in FRAMEWORK.standards()]
    connection.executemany(
        "INSERT INTO judgements VALUES (?, ?, ?)",
        (
            (row, s.id, int(judgements[row, col]))
            for row in range(judgements.shape[0])
            for col, s in enumerate(standards)
            if s.rated_by == "judgement" and judgements[row, col] >= 0
        ),
    )
    connection.commit()
    return connection


def band_case() -> str:
    """The framework's band edges as exact integer comparisons: 100 q yes >= p applicable."""
    cases = []
    for index, band in enumerate(FRAMEWORK.rules.bands):
        edge = Fraction(band.min_percent)
        cases.append(
            f"WHEN {100 * edge.denominator} * yes >= {edge.numerator} * applicable THEN {index}"
        )
    return "CASE WHEN applicable = 0 THEN NULL " + " ".join(cases) + " END"


def sqlite_query() -> str:
    return f"""
        WITH rated AS (
            SELECT inspection, standard, MAX({band_case()}) AS rating
            FROM answers GROUP BY inspection, standard
            UNION ALL SELECT inspection, standard, rating FROM judgements
        )
        SELECT standard, rating, COUNT(*) FROM rated WHERE rating IS NOT NULL
        GROUP BY standard, rating
    """


def theirs(connection):
    names = FRAMEWORK.rating_names
    found = {s.id: dict.fromkeys(names, 0) for _, s in FRAMEWORK.standards()}
    for standard, rating, count in connection.execute(sqlite_query()):
        found[standard][names[rating]] = count
    return found


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    yes, applicable, judgements, about = generate(args.inspections, args.seed)
    connection = load_sqlite(yes, applicable, judgements)
    our_times, their_times = [], []
    for _ in range(args.rounds):  # side by side, alternating, so both see the same machine load
        seconds, our_counts = timed(ours, yes, applicable, judgements, about)
        our_times.append(seconds)
        seconds, their_counts = timed(theirs, connection)
        their_times.append(seconds)
        if our_counts != their_counts:
            print("the counts differ from SQLite's", file=sys.stderr)
            return 1
    mine, baseline = statistics.median(our_times), statistics.median(their_times)
    ratio = mine / baseline
    print(
        f"{args.inspections} inspections: rated and summarised in {mine * 1000:.1f} ms; "
        f"SQLite GROUP BY {baseline * 1000:.1f} ms; ratio {ratio:.2f} (target <= {TARGET})"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
