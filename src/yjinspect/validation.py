"""Turn pydantic's validation errors into `Problem`s that point into the user's file."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from yjinspect.datafile import DataFile
from yjinspect.errors import InputError, Location, Problem

Model = TypeVar("Model", bound=BaseModel)

_PLAIN_WORDS = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "greater_than_equal": "must not be below {ge}",
    "string_type": "must be text",
    "dict_type": "must be a mapping",
    "list_type": "must be a list",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
}


def _message(error: Any) -> str:
    if error["type"] == "value_error":  # a validator's own words, without "Value error, "
        return str((error.get("ctx") or {}).get("error") or error["msg"])
    template = _PLAIN_WORDS.get(error["type"])
    if template is None:
        return error["msg"]
    return template.format(**(error.get("ctx") or {}))


def validate_model(model: type[Model], data: Any, source: DataFile, prefix: Location = ()) -> Model:
    """Validate `data` as `model`, raising one `InputError` listing every problem found."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems: list[Problem] = []
        for error in exc.errors():
            location = prefix + tuple(error["loc"])
            problems.append(source.problem(location, _message(error)))
        raise InputError(source.path, problems) from None
