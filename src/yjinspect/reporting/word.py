"""Lay a built report out as a Word document (python-docx), from the same HTML as the PDF.

The report's HTML is the one layout of its content; this walks it and writes Word's own parts:
headings as Heading styles (so the navigation pane and a table of contents work), tables as
Word tables, charts as PNG pictures of the same SVG, footnotes as numbered notes after the
block that calls them (python-docx has no footnote API). No decisions about content here.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import html as lxml_html
from lxml.html import HtmlElement

from yjinspect.errors import without_control_characters

HEADINGS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}  # Word's Title, then Heading 1 to 3
CHART_WIDTH = Cm(15)
TEXT_WIDTH = 17.4  # cm: A4 less the margins
SECONDARY = RGBColor(0x50, 0x5A, 0x5F)
_SPACE = re.compile(r"\s+")


def _text(text: str | None) -> str:
    return _SPACE.sub(" ", text or "")


def _classes(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _svg_png(svg: str) -> bytes:
    """The chart's SVG as a PNG: the same drawing the PDF shows (cairosvg, loaded when needed)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=1600)


class _Writer:
    def __init__(self) -> None:
        self.doc: WordDocument = Document()
        self.notes: list[tuple[str, str]] = []  # number, text: written after the calling block
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(1.8)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10.5)

    # --- inline content -------------------------------------------------------------------

    def _runs(self, paragraph: Paragraph, element: HtmlElement, bold: bool = False) -> None:
        """Text and inline children of `element` as runs; footnotes become numbered calls."""
        if element.text:
            paragraph.add_run(_text(element.text)).bold = bold or None
        for child in element:
            classes = _classes(child)
            if "footnote" in classes:
                number = child.get("data-number", "")
                paragraph.add_run(number).font.superscript = True
                self.notes.append((number, _text(child.text_content()).strip()))
            elif child.tag in {"svg", "style"}:
                pass
            else:
                strong = bold or child.tag in {"strong", "b"}
                if child.tag == "sup":
                    paragraph.add_run(_text(child.text_content())).font.superscript = True
                elif child.tag == "br":
                    paragraph.add_run().add_break()
                elif "descriptor" in classes:
                    paragraph.add_run().add_break()
                    self._runs(paragraph, child, bold=False)
                else:
                    self._runs(paragraph, child, strong)
                    if child.tag in {"em", "i"}:
                        for run in paragraph.runs[-1:]:
                            run.italic = True
            if child.tail:
                paragraph.add_run(_text(child.tail)).bold = bold or None

    def _flush_notes(self) -> None:
        for number, text in self.notes:
            note = self.doc.add_paragraph(f"{number}. {text}")
            for run in note.runs:
                run.font.size = Pt(8.5)
                run.font.color.rgb = SECONDARY
        self.notes.clear()

    def _tidy(self, paragraph: Paragraph) -> Paragraph:
        """Runs carry the HTML's spaces; trim them at the ends of the paragraph."""
        if paragraph.runs:
            first, last = paragraph.runs[0], paragraph.runs[-1]
            first.text = first.text.lstrip()
            last.text = last.text.rstrip()
        return paragraph

    def paragraph(self, element: HtmlElement, style: str | None = None, bold: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        self._runs(paragraph, element, bold)
        self._tidy(paragraph)
        if {"missing", "note"} & _classes(element):
            for run in paragraph.runs:
                run.font.color.rgb = SECONDARY
        self._flush_notes()
        return paragraph

    # --- blocks -----------------------------------------------------------------------------

    def heading(self, element: HtmlElement) -> None:
        paragraph = self.doc.add_heading(level=HEADINGS[element.tag])
        self._runs(paragraph, element)
        self._tidy(paragraph)
        self._flush_notes()

    def contents(self) -> None:
        """A table of contents field: Word fills it in from the headings (F9 or on opening)."""
        self.doc.add_heading("Contents", level=1)
        paragraph = self.doc.add_paragraph()
        begin, separate, end = (OxmlElement("w:fldChar") for _ in range(3))
        begin.set(qn("w:fldCharType"), "begin")
        begin.set(qn("w:dirty"), "true")
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = 'TOC \\o "1-2" \\h \\z \\u'
        separate.set(qn("w:fldCharType"), "separate")
        end.set(qn("w:fldCharType"), "end")
        run = paragraph.add_run()
        run._r.append(begin)
        run._r.append(code)
        run._r.append(separate)
        paragraph.add_run("Right-click and choose Update Field to show the contents.")
        paragraph.add_run()._r.append(end)
        self.doc.add_page_break()

    def table(self, element: HtmlElement) -> None:
        caption = element.find("caption")
        if caption is not None:
            self.paragraph(caption, style="Caption")
        rows = element.findall(".//tr")
        columns = max(
            sum(int(cell.get("colspan", "1")) for cell in row if cell.tag in {"th", "td"})
            for row in rows
        )
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        table.autofit = False
        for row in rows:
            cells = table.add_row().cells
            header = row.getparent() is not None and row.getparent().tag == "thead"
            index = 0
            for cell in (c for c in row if c.tag in {"th", "td"}):
                span = int(cell.get("colspan", "1"))
                target: _Cell = cells[index]
                if span > 1:
                    target = target.merge(cells[index + span - 1])
                paragraph = target.paragraphs[0]
                self._runs(paragraph, cell, bold=header or "standard-row" in _classes(row))
                self._tidy(paragraph)
                if "num" in _classes(cell):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                index += span
        self._widths(table, columns)
        self._flush_notes()
        self.doc.add_paragraph()

    @staticmethod
    def _widths(table: Table, columns: int) -> None:
        """The first column (the question or standard) takes most of the width."""
        share = {1: 1.0, 2: 0.75}.get(columns, 0.55)
        first = TEXT_WIDTH * share
        rest = (TEXT_WIDTH - first) / max(columns - 1, 1)
        for index, column in enumerate(table.columns):  # the grid, which LibreOffice reads
            column.width = Cm(first if index == 0 else rest)
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = Cm(first if index == 0 else rest)

    def chart(self, element: HtmlElement) -> None:
        svg = element.find(".//svg")
        if svg is None:
            return
        markup = lxml_html.tostring(svg, encoding="unicode")
        picture = io.BytesIO(_svg_png(markup))
        self.doc.add_picture(picture, width=CHART_WIDTH)
        label = svg.get("aria-label")
        if label:  # Word's alternative text is not in python-docx: the title goes beneath
            self.doc.add_paragraph(label, style="Caption")

    def items(self, element: HtmlElement) -> None:
        numbered = element.tag == "ol" and "numbered" not in _classes(element)
        style = "List Number" if numbered else "List Bullet"
        if "numbered" in _classes(element):  # numbers are in the text: they run on
            style = None
        for item in element.findall("li"):
            self.paragraph(item, style=style)

    def definitions(self, element: HtmlElement) -> None:
        for child in element:
            if child.tag == "dt":
                self.paragraph(child, bold=True)
            elif child.tag == "dd":
                self.paragraph(child)

    def block(self, element: HtmlElement) -> None:
        tag, classes = element.tag, _classes(element)
        if tag in {"style", "script", "title", "head"}:
            return
        if tag == "nav" and "contents" in classes:
            self.contents()
        elif tag in HEADINGS:
            self.heading(element)
        elif tag in {"p", "strong", "span", "a", "em"}:  # inline at block level: a paragraph
            self.paragraph(element)
        elif tag == "table":
            self.table(element)
        elif tag == "figure":
            self.chart(element)
        elif tag in {"ul", "ol"}:
            self.items(element)
        elif tag == "dl":
            self.definitions(element)
        else:  # html, body, main, header, section, div, aside: their children in order
            if tag == "section" and "chapter" in classes and "domain" in classes:
                self.doc.add_page_break()
            for child in element:
                self.block(child)
            if tag == "header" and "cover" in classes:
                self.doc.add_page_break()


def document_bytes(html: str) -> bytes:
    """The report's HTML (from `render.report_html`) as the bytes of a .docx file."""
    writer = _Writer()
    # Word's XML cannot hold control characters; a file's text may carry them.
    writer.block(lxml_html.document_fromstring(without_control_characters(html)))
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return buffer.getvalue()
