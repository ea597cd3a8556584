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

from checker import __version__, locate, pipeline, review
from checker import config as config_mod
from checker import documents as documents_mod
from checker.engines import EngineError, default_jobs
from checker.output import append_text, open_stream, step_summary_room, write_text
from checker.progress import Progress
from checker.report import Report, Tally
from checker.reporters import concise, github, json_report, jsonl, junit, markdown, sarif, table
from checker.rules import base as rules_base
from checker.vocab import VocabularyError

app = typer.Typer(
    name="numcheck",
    help="Find numbers in news articles that cannot all be true together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: shows "[default: ...]" in help texts and no <bool> on flags
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
REPORTERS = {"md": markdown.render, "json": json_report.render, "jsonl": jsonl.render, "github": github.render,
             "sarif": sarif.render, "junit": junit.render, "concise": concise.render}
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
    concise = "concise"
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


# By extension of -o: the report's format when --format does not say
OUTPUT_FORMATS = {".md": ReportFormat.md, ".markdown": ReportFormat.md, ".json": ReportFormat.json,
                  ".jsonl": ReportFormat.jsonl, ".ndjson": ReportFormat.jsonl, ".sarif": ReportFormat.sarif,
                  ".xml": ReportFormat.junit, ".txt": ReportFormat.concise, ".log": ReportFormat.concise}

PathsArg = Annotated[list[str], typer.Argument(
    help="Files (.txt, .md, .html, .jsonl), folders of them (walked to any depth), or - for stdin.",
    show_default=False, metavar="PATH")]
IdField = Annotated[Optional[str], typer.Option(
    "--id-field", metavar="FIELD", help="JSON Lines: the field naming each article [default: id].")]
TextField = Annotated[Optional[str], typer.Option(
    "--text-field", metavar="FIELD", help="JSON Lines: the field holding each article's text [default: text].")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", metavar="FILE",
    help="A numcheck.toml or pyproject.toml [default: the first one found from here up].")]
Select = Annotated[Optional[list[str]], typer.Option(
    "--select", metavar="RULES", help="Run only these rules: codes or names, comma-separated or repeated "
    "(NC101,NC106) [default: all, or the config's].")]
Ignore = Annotated[Optional[list[str]], typer.Option(
    "--ignore", metavar="RULES", help="Skip these rules, as --select [default: none, or the config's].")]
Exclude = Annotated[Optional[list[str]], typer.Option(
    "--exclude", metavar="GLOB", help="Skip files and folders whose name or path matches (drafts, '*.html', "
    "'2019/*.md'); repeatable. Hidden ones and what .gitignore ignores are always skipped in folders.")]
StdinName = Annotated[Optional[str], typer.Option(
    "--stdin-filename", metavar="NAME", help="The name of - (stdin) in the report; its extension gives "
    "its format (story.md, page.html, corpus.jsonl) [default: <stdin>, plain text].")]
Quiet = Annotated[bool, typer.Option(
    "--quiet", "-q", help="No progress bar, no summary line: findings and errors only.")]
Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, metavar="N",
    help="Processes (local) or Dask workers (local cluster) to use [default: all cores].", show_default=False)]
EngineOpt = Annotated[Engine, typer.Option(
    "--engine", help="Where documents are checked: local processes, or a Dask cluster.")]
Scheduler = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS",
    help="With --engine dask: the scheduler's address, tcp://HOST:PORT [default: a cluster on this machine].",
    show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"numcheck {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _main_options(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_version, help="Print the version and exit.")] = False,
) -> None:
    """Find numbers in news articles that cannot all be true together."""


def _fail(message: str) -> None:
    typer.echo(f"numcheck: error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


def _config(path: Optional[Path]) -> config_mod.Config:
    try:
        return config_mod.load(path) if path else config_mod.find()
    except config_mod.ConfigError as exc:
        _fail(str(exc))


def _codes(names: Optional[list[str]]) -> list[str] | None:
    """Rule codes from names or codes, each option value possibly a comma-separated list."""
    names = [n.strip() for value in names or [] for n in value.split(",") if n.strip()]
    if not names:
        return None
    for name in names:
        if rules_base.lookup(name) is None:
            _fail(f"unknown rule {name!r} (see 'numcheck rules')")
    return [rules_base.lookup(n).code for n in names]


class Inputs:
    """What to read: the files found in the paths given, and how to read JSON Lines and stdin."""

    def __init__(self, paths: list[str], cfg: config_mod.Config, id_field: Optional[str] = None,
                 text_field: Optional[str] = None, exclude: Optional[list[str]] = None,
                 stdin_name: Optional[str] = None, quiet: bool = False) -> None:
        self.paths, self.quiet = paths, quiet
        self.id_field, self.text_field = id_field or cfg.id_field, text_field or cfg.text_field
        self.stdin_name = stdin_name
        self.files = documents_mod.discover(paths, exclude or (), warn=self._warn)
        if not self.files:
            self.none_found()

    def _warn(self, message: str) -> None:
        typer.echo(f"numcheck: warning: {concise.terminal_safe(message)}", err=True)

    def none_found(self) -> None:
        """An empty run is a mistake, not a pass: CI must not go green having checked nothing."""
        suffixes = ", ".join(documents_mod.TEXT_SUFFIXES)
        _fail(f"no articles found in {' '.join(self.paths)} (looked for {suffixes}; hidden files, "
              f"what .gitignore ignores and --exclude matches are skipped)")

    def documents(self):
        return documents_mod.iter_files(self.files, self.id_field, self.text_field, self.stdin_name)


def _run(inputs: Inputs, cfg: config_mod.Config, **options) -> Report:
    """Load and check everything, then merge the parts into one report."""
    return pipeline.merge(list(_parts(inputs, cfg, **options)))


def _parts(inputs: Inputs, cfg: config_mod.Config, jobs: Optional[int] = None, engine: Engine = Engine.local,
           scheduler: Optional[str] = None, **options):
    """Partial reports as batches finish; input errors go to stderr, one line each, and the run goes on."""
    if scheduler and engine is not Engine.dask:
        _fail("--scheduler needs --engine dask")
    show = not inputs.quiet and sys.stderr.isatty()
    total = documents_mod.count(inputs.files) if show else 0
    progress = Progress(total, sys.stderr) if total >= PROGRESS_FROM else None
    try:
        for part in pipeline.stream(inputs.documents(), config=cfg, progress=progress, jobs=jobs or default_jobs(),
                                    engine=engine.value, scheduler=scheduler, **options):
            if part.input_errors and progress:
                progress.close()  # an error line of its own, not glued to the progress line
            for d in part.input_errors:
                typer.echo(f"numcheck: error: {concise.terminal_safe(f'{d.doc}: {d.error}')}", err=True)
            yield part
    except VocabularyError as exc:
        _fail(str(exc))
    except EngineError as exc:
        _fail(str(exc))
    finally:
        if progress:
            progress.close()


def _terminal() -> bool:
    """Whether stdout is a terminal (a function of its own so tests can pretend)."""
    return sys.stdout.isatty()


def _report_format(format: Optional[ReportFormat], output: Optional[Path]) -> ReportFormat:
    """--format if given; else by -o's extension (Markdown when it says nothing); else concise on a
    terminal and Markdown into a pipe, as before the concise format existed."""
    if format is not None:
        return format
    if output is not None and str(output) != "-":
        if output.name.lower().endswith(".sarif.json"):
            return ReportFormat.sarif
        return OUTPUT_FORMATS.get(output.suffix.lower(), ReportFormat.md)
    return ReportFormat.concise if _terminal() else ReportFormat.md


def _color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org)."""
    return _terminal() and not os.environ.get("NO_COLOR")


def _check_output(output: Optional[Path]) -> None:
    """Refuse an output path that cannot be written before the run, not after it."""
    if output is None or str(output) == "-":
        return
    target = Path(os.path.realpath(output))
    if target.is_dir():
        _fail(f"-o {output}: is a folder; name the report file, such as {Path(output) / 'report.md'}")
    folder = Path(output).parent if target.parent == Path(os.path.realpath(Path(output).parent)) else target.parent
    if not target.parent.is_dir():
        _fail(f"-o {output}: folder {folder} does not exist")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        _fail(f"-o {output}: cannot write in folder {folder} (permission denied)")


def _step_summary() -> Optional[Path]:
    """GITHUB_STEP_SUMMARY, checked before the run: a file the job can append to."""
    value = os.environ.get("GITHUB_STEP_SUMMARY")
    if not value:
        return None
    path = Path(value)
    if path.is_dir() or not (os.access(path, os.W_OK) if path.exists() else
                             path.parent.is_dir() and os.access(path.parent, os.W_OK | os.X_OK)):
        _fail(f"GITHUB_STEP_SUMMARY={value}: cannot append to it (not a writable file)")
    return path


def _write(text: str, output: Optional[Path]) -> None:
    try:
        write_text(text, output)
    except BrokenPipeError:
        _reader_left()
    except OSError as exc:
        _fail(f"cannot write {output} ({exc.strerror or exc})")


def _reader_left() -> None:
    """stdout's reader stopped reading (`| head`): stop quietly, as command-line tools do."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error as Python exits
    raise typer.Exit(EXIT_INPUT)


@app.command()
@interruptible
def extract(
    paths: PathsArg,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", help="Write here instead of stdout.")] = None,
    id_field: IdField = None,
    text_field: TextField = None,
    exclude: Exclude = None,
    stdin_filename: StdinName = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    quiet: Quiet = False,
    all_: Annotated[bool, typer.Option(
        "--all", help="Also list the numbers set aside as non-quantities (kept: false), each with its reason.")] = False,
) -> None:
    """Print every quantity found: value, unit, qualifier, subject, event, actor."""
    cfg = _config(config)
    _check_output(output)
    inputs = Inputs(paths, cfg, id_field, text_field, exclude, stdin_filename, quiet)
    if all_:
        _extract_all(inputs, format, output)
    report = _run(inputs, cfg, jobs=jobs)
    _write(table.RENDERERS[format.value](report.quantities), output)
    if not report.documents:
        inputs.none_found()
    raise typer.Exit(EXIT_INPUT if report.input_errors else EXIT_CLEAN)


def _cell(v) -> str:
    return f"{v:,.10g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _extract_all(inputs: Inputs, format: TableFormat, output: Optional[Path]) -> None:
    """`extract --all`: kept and set-aside numbers of every document, one row each, in text order."""
    import json

    import pandas as pd

    from checker.extract.run import CANDIDATE_FIELDS, candidates

    rows, failed, seen = [], False, 0
    try:
        for d in inputs.documents():
            seen += 1
            if d.error:
                typer.echo(f"numcheck: error: {concise.terminal_safe(f'{d.doc}: {d.error}')}", err=True)
                failed = True
            if d.text is not None:
                found = candidates(d.text, d.doc)
                if d.source is not None and d.raw is not None:  # an HTML page: offsets into the page, as check gives
                    for r in found:
                        r["start"], r["end"], r["text"] = locate.page_span(d, r["start"], r["end"], r["text"])
                rows.extend(found)
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
    _write(text, output)
    if not seen:
        inputs.none_found()
    raise typer.Exit(EXIT_INPUT if failed else EXIT_CLEAN)


@app.command()
@interruptible
def check(
    paths: PathsArg,
    format: Annotated[Optional[ReportFormat], typer.Option(
        "--format", "-f", help="Report format [default: concise on a terminal; with -o, from its extension: "
        ".md, .json, .jsonl, .sarif, .xml (junit), .txt (concise), md for any other; else md].",
        show_default=False)] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(
        "--fail-on", help="Lowest severity that makes the exit code 1 [default: error, or the config's].")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", help="Write the report here (atomically) instead of stdout.")] = None,
    select: Select = None,
    ignore: Ignore = None,
    across: Annotated[Optional[bool], typer.Option(
        "--across/--no-across", help="Also compare the same fact between documents [default: off, or the "
        "config's].", show_default=False)] = None,
    review_file: Annotated[Optional[Path], typer.Option(
        "--review", metavar="CSV", help="Apply the verdicts of this review file.")] = None,
    time_budget: Annotated[Optional[float], typer.Option(
        "--time-budget", metavar="SECONDS",
        help="Seconds a document may take before it is reported as not checked [default: 30].")] = None,
    exclude: Exclude = None,
    stdin_filename: StdinName = None,
    id_field: IdField = None,
    text_field: TextField = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    engine: EngineOpt = Engine.local,
    scheduler: Scheduler = None,
    quiet: Quiet = False,
) -> None:
    """Check articles and report their numeric inconsistencies.

    Exit code 0: nothing at or above --fail-on; 1: findings that are; 2: usage error, no article found,
    or input not checked. With --format jsonl the report is streamed, a batch of documents at a time,
    in bounded memory.
    """
    cfg = _config(config)
    chosen, skipped = _codes(select), _codes(ignore)
    _codes(cfg.select)
    _codes(cfg.ignore)
    fmt = _report_format(format, output)
    _check_output(output)
    summary_file = _step_summary() if fmt is not ReportFormat.jsonl else None  # a stream is not summarised
    reviewed = _load_review(review_file) if review_file else None
    if time_budget is not None:
        cfg.time_budget = time_budget
    inputs = Inputs(paths, cfg, id_field, text_field, exclude, stdin_filename, quiet)
    parts = _parts(inputs, cfg, select=chosen, ignore=skipped, across=across,
                   jobs=jobs, engine=engine, scheduler=scheduler)
    if fmt is ReportFormat.jsonl:
        report = _stream_jsonl(parts, reviewed, output)
    else:
        report = pipeline.merge(list(parts))
        if reviewed is not None:
            report = review.apply(report, reviewed)
        to_file = output is not None and str(output) != "-"
        if fmt is ReportFormat.concise:
            text = concise.render(report, color=not to_file and _color(), with_summary=not quiet)
        elif fmt is ReportFormat.junit:
            text = junit.render(report, (fail_on or FailOn(cfg.fail_on or "error")).value)
        else:
            text = REPORTERS[fmt.value](report)
        _write(text, output)
        if summary_file:
            try:
                append_text(markdown.render(report, max_bytes=step_summary_room(summary_file)), summary_file)
            except OSError as exc:
                _fail(f"GITHUB_STEP_SUMMARY={summary_file}: cannot append to it ({exc.strerror or exc})")
    if output is not None and str(output) != "-" and not quiet:
        typer.echo(f"numcheck: {output}: {concise.summary(report)}", err=True)
    if not report.documents:
        inputs.none_found()
    if report.input_errors:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(exit_code(report, fail_on or FailOn(cfg.fail_on or "error")))


def _stream_jsonl(parts, reviewed: dict | None, output: Optional[Path]) -> Report:
    """The JSON Lines report, written batch by batch as the parts come; the run's tally."""
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
    except BrokenPipeError:
        _reader_left()
    except OSError as exc:
        _fail(f"cannot write {output} ({exc.strerror or exc})")
    return report


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
    _check_output(output)
    previous = _load_review(output) if output.exists() else None
    cfg = _config(config)
    report = _run(Inputs(paths, cfg), cfg, select=_codes(select), ignore=_codes(ignore))
    records = review.rows(report, previous)
    _write(review.to_csv(records, getattr(previous, "delimiter", ",")), output)
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
    typer.echo("\nSeverity")
    for level, why in rule.proof.items():
        typer.echo(f"    {level} when {why}")


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
