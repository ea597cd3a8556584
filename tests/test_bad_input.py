"""Bad input: each class gets one clear line naming the file, the run goes on, nothing crashes."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import documents
from checker.cli import app
from checker.pipeline import check_text

runner = CliRunner()
GOOD = "Russia launched 61 drones overnight. Air defences shot down 75 of them.\n"


def _strict_json(text: str) -> dict:
    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(text, parse_constant=refuse)


def _run_with_good(tmp_path: Path, bad: Path, *extra: str):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), str(good), "--format", "json", *extra])
    report = _strict_json(result.stdout)
    good_doc = next(d for d in report["documents"] if d["doc"] == str(good))
    assert good_doc["error"] is None and good_doc["quantities"] == 2, "the good file must still be checked"
    return result, report


@pytest.mark.parametrize("name,content,problem", [
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), not text"),
    ("latin1.txt", "Caf\xe9 owners counted 40 guests.".encode("latin-1"),
     "not valid UTF-8 (byte 0xe9 at offset 3)"),
])
def test_unreadable_content(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result, report = _run_with_good(tmp_path, bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"numcheck: error: {bad}: {problem}"]
    assert next(d for d in report["documents"] if d["doc"] == str(bad))["error"] == problem


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result, _ = _run_with_good(tmp_path, loop)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"numcheck: error: {loop}: cannot read (Too many levels of symbolic links)"]


def test_no_permission(tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "secret.txt"
    bad.write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def guarded(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", guarded)
    result, _ = _run_with_good(tmp_path, bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"numcheck: error: {bad}: permission denied"]


def test_file_vanished_after_listing(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    listed = documents.discover

    def list_then_delete(paths, *args, **kwargs):
        found = listed(paths, *args, **kwargs)
        (folder / "a.txt").unlink()  # deleted by another process between listing and reading
        return found
    monkeypatch.setattr(documents, "discover", list_then_delete)
    result = runner.invoke(app, ["check", str(folder), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"numcheck: error: {folder / 'a.txt'}: no such file"]
    assert [d["quantities"] for d in _strict_json(result.stdout)["documents"]] == [0, 2]


HOSTILE = {
    "empty": "",
    "huge-digits": "The debt was " + "9" * 5000 + " dollars and 12 people left.",
    "overflow": "Values of 1e999 and 2.5e-400 and -1e999 were logged, NaN and Infinity too.",
    "negative-zero": "The change was -0 and -0.0 percent, officials said.",
    "arabic-indic": "Officials counted ٣٤٥ people and ١٢ drones.",
    "full-width": "Officials counted ３４５ people and １２ drones.",
    "nbsp-thin": "About 1\u00a0200 cars and 12\u202f500 tonnes and 3\u2009000 people.",
    "unbalanced": 'He said "61 drones (75 [shot down" 12)) ]] "" "',
    "control": "Russia launched 61\x07 drones\x1b[31m and 75\x0b were\x0c shot down.\r\n",
    "bidi": "Russia launched \u202e61\u202c drones; \u200f75\u200e were shot down.",
    "emoji": "🚀 Russia launched 61 🛩️ drones; 75 💥 were shot down 🇺🇦.",
    "mixed-scripts": "Россия запустила 61 дрон; 75 were shot down. 中国 30 枚导弹 and 12 km² of 土地.",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_handled(name: str, tmp_path: Path) -> None:
    text = HOSTILE[name]
    report = check_text(text)
    for r in report.quantities.itertuples():
        assert text[r.start:r.end] == r.text
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    _strict_json(result.stdout)


def test_many_numbers_in_one_sentence_within_budget_or_reported(tmp_path: Path) -> None:
    sentence = "Officials counted " + ", ".join(str(i * 37 % 100000) for i in range(1, 20001)) + " people."
    slow = tmp_path / "slow.txt"
    slow.write_text(sentence, encoding="utf-8")
    result, report = _run_with_good(tmp_path, slow, "--time-budget", "0.5")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"numcheck: error: {slow}: took longer than its time budget of 0.5 s; not checked"]


def test_long_single_line_is_checked(tmp_path: Path) -> None:
    line = ("word " * 400_000) + "and then 61 drones were launched and 75 were shot down."
    report = check_text(line)
    assert list(report.quantities["text"]) == ["61", "75"]


def test_nothing_reaches_the_network(monkeypatch) -> None:
    def no_network(*args, **kwargs):
        raise AssertionError("numcheck tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    inputs = Path(__file__).parent / "data" / "inputs"
    from checker.pipeline import check_paths
    report = check_paths([str(inputs / "attack.html"), str(inputs / "budget.md"), str(inputs / "wire.jsonl")])
    assert len(report.findings) >= 3


def test_interrupted_run_leaves_no_report(tmp_path: Path) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text("Officials counted " + ", ".join(str(i) for i in range(1, 100001)) + " people.", encoding="utf-8")
    out = tmp_path / "report.md"
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(slow), "-o", str(out), "--time-budget", "600"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().endswith("numcheck: interrupted; no report was written")
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["slow.txt"]


@pytest.mark.parametrize("text", [
    "The bombers flew between 1,000 and 1,500 km (2,400 miles) to their targets.",  # fuzz #1705
    "The bridge is 0 km (5 miles) long.",                                            # fuzz #6129
    "Of those, 12 km were paved.",                                                    # fuzz #243
])
def test_fuzz_crashes_stay_fixed(text: str) -> None:
    report = check_text(text)
    for r in report.quantities.itertuples():
        assert text[r.start:r.end] == r.text
