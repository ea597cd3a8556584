"""Fuzz the whole check pipeline with generated and mutated article text (seeded, reproducible).

    python benchmarks/fuzz.py                      # 100,000 inputs on all cores
    python benchmarks/fuzz.py --count 2000 --seed 7 --jobs 1
    python benchmarks/fuzz.py --replay 4711        # rerun one input by its index

Each input i is built from random.Random(seed * 1_000_003 + i), so any crash is replayed by its index.
An input that raises is a crash; one that runs past --hang seconds is a hang. The report lists both,
and the slowest inputs.
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


def _init() -> None:
    global run, Document, time_budget, BudgetExceeded, render
    from checker.budget import BudgetExceeded, time_budget  # noqa: F401
    from checker.documents import Document  # noqa: F401
    from checker.pipeline import run  # noqa: F401
    from checker.reporters.json_report import render  # noqa: F401


def _one(job: tuple[int, int, float]) -> tuple[int, float, str, str]:
    """(index, seconds, outcome, detail) for one input: outcome is ok, crash or hang."""
    seed, index, hang = job
    text = make_input(seed, index)
    started = time.perf_counter()
    try:
        with time_budget(hang):
            report = run([Document(f"fuzz-{index}.txt", text=text)], budget=None)
            json.loads(render(report), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            for r in report.quantities.itertuples():
                if text[r.start:r.end] != r.text:
                    raise AssertionError(f"offsets {r.start}:{r.end} do not point at {r.text!r}")
        outcome, detail = "ok", ""
    except BudgetExceeded:
        outcome, detail = "hang", f"ran past {hang:g} s"
    except Exception as exc:  # the fuzzer's job is to catch everything
        outcome, detail = "crash", "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return index, time.perf_counter() - started, outcome, detail


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=mp.cpu_count())
    ap.add_argument("--hang", type=float, default=10.0, help="seconds after which an input counts as a hang")
    ap.add_argument("--replay", type=int, help="run one input by index and print it")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fuzz-results.json")
    args = ap.parse_args(argv)
    _init()
    if args.replay is not None:
        print(repr(make_input(args.seed, args.replay)))
        print(_one((args.seed, args.replay, args.hang)))
        return 0
    jobs = [(args.seed, i, args.hang) for i in range(args.count)]
    started = time.perf_counter()
    results = []
    with mp.Pool(args.jobs, initializer=_init) as pool:
        for n, res in enumerate(pool.imap_unordered(_one, jobs, chunksize=64), 1):
            results.append(res)
            if n % 10_000 == 0:
                print(f"  {n:,} inputs, {time.perf_counter() - started:,.0f} s", file=sys.stderr)
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
