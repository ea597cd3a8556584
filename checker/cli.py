"""The `numcheck` command line: a thin typer layer over the pipeline and the reporters."""
from __future__ import annotations

import functools
import gc
import os
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker import config as config_mod
from checker import pipeline, review
from checker import documents as documents_mod
from checker.engines import EngineError, default_jobs
from checker.output import append_text, open_stream, step_summary_room, write_text
from checker.report import Report, Tally
from checker.reporters import github, json_report, jsonl, junit, markdown, sarif, table
from checker.rules import base as rules_base
from checker.vocab import VocabularyError

app = typer.Typer(
    name="numcheck",
    help="Find numbers in news articles that cannot all be true together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
REPORTERS = {"md": markdown.render, "json": json_report.render, "jsonl": jsonl.render, "github": github.render,
             "sarif": sarif.render, "junit": junit.render}
PROGRESS_FROM = 20  # documents: fewer finish before a bar would help
EXIT_INTERRUPTED = 130


def interruptible(command):
    """An interrupted command says so and exits 130; reports are written atomically, so none is half-written."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            typer.echo("numcheck: interrupted; no report was written", err=True)
            raise typer.Exit(EXIT_INTERRUPTED)
    return run


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class ReportFormat(str, Enum):
    md = "md"
    json = "json"
    jsonl = "jsonl"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


PathsArg = Annotated[list[str], typer.Argument(
    help="Files (.txt, .md, .html, .jsonl), directories of them, or - for stdin.", show_default=False)]
IdField = Annotated[Optional[str], typer.Option("--id-field", help="JSON Lines: the field naming each article.")]
TextField = Annotated[Optional[str], typer.Option("--text-field", help="JSON Lines: the field holding each article's text.")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="A numcheck.toml or pyproject.toml; by default the first one found from here up.")]
Select = Annotated[Optional[list[str]], typer.Option("--select", help="Run only these rules (code or name).")]
Ignore = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules (code or name).")]
Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, help="Processes (local) or Dask workers (local cluster) to use [default: all cores].",
    show_default=False)]
EngineOpt = Annotated[Engine, typer.Option(
    "--engine", help="Where documents are checked: local processes, or a Dask cluster.")]
Scheduler = Annotated[Optional[str], typer.Option(
    "--scheduler", help="With --engine dask: the scheduler's address, tcp://HOST:PORT [default: a cluster on this machine].",
    show_default=False)]


def _fail(message: str) -> None:
    typer.echo(f"numcheck: error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


def _config(path: Optional[Path]) -> config_mod.Config:
    try:
        return config_mod.load(path) if path else config_mod.find()
    except config_mod.ConfigError as exc:
        _fail(str(exc))


def _codes(names: Optional[list[str]]) -> list[str] | None:
    if not names:
        return None
    for name in names:
        if rules_base.lookup(name) is None:
            _fail(f"unknown rule {name!r} (see 'numcheck rules')")
    return [rules_base.lookup(n).code for n in names]


def _run(paths: list[str], cfg: config_mod.Config, id_field: Optional[str] = None,
         text_field: Optional[str] = None, **options) -> Report:
    """Load and check everything, then merge the parts into one report."""
    return pipeline.merge(list(_parts(paths, cfg, id_field, text_field, **options)))


def _parts(paths: list[str], cfg: config_mod.Config, id_field: Optional[str] = None,
           text_field: Optional[str] = None, jobs: Optional[int] = None, engine: Engine = Engine.local,
           scheduler: Optional[str] = None, **options):
    """Partial reports as batches finish; input errors go to stderr, one line each, and the run goes on."""
    if scheduler and engine is not Engine.dask:
        _fail("--scheduler needs --engine dask")
    docs = documents_mod.iter_documents(paths, id_field or cfg.id_field, text_field or cfg.text_field)
    total = documents_mod.count(paths) if sys.stderr.isatty() else 0
    try:
        with _progress(total) as tick:
            for part in pipeline.stream(docs, config=cfg, progress=tick, jobs=jobs or default_jobs(),
                                        engine=engine.value, scheduler=scheduler, **options):
                for d in part.input_errors:
                    typer.echo(f"numcheck: error: {d.doc}: {d.error}", err=True)
                yield part
    except VocabularyError as exc:
        _fail(str(exc))
    except EngineError as exc:
        _fail(str(exc))


class _progress:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if total >= PROGRESS_FROM and sys.stderr.isatty():
            self.bar = typer.progressbar(length=total, label="checking", file=sys.stderr)

    def __enter__(self):
        if self.bar is None:
            return None
        bar = self.bar.__enter__()
        return lambda _doc: bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@app.command()
@interruptible
def extract(
    paths: PathsArg,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    id_field: IdField = None,
    text_field: TextField = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    all_: Annotated[bool, typer.Option(
        "--all", help="Also list the numbers set aside as non-quantities (kept: false), each with its reason.")] = False,
) -> None:
    """Print every quantity found: value, unit, qualifier, subject, event, actor."""
    if all_:
        _extract_all(paths, format, output, id_field, text_field, _config(config))
    report = _run(paths, _config(config), id_field, text_field, jobs=jobs)
    write_text(table.RENDERERS[format.value](report.quantities), output)
    raise typer.Exit(EXIT_INPUT if report.input_errors else EXIT_CLEAN)


def _cell(v) -> str:
    return f"{v:,.10g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _extract_all(paths: list[str], format: TableFormat, output: Optional[Path], id_field: Optional[str],
                 text_field: Optional[str], cfg: config_mod.Config) -> None:
    """`extract --all`: kept and set-aside numbers of every document, one row each, in text order."""
    import json

    import pandas as pd

    from checker.extract.run import CANDIDATE_FIELDS, candidates

    rows, failed = [], False
    try:
        for d in documents_mod.iter_documents(paths, id_field or cfg.id_field, text_field or cfg.text_field):
            if d.error:
                typer.echo(f"numcheck: error: {d.doc}: {d.error}", err=True)
                failed = True
            if d.text is not None:
                rows.extend(candidates(d.text, d.doc))
    except VocabularyError as exc:
        _fail(str(exc))
    df = pd.DataFrame.from_records(rows, columns=CANDIDATE_FIELDS)
    if format is TableFormat.table:
        shown = df.assign(doc=df["doc"].map(lambda n: n.rsplit("/", 1)[-1])).drop(columns="end")
        shown = shown.astype(object).where(shown.notna(), "")
        text = "no numbers found\n" if df.empty else shown.to_string(
            index=False, formatters={c: _cell for c in ("value", "low", "high")}) + "\n"
    elif format is TableFormat.csv:
        text = df.to_csv(index=False, lineterminator="\n")
    else:
        plain = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in rows]
        text = (json.dumps(plain, ensure_ascii=False, indent=1) + "\n" if format is TableFormat.json
                else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in plain))
    write_text(text, output)
    raise typer.Exit(EXIT_INPUT if failed else EXIT_CLEAN)


@app.command()
@interruptible
def check(
    paths: PathsArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.md,
    fail_on: Annotated[Optional[FailOn], typer.Option(
        "--fail-on", help="Lowest severity that makes the exit code 1 [default: error].")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    select: Select = None,
    ignore: Ignore = None,
    across: Annotated[bool, typer.Option("--across", help="Also compare the same fact between documents.")] = False,
    review_file: Annotated[Optional[Path], typer.Option("--review", help="Apply the verdicts of this review file.")] = None,
    time_budget: Annotated[Optional[float], typer.Option(
        "--time-budget", help="Seconds a document may take before it is reported as not checked [default: 30].")] = None,
    id_field: IdField = None,
    text_field: TextField = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    engine: EngineOpt = Engine.local,
    scheduler: Scheduler = None,
) -> None:
    """Check articles and report their numeric inconsistencies.

    Exit code 0: nothing at or above --fail-on; 1: findings that are; 2: usage error or input not checked.
    With --format jsonl the report is streamed, a batch of documents at a time, in bounded memory.
    """
    cfg = _config(config)
    chosen, skipped = _codes(select), _codes(ignore)
    _codes(cfg.select)
    _codes(cfg.ignore)
    reviewed = _load_review(review_file) if review_file else None
    if time_budget is not None:
        cfg.time_budget = time_budget
    parts = _parts(paths, cfg, id_field, text_field, select=chosen, ignore=skipped, across=across,
                   jobs=jobs, engine=engine, scheduler=scheduler)
    if format is ReportFormat.jsonl:
        parts = (review.apply(part, reviewed) for part in parts) if reviewed is not None else parts
        tally = Tally()
        try:
            with open_stream(output) as write:
                for part in parts:
                    write(jsonl.render_part(tally.add(part)))
                report = tally.report()
                write(jsonl.render_summary(report))
        except KeyboardInterrupt:
            if output is not None and str(output) != "-":
                raise
            typer.echo("numcheck: interrupted; the JSON Lines report on stdout stops here, without its "
                       "summary line", err=True)
            raise typer.Exit(EXIT_INTERRUPTED)
    else:
        report = pipeline.merge(list(parts))
        if reviewed is not None:
            report = review.apply(report, reviewed)
        level = (fail_on or FailOn(cfg.fail_on or "error")).value
        rendered = junit.render(report, level) if format is ReportFormat.junit else REPORTERS[format.value](report)
        write_text(rendered, output)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            append_text(markdown.render(report, max_bytes=step_summary_room(Path(summary_file))), Path(summary_file))
    if report.input_errors:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(exit_code(report, fail_on or FailOn(cfg.fail_on or "error")))


review_app = typer.Typer(help="Review files: editors' verdicts on findings, kept across runs.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")


@review_app.command("init")
@interruptible
def review_init(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The review CSV to write.")],
    select: Select = None,
    ignore: Ignore = None,
    config: ConfigOpt = None,
) -> None:
    """Write one row per finding (with a stable fingerprint) for editors to fill in verdict and note.

    An existing file's verdicts are kept for the findings that are still there; rows with a verdict or
    note whose finding changed or is gone are kept too, marked stale.
    """
    previous = _load_review(output) if output.exists() else None
    report = _run(paths, _config(config), select=_codes(select), ignore=_codes(ignore))
    records = review.rows(report, previous)
    write_text(review.to_csv(records, getattr(previous, "delimiter", ",")), output)
    typer.echo(f"{output}: {review.tally(records)}", err=True)
    raise typer.Exit(EXIT_INPUT if report.input_errors else EXIT_CLEAN)


def _load_review(path: Path) -> dict[str, dict]:
    try:
        return review.load(path)
    except review.ReviewError as exc:
        _fail(str(exc))


@app.command("rules")
def list_rules() -> None:
    """List the rules: code, name, severity and what each flags."""
    for rule in rules_base.all_rules():
        typer.echo(f"{rule.code}  {rule.name:<22} {rule.severity:<8} {rule.summary()}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code (NC101) or name (part-exceeds-whole).")]) -> None:
    """Print a rule's documentation: what it flags, why, and examples."""
    rule = rules_base.lookup(code)
    if rule is None:
        _fail(f"unknown rule {code!r} (see 'numcheck rules')")
    typer.echo(f"{rule.code} {rule.name} ({rule.severity}, kind {rule.kind})\n")
    typer.echo(rule.documentation())


def exit_code(report: Report, fail_on: FailOn) -> int:
    """1 when a finding (new, with a review file) or a notice reaches fail_on, else 0."""
    return EXIT_FINDINGS if report.fails(fail_on.value) else EXIT_CLEAN


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: SIGTERM is handled like Ctrl-C (see `interruptible`)."""
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    gc.freeze()  # the imported modules live as long as the process: keep them out of every collection
    app(prog_name="numcheck")
