"""Benchmark: rating 10,000 inspections, against one SQLite GROUP BY computing the same ratings.

Target (issue "Fast and lean"): `rate()` over 10,000 generated inspections, evidence loaded, in no
more than 20x the time one SQLite query takes to band every standard of every inspection from an
in-memory table of the same answers (one row per inspection and key question: yes and no
counts), measured side by side in one run. Both must give the same standard ratings.
Run:  python benchmarks/rate_many.py [--inspections N] [--rounds R]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sqlite3
import statistics
import sys
import time
from fractions import Fraction

from yjinspect.examples import example
from yjinspect.frameworks import RatedFramework
from yjinspect.ratings import InspectionRating, rate
from yjinspect.results import LoadedResults, RatedEvidence, load_results
from yjinspect.results.tally import Tally

RATIO_TARGET = 20.0


def inspections(count: int, seed: int = 1) -> list[LoadedResults]:
    """Essex 2018's framework and file with generated evidence: 10-45 applicable answers per
    key question, a few not applicable, every judged standard rated; no discretion requested."""
    template = load_results(example("essex-2018.yaml"))
    framework = template.framework
    assert isinstance(framework, RatedFramework)
    results = template.results.model_copy(update={"discretion": {}})
    rng = random.Random(seed)
    questions = [q.id for _, s, q in framework.key_questions() if s.rated_by == "key_questions"]
    judged = [s.id for _, s in framework.standards() if s.rated_by == "judgement"]
    found = []
    for _ in range(count):
        tallies = {}
        for question in questions:
            applicable = rng.randint(10, 45)
            yes = rng.randint(applicable // 3, applicable)
            tallies[question] = Tally(yes, applicable - yes, rng.randint(0, 3))
        judgements = {standard: rng.choice(framework.rating_names) for standard in judged}
        evidence = RatedEvidence(tallies, judgements)
        found.append(dataclasses.replace(template, results=results, evidence=evidence))
    return found


def answers_table(found: list[LoadedResults]) -> sqlite3.Connection:
    """The same evidence as rows of an in-memory SQLite table."""
    framework = found[0].framework
    assert isinstance(framework, RatedFramework)
    standard_of = {q.id: s.id for _, s, q in framework.key_questions()}
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE answers (inspection INTEGER, standard TEXT, question TEXT, "
        "yes INTEGER, no INTEGER, not_applicable INTEGER)"
    )
    db.executemany(
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
        (
            (number, standard_of[question], question, t.yes, t.no, t.not_applicable)
            for number, loaded in enumerate(found)
            for question, t in loaded.evidence.tallies.items()  # type: ignore[union-attr]
        ),
    )
    db.commit()
    return db


def banding_query(framework: RatedFramework) -> str:
    """Each standard's rating: the lowest band any of its key questions falls in, compared in
    whole numbers (yes / applicable >= edge  <=>  yes * denominator >= numerator * applicable)."""
    cases = []
    for rank, band in enumerate(framework.rules.bands):
        edge = Fraction(band.min_percent) / 100
        cases.append(f"WHEN yes * {edge.denominator} >= {edge.numerator} * (yes + no) THEN {rank}")
    return (
        f"SELECT inspection, standard, MAX(CASE {' '.join(cases)} END) FROM answers "
        "WHERE yes + no > 0 GROUP BY inspection, standard"
    )


def sql_ratings(db: sqlite3.Connection, framework: RatedFramework) -> dict[tuple[int, str], str]:
    names = framework.rating_names
    rows = db.execute(banding_query(framework)).fetchall()
    return {(number, standard): names[rank] for number, standard, rank in rows}


def rate_all(found: list[LoadedResults]) -> list[InspectionRating]:
    return [rate(loaded) for loaded in found]  # type: ignore[misc]


def engine_ratings(rated: list[InspectionRating]) -> dict[tuple[int, str], str]:
    return {
        (number, standard.id): standard.rating
        for number, rating in enumerate(rated)
        for standard in rating.standards
        if standard.key_questions and standard.rating is not None
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    found = inspections(args.inspections)
    framework = found[0].framework
    assert isinstance(framework, RatedFramework)
    db = answers_table(found)
    (rows,) = db.execute("SELECT COUNT(*) FROM answers").fetchone()
    print(
        f"generated {args.inspections:,} inspections ({rows:,} rows of answers) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    same = engine_ratings(rate_all(found)) == sql_ratings(db, framework)  # also warms both
    ours, theirs = [], []
    for _ in range(args.rounds):  # alternate, so both see the same machine state
        start = time.perf_counter()
        sql_ratings(db, framework)
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        rate_all(found)
        ours.append(time.perf_counter() - start)
    sql_s, rate_s = statistics.median(theirs), statistics.median(ours)
    ratio = rate_s / sql_s
    print(f"rate() over every inspection: median {rate_s:.3f} s over {args.rounds}")
    print(f"one SQLite GROUP BY:          median {sql_s:.3f} s")
    print(f"same standard ratings from both: {'yes' if same else 'NO'}")
    ok = same and ratio <= RATIO_TARGET
    print(f"ratio {ratio:.1f}x (target <= {RATIO_TARGET:.0f}x): {'met' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
