"""Every fault in a rules/*.yaml file is one line naming the file and the entry, from the load itself."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from checker.cli import app
from checker.vocab import VocabularyError, _load, _relations

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "vocabulary_errors.yaml").read_text(encoding="utf-8"))


def _step(node, key: str):
    return node[int(key)] if isinstance(node, list) else node[key]


def _edit(path: Path, case: dict) -> None:
    """Apply the case's edit to the copy of its file."""
    if case.get("remove"):
        path.unlink()
        return
    if "replace" in case:
        old, new = case["replace"]
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"the text to replace is in {path.name} once: {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "delete" in case:
        del data[case["delete"]]
    else:
        op = "set" if "set" in case else "append"
        *parents, last = case[op]["path"].split(".")
        node = data
        for key in parents:
            node = _step(node, key)
        if op == "set":
            node[last] = case[op]["value"]
        else:
            _step(node, last).append(case[op]["value"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _broken_rules(tmp_path: Path, case: dict) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    _edit(rules / case["file"], case)
    return rules


def _load_all(rules: Path) -> None:
    _load(str(rules))
    _relations(str(rules))


def test_the_shipped_rules_are_valid():
    _load_all(ROOT / "rules")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_fault_is_one_line_naming_the_file_and_the_entry(case, tmp_path):
    rules = _broken_rules(tmp_path, case)
    with pytest.raises(VocabularyError) as raised:
        _load_all(rules)
    assert str(raised.value) == f"{rules / case['file']}: {case['error']}"
    assert "\n" not in str(raised.value)


def test_the_cli_reports_a_fault_in_one_line_with_exit_code_2(tmp_path, monkeypatch):
    rules = _broken_rules(tmp_path, CASES[0])
    article = tmp_path / "a.txt"
    article.write_text("Russia launched 40 drones; 31 were shot down.", encoding="utf-8")
    monkeypatch.setenv("NUMCHECK_RULES_DIR", str(rules))
    _load.cache_clear()
    try:
        result = CliRunner().invoke(app, ["check", str(article)])
    finally:
        _load.cache_clear()
    assert result.exit_code == 2
    assert result.output.strip() == (f"numcheck: error: {rules / 'events.yaml'}: "
                                     "'shot down' is listed under both 'downed' and 'hit'")
