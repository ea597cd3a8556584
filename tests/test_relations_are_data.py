"""Domain relations are data: editing rules/relations.yaml changes what the rules find, with no code change."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from checker.pipeline import check_text
from checker.vocab import _load

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("The blast injured 12 people, the mayor said. "
        "Doctors said 15 people were hospitalised with serious wounds.")


def test_without_the_relation_the_numbers_are_unrelated() -> None:
    assert [f for f in check_text(TEXT).findings if f.rule == "NC101"] == []


def test_hospitalised_within_injured_is_a_data_edit(tmp_path: Path, monkeypatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    events = yaml.safe_load((rules / "events.yaml").read_text(encoding="utf-8"))
    events["events"]["hospitalised"] = {"words": ["hospitalised", "hospitalized", "admitted to hospital"]}
    events["events"]["injured"]["words"] = [w for w in events["events"]["injured"]["words"]
                                             if w not in ("hospitalised", "hospitalized")]
    (rules / "events.yaml").write_text(yaml.safe_dump(events, allow_unicode=True), encoding="utf-8")
    relations = yaml.safe_load((rules / "relations.yaml").read_text(encoding="utf-8"))
    relations["event_parts"]["injured"] = ["hospitalised"]
    (rules / "relations.yaml").write_text(yaml.safe_dump(relations, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("NUMCHECK_RULES_DIR", str(rules))
    _load.cache_clear()
    try:
        found = check_text(TEXT).findings
    finally:
        _load.cache_clear()
    assert [(f.rule, [s.text for s in f.spans]) for f in found] == [("NC101", ["12", "15"])]
