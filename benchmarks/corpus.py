"""Benchmark corpora of about 2 MB, every copy of an article with its numbers re-rolled.

Two sources: `real`, the 200 published articles of ../shared/corpus/real (what numcheck's users check:
about one sentence in five holds a quantity), and `synthetic`, seeds/ and ../shared/corpus/dev (short
articles written to exercise the rules, a number in nearly every sentence: the parse's worst case)."""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"real": [ROOT.parent / "shared" / "corpus" / "real"],
           "synthetic": [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "dev"]}
_NUMBER = re.compile(r"\d+")
_YEARISH = re.compile(r"(?:19|20)\d\d")


def source_articles(source: str = "real") -> list[tuple[str, str]]:
    """(name, text) of every .txt article in the source's folders, in name order."""
    out = []
    for folder in SOURCES[source]:
        out += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not out:
        raise SystemExit(f"no articles found in {', '.join(map(str, SOURCES[source]))}")
    return out


def reroll(text: str, rng: random.Random) -> str:
    """The text with every digit after a number's first one drawn afresh (years kept), so no copy repeats
    another and no cache can serve one copy from another; formats (1,070, 3.5bn, 2:05:48) are kept."""
    def one(m: re.Match) -> str:
        digits = m.group()
        if _YEARISH.fullmatch(digits) or len(digits) == 1:
            return digits
        return digits[0] + "".join(rng.choice("0123456789") for _ in digits[1:])
    return _NUMBER.sub(one, text)


def build(target_bytes: int = 2_000_000, seed: int = 0, max_articles: int | None = None,
          source: str = "real") -> list[tuple[str, str]]:
    """Copies of the source's articles, numbers re-rolled, until their UTF-8 size reaches target_bytes
    (or there are max_articles of them)."""
    rng = random.Random(seed)
    articles, size, copy = [], 0, 0
    sources = source_articles(source)
    while size < target_bytes and (max_articles is None or len(articles) < max_articles):
        for name, text in sources:
            body = reroll(text, rng)
            articles.append((f"{name}-{copy:03d}", body))
            size += len(body.encode("utf-8"))
            if size >= target_bytes or len(articles) == max_articles:
                break
        copy += 1
    return articles


def write(folder: Path, articles: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
