"""yjinspect: inspect a youth justice service the way HM Inspectorate of Probation does."""

__version__ = "0.1.0"
