"""How long typed text may be, and the one message that says so.

Every text is exported to spreadsheets, so none may exceed Excel's cell limit of 32,767
characters (a longer cell is cut off or refused by Excel). Reasons, which go into the audit
trail and the history pages, are shorter. One-line fields have the `max_length` of their model
field. Text over a limit is refused with this message, never cut short.

Nor may any text hold the NUL character (U+0000): PostgreSQL's text columns refuse it, and it is
never typed on purpose (it comes with text pasted from some programs). It is refused with a
message too, in the same call, rather than silently removed.
"""

from __future__ import annotations

LONG_TEXT = 32_767  # evidence notes, comments, findings, recommendations, judgements, quotes
REASON = 5_000  # return, replacement, publication, reopening and discretion reasons


def nul_message(what: str) -> str:
    """The message for text holding a NUL character; `what` as in `text_problem`."""
    return (
        f"{what} contains a hidden NUL character (it often comes with text pasted from another "
        "program); retype the part you pasted, or paste it as plain text"
    )


def text_problem(text: str, limit: int, what: str) -> str | None:
    """The GOV.UK-style message for `text` holding a NUL character or over `limit` characters,
    else None. `what` names the field ("the evidence note for 1.2.3"); the message starts with
    it, in lower case, to follow "Not saved:" or be capitalised by the page."""
    if "\x00" in text:
        return nul_message(what)
    if len(text) <= limit:
        return None
    return f"{what} must be {limit:,} characters or fewer (it has {len(text):,})"
