"""Put a drawn case sample into an inspection, in one transaction."""

from __future__ import annotations

import pandas as pd
from django.db import transaction

from yjinspect.web.workspace.models import Case, Inspection

_FIELDS = ("case_ref", "stream", "disposal_type", "gender", "age", "rosh", "safety_wellbeing")


def _cases(inspection: Inspection, frame: pd.DataFrame, selection: str) -> list[Case]:
    cases = []
    for order, row in enumerate(frame.itertuples(index=False), 1):
        values = {field: getattr(row, field) for field in _FIELDS}
        values["age"] = int(values["age"])
        cases.append(
            Case(
                inspection=inspection,
                disposal_date=pd.Timestamp(row.disposal_date).date(),
                selection=selection,
                order=order,
                **values,
            )
        )
    return cases


@transaction.atomic
def load_sample(inspection: Inspection, sample: pd.DataFrame, reserve: pd.DataFrame) -> int:
    """Store the sample and reserve cases (pseudonymous references and sampling variables)."""
    cases = _cases(inspection, sample, Case.Selection.SAMPLE)
    cases += _cases(inspection, reserve, Case.Selection.RESERVE)
    for case in cases:
        case.save()  # one by one, so each gets its audit record
    return len(cases)
