"""Build population files for tests: canonical rows with sensible defaults."""

from __future__ import annotations

import csv
from pathlib import Path

from yjinspect.vocabulary import COLUMNS

DEFAULT = {
    "stream": "court",
    "disposal_type": "referral_order",
    "disposal_date": "2018-02-01",
    "gender": "male",
    "age": "15",
    "rosh": "low",
    "safety_wellbeing": "medium",
}


def case(ref: str, **values: str) -> dict[str, str]:
    row = dict(DEFAULT, case_ref=ref)
    if values.get("stream") == "out_of_court":
        row.update(disposal_type="youth_caution", disposal_date="2018-06-01")
    row.update(values)
    return row


def write_population(
    path: Path, rows: list[dict[str, str]], header: list[str] | None = None, **options
) -> Path:
    header = header or [c for c in COLUMNS if any(c in row for row in rows)]
    encoding = options.pop("encoding", "utf-8")
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, header, extrasaction="ignore", **options)
        writer.writeheader()
        writer.writerows(rows)
    return path
