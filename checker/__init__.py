"""numcheck: find numbers in news text that cannot all be true together."""
from checker.pipeline import check_paths, check_text
from checker.report import Finding, Report

__all__ = ["check_paths", "check_text", "Finding", "Report"]
__version__ = "0.1.0"
