"""The three-way merge behind every autosave: a field an editor did not change keeps what was
saved meanwhile; a field only they changed takes theirs; both changing it differently is the
only conflict."""

from hypothesis import given
from hypothesis import strategies as st

from yjinspect.web.workspace.assessments import merge_field

texts = st.sampled_from(["", "yes", "no", "n/a", "a note", "another note"])


@given(mine=texts, theirs=texts, base=texts)
def test_a_merge_never_loses_a_change(mine, theirs, base):
    merged = merge_field(mine, theirs, base)
    if mine == base:  # the editor left it alone: whatever is saved now stays
        assert merged == theirs
    elif theirs in (base, mine):  # only the editor changed it (or both alike)
        assert merged == mine
    else:  # both changed it, differently: refused, so neither is lost silently
        assert merged is None


@given(value=texts, base=texts)
def test_saving_again_what_is_saved_is_never_a_conflict(value, base):
    assert merge_field(value, value, base) == value
