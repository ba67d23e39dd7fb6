"""Mapping profiles: how one case management system's export maps onto the canonical columns."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from yjinspect.datafile import load_data_file
from yjinspect.errors import raise_if_any
from yjinspect.validation import validate_model
from yjinspect.vocabulary import CODES, COLUMNS


class MappingProfile(BaseModel):
    """Column renames, dropped columns, value codes and the date format of an export."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="", description="what export this profile reads")
    columns: dict[str, str] = Field(default_factory=dict, description="export column -> canonical")
    drop: list[str] = Field(default_factory=list, description="export columns never read")
    values: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="canonical column -> {export code: canonical code}"
    )
    date_format: str | None = Field(default=None, description="strptime format, e.g. %d/%m/%Y")
    sheet: str | None = Field(default=None, description="the worksheet of an Excel file")
    header_row: int | None = Field(
        default=None, ge=1, le=1000, description="the line (CSV) or row (Excel) of the column names"
    )
    delimiter: Literal[",", ";", "\t", "|"] | None = Field(
        default=None, description="the CSV delimiter, when it is not to be detected"
    )
    encoding: str | None = Field(
        default=None, description="the CSV encoding, e.g. cp1252, when not to be detected"
    )

    @field_validator("encoding")
    @classmethod
    def _text_encoding(cls, value: str | None) -> str | None:
        """An encoding Python knows that turns bytes into text (not rot13 or base64)."""
        if value is None:
            return value
        try:
            known = codecs.lookup(value)
        except LookupError:
            raise ValueError(f"'{value}' is not an encoding; try utf-8 or cp1252") from None
        if not getattr(known, "_is_text_encoding", True):
            raise ValueError(f"'{value}' is not a text encoding; try utf-8 or cp1252")
        return value


DEFAULT_PROFILE = MappingProfile(name="canonical columns")


def load_profile(path: str | Path) -> MappingProfile:
    """Load and check a mapping profile, naming the file, line and place of every problem."""
    source = load_data_file(path)
    profile = validate_model(MappingProfile, source.data, source)
    problems = []
    for export_name, canonical in profile.columns.items():
        if canonical not in COLUMNS:
            problems.append(
                source.problem(
                    ("columns", export_name),
                    f"'{canonical}' is not a canonical column: use one of {', '.join(COLUMNS)}",
                )
            )
    for column, codes in profile.values.items():
        if column not in CODES:
            problems.append(
                source.problem(
                    ("values", column), f"'{column}' has no codes: use {', '.join(CODES)}"
                )
            )
            continue
        for export_code, canonical in codes.items():
            if canonical not in CODES[column]:
                problems.append(
                    source.problem(
                        ("values", column, export_code),
                        f"'{canonical}' is not a {column} code: use {', '.join(CODES[column])}",
                    )
                )
    raise_if_any(source.path, problems)
    return profile
