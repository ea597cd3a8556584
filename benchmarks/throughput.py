"""Throughput, linearity and memory of `numcheck check`, against quantulum3 alone on the same text.

    python benchmarks/throughput.py                 # the full run (about 15 minutes on 2 cores)
    python benchmarks/throughput.py --size 500000 --synthetic-size 500000 --stream 5000    # a quick look

Needs the test extra (psutil comes with dask.distributed). Every measurement runs in a fresh process,
so no cache of one run serves another, and the corpora have their numbers re-rolled in every copy
(benchmarks/corpus.py), so no copy repeats another. The throughput corpus is real published articles
(../shared/corpus/real: about one sentence in five holds a quantity, and only those are parsed); the
synthetic corpus (seeds/ and ../shared/corpus/dev, a number in nearly every sentence) is the parse's
worst case and is checked against quantulum3 too. It prints a table:

- end-to-end `numcheck check` (start-up included) on one core and on all cores: KB/s, articles/s, peak RSS
  of the whole process tree;
- quantulum3 alone, sentence by sentence, on the same text and one core, also start-up included (a
  process that imports quantulum3 and nothing of numcheck, given the sentences as numcheck splits
  them), and the ratio of the two; check on one core, check on all cores and quantulum3 are each
  timed twice, interleaved, and the better time of each kept;
- the same ratio in the steady state: the pipeline after its start-up (the better of two fresh runs)
  against the bare parse loop;
- the end-to-end ratio on the synthetic corpus;
- one 1 MB document against the same text as 100 documents of 10 KB (pipeline time, one core, the
  best of three fresh runs each, interleaved);
- a JSON Lines corpus of --stream short synthetic articles checked with --format jsonl: time and peak RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

PYTHON = sys.executable


def measure(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, str]:
    """(seconds, peak RSS of the process tree in MB, last line of stdout) of one command."""
    import psutil
    started = time.perf_counter()
    out = tempfile.TemporaryFile() if stdout is subprocess.PIPE else stdout
    err_file = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the child
    proc = subprocess.Popen(cmd, stdout=out, stderr=err_file)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root] + root.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    err_file.seek(0)
    err = err_file.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    last = ""
    if stdout is subprocess.PIPE:
        out.seek(0)
        lines = out.read().decode().splitlines()
        last = lines[-1] if lines else ""
    return seconds, peak / 1e6, last


def numcheck(*args: str) -> list[str]:
    return [PYTHON, "-m", "checker", "check", *args, "--fail-on", "never"]


def quantulum_alone(sentences_file: str) -> None:
    """Child mode: quantulum3's parse on every sentence in the file (a JSON list), in a process that
    imports nothing of numcheck. Prints the time of the parse loop alone."""
    import sys
    import types
    import warnings

    # the same workaround numcheck uses (checker/extract/units.py): inflect's import otherwise instruments
    # itself with typeguard, seconds of start-up that are no part of quantulum3's work
    saved = sys.modules.get("typeguard")
    stub = types.ModuleType("typeguard")
    stub.typechecked = lambda func=None, **_: func if func is not None else (lambda f: f)
    sys.modules["typeguard"] = stub
    import inflect  # noqa: F401
    if saved is not None:
        sys.modules["typeguard"] = saved
    else:
        del sys.modules["typeguard"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    sentences = json.loads(Path(sentences_file).read_text(encoding="utf-8"))
    parser.parse("warm up: 3 km")
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for s in sentences:
            parser.parse(s)
    print(json.dumps({"seconds": time.perf_counter() - started}))


def write_sentences(articles: list[tuple[str, str]], path: Path) -> Path:
    """Every sentence of the articles, as numcheck splits them, for quantulum3 alone to parse."""
    from checker.extract.sentences import split_sentences
    sentences = [text[s.start:s.end] for _, text in articles for s in split_sentences(text)]
    path.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    return path


def pipeline_time(folder: str) -> None:
    """Child mode: the pipeline on the folder, one core, after a warm-up; prints seconds."""
    import gc

    from checker.batch import warm_up
    from checker.pipeline import check_paths
    gc.freeze()  # as the command line does once its imports are done
    warm_up()
    started = time.perf_counter()
    check_paths([folder], jobs=1, budget=None)
    print(json.dumps({"seconds": time.perf_counter() - started}))


def child_seconds(mode: str, folder: Path) -> float:
    """The seconds a child mode reports, in a fresh process."""
    _, _, last = measure([PYTHON, __file__, mode, str(folder)], stdout=subprocess.PIPE)
    return json.loads(last)["seconds"]


def against_quantulum(folder: Path, sentences_path: Path, articles: list[tuple[str, str]], jobs: int | None
                      ) -> tuple[float, float, float, float, float, float]:
    """check on one core, quantulum3 alone and (if jobs) check on `jobs` cores, interleaved, twice each, the
    better time of each kept (this machine's speed drifts over minutes, and all should be timed in the same
    conditions): one-core seconds and peak MB, quantulum3's seconds and its loop's, all-cores seconds and MB."""
    sentences = write_sentences(articles, sentences_path)
    one_s = q_wall = q_loop = all_s = float("inf")
    one_mb = all_mb = 0.0
    for _ in range(2):
        seconds, mb, _ = measure(numcheck(str(folder), "-f", "json", "-o", os.devnull, "-j", "1"))
        one_s, one_mb = min(one_s, seconds), max(one_mb, mb)
        wall, _, last = measure([PYTHON, __file__, "--quantulum-alone", str(sentences)], stdout=subprocess.PIPE)
        q_wall, q_loop = min(q_wall, wall), min(q_loop, json.loads(last)["seconds"])
        if jobs:
            seconds, mb, _ = measure(numcheck(str(folder), "-f", "json", "-o", os.devnull, "-j", str(jobs)))
            all_s, all_mb = min(all_s, seconds), max(all_mb, mb)
    return one_s, one_mb, q_wall, q_loop, all_s, all_mb


def linearity_inputs(work: Path) -> tuple[Path, Path, int]:
    """100 documents of about 10 KB, and one document holding the same text."""
    docs, current = [], ""
    for _, text in corpus.build(1_100_000, seed=11):
        current += text.strip() + "\n\n"
        if len(current.encode()) >= 10_000:
            docs.append(current)
            current = ""
        if len(docs) == 100:
            break
    many, one = work / "many", work / "one"
    corpus.write(many, [(f"part-{i:03d}", d) for i, d in enumerate(docs)])
    corpus.write(one, [("whole", "".join(docs))])
    return many, one, sum(len(d.encode()) for d in docs)


def stream_input(work: Path, count: int) -> tuple[Path, int]:
    path = work / "wire.jsonl"
    # short synthetic articles, as wire copy streams them: the count of articles is what this row measures
    articles = corpus.build(10**12, seed=17, max_articles=count, source="synthetic")
    with open(path, "w", encoding="utf-8") as fh:
        for i, (name, text) in enumerate(articles):
            fh.write(json.dumps({"id": f"{i:06d}-{name}", "text": text}, ensure_ascii=False) + "\n")
    return path, path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=2_000_000, help="bytes of real articles in the throughput corpus")
    ap.add_argument("--synthetic-size", type=int, default=2_000_000,
                    help="bytes of the synthetic corpus checked against quantulum3 too (0: skip)")
    ap.add_argument("--stream", type=int, default=100_000, help="articles in the JSON Lines corpus (0: skip)")
    ap.add_argument("--jobs", type=int, default=None, help="cores for the all-cores run [default: all]")
    args = ap.parse_args(argv)
    from checker.engines import default_jobs
    jobs = args.jobs or default_jobs()
    rows = []
    with tempfile.TemporaryDirectory(prefix="numcheck-bench-") as tmp:
        work = Path(tmp)
        articles = corpus.build(args.size, seed=1)
        folder = corpus.write(work / "corpus", articles)
        kb = sum(len(t.encode()) for _, t in articles) / 1000
        n = len(articles)
        empty = work / "empty.txt"
        empty.write_text("")
        start_s, _, _ = measure(numcheck(str(empty), "-j", "1"))
        rows.append(("start-up (empty file)", f"{start_s:.2f} s", "", ""))
        one_s, one_mb, q_wall, q_loop, all_s, all_mb = against_quantulum(folder, work / "sentences.json", articles, jobs)
        # the better of two, as for the parse loop it is compared with
        steady = min(child_seconds("--pipeline-time", folder) for _ in range(2))
        rows.append((f"check, 1 core ({kb:,.0f} KB, {n} real articles), start-up included", f"{kb / one_s:,.0f} KB/s",
                     f"{n / one_s:,.1f} articles/s", f"{one_mb:,.0f} MB"))
        rows.append((f"check, {jobs} cores, start-up included", f"{kb / all_s:,.0f} KB/s",
                     f"{n / all_s:,.1f} articles/s", f"{all_mb:,.0f} MB"))
        rows.append(("quantulum3 alone, sentence by sentence, 1 core, start-up included",
                     f"{kb / q_wall:,.0f} KB/s", "", ""))
        rows.append(("ratio, end to end: check / quantulum3 alone (1 core)", f"{q_wall / one_s:.1f}x", "", ""))
        rows.append(("check pipeline alone, 1 core, after start-up", f"{kb / steady:,.0f} KB/s", "", ""))
        rows.append(("quantulum3 parse loop alone, 1 core, after start-up", f"{kb / q_loop:,.0f} KB/s", "", ""))
        rows.append(("ratio, steady state: pipeline / parse loop", f"{q_loop / steady:.1f}x", "", ""))
        if args.synthetic_size:
            # the parse's worst case: a number in nearly every sentence, so nearly every sentence is parsed
            dense = corpus.build(args.synthetic_size, seed=1, source="synthetic")
            dense_folder = corpus.write(work / "synthetic", dense)
            dkb = sum(len(t.encode()) for _, t in dense) / 1000
            d_one, _, d_q, _, _, _ = against_quantulum(dense_folder, work / "synthetic.json", dense, None)
            rows.append((f"synthetic corpus ({dkb:,.0f} KB, {len(dense)} articles): check, 1 core",
                         f"{dkb / d_one:,.0f} KB/s", f"{len(dense) / d_one:,.1f} articles/s", ""))
            rows.append(("synthetic corpus: quantulum3 alone, 1 core", f"{dkb / d_q:,.0f} KB/s", "", ""))
            rows.append(("synthetic corpus: ratio, end to end", f"{d_q / d_one:.1f}x", "", ""))
        many, whole, size = linearity_inputs(work)
        many_s = whole_s = float("inf")
        for _ in range(3):  # interleaved, like check and quantulum3 above
            many_s, whole_s = min(many_s, child_seconds("--pipeline-time", many)), \
                min(whole_s, child_seconds("--pipeline-time", whole))
        rows.append((f"100 documents of 10 KB ({size / 1e3:,.0f} KB), pipeline, 1 core", f"{many_s:.2f} s",
                     f"{size / 1e3 / many_s:,.0f} KB/s", ""))
        rows.append(("the same text as one 1 MB document", f"{whole_s:.2f} s", f"{size / 1e3 / whole_s:,.0f} KB/s", ""))
        rows.append(("linearity: 1 MB / 100 x 10 KB, per byte", f"{whole_s / many_s:.2f}", "", ""))
        if args.stream:
            path, nbytes = stream_input(work, args.stream)
            s_s, s_mb, last = measure(numcheck(str(path), "-f", "jsonl", "-j", str(jobs)), stdout=subprocess.PIPE)
            summary = json.loads(last)
            assert summary["type"] == "summary" and summary["documents"] == args.stream, summary
            rows.append((f"stream: {args.stream:,} synthetic articles ({nbytes / 1e6:,.0f} MB .jsonl), --format jsonl, "
                         f"{jobs} cores", f"{s_s:,.0f} s", f"{args.stream / s_s:,.0f} articles/s", f"{s_mb:,.0f} MB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>12}  {'rate':>18}  {'peak RSS':>9}")
    for name, value, rate, mem in rows:
        print(f"{name:<{width}}  {value:>12}  {rate:>18}  {mem:>9}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--quantulum-alone":
        quantulum_alone(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--pipeline-time":
        pipeline_time(sys.argv[2])
    else:
        sys.exit(main())
