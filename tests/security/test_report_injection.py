"""Hostile text in a results file reaches every report format as text, never as markup, and the
PDF renderer fetches nothing: not a URL, not a local file (issue 13, items 1 and 3)."""

from __future__ import annotations

import html as html_module
import io
import re

import cmarkgfm
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from yjinspect.ratings import rate
from yjinspect.reporting.escape import markdown_text
from yjinspect.reporting.press import PressFormat, build_press_release, render_press_release
from yjinspect.reporting.report import ReportFormat, build, render_report
from yjinspect.reporting.tables import Document, Table, to_markdown
from yjinspect.results import load_results

from .conftest import LINK, MARKUP, SECRET_MARK


def _permissive_markdown(text: str) -> str:
    """Markdown rendered as a careless viewer would: raw HTML on, every link scheme allowed."""
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    renderer.validateLink = lambda url: True
    return renderer.render(text)


def _no_markup_from(html: str) -> None:
    assert "<script" not in html
    assert "<img" not in html
    assert not re.search(r'href="\s*javascript:', html, re.IGNORECASE)
    assert "<javascript:" not in html


@pytest.fixture
def hostile(hostile_results):
    loaded = load_results(hostile_results)
    return loaded, rate(loaded)


def _pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(page.extract_text().replace("\x00", "") for page in pages)


def test_the_pdf_fetches_no_url_and_opens_no_local_file(hostile, listener, opened):
    loaded, rating = hostile
    pdf = render_report(build(rating, loaded.results), ReportFormat.pdf)
    assert listener.heard == []
    assert opened == []
    text = _pdf_text(pdf)
    assert SECRET_MARK not in text
    assert "Evil Service" in text  # the name is still printed, as text


def test_the_cli_pdf_fetches_nothing(cli, hostile_results, listener, opened, tmp_path):
    done = cli("report", hostile_results, "--format", "pdf", "--out", tmp_path / "r.pdf")
    assert done.exit_code == 0, done.output
    assert listener.heard == []
    assert opened == []
    assert SECRET_MARK not in _pdf_text((tmp_path / "r.pdf").read_bytes())


def test_the_html_report_shows_hostile_text_as_text(hostile):
    loaded, rating = hostile
    html = render_report(build(rating, loaded.results), ReportFormat.html).decode()
    _no_markup_from(html)
    assert "&lt;script&gt;" in html
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style  # no user text is placed in CSS at all
    assert loaded.results.service.name not in style


def test_the_markdown_report_shows_hostile_text_as_text(hostile):
    loaded, rating = hostile
    markdown = render_report(build(rating, loaded.results), ReportFormat.md).decode()
    html = _permissive_markdown(markdown)
    _no_markup_from(html)
    assert "&lt;script&gt;alert" in html  # shown, as written
    assert "[click here](javascript:alert(1))" in html


def test_the_markdown_press_release_shows_hostile_text_as_text(hostile):
    loaded, rating = hostile
    text = render_press_release(build_press_release(rating, loaded.results), PressFormat.md)
    html = _permissive_markdown(text)
    _no_markup_from(html)
    assert "javascript:alert(1)" in html  # the words are kept; they just do nothing
    assert "\x1b" not in text


def test_the_text_press_release_has_no_control_characters(hostile):
    """Plain text has no markup to escape (it is served as text/plain, nosniff); what it must
    not carry is a terminal escape sequence that links or clears the screen when shown."""
    loaded, rating = hostile
    text = render_press_release(build_press_release(rating, loaded.results), PressFormat.txt)
    assert "\x1b" not in text and "\x07" not in text
    assert "press here" in " ".join(text.split()) and "<script>" in text  # as written


@pytest.mark.parametrize("text", [MARKUP, LINK, "a\\b*c*_d_`e`|f|", "# heading", "1. item", "> q"])
def test_markdown_text_renders_as_the_words_written(text):
    html = _permissive_markdown(f"| {markdown_text(text)} |\n|---|\n")
    cell = re.search(r"<th>(.*)</th>", html, re.DOTALL)
    assert cell is not None
    import html as html_module

    assert html_module.unescape(cell.group(1)) == text
    paragraph = _permissive_markdown(markdown_text(text))
    assert html_module.unescape(re.sub(r"</?p>\n?", "", paragraph)) == text


def test_document_markdown_shows_hostile_text_as_text():
    """The sampling report and `rate --format markdown` (a discretion reason, a replacement
    reason) are Documents written by the same function."""
    hostile = f"{MARKUP} {LINK}"
    document = Document(
        hostile,
        [hostile],
        [Table(hostile, [hostile, "n"], [[hostile, "1"]], [hostile])],
        [(hostile, [hostile])],
    )
    html = _permissive_markdown(to_markdown(document))
    _no_markup_from(html)
    assert html.count("[click here](javascript:alert(1))") == 8  # every place, as text


BARE_LINKS = ["see http://evil.example/x now", "https://evil.example", "HTTPS://EVIL.EXAMPLE",
              "go to www.evil.example", "(www.evil.example)", "javascript:alert(1)",
              "ftp://files.example/a", "JavaScript:alert(1)"]  # fmt: skip


@pytest.mark.parametrize("text", BARE_LINKS)
def test_bare_urls_are_not_linked_by_github(text):
    """GitHub's own Markdown (cmark-gfm with its autolink extension) links a URL written in
    text; a downloaded report viewed there must show the user's words, not a link."""
    html = cmarkgfm.github_flavored_markdown_to_html(
        markdown_text(text), options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
    )
    assert "<a " not in html
    assert html_module.unescape(re.sub(r"</?p>\n?", "", html)) == text
