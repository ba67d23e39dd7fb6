"""Outputs built from ratings and frameworks: JSON data, tables, Markdown."""
