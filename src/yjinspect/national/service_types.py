"""The kind of service a source's service type names, from `service_types.yaml`: one filter
option for a youth justice service, whether a source calls it a YOS, a YOT or a YJS."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict


class ServiceKind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    names: list[str]


def _folded(name: str) -> str:
    return "".join(name.split()).casefold()


@cache
def _kinds() -> dict[str, str]:
    text = files("yjinspect.national").joinpath("service_types.yaml").read_text("utf-8")
    kinds = [ServiceKind.model_validate(entry) for entry in yaml.safe_load(text)]
    return {_folded(name): k.kind for k in kinds for name in (k.kind, *k.names)}


def service_kind(name: str) -> str:
    """'YOT', 'Youth offending team' -> 'Youth justice service (YOS, YOT, YJS)'; a name not in
    the file is its own kind, as written."""
    return _kinds().get(_folded(name), name.strip())
