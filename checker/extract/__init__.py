"""Extraction stages: sentences, numbers, mentions, units and context, from text to the quantity table."""
from checker.extract.run import extract_text, table

__all__ = ["extract_text", "table"]
