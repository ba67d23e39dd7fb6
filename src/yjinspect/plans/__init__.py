"""Improvement plans after publication: the RAG rule, the plan's due date, and the progress
report's data (a snapshot of the plan at a date and what changed since the previous one).

Plain Python: the workspace stores plans and calls these; nothing here knows about Django.
"""
