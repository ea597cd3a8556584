"""Configuration files: [tool.numcheck] in pyproject.toml or numcheck.toml, overridden by the command line."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app
from checker.documents import Document
from checker.pipeline import run

runner = CliRunner()
ARTICLE = ("The summit opened on Thursday, May 14. Russia launched 61 drones overnight. "
           "Air defences shot down 75 of them. In all, 62 of the 143 buses, nearly half, were late.\n")


def _check(tmp_path: Path, monkeypatch, *args: str):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "story.txt", "--format", "json", *args])
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def test_no_config_uses_the_defaults(tmp_path: Path, monkeypatch) -> None:
    result, report = _check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert sorted(f["rule"] for f in report["findings"]) == ["NC101", "NC104"]  # no year known: no weekday check


def test_numcheck_toml_sets_year_rules_severity_and_fail_on(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text(
        'default-year = 2025\nignore = ["NC104"]\nfail-on = "never"\n[severity]\nNC101 = "warning"\n',
        encoding="utf-8")
    result, report = _check(tmp_path, monkeypatch)
    found = {f["rule"]: f["severity"] for f in report["findings"]}
    assert found == {"NC101": "warning", "NC108": "error"}  # May 14, 2025 was a Wednesday
    assert result.exit_code == 0  # fail-on never


def test_command_line_overrides_the_config(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    result, _ = _check(tmp_path, monkeypatch, "--fail-on", "error")
    assert result.exit_code == 1


def test_pyproject_tool_table_and_tolerance(tmp_path: Path, monkeypatch) -> None:
    # 62 of 143 is 43%: outside "nearly half" (45-50%) at ±10 %, inside at ±20 %
    (tmp_path / "pyproject.toml").write_text('[tool.numcheck]\ntolerance = 0.2\n', encoding="utf-8")
    _, loose = _check(tmp_path, monkeypatch)
    (tmp_path / "pyproject.toml").write_text('[tool.numcheck]\ntolerance = 0.1\n', encoding="utf-8")
    _, strict = _check(tmp_path, monkeypatch)
    assert "NC104" not in [f["rule"] for f in loose["findings"]]
    assert "NC104" in [f["rule"] for f in strict["findings"]]


def test_bad_config_is_one_line_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    result, _ = _check(tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"numcheck: error: {tmp_path / 'numcheck.toml'}: fail-on must be one of error, warning, never"]


def test_unknown_setting_is_named(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text('tolerence = 0.2\n', encoding="utf-8")
    result, _ = _check(tmp_path, monkeypatch)
    assert result.exit_code == 2 and "unknown setting(s) tolerence" in result.stderr


def test_progress_is_reported_per_document_and_not_drawn_off_a_terminal(tmp_path: Path, monkeypatch) -> None:
    seen = []
    run([Document(f"d{i}.txt", text="Officials counted 12 cases.") for i in range(3)], progress=seen.append)
    assert [d.doc for d in seen] == ["d0.txt", "d1.txt", "d2.txt"]
    for i in range(25):
        (tmp_path / f"a{i:02d}.txt").write_text("Officials counted 12 cases.", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""


def test_select_on_the_command_line_wins_over_ignore_in_the_config(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text('ignore = ["NC101", "NC104"]\n', encoding="utf-8")
    result, report = _check(tmp_path, monkeypatch)
    assert result.exit_code == 0 and report["findings"] == []
    result, report = _check(tmp_path, monkeypatch, "--select", "part-exceeds-whole")
    assert result.exit_code == 1 and [f["rule"] for f in report["findings"]] == ["NC101"]
    result, report = _check(tmp_path, monkeypatch, "--select", "NC101,NC104")
    assert sorted(f["rule"] for f in report["findings"]) == ["NC101", "NC104"]


def test_select_in_the_api_wins_over_ignore_in_the_config() -> None:
    from checker.config import Config
    doc = [Document("story.txt", text=ARTICLE)]
    assert [f.rule for f in run(doc, config=Config(ignore=["part-exceeds-whole"]), select=["NC101"]).findings] == ["NC101"]
    assert run(doc, config=Config(ignore=["NC101"]), select=["NC101"], ignore=["NC101"]).findings == []


def test_no_across_on_the_command_line_wins_over_the_config(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text("across = true\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Russia launched 147 drones overnight, Ukraine's air force said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Russia launched 183 drones overnight, Ukraine's air force said.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    kinds = {}
    for flag in ("--across", "--no-across"):
        result = runner.invoke(app, ["check", "a.txt", "b.txt", "--format", "json", flag])
        kinds[flag] = [f["kind"] for f in json.loads(result.stdout)["findings"]]
    assert kinds == {"--across": ["conflicting-values"], "--no-across": []}
    result = runner.invoke(app, ["check", "a.txt", "b.txt", "--format", "json"])
    assert [f["kind"] for f in json.loads(result.stdout)["findings"]] == ["conflicting-values"]  # the config's


README_EXAMPLE = '''[tool.numcheck]
select = ["NC101", "NC102", "NC103"]
fail-on = "never"
default-year = 2025

[tool.numcheck.severity]
NC101 = "warning"
'''


def test_the_readme_pyproject_example_works_pasted_into_numcheck_toml(tmp_path: Path, monkeypatch) -> None:
    from checker.config import load
    for name in ("numcheck.toml", "pyproject.toml"):
        (tmp_path / name).write_text(README_EXAMPLE, encoding="utf-8")
        cfg = load(tmp_path / name)
        assert (cfg.select, cfg.fail_on, cfg.default_year, cfg.severity) == (
            ["NC101", "NC102", "NC103"], "never", 2025, {"NC101": "warning"})
    (tmp_path / "pyproject.toml").unlink()
    result, report = _check(tmp_path, monkeypatch)
    assert result.exit_code == 0 and [(f["rule"], f["severity"]) for f in report["findings"]] == [("NC101", "warning")]


def test_the_readme_configuration_block_itself_loads_the_same_from_both_files(tmp_path: Path) -> None:
    import re

    from checker.config import load
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Configuration"):readme.index("### In CI")]
    (block,) = re.findall(r"```toml\n(.*?)```", section, re.S)
    assert block.startswith("[tool.numcheck]")
    configs = []
    for name in ("numcheck.toml", "pyproject.toml"):
        (tmp_path / name).write_text(block, encoding="utf-8")
        cfg = load(tmp_path / name)
        configs.append({k: v for k, v in vars(cfg).items() if k != "path"})
    assert configs[0] == configs[1] and configs[0]["text_field"] == "body" and configs[0]["severity"]


def test_numcheck_toml_mixing_both_shapes_is_a_one_line_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "numcheck.toml").write_text('fail-on = "never"\n[tool.numcheck]\nselect = ["NC101"]\n',
                                            encoding="utf-8")
    result, _ = _check(tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"numcheck: error: {tmp_path / 'numcheck.toml'}: write the settings at the top level (select = [...]) "
        "or all under [tool.numcheck], not both, and no other [tool.*] table"]
