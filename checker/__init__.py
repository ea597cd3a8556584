"""numcheck: find numbers in news text that cannot all be true together."""
import os

# The parser multiplies small matrices, one sentence batch at a time: a second BLAS thread gains nothing
# there and, beside numcheck's own worker processes (--jobs), oversubscribes the cores. Set before numpy
# loads; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from checker.pipeline import check_paths, check_text  # noqa: E402
from checker.report import Finding, Report  # noqa: E402

__all__ = ["check_paths", "check_text", "Finding", "Report"]
__version__ = "0.1.0"
