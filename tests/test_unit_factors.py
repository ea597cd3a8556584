"""checker/extract/unit_factors.json holds what pint answers now, and is read instead of asking pint."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from checker.extract import units

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("unit_factors", ROOT / "scripts" / "unit_factors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_factors_are_not_stale() -> None:
    assert units.FACTORS_FILE.read_text(encoding="utf-8") == _script().render(), \
        "checker/extract/unit_factors.json is stale: run python scripts/unit_factors.py"


def test_a_unit_the_file_does_not_know_is_asked_of_pint() -> None:
    table = (("fur", "furlong"), ("m", "metre"))
    assert "furlong" not in units._shipped()["base"]
    assert units.base_of("fur", table) == units.pint_base_of("furlong")
    assert units._factor("furlong", "metre") == units.pint_factor("furlong", "metre")
    assert units._factor("furlong", "metre")[0] and not units._factor("furlong", "second")[0]


def test_known_units_convert_without_loading_pint() -> None:
    code = ("import sys; from checker.extract.units import convert, normalise; from checker.vocab import vocabulary; "
            "v = vocabulary(); print(normalise(5.0, 'km', v), convert(2.0, 'mi', 'km', v), convert(1.0, 'kg', 'km', v), "
            "'pint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-1] == "False"
