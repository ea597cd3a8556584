"""The unit tables shipped in checker/extract hold what pint and quantulum3 answer now, and are read instead of asking them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checker.extract import units

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_tables_are_not_stale() -> None:
    # in a fresh process: quantulum3 adds the words it looks up to its unit table as it parses
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "unit_tables.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_unit_the_file_does_not_know_is_asked_of_pint() -> None:
    table = (("fur", "furlong"), ("m", "metre"))
    assert "furlong" not in units._shipped()["base"]
    assert units.base_of("fur", table) == units.pint_base_of("furlong")
    assert units._factor("furlong", "metre") == units.pint_factor("furlong", "metre")
    assert units._factor("furlong", "metre")[0] and not units._factor("furlong", "second")[0]


def test_known_units_convert_and_unit_words_are_told_without_loading_pint_or_quantulum() -> None:
    code = ("import sys; from checker.extract.units import convert, may_have_unit, normalise; "
            "from checker.vocab import vocabulary; v = vocabulary(); "
            "print(normalise(5.0, 'km', v), convert(2.0, 'mi', 'km', v), convert(1.0, 'kg', 'km', v), "
            "may_have_unit('7 hp', 1, v), may_have_unit('7 people', 1, v), 'pint' in sys.modules, "
            "'quantulum3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-4:] == ["True", "False", "False", "False"]
