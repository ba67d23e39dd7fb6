"""The national picture: many inspections' ratings counted together, and one service against them.

Sources are results files (rated here) and CSVs of published results; everything is held as
integer codes per framework (`RatedSet`) so that thousands of inspections are counted at once.
"""

from yjinspect.national.model import About, DataProblem, RatedSet
from yjinspect.national.picture import Filters, FrameworkPicture, Picture, build_picture
from yjinspect.national.position import Position, Standing, position_of
from yjinspect.national.sources import National, read_sources

__all__ = [
    "About",
    "DataProblem",
    "Filters",
    "FrameworkPicture",
    "National",
    "Picture",
    "Position",
    "RatedSet",
    "Standing",
    "build_picture",
    "position_of",
    "read_sources",
]
