"""Does a document's cost grow linearly with its length, whatever its shape?

    python benchmarks/scaling.py            # every shape
    python benchmarks/scaling.py capacity   # some of them

The throughput benchmark's 1 MB document is ordinary news copy. Here each shape repeats one hostile
pattern (a line of initials, thousands of numbers for one event, hundreds of dates or hedges) in one
document of n and of 4n repetitions, checked in this process after a warm-up. The ratio of the two
times is 4 for linear cost; a ratio above 6 is marked.
"""
from __future__ import annotations

import sys
import time

from checker.batch import Settings, check_batch, warm_up
from checker.documents import Document

SHAPES = {
    "initials": lambda n: "Smith met J. " * n,
    "number list": lambda n: ", ".join(str(i * 7) for i in range(n)) + ".",
    "one event": lambda n: " ".join(f"Russia launched {i} drones and {i // 2} were shot down." for i in range(n)),
    "two sources": lambda n: " ".join(f"Russia said it launched {i} drones; Ukraine said {i + 1} missiles were "
                                      f"launched by Russia." for i in range(n)),
    "restated": lambda n: " ".join(f"The {i} drones came. All {i + 3} soldiers were {i % 5} km away." for i in range(n)),
    "dates": lambda n: " ".join(f"On Monday, May {i % 28 + 1}, 2025, {i} people came, {i % 9} days after Jan. 3."
                                for i in range(n)),
    "dollars": lambda n: " ".join(f"It cost ${i} million, about {i} km away in Canada." for i in range(n)),
    "hedges": lambda n: " ".join(f"about {i}, at least {i}, nearly {i} of the {i + 1} votes" for i in range(n)),
    "of those": lambda n: " ".join(f"Of those {i} troops, {i // 3} were killed and {i // 4} injured; {i} of the "
                                   f"{i * 2} municipalities." for i in range(n)),
    "shares": lambda n: " ".join(f"{i % 100}% of {i} people, a third of them, half of the {i} cases." for i in range(n)),
    "conversions": lambda n: " ".join(f"It was {i} km ({i * 0.62:.1f} miles), equivalent to {i * 2.2:.0f} pounds."
                                      for i in range(n)),
    "one per line": lambda n: "\n".join(str(i) for i in range(n)),
    "no spaces": lambda n: "1a" * (n * 5),
    "capacity": lambda n: " ".join(f"The {i}-seat chamber gave {i // 2} seats to one party and {i // 3} seats "
                                   f"to another." for i in range(n)),
}
N = 500


def seconds(text: str) -> float:
    started = time.perf_counter()
    result = check_batch([Document("shape", text)], Settings())
    elapsed = time.perf_counter() - started
    if result.errors:
        raise SystemExit(f"not checked: {result.errors}")
    return elapsed


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        raise SystemExit(f"unknown shape(s): {', '.join(unknown)} (choose from {', '.join(SHAPES)})")
    warm_up()
    print(f"{'shape':<14} {'size (n)':>10} {'time (n)':>9} {'time (4n)':>10} {'ratio':>6}")
    for name in names or SHAPES:
        make = SHAPES[name]
        small, large = seconds(make(N)), seconds(make(4 * N))
        ratio = large / small
        print(f"{name:<14} {len(make(N)):>8,} B {small:>8.2f}s {large:>9.2f}s {ratio:>6.1f}"
              + ("  superlinear" if ratio > 6 else ""), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
