"""Agreement between two assessors who assessed the same cases (quality assurance)."""
