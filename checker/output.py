"""Writing results: atomically to a file (temp file renamed into place) or to stdout."""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


def write_text(text: str, path: Path | None) -> None:
    """Write text to path atomically, or to stdout when path is None or '-'."""
    with open_stream(path) as write:
        write(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# GitHub shows at most 1 MiB of a step's summary; keep a margin for what other tools add after us
STEP_SUMMARY_LIMIT = 1_000_000


def step_summary_room(path: Path, limit: int | None = None) -> int:
    """Bytes a step summary file can still take: what earlier commands of the step wrote counts too."""
    limit = STEP_SUMMARY_LIMIT if limit is None else limit
    try:
        used = Path(path).stat().st_size
    except OSError:
        used = 0
    return max(0, limit - used)


def append_text(text: str, path: Path) -> None:
    """Append to a file another program owns (GitHub's step summary)."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)


def _special(path: Path) -> bool:
    """Whether path exists and is not a regular file (a device such as /dev/null, a named pipe)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


@contextmanager
def open_stream(path: Path | None) -> Iterator[Callable[[str], None]]:
    """A write function for a report made piece by piece: to stdout as it goes, or into a temp file
    renamed onto path only when the block ends normally, so an interrupted run leaves no half report."""
    if path is None or str(path) == "-":
        def write(text: str) -> None:
            sys.stdout.write(text)
            sys.stdout.flush()
        yield write
        return
    path = Path(os.path.realpath(path))  # through a symbolic link to its target, as a shell's > would write
    if _special(path):  # /dev/null, a FIFO, a terminal: write into it; renaming a file onto it would replace it
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh.write
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh.write
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
