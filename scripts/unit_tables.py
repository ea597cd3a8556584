"""Regenerate the unit tables numcheck ships instead of asking pint and quantulum3 in every process (python scripts/unit_tables.py).

- checker/extract/unit_factors.json: pint's factors for the pint_units of rules/units.yaml;
- checker/extract/quantulum_surfaces.json: every word quantulum3 reads as a unit.

Run it after editing pint_units in rules/units.yaml or upgrading pint or quantulum3;
tests/test_unit_tables.py (which runs it with --check) fails until the files match what those libraries
answer now. Run it in a fresh process, as here: quantulum3 adds the words it looks up to its own unit
table as it parses.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.extract import units  # noqa: E402
from checker.vocab import load_yaml  # noqa: E402


def factors() -> str:
    """Each unit's base factor and base unit, and every convertible pair's factor, as pint gives them
    (null: a scale not starting at zero, °C and °F, which pint converts value by value)."""
    expressions = sorted(set(load_yaml("units.yaml", ROOT / "rules")["pint_units"].values()))
    base = {e: units.pint_base_of(e) for e in expressions}
    convertible: dict[str, dict[str, float | None]] = {}
    for source in expressions:
        for target in expressions:
            ok, factor = units.pint_factor(source, target)
            if ok:
                convertible.setdefault(source, {})[target] = factor
    return json.dumps({"base": base, "convertible": convertible}, ensure_ascii=False, indent=1) + "\n"


def surfaces() -> str:
    """quantulum3's unit words, sorted, one a line."""
    return json.dumps(sorted(units.quantulum_surfaces()), ensure_ascii=False, indent=0) + "\n"


def render() -> dict[Path, str]:
    """Each shipped file and its content."""
    return {units.FACTORS_FILE: factors(), units.SURFACES_FILE: surfaces()}


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        stale = [str(path.relative_to(ROOT)) for path, text in render().items()
                 if not path.is_file() or path.read_text(encoding="utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}: run python scripts/unit_tables.py")
        return 1 if stale else 0
    for path, text in render().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
