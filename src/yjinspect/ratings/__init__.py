"""The ratings engine: key question results, standard and overall ratings, discretion, scores."""

from yjinspect.ratings.engine import InspectionRating, Rating, ScoredInspection, rate, rate_file

__all__ = ["InspectionRating", "Rating", "ScoredInspection", "rate", "rate_file"]
