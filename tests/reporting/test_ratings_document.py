"""What people read: gaps said plainly, tables that survive Markdown."""

from yjinspect.ratings import rate_file
from yjinspect.reporting.ratings import rating_document, rating_to_dict
from yjinspect.reporting.tables import Document, Table, to_markdown


def test_a_gap_in_the_evidence_is_named(write):
    path = write(
        "r.yaml",
        "framework: hmip-yjs-2021\nservice: {name: T}\n"
        'judgements: {"1.1": Good, "4.1": Not rated}\n',
    )
    rating = rate_file(path)
    document = rating_document(rating)
    assert document.lead[0].startswith("No overall rating: no rating yet for counted standards 1.2")
    rows = {row[0]: row for row in document.tables[0].rows}
    assert rows["4.1"][2] == "Not rated"
    assert "not counted" in rows["4.1"][4]
    assert rating_to_dict(rating)["missing"][0] == "1.2"


def test_markdown_cells_keep_their_pipes_and_lines():
    document = Document("T", [], [Table("S", ["a", "b"], [["x|y", "two\nlines"]])])
    assert "| x\\|y | two lines |" in to_markdown(document)
