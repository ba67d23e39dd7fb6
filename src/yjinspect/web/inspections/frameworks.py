"""The frameworks an inspection can use: the bundled ones and those uploaded in the workspace.

`framework_for` is the one way the web layer turns an inspection's recorded framework into a
`Framework`; nothing else resolves `framework_id` (an id is never read as a path on the server).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from yjinspect.datafile import load_data_file
from yjinspect.errors import InputError, Problem
from yjinspect.files import decode
from yjinspect.frameworks import Framework, bundled_frameworks, bundled_ids, load_framework
from yjinspect.frameworks.loader import UnknownFramework, load_framework_file
from yjinspect.results import LoadedResults, load_results
from yjinspect.web.inspections.models import UploadedFramework
from yjinspect.web.workspace.models import Inspection
from yjinspect.web.workspace.uploads import uploads

_SEPARATOR = "@"  # between an uploaded framework's id and version in a choice's value


@lru_cache(maxsize=32)
def _parsed(name: str, content: str) -> Framework:
    """An uploaded file read by the loader; raises InputError naming `name`. Stored files
    never change (a new version is a new upload), so their text is the cache's key."""
    with uploads() as save:
        return load_framework_file(save(name, content.encode("utf-8")))


def find_framework(framework_id: str, version: str = "") -> Framework:
    """A bundled framework by id, or an uploaded one by id and version (the latest uploaded
    version when `version` is blank). Raises `UnknownFramework` naming the id."""
    if framework_id in bundled_ids():
        return load_framework(framework_id)
    found = UploadedFramework.objects.filter(framework_id=framework_id)
    stored = found.filter(version=version).first() if version else found.last()
    if stored is None:
        held = f" version {version}" if version and found.exists() else ""
        raise UnknownFramework.single(
            framework_id,
            f"not a bundled framework ({', '.join(bundled_ids())}) nor one uploaded to the "
            f"workspace{held}",
        )
    return _parsed(stored.name, stored.content)


def framework_for(inspection: Inspection) -> Framework:
    """The inspection's framework; raises `InputError` naming the id when it cannot be used."""
    return find_framework(inspection.framework_id, inspection.framework_version)


@dataclass(frozen=True)
class Offered:
    """A framework set-up offers: its choice value and how it is named."""

    value: str
    framework: Framework
    uploaded: UploadedFramework | None = None

    @property
    def words(self) -> str:
        where = "uploaded" if self.uploaded else "bundled"
        return f"{self.framework.title} (version {self.framework.version}, {where})"


def choice_value(framework_id: str, version: str) -> str:
    """Bundled frameworks go by id; an uploaded one by id and version, as both are kept."""
    if framework_id in bundled_ids():
        return framework_id
    return f"{framework_id}{_SEPARATOR}{version}"


def offered() -> list[Offered]:
    """Bundled frameworks, then uploaded ones, each usable (an upload is checked when kept)."""
    found = [Offered(f.id, f) for f in bundled_frameworks()]
    for stored in UploadedFramework.objects.all():
        try:
            framework = _parsed(stored.name, stored.content)
        except InputError:  # the loader grew stricter since it was uploaded: not offered
            continue
        found.append(Offered(choice_value(stored.framework_id, stored.version), framework, stored))
    return found


def in_force_for_cases(day: date) -> str | None:
    """The choice set-up starts on: the newest bundled framework in force on `day` (its
    `in_force` dates) that rates cases by key questions; None if none is."""
    found = [
        framework
        for framework in bundled_frameworks()
        if framework.in_force.covers(day)
        and any(standard.rated_by == "key_questions" for _, standard in framework.standards())
    ]
    return max(found, key=lambda f: f.in_force.start).id if found else None


def chosen(value: str) -> Framework:
    """The framework behind a choice's value; raises UnknownFramework."""
    framework_id, _, version = value.partition(_SEPARATOR)
    return find_framework(framework_id, version)


@transaction.atomic
def upload_framework(name: str, content: bytes, user: Any) -> UploadedFramework:
    """Check an uploaded framework file with the same loader as the bundled ones and keep it;
    all or nothing. Raises InputError (naming `name`, with each problem's line and field) for
    an invalid file, an id of a bundled framework, or an id and version already uploaded."""
    text = decode(Path(name), content)[0]
    framework = _parsed(name, text)
    if framework.id in bundled_ids():
        raise InputError(name, [Problem(("id",), f"'{framework.id}' is a bundled framework's "
                                "id; give your framework an id of its own")])  # fmt: skip
    if UploadedFramework.objects.filter(framework_id=framework.id, version=framework.version):
        raise InputError(name, [Problem(("version",), f"{framework.id} version "
                                f"{framework.version} is already uploaded; give this file a "
                                "new version")])  # fmt: skip
    stored = UploadedFramework(
        framework_id=framework.id,
        version=framework.version,
        title=framework.title,
        name=name,
        content=text,
        uploaded_by=user,
    )
    stored._change_reason = f"uploaded from {name}"
    stored.save()
    return stored


def other_framework(inspection: Inspection, named: object) -> list[Problem]:
    """The problem with a results file naming a framework other than the inspection's."""
    if named == inspection.framework_id:
        return []
    return [Problem(("framework",), f"is {named}; this inspection uses {inspection.framework_id}")]


def load_inspection_results(inspection: Inspection, path: Path) -> LoadedResults:
    """A results file checked against the inspection's own framework, bundled or uploaded (a
    framework path written in an uploaded file is never read on the server). Raises InputError;
    for a file naming another framework, that alone (its other problems would come from reading
    it against the wrong framework). Callers check `other_framework` on success."""
    try:
        return load_results(path, framework=framework_for(inspection))
    except InputError as error:
        try:
            named = load_data_file(path).data.get("framework")
        except InputError:
            raise error from None
        if problems := other_framework(inspection, named):
            raise InputError(error.file, problems) from None
        raise
