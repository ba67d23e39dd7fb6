"""Replacing an unusable case from the reserve keeps the balance and records the reason."""

import json
from datetime import date, datetime

import pytest

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework
from yjinspect.reporting.sampling import sampling_report
from yjinspect.sampling.draw import draw_sample
from yjinspect.sampling.outputs import replace_case, write_outputs
from yjinspect.sampling.population import read_population

from ..conftest import EXAMPLES

FRAMEWORK = load_framework("hmip-yos-2018")


@pytest.fixture
def folder(tmp_path):
    population = read_population(EXAMPLES / "population-demo.csv", today=date(2026, 11, 23))
    drawn = draw_sample(population, FRAMEWORK.sampling, date(2026, 6, 1), seed=5)
    report = sampling_report(drawn, population.source, FRAMEWORK)
    write_outputs(tmp_path, drawn.sample, drawn.reserve, report)
    return tmp_path


def read(folder):
    sample = read_population(folder / "sample.csv").frame
    reserve = read_population(folder / "reserve.csv").frame
    return sample, reserve, json.loads((folder / "sampling-report.json").read_text())


def test_replacement_takes_a_reserve_case_in_place_and_keeps_balance(folder):
    sample, reserve, before = read(folder)
    leaving = sample["case_ref"].iloc[3]
    record = replace_case(folder, leaving, "file unavailable", now=datetime(2026, 6, 2, 9, 0))
    after_sample, after_reserve, after = read(folder)
    assert after_sample["case_ref"].iloc[3] == record["replaced_by"]
    assert leaving not in set(after_sample["case_ref"])
    assert record["replaced_by"] in set(reserve["case_ref"])
    assert record["replaced_by"] not in set(after_reserve["case_ref"])
    assert len(after_sample) == len(sample) and len(after_reserve) == len(reserve) - 1
    assert after["replacements"] == [
        {
            "case_ref": leaving,
            "replaced_by": record["replaced_by"],
            "reason": "file unavailable",
            "at": "2026-06-02T09:00:00",
        }
    ]
    worst_before = max(abs(r["achieved"] - r["target"]) for r in before["balance"])
    worst_after = max(abs(r["achieved"] - r["target"]) for r in after["balance"])
    assert worst_after <= max(1, worst_before)
    assert "file unavailable" in (folder / "sampling-report.md").read_text()


def test_an_unknown_case_or_a_missing_reason_is_refused(folder):
    with pytest.raises(InputError, match="case 'NOPE' is not in the sample"):
        replace_case(folder, "NOPE", "transferred")
    sample, _, _ = read(folder)
    with pytest.raises(InputError, match="a reason is required"):
        replace_case(folder, sample["case_ref"].iloc[0], "  ")
