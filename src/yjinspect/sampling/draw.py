"""Draw the case sample and its reserve list: seeded, balanced, in selection order."""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from yjinspect.frameworks.schema import SamplingRules
from yjinspect.sampling.balance import Profiles, allocate, deviation, margins, targets
from yjinspect.sampling.eligibility import Eligibility, eligible_cases
from yjinspect.sampling.population import Population
from yjinspect.sampling.size import SampleSize, sample_size

RESERVE_SHARE = 0.25  # reserve cases per sampled case, at least MIN_RESERVE per stream
MIN_RESERVE = 5


@dataclass(frozen=True)
class BalanceRow:
    stream: str
    variable: str
    value: str
    population: int
    target: float
    achieved: int


@dataclass(frozen=True)
class CaseSample:
    seed: int
    stratify_by: tuple[str, ...]
    eligibility: Eligibility
    size: SampleSize
    sample: pd.DataFrame  # selection order
    reserve: pd.DataFrame  # selection order
    balance: tuple[BalanceRow, ...]


def _select(
    cases: pd.DataFrame, variables: Sequence[str], n: int, rng: np.random.Generator
) -> np.ndarray:
    """Positions of `n` balanced cases in `cases`, in a random selection order."""
    if n == 0 or cases.empty:
        return np.empty(0, dtype=np.int64)
    columns = [np.asarray(cases[v].cat.codes, dtype=np.int64) for v in variables]
    sizes = [len(cases[v].cat.categories) for v in variables]
    if not columns:
        columns, sizes = [np.zeros(len(cases), dtype=np.int64)], [1]
    profiles, profile_of = Profiles.of(columns, sizes)
    allocation = allocate(profiles, n, rng)
    order = rng.permutation(len(cases))
    # Take, for each profile, its first `allocation` cases in the random order.
    grouped = np.argsort(profile_of[order], kind="stable")
    starts = np.searchsorted(profile_of[order][grouped], np.arange(len(allocation)))
    rank = np.empty(len(order), dtype=np.int64)
    rank[grouped] = np.arange(len(order)) - starts[profile_of[order][grouped]]
    return order[rank < allocation[profile_of[order]]]


def balance_rows(
    stream: str, eligible: pd.DataFrame, sample: pd.DataFrame, variables: Sequence[str]
) -> list[BalanceRow]:
    rows = []
    n, total = len(sample), len(eligible)
    for variable in variables:
        population = eligible[variable].value_counts()
        achieved = sample[variable].value_counts()
        for value, count in population.items():
            if count:
                rows.append(
                    BalanceRow(
                        stream,
                        variable,
                        str(value),
                        int(count),
                        round(count * n / total, 2),
                        int(achieved.get(value, 0)),
                    )
                )
    return rows


def draw_sample(
    population: Population,
    rules: SamplingRules,
    fieldwork_start: date,
    seed: int | None = None,
    size: int | None = None,
    reserve: int | None = None,
) -> CaseSample:
    """Eligible cases, the sample size, and a balanced sample and reserve in each stream.

    The same population, fieldwork date and seed always give the same sample.
    """
    seed = secrets.randbelow(2**32) if seed is None else seed
    rng = np.random.default_rng(seed)
    eligibility = eligible_cases(population, rules, fieldwork_start)
    eligible = {spec.stream: eligibility.count(spec.stream) for spec in rules.streams}
    sizes = sample_size(rules, eligible, size)
    variables = tuple(rules.stratify_by)
    samples, reserves, balance = [], [], []
    for spec in rules.streams:
        cases = eligibility.cases[eligibility.cases["stream"] == spec.stream]
        cases = cases.reset_index(drop=True)
        n = sizes.by_stream[spec.stream]
        chosen = cases.iloc[_select(cases, variables, n, rng)]
        rest = cases.drop(index=chosen.index).reset_index(drop=True)
        wanted = reserve if reserve is not None else max(MIN_RESERVE, math.ceil(n * RESERVE_SHARE))
        spare = rest.iloc[_select(rest, variables, min(wanted, len(rest)), rng)]
        samples.append(chosen)
        reserves.append(spare)
        balance += balance_rows(spec.stream, cases, chosen, variables)
    return CaseSample(
        seed,
        variables,
        eligibility,
        sizes,
        pd.concat(samples, ignore_index=True),
        pd.concat(reserves, ignore_index=True),
        tuple(balance),
    )


def best_replacement(
    sample: pd.DataFrame, reserve: pd.DataFrame, case_ref: str, balance: Sequence[BalanceRow]
) -> int:
    """Position in `reserve` of the case that best keeps the balance when `case_ref` leaves.

    Among equally good cases, the earliest in the reserve's order.
    """
    leaving = sample[sample["case_ref"] == case_ref].iloc[0]
    stream = leaving["stream"]
    rows = [row for row in balance if row.stream == stream]
    staying = sample[(sample["stream"] == stream) & (sample["case_ref"] != case_ref)]
    variables = list(dict.fromkeys(row.variable for row in rows))
    best, best_score = -1, math.inf
    for position, candidate in enumerate(reserve.itertuples(index=False)):
        if candidate.stream != stream:
            continue
        achieved = []
        wanted = []
        for variable in variables:
            values = [row.value for row in rows if row.variable == variable]
            counts = staying[variable].astype(str).value_counts()
            taken = getattr(candidate, variable)
            achieved.append(np.array([counts.get(v, 0) + (str(taken) == v) for v in values]))
            wanted.append(np.array([row.target for row in rows if row.variable == variable]))
        score = deviation(achieved, wanted)
        if score < best_score - 1e-9:
            best, best_score = position, score
    return best


__all__ = ["BalanceRow", "CaseSample", "best_replacement", "draw_sample", "margins", "targets"]
