"""A framework written back as a framework file: what `load_framework_file` and the workspace's
framework upload read, so a bundled framework can be copied and made a service's own.

`reporting.frameworks.framework_to_dict` is the display form instead: it adds what is derived
(each text's provenance flag, the maximum score), which a framework file does not hold.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import yaml

from yjinspect.frameworks.schema import Framework


def plain(value: Any) -> Any:
    """Numbers as numbers (a band edge of 62.5, not '62.5'), dates as ISO text, in dicts and
    lists too: as a framework file and the JSON form write them."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def framework_yaml(framework: Framework) -> str:
    """The framework as a YAML framework file, its fields in the schema's order and by the
    names the file uses (`from`, `to`); loading it gives an equal framework. Comments in the
    file it was loaded from are not kept."""
    data = framework.model_dump(by_alias=True, exclude_unset=True)
    header = (
        f"# {framework.id}, version {framework.version}: yjinspect framework show --format yaml\n"
        "# To make it your own framework, give it a new id, title and version before uploading.\n"
    )
    return header + yaml.safe_dump(plain(data), sort_keys=False, allow_unicode=True, width=96)
