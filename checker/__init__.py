"""numcheck: find numbers in news text that cannot all be true together."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

# One BLAS thread per process, set before numpy loads, here where every import of numcheck starts (unless
# the user chose): numcheck spreads documents over cores itself (-j), and the parser's many small matrix
# products gain nothing from a second thread, whose spinning on a busy machine made a one-core run twice as slow.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

if TYPE_CHECKING:
    from checker.pipeline import check_paths, check_text
    from checker.report import Finding, Report

__all__ = ["check_paths", "check_text", "Finding", "Report"]
__version__ = "0.1.0"

_EXPORTS = {"check_paths": "checker.pipeline", "check_text": "checker.pipeline",
            "Finding": "checker.report", "Report": "checker.report"}


def __getattr__(name: str):
    # Imported on first use: `python -m checker` runs this file before __main__ can install its signal
    # handlers, and the pipeline's imports (pandas, spaCy) take seconds in which a SIGTERM would go unhandled.
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
