"""Which files a run reads: folders walked recursively, hidden and .gitignore'd entries skipped, --exclude,
each file once, symbolic-link loops reported once (cases in tests/cases/discovery.yaml)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from checker.documents import discover

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "discovery.yaml").read_text(encoding="utf-8"))


def _tree(base: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content or "Officials counted 12 new cases.\n", encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_discovery_case(case: dict, tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path, case["files"])
    (tmp_path / "root").mkdir(exist_ok=True)
    if case.get("git"):
        (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    found = discover(case.get("paths", ["root"]), case.get("exclude", ()))
    assert [Path(p).as_posix() for p in found] == case["expect"]


def test_symlink_loop_is_reported_once_and_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    _tree(tmp_path, {"root/a.txt": "", "root/sub/b.txt": ""})
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # root/sub/up -> root: a loop
    (root / "self").symlink_to(".", target_is_directory=True)
    warnings: list[str] = []
    found = discover([str(root), str(root / "sub")], warn=warnings.append)
    assert [Path(p).relative_to(root).as_posix() for p in found] == ["a.txt", "sub/b.txt"]
    assert warnings == [f"{root / 'self'}: symbolic-link loop (leads back to {root}), not followed",
                        f"{root / 'sub' / 'up'}: symbolic-link loop (leads back to {root}), not followed"]


def test_linked_folder_outside_is_walked_and_its_files_read_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"shared/x.txt": "", "root/a.txt": ""})
    (tmp_path / "root" / "linked").symlink_to(tmp_path / "shared", target_is_directory=True)
    (tmp_path / "root" / "again").symlink_to(tmp_path / "shared", target_is_directory=True)
    found = discover([str(tmp_path / "root")])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == ["root/a.txt", "root/again/x.txt"]


def test_unreadable_folder_is_an_input_error(tmp_path: Path, monkeypatch) -> None:
    from checker import documents
    _tree(tmp_path, {"root/locked/a.txt": "", "root/b.txt": ""})
    real = os.scandir

    def guarded(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)
    monkeypatch.setattr(documents.os, "scandir", guarded)
    docs = list(documents.iter_files(discover([str(tmp_path / "root")])))
    assert [(Path(d.doc).name, d.error) for d in docs] == [
        ("b.txt", None), ("locked", "cannot list folder (permission denied)")]
