"""Regenerate the example reports in reports/ (run from anywhere: python scripts/make_reports.py)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.output import write_text  # noqa: E402
from checker.pipeline import check_paths  # noqa: E402
from checker.reporters import json_report, markdown  # noqa: E402

# (input as written in the reports, report name); paths are relative to the repository root
SOURCES = [("seeds", "seeds"), ("../shared/corpus/dev", "dev")]


def render_all() -> dict[str, str]:
    """Report file name -> content, for every source that is present."""
    out = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for source, name in SOURCES:
            if not Path(source).is_dir():
                continue
            report = check_paths([source])
            out[f"{name}.md"] = markdown.render(report)
            out[f"{name}.json"] = json_report.render(report)
    finally:
        os.chdir(cwd)
    return out


def main() -> None:
    for name, text in render_all().items():
        write_text(text, ROOT / "reports" / name)
        print(f"wrote reports/{name}")


if __name__ == "__main__":
    main()
