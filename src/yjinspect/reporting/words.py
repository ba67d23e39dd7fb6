"""Small pieces of house style shared by the report and the press release."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from yjinspect.ratings.standards import StandardRating
from yjinspect.vocabulary import COLUMN_LABELS

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)


def number_word(n: int) -> str:
    """Numbers up to twenty in words, as reports write counts of recommendations."""
    words = _SMALL.split(" ")
    return words[n] if 0 <= n < len(words) else str(n)


def quantity(n: int, noun: str, plural: str | None = None, *, in_words: bool = False) -> str:
    """'1 case', '43 cases', 'one body' (with `in_words`); `plural` when not noun + 's'."""
    count = number_word(n) if in_words else str(n)
    return f"{count} {noun if n == 1 else plural or noun + 's'}"


def join_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def as_modifier(title: str) -> str:
    """A plural title used before a noun: 'Court disposals' -> 'court disposal' (as in 'court
    disposal cases')."""
    words = title.lower().split()
    if words and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def long_date(day: date | None) -> str | None:
    """'6 December 2018', without a leading zero."""
    return None if day is None else f"{day.day} {day:%B %Y}"


def month(day: date | None) -> str | None:
    return None if day is None else f"{day:%B %Y}"


def per_cent(value: float | None) -> str:
    return "no result" if value is None else f"{value:.0f} per cent"


def label(code: str) -> str:
    """A population code as words: 'youth_conditional_caution' -> 'Youth conditional caution'."""
    words = code.replace("_", " ")
    return words[:1].upper() + words[1:]


def column_label(column: str) -> str:
    """A population column as words: 'rosh' -> 'risk of serious harm'."""
    return COLUMN_LABELS.get(column, column.replace("_", " "))


NOT_YET_RATED = "Not yet rated"


def rating_word(rated: StandardRating, not_rated: str) -> str:
    """A standard's rating for people: its rating; the framework's `not_rated` word where the
    inspectors decided not to rate it; otherwise 'Not yet rated' (a draft)."""
    if rated.rating:
        return rated.rating
    return not_rated if rated.decided_not_rated else NOT_YET_RATED
