"""Input documents: files, directories, JSON Lines corpora and stdin, with one clear error per unreadable input."""
from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

from checker import formats, htmlmap, ignore

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
STDIN = "-"


@dataclass(frozen=True)
class Document:
    """A document to check: its name, the text numcheck reads, or why it could not be read.

    `raw` is the file as written when it differs from `text` at the same offsets
    (Markdown, whose syntax is blanked out); suppression comments are read there.
    `source` says where each character of `text` is in `raw` when `text` is not at raw's offsets
    (HTML, whose article text trafilatura extracts): findings are then moved to the page's offsets.
    """
    doc: str
    text: str | None = None
    error: str | None = None
    raw: str | None = None
    source: htmlmap.SourceMap | None = None

    @cached_property
    def view(self) -> str | None:
        """The text at the offsets reports give: `text`, or for HTML its article laid out along the page."""
        if self.source is None or self.text is None or self.raw is None:
            return self.text
        return htmlmap.page_view(self.text, self.raw, self.source)

    @property
    def marked(self) -> str:
        """The text suppression comments are read in, at the offsets reports give."""
        return (self.view if self.source is not None else self.raw or self.text) or ""


def discover(paths: list[str], exclude: Iterable[str] = (), warn: Callable[[str], None] | None = None) -> list[str]:
    """The files to read, each once: folders walked recursively for their article files (in name order,
    skipping hidden entries and what .gitignore ignores), files and '-' as given; none that --exclude matches.

    warn, if given, hears once of each symbolic link that leads back into its own folder (not followed).
    """
    found = _Found(tuple(exclude), warn)
    for p in paths:
        path = Path(p)
        if p == STDIN:
            found.add(p, p)
        elif found.excluded(path):
            continue
        elif path.is_dir():
            found.walk(path, ignore.ignores_above(path), frozenset())
        else:
            found.add(p, os.path.realpath(p))
    return found.files


class _Found:
    """The files of one discover() call, deduplicated by their real path."""

    def __init__(self, exclude: tuple[str, ...], warn: Callable[[str], None] | None) -> None:
        self.exclude, self.warn = exclude, warn
        self.files: list[str] = []
        self.seen: set[str] = set()
        self.walked: set[tuple[int, int]] = set()
        self.loops: set[tuple[int, int]] = set()

    def add(self, name: str, key: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.files.append(name)

    def excluded(self, path: Path) -> bool:
        return bool(self.exclude) and ignore.matches_glob(path, self.exclude)

    def walk(self, folder: Path, ignores: ignore.Ignores, ancestors: frozenset[tuple[int, int]]) -> None:
        """Add the article files in folder and its subfolders."""
        try:
            here = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            self.add(str(folder), os.path.realpath(folder))  # read as an input error: "cannot list folder"
            return
        key = (here.st_dev, here.st_ino)
        if key in self.walked:  # reached again through a link or given twice: its files are listed
            return
        self.walked.add(key)
        ancestors = ancestors | {key}
        ignores = ignores.entering(folder)
        for entry in entries:
            path = folder / entry.name
            if entry.name.startswith(".") or self.excluded(path):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                target = entry.stat() if is_dir else None
            except OSError:  # vanished, or a link to nowhere: nothing to read
                continue
            if ignores.ignored(path, is_dir):
                continue
            if is_dir:
                if (target.st_dev, target.st_ino) in ancestors:
                    self._loop(entry, path)
                else:
                    self.walk(path, ignores, ancestors)
            elif is_file and entry.name.lower().endswith(TEXT_SUFFIXES):
                self.add(str(path), os.path.realpath(path))

    def _loop(self, entry: os.DirEntry, path: Path) -> None:
        link = entry.stat(follow_symlinks=False)
        if (link.st_dev, link.st_ino) not in self.loops:
            self.loops.add((link.st_dev, link.st_ino))
            if self.warn:
                self.warn(f"{path}: symbolic-link loop (leads back to {os.path.realpath(path)}), not followed")


def _read_text(name: str) -> tuple[str | None, str | None]:
    """(text, None) or (None, error) for a file or stdin, as UTF-8."""
    if name == STDIN:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            return None, _os_error(exc)
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return text.removeprefix("\ufeff"), None


def _os_error(exc: OSError) -> str:
    """The one-line reason a file could not be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def iter_read(name: str, id_field: str = "id", text_field: str = "text",
              stdin_name: str | None = None) -> Iterator[Document]:
    """The documents in one input, one at a time: one for a file, one per line for a .jsonl corpus,
    which is read line by line, never whole. stdin_name names '-' and says its format by its suffix."""
    source, name = name, (stdin_name or name) if name == STDIN else name
    suffix = Path(name).suffix.lower() if name != STDIN else ""
    if suffix == ".jsonl":
        yield from _jsonl_documents(source, id_field, text_field, name)
        return
    if source != STDIN and os.path.isdir(source):
        yield Document(name, error=_folder_error(source))
        return
    text, error = _read_text(source)
    if error:
        yield Document(name, error=error)
    elif suffix in (".md", ".markdown"):
        yield Document(name, text=formats.mask_markdown(text), raw=text)
    elif suffix in (".html", ".htm"):
        article = formats.html_to_text(text)
        yield Document(name, text=article, raw=text, source=htmlmap.align(article, text))
    else:
        yield Document("<stdin>" if name == STDIN else name, text=text)


def _folder_error(folder: str) -> str:
    """Why a folder that discover() could not walk was not checked."""
    try:
        os.scandir(folder).close()
    except PermissionError:
        return "cannot list folder (permission denied)"
    except OSError as exc:
        return f"cannot list folder ({exc.strerror or exc})"
    return "is a directory"


def _jsonl_documents(source: str, id_field: str, text_field: str, name: str | None = None) -> Iterator[Document]:
    name = name or source
    try:
        if source == STDIN:  # buffered, for peek(), and left open: stdin is not ours to close
            fh = contextlib.nullcontext(io.BufferedReader(sys.stdin.buffer))
        else:
            fh = open(source, "rb")
    except OSError as exc:
        yield Document(name, error=_os_error(exc))
        return
    with fh as fh:
        try:
            if b"\x00" in fh.peek(8192)[:8192]:
                yield Document(name, error="binary file (contains NUL bytes), not text")
                return
            for n, raw in enumerate(fh, start=1):
                if n == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Document(f"{name}#line{n}",
                                   error=f"line {n}: not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
                    continue
                _, ident, body, err = formats.jsonl_record(line, n, id_field, text_field)
                yield Document(f"{name}#{ident}", text=body, error=err)
        except OSError as exc:
            yield Document(name, error=_os_error(exc))


def iter_documents(paths: list[str], id_field: str = "id", text_field: str = "text") -> Iterator[Document]:
    """Every document of the inputs, read lazily in order, so a large corpus is never held whole."""
    return iter_files(discover(paths), id_field, text_field)


def iter_files(files: list[str], id_field: str = "id", text_field: str = "text",
               stdin_name: str | None = None) -> Iterator[Document]:
    """Every document of files found by discover(), read lazily in order."""
    for p in files:
        yield from iter_read(p, id_field, text_field, stdin_name)


def load(paths: list[str], id_field: str = "id", text_field: str = "text") -> list[Document]:
    return list(iter_documents(paths, id_field, text_field))


def count(files: list[str]) -> int:
    """How many documents files found by discover() hold (non-empty lines of .jsonl files), for a progress bar."""
    total = 0
    for p in files:
        if p != STDIN and Path(p).suffix.lower() == ".jsonl":
            try:
                with open(p, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
