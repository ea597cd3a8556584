"""The `numcheck` command line: a thin typer layer over the pipeline and the reporters."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker import pipeline
from checker.output import write_text
from checker.report import Report
from checker.reporters import json_report, table
from checker.schema import SchemaViolation
from checker.vocab import VocabularyError

app = typer.Typer(
    name="numcheck",
    help="Find numbers in news articles that cannot all be true together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class ReportFormat(str, Enum):
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


PathsArg = Annotated[list[str], typer.Argument(
    help="Files or directories (their *.txt and *.md files) to read.", show_default=False)]


def _run(paths: list[str]) -> Report:
    try:
        report = pipeline.check_paths(paths)
    except VocabularyError as exc:
        typer.echo(f"numcheck: error: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT)
    except SchemaViolation as exc:
        typer.echo(f"numcheck: internal error: {exc}", err=True)
        raise typer.Exit(3)
    for d in report.input_errors:
        typer.echo(f"numcheck: error: {d.doc}: {d.error}", err=True)
    return report


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Print every quantity found: value, unit, qualifier, subject, event, actor."""
    report = _run(paths)
    write_text(table.RENDERERS[format.value](report.quantities), output)
    raise typer.Exit(EXIT_INPUT if report.input_errors else EXIT_CLEAN)


@app.command()
def check(
    paths: PathsArg,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.json,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.error,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
) -> None:
    """Check articles and report their numeric inconsistencies."""
    report = _run(paths)
    write_text(json_report.render(report), output)
    if report.input_errors:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(exit_code(report, fail_on))


def exit_code(report: Report, fail_on: FailOn) -> int:
    if fail_on is FailOn.never:
        return EXIT_CLEAN
    levels = {"error"} if fail_on is FailOn.error else {"error", "warning"}
    return EXIT_FINDINGS if any(f.severity in levels for f in report.findings) else EXIT_CLEAN
