"""Start-up: a command loads only the libraries it uses, so everyday commands start quickly.

scipy, matplotlib and pandas each take about half a second or more to import (numpy a tenth);
only the report, sampling and workspace commands need them.
"""

import subprocess
import sys

import pytest

from ..conftest import EXAMPLES

HEAVY = ("scipy", "matplotlib", "pandas", "numpy")

# Runs the command in a fresh interpreter, then names the heavy libraries it had imported.
RUN = """
import sys
from yjinspect.cli import app
try:
    app(sys.argv[1:])
except SystemExit as exit:
    assert not exit.code, exit.code
print("HEAVY:" + ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def heavy_imported(*args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN.format(heavy=heavy), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    found = result.stdout.rsplit("HEAVY:", 1)[1].strip()
    return found.split(",") if found else []


def test_importing_the_cli_loads_no_heavy_library():
    result = subprocess.run(
        [sys.executable, "-c", f"import sys, yjinspect.cli; print([m for m in {HEAVY!r} "
         "if m in sys.modules])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("rate", str(EXAMPLES / "essex-2018.yaml")),
        ("rate", str(EXAMPLES / "essex-2018.yaml"), "--format", "json"),
        ("validate", str(EXAMPLES / "essex-2018.yaml")),
        ("framework", "show", "hmip-yos-2018"),
    ],
    ids=["help", "rate", "rate-json", "validate", "framework-show"],
)
def test_everyday_commands_load_no_heavy_library(args):
    assert heavy_imported(*args) == []


def test_help_loads_no_framework_or_results_models():
    assert heavy_imported("--help", heavy=("yjinspect.frameworks", "yjinspect.results")) == []


def test_the_report_command_still_finds_its_libraries(tmp_path):
    out = tmp_path / "report.html"
    assert "matplotlib" in heavy_imported(
        "report", str(EXAMPLES / "essex-2018.yaml"), "--out", str(out)
    )
    assert out.read_text(encoding="utf-8").count("<svg") > 0
