"""Agreement between two assessors over the same cases, from their table of paired answers.

The input is a q x q contingency table: `table[i, j]` counts the units (a case's answer to one
key question) that the first assessor put in category i and the second in category j. Every
coefficient is a proportion-like number; 1 is perfect agreement.

- Observed agreement: the share of units on the diagonal, with a Wilson interval.
- Cohen's kappa: chance agreement from each assessor's own marginals (statsmodels, with its
  asymptotic standard error).
- Gwet's AC1, PABAK and Krippendorff's alpha (nominal): the two-rater formulas and variances of
  Gwet, *Handbook of Inter-Rater Reliability* (4th ed., 2014), ch. 2-3, and Gwet (2008), Brit.
  J. Math. Stat. Psychol. 61, 29-48. PABAK over q categories is Brennan and Prediger's
  coefficient, (q·pa - 1)/(q - 1).

Every interval but observed agreement's is Gwet's: t on n - 1 degrees of freedom, within
[-1, 1]. A coefficient whose chance agreement is 1 (both assessors used one and the same
category for every unit) is undefined: None, never a made-up 0 or 1. Intervals need at least
two units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from yjinspect.results.tally import Tally

CONFIDENCE = 0.95

Interval = tuple[float, float]


@dataclass(frozen=True)
class Estimate:
    """A coefficient and its 95% interval; either may be None where undefined."""

    value: float | None
    interval: Interval | None = None


UNDEFINED = Estimate(None)


@dataclass(frozen=True)
class AgreementStatistics:
    """Every coefficient over the same set of paired answers (`units` of them)."""

    units: int
    agreement: Estimate
    cohen_kappa: Estimate
    gwet_ac1: Estimate
    pabak: Estimate
    krippendorff_alpha: Estimate

    @property
    def prevalence_paradox(self) -> bool:
        """High observed agreement with a low or undefined kappa: one answer dominates.

        Kappa's chance agreement is then near 1, so a few disagreements pull it down (or leave
        it undefined) while AC1 and PABAK stay near the observed agreement (Feinstein and
        Cicchetti, 1990). The pages and reports explain this wherever it holds.
        """
        observed = self.agreement.value
        kappa = self.cohen_kappa.value
        return observed is not None and observed >= 0.8 and (kappa is None or kappa < 0.6)


def agreement_statistics(table: NDArray[np.int64]) -> AgreementStatistics:
    """Every coefficient for a q x q table of paired answers (q ≥ 2)."""
    table = np.asarray(table, dtype=np.int64)
    if table.ndim != 2 or table.shape[0] != table.shape[1] or table.shape[0] < 2:
        raise ValueError(f"expected a square table of at least 2 categories, got {table.shape}")
    units = int(table.sum())
    if units == 0:
        return AgreementStatistics(0, UNDEFINED, UNDEFINED, UNDEFINED, UNDEFINED, UNDEFINED)
    agreeing = int(np.trace(table))
    interval = Tally(yes=agreeing, no=units - agreeing).wilson_interval()
    return AgreementStatistics(
        units=units,
        agreement=Estimate(
            agreeing / units, (interval[0] / 100, interval[1] / 100) if interval else None
        ),
        cohen_kappa=cohen_kappa(table),
        gwet_ac1=gwet_ac1(table),
        pabak=pabak(table),
        krippendorff_alpha=krippendorff_alpha(table),
    )


def cohen_kappa(table: NDArray[np.int64]) -> Estimate:
    """Cohen's kappa and its asymptotic standard error (statsmodels), with a t interval."""
    p = table / table.sum()
    if np.isclose(float(p.sum(axis=1) @ p.sum(axis=0)), 1.0):
        return UNDEFINED
    from statsmodels.stats.inter_rater import cohens_kappa

    with np.errstate(invalid="ignore"):
        result = cohens_kappa(table)
    value = float(result.kappa)
    return Estimate(value, _t_interval(value, float(result.var_kappa), int(table.sum())))


def gwet_ac1(table: NDArray[np.int64]) -> Estimate:
    """Gwet's AC1: chance agreement from the mean marginals, spread over q - 1 categories."""
    n, q, p, pa, pi = _shares(table)
    pe = float(np.sum(pi * (1 - pi))) / (q - 1)
    value = (pa - pe) / (1 - pe)
    term = np.eye(q) - 2 * (1 - value) * (1 - (pi[:, None] + pi[None, :]) / 2) / (q - 1)
    variance = (float(np.sum(p * term**2)) - (pa - 2 * (1 - value) * pe) ** 2) / (n * (1 - pe) ** 2)
    return Estimate(value, _t_interval(value, variance, n))


def pabak(table: NDArray[np.int64]) -> Estimate:
    """Prevalence- and bias-adjusted kappa: chance agreement 1/q (Brennan and Prediger)."""
    n, q, _, pa, _ = _shares(table)
    pe = 1 / q
    value = (pa - pe) / (1 - pe)
    variance = (pa - pa**2) / (n * (1 - pe) ** 2)
    return Estimate(value, _t_interval(value, variance, n))


def krippendorff_alpha(table: NDArray[np.int64]) -> Estimate:
    """Krippendorff's alpha for nominal data, two assessors and no missing answers.

    Gwet's form: observed agreement corrected by 1/(2n) for the pairing of values within a unit,
    and chance agreement from the mean marginals, sum of pi_k squared.
    """
    n, q, p, pa0, pi = _shares(table)
    pe = float(np.sum(pi**2))
    if np.isclose(pe, 1.0):
        return UNDEFINED
    epsilon = 1 / (2 * n)
    value = ((1 - epsilon) * pa0 + epsilon - pe) / (1 - pe)
    k = (pa0 - pe) / (1 - pe)
    term = np.eye(q) - (1 - k) * (pi[:, None] + pi[None, :])
    variance = (float(np.sum(p * term**2)) - (pa0 - 2 * (1 - k) * pe) ** 2) / (n * (1 - pe) ** 2)
    return Estimate(value, _t_interval(value, variance, n))


def _shares(
    table: NDArray[np.int64],
) -> tuple[int, int, NDArray[np.float64], float, NDArray[np.float64]]:
    """Units, categories, cell shares, observed agreement and the mean marginal shares."""
    n = int(table.sum())
    p = table / n
    return n, table.shape[0], p, float(np.trace(p)), (p.sum(axis=1) + p.sum(axis=0)) / 2


def _t_interval(value: float, variance: float, n: int) -> Interval | None:
    if n < 2 or not np.isfinite(variance):
        return None
    from scipy.stats import t

    half = float(t.ppf(1 - (1 - CONFIDENCE) / 2, n - 1)) * max(variance, 0.0) ** 0.5
    return max(-1.0, value - half), min(1.0, value + half)
