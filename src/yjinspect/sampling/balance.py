"""Balanced allocation: a sample whose categories match the population's shares.

Annex 1 of the Essex 2018 report says the sample matched the eligible population's ratios of
gender, disposal type, risk of serious harm and safety and wellbeing. Cases that share a value
on every balancing variable are interchangeable for balance, so the search works on these
*profiles* (at most a few hundred) rather than on cases: its cost does not grow with the
population. `sampling-tille` (cube method) needs Python 3.12 and `samplics` is archived and
stratifies on one variable only, so neither is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Profiles:
    """Distinct combinations of balancing codes, and how many cases have each."""

    codes: np.ndarray  # (profiles, variables) category codes
    counts: np.ndarray  # (profiles,) cases per profile
    sizes: tuple[int, ...]  # categories per variable

    @classmethod
    def of(cls, columns: Sequence[np.ndarray], sizes: Sequence[int]) -> tuple[Profiles, np.ndarray]:
        """Profiles of the cases whose codes are `columns`, and each case's profile index.

        Needs at least one column; with nothing to balance on, pass one column of zeros.
        """
        key = np.zeros(len(columns[0]), dtype=np.int64)
        for column, size in zip(columns, sizes, strict=True):
            key = key * size + column
        # The key space is small (the product of the sizes), so count rather than sort.
        every = np.bincount(key, minlength=int(np.prod(sizes)))
        unique = np.flatnonzero(every)
        counts = every[unique]
        number = np.full(len(every), -1, dtype=np.int64)
        number[unique] = np.arange(len(unique))
        inverse = number[key]
        codes = np.empty((len(unique), len(sizes)), dtype=np.int64)
        rest = unique.copy()
        for v in range(len(sizes) - 1, -1, -1):
            codes[:, v] = rest % sizes[v]
            rest //= sizes[v]
        return cls(codes, counts, tuple(sizes)), inverse


def margins(profiles: Profiles, allocation: np.ndarray) -> list[np.ndarray]:
    """Cases per category of each variable under `allocation` (cases per profile)."""
    return [
        np.bincount(profiles.codes[:, v], weights=allocation, minlength=size)
        for v, size in enumerate(profiles.sizes)
    ]


def targets(profiles: Profiles, n: int) -> list[np.ndarray]:
    """Each category's proportional share of `n`: what a perfectly balanced sample would hold."""
    total = profiles.counts.sum()
    return [m * n / total for m in margins(profiles, profiles.counts)] if total else []


def deviation(achieved: Sequence[np.ndarray], wanted: Sequence[np.ndarray]) -> float:
    """Sum of squared differences between achieved counts and targets, over all categories."""
    return float(sum(((a - w) ** 2).sum() for a, w in zip(achieved, wanted, strict=True)))


def allocate(profiles: Profiles, n: int, rng: np.random.Generator) -> np.ndarray:
    """Cases to take from each profile: `n` in all, margins as close to their shares as found.

    Starts from a simple random draw, then moves one case at a time between profiles while
    that reduces `deviation`, choosing at random among equally good moves. If a category is
    still more than one case from its share, the allocation nearest to that one with every
    category within one case is found exactly (a small integer programme), when one exists.
    """
    counts = profiles.counts
    allocation = rng.multivariate_hypergeometric(counts, n).astype(np.int64)
    if n == 0 or not profiles.sizes:
        return allocation
    wanted = targets(profiles, n)
    codes = profiles.codes
    # How many variables profiles a and b differ on.
    differing = (codes[:, None, :] != codes[None, :, :]).sum(axis=2)
    for _ in range(10 * n + 100):
        surplus = [a - w for a, w in zip(margins(profiles, allocation), wanted, strict=True)]
        at = sum(surplus[v][codes[:, v]] for v in range(codes.shape[1]))
        # Moving one case from profile a to b changes the squared deviation by
        # 2 * sum over differing variables of (surplus_b - surplus_a + 1). Where a and b agree
        # the two surpluses are one category's and cancel, so sum over every variable instead.
        change = 2 * (at[None, :] - at[:, None] + differing)
        change[allocation == 0, :] = np.inf
        change[:, allocation >= counts] = np.inf
        best = change.min()
        if not best < -1e-9:
            break
        options = np.argwhere(change <= best + 1e-9)
        source, target = options[rng.integers(len(options))]
        allocation[source] -= 1
        allocation[target] += 1
    if (
        max(np.abs(a - w).max() for a, w in zip(margins(profiles, allocation), wanted, strict=True))
        > 1
    ):
        exact = nearest_within_one(profiles, allocation, wanted)
        if exact is not None:
            return exact
    return allocation


def _membership(profiles: Profiles) -> np.ndarray:
    """A row per category (variable by variable, as `targets` lists them): its profiles."""
    rows = [
        (profiles.codes[:, v] == c).astype(float)
        for v, size in enumerate(profiles.sizes)
        for c in range(size)
    ]
    return np.array(rows)


def nearest_within_one(
    profiles: Profiles, start: np.ndarray, wanted: Sequence[np.ndarray]
) -> np.ndarray | None:
    """The allocation closest to `start` (fewest cases moved) whose every category is within
    one case of its target; None when whole cases do not allow it."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    m = len(start)
    members = _membership(profiles)
    target = np.concatenate(wanted)
    low, high = np.ceil(target - 1 - 1e-9), np.floor(target + 1 + 1e-9)
    # Variables: cases added to (up) and taken from (down) each profile.
    both = np.hstack([members, -members])
    have = members @ start
    constraints = [
        LinearConstraint(both, low - have, high - have),
        LinearConstraint(np.hstack([np.ones(m), -np.ones(m)]).reshape(1, -1), 0, 0),
    ]
    bounds = Bounds(np.zeros(2 * m), np.concatenate([profiles.counts - start, start]))
    found = milp(np.ones(2 * m), constraints=constraints, bounds=bounds, integrality=np.ones(2 * m))
    if found.status != 0:
        return None
    moves = np.round(found.x).astype(np.int64)
    return start + moves[:m] - moves[m:]


def within_one_possible(profiles: Profiles, n: int) -> bool:
    """Whether any allocation of `n` cases puts every category within one case of its share."""
    start = np.zeros(len(profiles.counts), dtype=np.int64)
    remaining = n
    for index, count in enumerate(profiles.counts):  # any starting allocation of n cases
        start[index] = min(count, remaining)
        remaining -= start[index]
    return nearest_within_one(profiles, start, targets(profiles, n)) is not None
