"""Extraction stages, text to the quantity table: sentences → numbers → nonquantities → mentions
(qualifiers, units) → parse → frames (context where the parse says nothing); run puts them together."""
from checker.extract.run import extract_all, extract_text, table

__all__ = ["extract_all", "extract_text", "table"]
