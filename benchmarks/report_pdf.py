"""Benchmark: the full Essex-sized report to PDF, against WeasyPrint alone on the same HTML.

Target (issue "The inspection report (HTML and PDF), the press release and data exports"): the
whole job (rating, report content, every chart, HTML and PDF) in no more than 1.5x the time
WeasyPrint alone takes to render the final HTML, measured side by side, and under 5 seconds.
Run:  python benchmarks/report_pdf.py [--rounds R]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from weasyprint import HTML

from yjinspect.examples import example
from yjinspect.frameworks import load_framework
from yjinspect.ratings import rate
from yjinspect.reporting.render import report_html
from yjinspect.reporting.report import ReportFormat, build, render_report
from yjinspect.reporting.sampling import sampling_report
from yjinspect.results import load_results
from yjinspect.results.narrative import Caseload
from yjinspect.sampling.draw import draw_sample
from yjinspect.sampling.population import read_population

RATIO_TARGET = 1.5
SECONDS_TARGET = 5.0


def caseload() -> Caseload:
    """The demo population's profile, so the contextual-facts chart is drawn too."""
    framework = load_framework("hmip-yos-2018")
    population = read_population(example("population-demo.csv"))
    drawn = draw_sample(population, framework.sampling, date(2026, 6, 1), seed=1)
    return Caseload.model_validate(sampling_report(drawn, population.source, framework)["caseload"])


def full_job(path: Path, profile: Caseload) -> bytes:
    """What `yjinspect report … --format pdf` does, from the results file to the PDF bytes."""
    loaded = load_results(path)
    results = loaded.results.model_copy(update={"caseload": profile})
    return render_report(build(rate(loaded), results), ReportFormat.pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    path = example("essex-2018.yaml")
    profile = caseload()
    loaded = load_results(path)
    html = report_html(build(rate(loaded), loaded.results.model_copy(update={"caseload": profile})))
    full_job(path, profile)  # warm both: imports, fonts, matplotlib's caches
    HTML(string=html).write_pdf(pdf_tags=True)
    full, alone = [], []
    for _ in range(args.rounds):  # alternate, so drift on the machine hits both alike
        start = time.perf_counter()
        pdf = full_job(path, profile)
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        HTML(string=html).write_pdf(pdf_tags=True)
        alone.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    full_s, alone_s = statistics.median(full), statistics.median(alone)
    ratio = full_s / alone_s
    print(f"report: {pages} pages, {len(html) / 1024:.0f} KB of HTML, {html.count('<svg')} charts")
    print(f"full job (rate, build, charts, HTML, PDF): median {full_s:.2f} s over {args.rounds}")
    print(f"WeasyPrint alone on the same HTML:        median {alone_s:.2f} s")
    ratio_ok, seconds_ok = ratio <= RATIO_TARGET, full_s < SECONDS_TARGET
    print(f"ratio {ratio:.2f}x (target <= {RATIO_TARGET}x): {'met' if ratio_ok else 'NOT MET'}")
    print(
        f"time {full_s:.2f} s (target < {SECONDS_TARGET} s): {'met' if seconds_ok else 'NOT MET'}"
    )
    return 0 if ratio_ok and seconds_ok else 1


if __name__ == "__main__":
    sys.exit(main())
