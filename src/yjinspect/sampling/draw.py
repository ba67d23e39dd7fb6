"""Draw the case sample and its reserve list: seeded, balanced, in selection order."""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from yjinspect.errors import InputError
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


def _pick(
    profiles: Profiles,
    profile_of: np.ndarray,
    takes: Sequence[np.ndarray],
    rng: np.random.Generator,
) -> list[np.ndarray]:
    """For each allocation in `takes` (cases per profile), that many cases of each profile,
    chosen at random without any case chosen twice, as indices in a random selection order.

    Only the profiles that give cases are visited, so the cost is a grouping pass over the
    stream and then in proportion to the cases taken.
    """
    # Group the cases by profile. (16-bit profile numbers let the stable sort be a radix sort.)
    narrow = profile_of.astype(np.int16 if len(profiles.counts) < 2**15 else np.int64)
    grouped = np.argsort(narrow, kind="stable")
    starts = np.concatenate([[0], np.cumsum(profiles.counts)])
    total = np.sum(takes, axis=0)
    picked: list[list[np.ndarray]] = [[] for _ in takes]
    for profile in np.flatnonzero(total):
        members = grouped[starts[profile] : starts[profile + 1]]
        drawn = members[rng.choice(len(members), total[profile], replace=False)]
        bounds = np.cumsum([0, *(take[profile] for take in takes)])
        for parts, begin, end in zip(picked, bounds[:-1], bounds[1:], strict=True):
            parts.append(drawn[begin:end])
    return [rng.permutation(np.concatenate([np.empty(0, np.int64), *parts])) for parts in picked]


def _balance_rows(
    stream: str,
    variables: Sequence[str],
    categories: Sequence[Sequence[str]],
    eligible: Sequence[np.ndarray],
    chosen: np.ndarray,
) -> list[BalanceRow]:
    rows = []
    n, total = len(chosen), len(eligible[0])
    for variable, names, codes in zip(variables, categories, eligible, strict=True):
        population = np.bincount(codes, minlength=len(names))
        achieved = np.bincount(codes[chosen], minlength=len(names))
        rows += [
            BalanceRow(stream, variable, name, int(p), round(p * n / total, 2), int(a))
            for name, p, a in zip(names, population, achieved, strict=True)
            if p
        ]
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
    if not any(eligible.values()):
        windows = "; ".join(
            f"{w.stream.replace('_', ' ')} disposals from {w.earliest:%-d %B %Y} to "
            f"{w.latest:%-d %B %Y}"
            for w in eligibility.windows
        )
        raise InputError.single(
            population.source.path,
            f"no eligible case: none of the {len(population)} cases is in the eligibility "
            f"windows for fieldwork starting {fieldwork_start:%-d %B %Y} ({windows})",
        )
    sizes = sample_size(rules, eligible, size)
    variables = tuple(rules.stratify_by)
    frame = population.frame
    columns = [np.asarray(frame[v].array.codes) for v in variables]
    categories = [list(frame[v].cat.categories) for v in variables]
    if not variables:  # nothing to balance on: one category holding every case
        columns, categories = [np.zeros(len(frame), dtype=np.int8)], [["all"]]
    widths = [len(names) for names in categories]
    samples, reserves, balance = [], [], []
    for spec in rules.streams:
        positions = eligibility.positions[spec.stream]
        codes = [column[positions].astype(np.int64) for column in columns]
        n = sizes.by_stream[spec.stream]
        chosen, spare = np.empty(0, np.int64), np.empty(0, np.int64)
        if len(positions):
            profiles, profile_of = Profiles.of(codes, widths)
            taken = allocate(profiles, n, rng)
            # The reserve is balanced in its own right, from the cases the sample left.
            left = Profiles(profiles.codes, profiles.counts - taken, profiles.sizes)
            wanted = (
                reserve if reserve is not None else max(MIN_RESERVE, math.ceil(n * RESERVE_SHARE))
            )
            spared = allocate(left, min(wanted, len(positions) - n), rng)
            chosen, spare = _pick(profiles, profile_of, [taken, spared], rng)
        samples.append(positions[chosen])
        reserves.append(positions[spare])
        if variables:
            balance += _balance_rows(spec.stream, variables, categories, codes, chosen)
    in_sample = np.concatenate(samples)
    rows = frame.iloc[np.concatenate([in_sample, *reserves])].reset_index(drop=True)  # one pass
    return CaseSample(
        seed,
        variables,
        eligibility,
        sizes,
        rows.iloc[: len(in_sample)],
        rows.iloc[len(in_sample) :].reset_index(drop=True),
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
