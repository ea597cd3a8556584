"""Fuzz the whole check pipeline with generated and mutated article text (seeded, reproducible).

    python benchmarks/fuzz.py                      # 100,000 inputs on all cores
    python benchmarks/fuzz.py --count 2000 --seed 7 --jobs 1
    python benchmarks/fuzz.py --replay 4711        # rerun one input by its index

Each input i is built from random.Random(seed * 1_000_003 + i), so any crash is replayed by its index.
Inputs are checked --batch at a time in one run, as a corpus is, each within the pipeline's time
budget of --hang seconds. A crash is an exception, a document lost to an internal error, an offset
that does not point at its text or a report that is not strict JSON; a hang is a document that ran
out of its budget. The report lists both, and the slowest inputs (extraction and rules time).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIECES = [
    "about", "nearly", "at least", "more than", "up to", "between", "and", "to", "of the", "of those",
    "drones", "missiles", "people", "killed", "injured", "launched", "shot down", "casualties", "km",
    "square miles", "hectares", "(", ")", "—", ":", ";", "%", "€", "$", "£", "bn", "m", "million", "billion",
    "one-third", "half", "two dozen", "one in five", "a quarter", "Friday, Oct. 16, 2025", "May 12",
    "three weeks after", "MH17", "KN-23", "1,070", "2:05:48", "4:12 a.m.", "1e999", "NaN", "-0", "٣٤٥", "１２",
    "1\u00a0200", "12\u202f500", "\u202e", "\u200f", "🚀", "🇺🇦", "\x07", "\x1b[31m", '"', "'", "[", "]", ".",
    ",", "\n", "\t", "<!-- numcheck: ignore NC101 -->", "[numcheck: disable]", "Most Popular", "1.", "#",
    "**", "_", "`", "|", "http://x.org/12/34", "9" * 400, "0." + "0" * 50 + "1", "between 30,000 and 10,000",
    "Of those,", "all 126 passengers", "the 78 countries", "(2,400 miles)", "four objectives:",
]


def _corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    texts += [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))] if dev.is_dir() else []
    return [line for t in texts for line in t.splitlines() if line.strip()]


LINES = _corpus()


def make_input(seed: int, index: int) -> str:
    """The index-th input: generated from pieces, or a mutated article paragraph, or random characters."""
    rng = random.Random(seed * 1_000_003 + index)
    kind = rng.random()
    if kind < 0.35:
        return " ".join(rng.choice(PIECES) if rng.random() < 0.7 else str(rng.randint(-10**6, 10**9))
                        for _ in range(rng.randint(0, 60)))
    if kind < 0.9:
        text = "\n".join(rng.choice(LINES) for _ in range(rng.randint(1, 4)))
        for _ in range(rng.randint(1, 12)):
            pos = rng.randint(0, len(text))
            op = rng.random()
            if op < 0.4:
                text = text[:pos] + rng.choice(PIECES) + text[pos:]
            elif op < 0.6:
                text = text[:pos] + text[pos + rng.randint(1, 20):]
            elif op < 0.8:
                text = text[:pos] + chr(rng.randint(0, 0x2FFFF)) + text[pos + 1:]
            else:  # swap two digits or duplicate a chunk
                chunk = text[pos:pos + rng.randint(1, 40)]
                text = text[:pos] + chunk * rng.randint(1, 5) + text[pos:]
        return text
    alphabet = "0123456789,.% -–—()[]:;\"'abcdefghij€$£\u00a0\u202f\u202e\n"
    return "".join(rng.choice(alphabet) if rng.random() < 0.9 else chr(rng.randint(0, 0x10FFFF))
                   for _ in range(rng.randint(0, 400)))


_seconds: dict[str, float] = {}


def _timed(fn, name_of):
    """fn, adding the time of each call to the document it was called for."""
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            name = name_of(args)
            _seconds[name] = _seconds.get(name, 0.0) + time.perf_counter() - started
    return timed


def _init() -> None:
    global run, Document, render
    from checker import batch
    from checker.documents import Document  # noqa: F401
    from checker.pipeline import run  # noqa: F401
    from checker.reporters.json_report import render  # noqa: F401
    # per-input times inside a batch: the per-document steps of checker.batch, timed (reading frames
    # includes parsing the input's sentences, and at most a spaCy batch of the next inputs' too)
    batch.read_mentions = _timed(batch.read_mentions, lambda a: a[1])
    batch.read_frames = _timed(batch.read_frames, lambda a: a[0].doc)
    batch.check_documents = _timed(batch.check_documents, lambda a: a[0][0].doc)
    batch.warm_up()  # one-time loads, not charged to the first input


def _strict_json(text: str) -> None:
    json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"non-finite number {c}")))


def _outcome(error: str | None) -> str:
    """ok, hang (out of its time budget) or crash (any other error: the input is generated text)."""
    if not error:
        return "ok"
    return "hang" if "time budget" in error else "crash"


def _batch(job: tuple[int, list[int], float]) -> list[tuple[int, float, str, str]]:
    """(index, seconds, outcome, detail) for each input of a batch, checked in one run as a corpus is.

    outcome is ok, crash (an exception, a document lost to an internal error, invalid offsets or JSON)
    or hang (a document past its time budget). If the run itself raises, each input is rerun alone.
    """
    seed, indices, hang = job
    texts = {f"fuzz-{i}.txt": (i, make_input(seed, i)) for i in indices}
    _seconds.clear()
    try:
        report = run([Document(name, text=t) for name, (_, t) in texts.items()], budget=hang)
        _strict_json(render(report))
    except Exception:  # noqa: BLE001 - attribute it to an input
        return [_one((seed, i, hang)) for i in indices]
    out = {}
    for d in report.documents:
        index, text = texts[d.doc]
        out[d.doc] = [index, _seconds.get(d.doc, 0.0), _outcome(d.error), d.error or ""]
    for r in report.quantities.itertuples():
        text = texts[r.doc][1]
        if text[r.start:r.end] != r.text and out[r.doc][2] == "ok":
            out[r.doc][2:] = ["crash", f"offsets {r.start}:{r.end} do not point at {r.text!r}"]
    return [tuple(v) for v in out.values()]


def _one(job: tuple[int, int, float]) -> tuple[int, float, str, str]:
    """(index, seconds, outcome, detail) for one input checked alone."""
    seed, index, hang = job
    text = make_input(seed, index)
    started = time.perf_counter()
    try:
        report = run([Document(f"fuzz-{index}.txt", text=text)], budget=hang)
        _strict_json(render(report))
        (d,) = report.documents
        if d.error:
            return index, time.perf_counter() - started, _outcome(d.error), d.error
        for r in report.quantities.itertuples():
            if text[r.start:r.end] != r.text:
                raise AssertionError(f"offsets {r.start}:{r.end} do not point at {r.text!r}")
        outcome, detail = "ok", ""
    except Exception as exc:  # the fuzzer's job is to catch everything
        outcome, detail = "crash", "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return index, time.perf_counter() - started, outcome, detail


def _replay(seed: int, index: int) -> None:
    """One input, its outcome, and the traceback of the first step that fails, if any."""
    from checker.extract import extract_text, table
    from checker.rules.engine import run_rules
    text = make_input(seed, index)
    print(repr(text))
    print(_one((seed, index, 10.0)))
    try:
        quantities = table(extract_text(text, "replay.txt"))
        run_rules(quantities, {"replay.txt": text})
    except Exception:  # noqa: BLE001 - show it
        traceback.print_exc()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=mp.cpu_count())
    ap.add_argument("--hang", type=float, default=10.0, help="seconds after which an input counts as a hang")
    ap.add_argument("--replay", type=int, help="run one input by index and print it")
    ap.add_argument("--batch", type=int, default=50, help="inputs checked together in one run")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fuzz-results.json")
    args = ap.parse_args(argv)
    _init()
    if args.replay is not None:
        _replay(args.seed, args.replay)
        return 0
    jobs = [(args.seed, list(range(i, min(i + args.batch, args.count))), args.hang)
            for i in range(0, args.count, args.batch)]
    started = time.perf_counter()
    results = []
    with mp.Pool(args.jobs, initializer=_init) as pool:
        for batch in pool.imap_unordered(_batch, jobs, chunksize=4):
            before = len(results)
            results.extend(batch)
            if len(results) // 10_000 > before // 10_000:
                print(f"  {len(results):,} inputs, {time.perf_counter() - started:,.0f} s", file=sys.stderr)
    elapsed = time.perf_counter() - started
    crashes = [r for r in results if r[2] == "crash"]
    hangs = [r for r in results if r[2] == "hang"]
    slowest = sorted(results, key=lambda r: -r[1])[:5]
    print(f"fuzz: {len(results):,} inputs (seed {args.seed}) in {elapsed:,.0f} s on {args.jobs} processes")
    print(f"crashes: {len(crashes)}   hangs (> {args.hang:g} s): {len(hangs)}")
    print("slowest inputs:")
    for index, seconds, outcome, _ in slowest:
        print(f"  #{index:<7} {seconds:6.2f} s  {outcome:<5} {make_input(args.seed, index)[:70]!r}")
    for index, _, outcome, detail in (crashes + hangs)[:20]:
        print(f"  {outcome} #{index}: {detail}")
    args.out.write_text(json.dumps({
        "count": len(results), "seed": args.seed, "seconds": round(elapsed, 1),
        "crashes": [{"index": i, "detail": d} for i, _, _, d in crashes],
        "hangs": [{"index": i, "detail": d} for i, _, _, d in hangs],
        "slowest": [{"index": i, "seconds": round(s, 3)} for i, s, _, _ in slowest],
    }, indent=1) + "\n", encoding="utf-8")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
