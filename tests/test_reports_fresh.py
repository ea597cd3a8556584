"""The committed example reports in reports/ match what the code produces now."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _make_reports():
    spec = importlib.util.spec_from_file_location("make_reports", ROOT / "scripts" / "make_reports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_reports_are_not_stale() -> None:
    rendered = _make_reports().render_all()
    assert "seeds.md" in rendered
    stale = [name for name, text in rendered.items()
             if (ROOT / "reports" / name).read_text(encoding="utf-8") != text]
    assert not stale, f"reports/{', reports/'.join(stale)} are stale: run python scripts/make_reports.py"
