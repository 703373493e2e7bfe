"""The ``eventwire`` command line: a thin layer over the library (coding.py, evaluate/)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.text import Text

from .errors import ErrorCode, EventwireError, InputError, InputWarning, UsageError
from .ingest.readers import normalize_date
from .records import Article, dumps

app = typer.Typer(
    name="eventwire",
    help="Turn news articles into evidence-linked event data: actors, CAMEO/PLOVER events, quotes, dates, places.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False)

SettingsOption = Annotated[
    Path | None,
    typer.Option("--settings", help="TOML file merged over the shipped settings (also $EVENTWIRE_SETTINGS).", dir_okay=False),
]
PipelineOption = Annotated[
    str | None,
    typer.Option("--pipeline", help="spaCy pipeline: an installed package name or a path (setting nlp.pipeline)."),
]


def _settings(settings_file: Path | None, pipeline: str | None) -> dict[str, Any]:
    from .settings import load_settings

    overrides = {"nlp": {"pipeline": pipeline}} if pipeline else None
    return load_settings(settings_file, overrides=overrides)


def _report(message: str, level: str = "error") -> None:
    """One line on stderr; the message is user data (paths, ids), never markup."""
    stderr.print(Text.assemble((level, "red" if level == "error" else "yellow"), " ", message), soft_wrap=True)


def _fail(exc: EventwireError, status: int) -> typer.Exit:
    _report(exc.message)
    return typer.Exit(status)


def _done_ids(output: Path) -> set[str]:
    """Ids already written to an output JSONL file (for --resume); a torn last line is dropped."""
    done: set[str] = set()
    if not output.exists():
        return done
    data = output.read_bytes()
    keep = data[: data.rfind(b"\n") + 1] if not data.endswith(b"\n") else data
    if len(keep) != len(data):
        output.write_bytes(keep)
    for line in keep.decode("utf-8").splitlines():
        try:
            done.add(json.loads(line)["id"])
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return done


@app.command("code")
def code_command(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl, .html), directories (recursive), or - for stdin.")],
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for every article (overrides record, HTML, dateline).")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl: one record per line; json: an indented array; summary: tables for people.")
    ] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write records to FILE instead of stdout.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for nlp.pipe (n_process).")] = 1,
    resume: Annotated[
        bool, typer.Option("--resume", help="With -o FILE (jsonl): skip articles whose id is already in FILE, append the rest.")
    ] = False,
    place_hint: Annotated[
        str | None, typer.Option("--place-hint", help='Home of the articles, e.g. "Louisiana, US" (setting places.place_hint; a record\'s metadata.place wins).')
    ] = None,
    settings_file: SettingsOption = None,
    pipeline: PipelineOption = None,
) -> None:
    """Code articles: one JSON record per article on stdout (or -o FILE); errors on stderr.

    Exit status: 0 all articles coded, 1 some failed (the rest are still written), 2 usage error.
    """
    from .coding import code_articles, load
    from .ingest import iter_articles

    if output_format not in ("json", "jsonl", "summary"):
        raise _fail(UsageError(ErrorCode.E015, path="--format", fmt=output_format), 2)
    iso = normalize_date(date) if date else None
    if date and not iso:
        raise _fail(UsageError(ErrorCode.E008, value=date), 2)
    if resume and (output is None or output_format != "jsonl"):
        raise _fail(UsageError(ErrorCode.E011, reason="--resume needs -o FILE and --format jsonl"), 2)
    try:
        settings = _settings(settings_file, pipeline)
        if place_hint:
            settings["places"]["place_hint"] = place_hint
        nlp = load(settings)
    except EventwireError as exc:
        raise _fail(exc, 2) from exc

    failures = 0
    skip = _done_ids(output) if resume and output else set()

    first_seen: dict[str, str] = {}

    def articles() -> Iterator[Article]:
        nonlocal failures
        for item in iter_articles(paths, settings, date=iso):
            if isinstance(item, InputWarning):
                _report(item.message, "warning")
                continue
            if isinstance(item, InputError):
                failures += 1
                _report(item.message)
                continue
            where = f"{item.path}:{item.line}" if item.line else item.path
            if item.id in first_seen:
                # still coded (a batch loses nothing), but records with one id cannot be told apart later
                _report(f"{where}: id {item.id!r} repeats the id of {first_seen[item.id]} (--resume skips repeats)", "warning")
            else:
                first_seen[item.id] = where
            if item.id not in skip:
                yield item

    stream = articles()
    head = list(islice(stream, settings["cli"]["progress_min_articles"] + 1))
    show_progress = len(head) > settings["cli"]["progress_min_articles"]
    out: TextIO = output.open("a" if resume else "w", encoding="utf-8") if output else sys.stdout
    def coding_failed(error: EventwireError) -> None:
        nonlocal failures
        failures += 1
        _report(error.message)

    records = code_articles(chain(head, stream), nlp, n_process=workers, settings=settings, on_error=coding_failed)
    try:
        if show_progress:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=stderr, transient=False) as progress:
                task = progress.add_task("coding", total=None)
                _write(records, out, output_format, lambda: progress.advance(task))
        else:
            _write(records, out, output_format, lambda: None)
    finally:
        if output:
            out.close()
    raise typer.Exit(1 if failures else 0)


def _write(records: Iterator[dict[str, Any]], out: TextIO, output_format: str, tick: Any) -> None:
    if output_format == "summary":
        from .summary import render_summary

        console = Console(file=out, width=160 if not out.isatty() else None, highlight=False)
        for record in records:
            render_summary(record, console)
            tick()
        return
    if output_format == "jsonl":
        for record in records:
            out.write(dumps(record) + "\n")
            out.flush()
            tick()
        return
    out.write("[")
    for n, record in enumerate(records):
        out.write(("," if n else "") + "\n" + dumps(record, indent=2))
        tick()
    out.write("\n]\n")


@app.command("eval")
def eval_command(
    name: Annotated[
        str,
        typer.Argument(help="Gold set: gum_news, actors, events, conflibert, quotes, dates, gum_dates, places, geowebnews."),
    ],
    split: Annotated[
        str, typer.Option("--split", help="check (held out), tune (in-sample: errors are read there), or both.")
    ] = "both",
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N items of each split (quick look; not for the gate).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object (keys split.metric).")] = False,
    settings_file: SettingsOption = None,
    pipeline: PipelineOption = None,
) -> None:
    """Score eventwire on a development gold set under ../shared/eval (setting eval.shared_dir), per split."""
    from .coding import load
    from .evaluate import run_evaluation
    from .evaluate.splits import SPLITS

    if split not in (*SPLITS, "both"):
        raise _fail(UsageError(ErrorCode.E011, reason=f"--split must be tune, check or both, not {split!r}"), 2)
    splits = SPLITS if split == "both" else (split,)
    try:
        settings = _settings(settings_file, pipeline)
        scores = run_evaluation(name, load(settings), settings, limit=limit, splits=splits)
    except EventwireError as exc:
        raise _fail(exc, 2) from exc
    if as_json:
        print(json.dumps(scores, sort_keys=True))
        return
    from rich.table import Table

    table = Table(title=f"eventwire eval {name}")
    table.add_column("metric")
    for part in splits:
        table.add_column("check (held out)" if part == "check" else "tune (in-sample)", justify="right")
    metrics = dict.fromkeys(key.split(".", 1)[1] for key in scores)
    for metric in metrics:
        values = [scores.get(f"{part}.{metric}") for part in splits]
        table.add_row(metric, *(f"{v:.4f}" if isinstance(v, float) else str(v) for v in values))
    Console().print(table)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Print the eventwire version and exit.")] = False,
) -> None:
    """eventwire: structured, evidence-linked event data from news articles."""
    if version:
        from . import __version__

        print(__version__)
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit(0)


from .cli_store import register as _register_store  # noqa: E402 (the store's commands: ingest, query, export)

_register_store(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
