"""``eventwire ingest``, ``query`` and ``export``: the store's commands (docs/store.md, docs/exports.md).

Registered on the typer app of :mod:`eventwire.cli` by :func:`register`. Exit status: 0 done, 1 some
articles failed (the rest are stored), 2 usage error, 3 the store cannot be opened or written.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import ProgressColumn, Task
from rich.text import Text

from .errors import ClusterError, ErrorCode, EventwireError, StoreError, UsageError

STORE_EXIT = 3

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store: a SQLite file or a URL such as postgresql://user@host/name (also $EVENTWIRE_DB)."),
]


class RateColumn(ProgressColumn):
    """Articles per second (rich's own speed column counts bytes)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


def estimate_total(paths: Iterable[str], settings: dict[str, Any]) -> int | None:
    """Articles the paths hold, for the ETA (a JSONL line is an article); None when stdin is among them."""
    from .ingest.walk import kind_of

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(f for f in path.rglob("*") if f.is_file() and kind_of(f, settings)) if path.is_dir() else [path]
        for file in files:
            if kind_of(file, settings) == "jsonl":
                try:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _open(db: str | None, settings: dict[str, Any]) -> Any:
    from .store import open_store

    return open_store(db, settings)


def _settings_and_store(db: str | None, settings_file: Path | None = None, pipeline: str | None = None) -> tuple[dict[str, Any], Any]:
    """The layered settings and the opened store, or the command's exit: 2 for settings, STORE_EXIT for the store."""
    from .cli import _fail, _settings

    try:
        settings = _settings(settings_file, pipeline)
    except EventwireError as exc:
        raise _fail(exc, 2) from exc
    try:
        return settings, _open(db, settings)
    except StoreError as exc:
        raise _fail(exc, STORE_EXIT) from exc


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="What `eventwire code` reads: files, directories, - for stdin.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for nlp.pipe (n_process); one writer.")] = 1,
    date: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for every article.")] = None,
    settings_file: Annotated[Path | None, typer.Option("--settings", help="TOML file merged over the shipped settings.")] = None,
    pipeline: Annotated[str | None, typer.Option("--pipeline", help="spaCy pipeline name or path.")] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Code on Dask workers: local:N (a local cluster of N processes) or a scheduler address tcp://host:8786."),
    ] = None,
) -> None:
    """Code articles and store them, one transaction per article; a rerun skips what is stored unchanged.

    Exit status: 0 all stored or skipped, 1 some failed (the rest are stored), 2 usage error, 3 store error.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .cli import _fail, _report, stderr
    from .coding import load
    from .ingest import iter_articles
    from .ingest.readers import normalize_date
    from .store.ingest import ingest

    iso = normalize_date(date) if date else None
    if date and not iso:
        raise _fail(UsageError(ErrorCode.E008, value=date), 2)
    target = _dask_target(dask, workers)
    settings, store = _settings_and_store(db, settings_file, pipeline)
    try:
        nlp = load(settings) if target is None else None
    except EventwireError as exc:
        raise _fail(exc, 2) from exc
    columns = (
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )
    progress = Progress(*columns, console=stderr, disable=not stderr.is_terminal, transient=False)
    task = progress.add_task("ingest", total=estimate_total(paths, settings))
    try:
        with progress:
            callbacks: dict[str, Any] = {
                "on_error": lambda error: _report(error.message),
                "on_warning": lambda warning: _report(warning.message, "warning"),
                "tick": lambda: progress.advance(task),
            }
            items = iter_articles(paths, settings, date=iso)
            if target is None:
                summary = ingest(items, store, nlp, settings, n_process=workers, **callbacks)
            else:
                summary = _ingest_dask(target, items, store, settings, callbacks)
    except (StoreError, ClusterError) as exc:
        raise _fail(exc, STORE_EXIT) from exc
    except EventwireError as exc:  # a worker cannot load the pipeline (E009) or the settings (E010)
        raise _fail(exc, 2) from exc
    finally:
        store.close()
    parts = ", ".join(f"{key} {value}" for key, value in summary.as_dict().items() if key != "run_id")
    stderr.print(Text(f"{parts} (run {summary.run_id}, {store.safe_url})"), soft_wrap=True)
    raise typer.Exit(1 if summary.failed else 0)


def _dask_target(value: str | None, workers: int) -> Any:
    """The parsed ``--dask`` value (None without it), or the command's exit 2 (E025)."""
    if value is None:
        return None
    from .cli import _fail
    from .store.dask_ingest import parse_target

    try:
        if workers > 1:
            raise UsageError(ErrorCode.E025, value=value, reason="--workers is for one machine; with --dask the cluster's workers code")
        return parse_target(value)
    except UsageError as exc:
        raise _fail(exc, 2) from exc


def _ingest_dask(target: Any, items: Any, store: Any, settings: dict[str, Any], callbacks: dict[str, Any]) -> Any:
    from .store.dask_ingest import dask_client, ingest_dask

    with dask_client(target, settings) as client:
        return ingest_dask(items, store, settings, client, address=target.label, **callbacks)


def query_command(
    kind: Annotated[str, typer.Argument(help="events, quotes, actors, articles or stories.")],
    actor: Annotated[str | None, typer.Option("--actor", help="Actor code prefix (RUS, RUSGOV) or name, either side.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Event source: code prefix or name.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Event target: code prefix or name.")] = None,
    root: Annotated[str | None, typer.Option("--root", help="CAMEO root code, 01-20.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="CAMEO event code or its prefix (04, 046).")] = None,
    quad: Annotated[int | None, typer.Option("--quad", min=1, max=4, help="QuadClass 1-4.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before this ISO date.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name or ISO3 country code.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Quote speaker: code prefix or name.")] = None,
    search: Annotated[str | None, typer.Option("--search", help='Full-text query over article text: words, "a phrase", or, -word.')] = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this article id.")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="events: merged events (one per real-world event, with num_mentions, num_sources, num_articles).")] = False,
    min_articles: Annotated[int | None, typer.Option("--min-articles", min=1, help="stories: with at least N articles (2: only stories with copies).")] = None,
    db: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table (people), json, jsonl or csv (programs).")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N rows (table: store.table_limit by default).")] = None,
) -> None:
    """Rows of the store matching every filter given; each event and quote row carries its sentence.

    `query events --merged` lists merged events; `query stories` lists near-duplicate stories with their
    articles (the article filters apply: a story is kept when one of its articles matches)."""
    from .cli import _fail

    if output_format not in ("table", "json", "jsonl", "csv"):
        raise _fail(UsageError(ErrorCode.E015, path="--format", fmt=output_format), 2)
    filters = {
        "actor": actor, "source": source, "target": target, "root": root, "code": code, "quad": quad,
        "since": since, "until": until, "place": place, "speaker": speaker, "search": search, "article": article,
    }
    if merged and kind != "events":
        raise _fail(UsageError(ErrorCode.E011, reason=f"--merged does not apply to {kind}"), 2)
    settings, store = _settings_and_store(db)
    if output_format == "table" and limit is None:
        limit = store.options.table_limit
    try:
        rows: Iterable[dict[str, Any]]
        if kind == "stories":
            rows = (_story_cells(row, output_format) for row in store.stories(limit, min_articles or 1, **filters))
        elif min_articles is not None:
            raise UsageError(ErrorCode.E011, reason=f"--min-articles does not apply to {kind}")
        elif merged:
            kind = "merged"
            rows = store.iter_select(store.select_merged(limit, **filters))
        else:
            rows = store.iter_select(store.select(kind, limit, **filters))
        _write_rows(kind, iter(rows), output_format)
    except UsageError as exc:
        raise _fail(exc, 2) from exc
    except StoreError as exc:
        raise _fail(exc, STORE_EXIT) from exc
    finally:
        store.close()


def _story_cells(row: dict[str, Any], output_format: str) -> dict[str, Any]:
    """A story row for output: its articles as a list (json, jsonl) or their ids (table, csv)."""
    if output_format in ("json", "jsonl"):
        return row
    return {**row, "articles": " ".join(member["id"] for member in row["articles"])}


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


# the columns a person reads in --format table (the other formats carry every column)
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("article_id", "date", "source_code", "cameo", "target_code", "place_name", "sentence_text"),
    "quotes": ("article_id", "speaker_name", "speaker_code", "kind", "text"),
    "actors": ("article_id", "name", "code", "type"),
    "articles": ("id", "date", "title", "source", "story", "chars"),
    "merged": ("id", "date", "source_code", "cameo", "target_code", "place_name", "num_mentions", "num_sources",
               "num_articles", "title"),
    "stories": ("story", "num_articles", "num_sources", "first_date", "title", "articles"),
}


def _write_rows(kind: str, rows: Iterator[dict[str, Any]], output_format: str) -> None:
    out = sys.stdout
    if output_format == "jsonl":
        for row in rows:
            out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, default=str) + "\n")
        return
    if output_format == "json":
        json.dump([{k: _plain(v) for k, v in row.items()} for row in rows], out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    if output_format == "csv":
        writer: Any = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
                writer.writeheader()
            writer.writerow({k: _plain(v) for k, v in row.items()})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"eventwire query {'events --merged' if kind == 'merged' else kind}", show_lines=True)
    shown = TABLE_COLUMNS[kind]
    for key in shown:
        table.add_column(key, overflow="fold", ratio=3 if key in ("sentence_text", "text", "title") else 1)
    for row in rows:
        table.add_row(*("" if row[key] is None else str(_plain(row[key])) for key in shown))
    Console(highlight=False).print(table)


EXPORTS = ("gdelt", "gdelt-mentions", "plover", "csv", "parquet")


def export_command(
    export_format: Annotated[str, typer.Argument(help="gdelt, gdelt-mentions, plover, csv or parquet.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file (gdelt, gdelt-mentions, plover) or directory (csv, parquet: one file per table).")],
    db: DbOption = None,
) -> None:
    """Export the store: GDELT 2.0 events or mentions (tab-separated), PLOVER JSONL, CSV or Parquet tables."""
    from .cli import _fail, _settings, stderr
    from .corpus.export import export

    if export_format not in EXPORTS:
        raise _fail(UsageError(ErrorCode.E015, path="export", fmt=export_format), 2)
    try:
        settings = _settings(None, None)
        store = _open(db, settings)
    except StoreError as exc:
        raise _fail(exc, STORE_EXIT) from exc
    except EventwireError as exc:
        raise _fail(exc, 2) from exc
    try:
        written = export(store, export_format, output)
    except StoreError as exc:
        raise _fail(exc, STORE_EXIT) from exc
    except OSError as exc:
        raise _fail(UsageError(ErrorCode.E011, reason=f"cannot write {output}: {exc.strerror or exc}"), 2) from exc
    finally:
        store.close()
    stderr.print(Text(", ".join(f"{name}: {count} rows" for name, count in written.items()) + f" -> {output}"))


def merge_command(
    db: DbOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget every signature and story and build them again.")] = False,
    settings_file: Annotated[Path | None, typer.Option("--settings", help="TOML file merged over the shipped settings.")] = None,
) -> None:
    """Bring stories and merged events up to date (ingest does this itself; run it after an upgrade from a
    store without stories, or with --rebuild after changing the [stories] or [merge] settings)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .cli import _fail, stderr
    from .corpus.update import rebuild as rebuild_all
    from .corpus.update import update_corpus

    settings, store = _settings_and_store(db, settings_file)
    progress = Progress(
        TextColumn("merge"), BarColumn(), MofNCompleteColumn(), RateColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=stderr, disable=not stderr.is_terminal,
    )
    task = progress.add_task("merge", total=None)

    def tick(done: int) -> None:
        progress.advance(task, done)

    def total(count: int) -> None:
        progress.update(task, total=count)

    try:
        with progress:
            result = (rebuild_all if rebuild else update_corpus)(store, tick=tick, total=total)
    except StoreError as exc:
        raise _fail(exc, STORE_EXIT) from exc
    finally:
        store.close()
    parts = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in result.as_dict().items())
    stderr.print(Text(f"{parts} ({store.safe_url})"), soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the eventwire app."""
    app.command("ingest")(ingest_command)
    app.command("merge")(merge_command)
    app.command("query")(query_command)
    app.command("export")(export_command)
