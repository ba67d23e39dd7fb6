"""The canonical columns and codes of an eligible case population.

Case management systems export their own column names and codes; a mapping profile translates
them to these. No column may identify a child: case references are pseudonymous, and names,
addresses and dates of birth are refused.
"""

from __future__ import annotations

import re

STREAMS = ("court", "out_of_court")

DISPOSAL_TYPES: dict[str, tuple[str, ...]] = {
    "court": (
        "referral_order",
        "reparation_order",
        "youth_rehabilitation_order",
        "detention_and_training_order",
        "custodial_sentence",
        "other_court_disposal",
    ),
    "out_of_court": (
        "youth_caution",
        "youth_conditional_caution",
        "community_resolution",
        "other_out_of_court_disposal",
    ),
}

RISK_LEVELS = ("low", "medium", "high", "very_high")

CODES: dict[str, tuple[str, ...]] = {
    "stream": STREAMS,
    "disposal_type": DISPOSAL_TYPES["court"] + DISPOSAL_TYPES["out_of_court"],
    "gender": ("male", "female", "other", "not_known"),
    "rosh": RISK_LEVELS,
    "safety_wellbeing": RISK_LEVELS,
    "looked_after": ("yes", "no"),
}

REQUIRED_COLUMNS = (
    "case_ref",
    "stream",
    "disposal_type",
    "disposal_date",
    "gender",
    "age",
    "rosh",
    "safety_wellbeing",
)
OPTIONAL_COLUMNS = ("team", "ethnicity", "looked_after")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# How reports name the columns (where plain words differ from the code).
COLUMN_LABELS = {
    "rosh": "risk of serious harm",
    "safety_wellbeing": "safety and wellbeing",
    "looked_after": "looked after",
    "disposal_type": "disposal type",
    "age": "age at disposal",
}

# Columns a sample can be balanced on: coded, and present in every population file.
STRATIFIABLE = ("stream", "disposal_type", "gender", "rosh", "safety_wellbeing")

AGE_RANGE = (10, 18)  # youth justice services supervise 10 to 18-year-olds

_IDENTIFYING = re.compile(
    r"(^|_)(name|names|forename|forenames|surname|firstname|first_name|lastname|last_name|"
    r"fullname|full_name|address|postcode|post_code|dob|date_of_birth|birth_date|birthdate|"
    r"nhs_number|pnc|pnc_number|upn)($|_)"
)


def column_key(name: str) -> str:
    """A column name as compared: lower case, words joined by underscores."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def is_identifying(name: str) -> bool:
    """Whether a column's name says it identifies a child (names, addresses, birth dates)."""
    return bool(_IDENTIFYING.search(column_key(name)))


ISO_DATE_FORMAT = "%Y-%m-%d"
"""The canonical date format (strptime codes), read where a profile names no other."""

_DATE_CODES = {
    "%Y": "YYYY",
    "%y": "YY",
    "%m": "MM",
    "%d": "DD",
    "%b": "Mon",
    "%B": "Month",
    "%H": "hh",
    "%M": "mm",
    "%S": "ss",
    "%%": "%",
}


def date_pattern(date_format: str) -> str:
    """A strptime format as people write it, for every message that shows one: "%d/%m/%Y" ->
    "DD/MM/YYYY"; a code with no common spelling is left as it is."""
    return re.sub(r"%.", lambda code: _DATE_CODES.get(code[0], code[0]), date_format)
