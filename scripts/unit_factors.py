"""Regenerate checker/extract/unit_factors.json, pint's factors for rules/units.yaml (python scripts/unit_factors.py).

Run it after editing pint_units in rules/units.yaml or upgrading pint; tests/test_unit_factors.py fails
until the file matches what pint answers now.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.extract import units  # noqa: E402
from checker.vocab import load_yaml  # noqa: E402


def render() -> str:
    """The file's content: each unit's base factor and base unit, and every convertible pair's factor,
    as pint gives them (null: a scale not starting at zero, °C and °F, which pint converts value by value)."""
    expressions = sorted(set(load_yaml("units.yaml", ROOT / "rules")["pint_units"].values()))
    base = {e: units.pint_base_of(e) for e in expressions}
    convertible: dict[str, dict[str, float | None]] = {}
    for source in expressions:
        for target in expressions:
            ok, factor = units.pint_factor(source, target)
            if ok:
                convertible.setdefault(source, {})[target] = factor
    return json.dumps({"base": base, "convertible": convertible}, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    units.FACTORS_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {units.FACTORS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
