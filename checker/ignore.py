"""What a folder walk leaves out: paths that .gitignore files ignore, and paths that --exclude globs match."""
from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePath

import pathspec


class Ignores:
    """The .gitignore files that apply in a folder, outermost first; a deeper file's decision wins, as in git."""

    def __init__(self, specs: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.specs = specs

    def entering(self, folder: Path) -> Ignores:
        """The rules inside folder: these, and its own .gitignore if it has one."""
        spec = _read_spec(folder / ".gitignore")
        return self if spec is None else Ignores((*self.specs, (os.path.abspath(folder), spec)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        where = os.path.abspath(path)
        for base, spec in reversed(self.specs):
            rel = os.path.relpath(where, base)
            if rel.startswith(".."):
                continue
            decision = spec.check_file(PurePath(rel).as_posix() + ("/" if is_dir else "")).include
            if decision is not None:
                return decision
        return False


def _read_spec(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:  # absent or unreadable: nothing is ignored on its account
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def ignores_above(folder: Path) -> Ignores:
    """The .gitignore files of folder's parents, up to the root of the git work tree it is in (none outside one)."""
    here = Path(os.path.abspath(folder))
    chain = []
    for parent in here.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return Ignores()
    ignores = Ignores()
    for parent in reversed(chain):
        ignores = ignores.entering(parent)
    return ignores


def matches_glob(path: Path | str, patterns: tuple[str, ...]) -> bool:
    """Whether a glob matches the path's name, the name of a folder on it, or a run of its parts, the path
    as numcheck names it (as given, or below a folder as given): 'drafts', '*.md', '2019/*.md' and
    'articles/2019/*' all match 'articles/2019/x.md'; 'drafts' also matches 'articles/drafts/x.md'."""
    parts = [p for p in PurePath(path).parts if p not in (PurePath(path).anchor, ".")]
    runs = ["/".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]
    return any(fnmatchcase(run, pattern.strip("/").removeprefix("./")) for pattern in patterns for run in runs)
