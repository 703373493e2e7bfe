"""The ``eventwire`` command line: a thin layer over the library (coding.py, evaluate/)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import msgspec
import typer
from rich.console import Console
from rich.text import Text

from .errors import ErrorCode, EventwireError, ExitStatus, InputError, InputWarning, OutputError, UsageError
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


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt (a BaseException: no ``except Exception``
    in a component swallows it)."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


class _IdOnly(msgspec.Struct):
    id: str | None = None


def _done_ids(output: Path) -> set[str]:
    """Ids already written to an output JSONL file (for --resume), read line by line (only the ids are kept
    in memory). A torn last line (a crash while writing) is cut off in place, never by rewriting the file."""
    done: set[str] = set()
    if not output.exists():
        return done
    with output.open("rb+") as fh:
        _cut_torn_line(fh)
        decoder = msgspec.json.Decoder(_IdOnly)
        for line in fh:
            try:
                record_id = decoder.decode(line).id
            except msgspec.DecodeError:
                continue
            if record_id is not None:
                done.add(record_id)
    return done


def _cut_torn_line(fh: BinaryIO) -> None:
    """Truncate the file to its last newline (reading backwards in blocks), then rewind."""
    end = fh.seek(0, os.SEEK_END)
    position, block = end, 1 << 16
    while position > 0:
        start = max(0, position - block)
        fh.seek(start)
        chunk = fh.read(position - start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            cut = start + newline + 1
            break
        position = start
    else:
        cut = 0
    if cut != end:
        fh.truncate(cut)
    fh.seek(0)


class _Output:
    """Where records go. A JSONL file is written unbuffered, one whole line per record; when a write fails
    (disk full) or the run is interrupted, the file is cut back to its last complete line, so it never ends
    in a torn record."""

    def __init__(self, path: Path | None, output_format: str, append: bool) -> None:
        self.path, self.format = path, output_format
        self.name = str(path) if path else "<stdout>"
        self.written = 0
        self.raw: BinaryIO | None = None
        self.text: TextIO = sys.stdout
        self.good = 0
        if path is None:
            return
        if path.is_dir():
            raise OutputError(ErrorCode.E017, path=path, reason="it is a directory")
        if not path.parent.is_dir():
            raise OutputError(ErrorCode.E017, path=path, reason=f"folder {str(path.parent)!r} does not exist")
        try:
            if output_format == "jsonl":
                self.raw = path.open("ab" if append else "wb", buffering=0)
                self.good = self.raw.seek(0, os.SEEK_END)
            else:
                self.text = path.open("w", encoding="utf-8")
        except OSError as exc:
            raise OutputError(ErrorCode.E017, path=path, reason=exc.strerror or str(exc)) from exc

    def failed(self, exc: OSError) -> OutputError:
        self.repair()
        return OutputError(ErrorCode.E017, path=self.name, reason=exc.strerror or str(exc))

    def repair(self) -> None:
        if self.raw is not None and not self.raw.closed:
            with contextlib.suppress(OSError):
                os.ftruncate(self.raw.fileno(), self.good)

    def write_line(self, line: str) -> None:
        if self.raw is None:
            self.text.write(line)
            self.text.flush()
        else:
            encoded = line.encode("utf-8")
            data = memoryview(encoded)
            while data:  # an unbuffered write may take part of the line
                data = data[self.raw.write(data) or 0 :]
            self.good += len(encoded)
        self.written += 1

    def close(self) -> None:
        if self.raw is not None:
            self.repair()  # a no-op unless a write was cut short (an interrupt between two write calls)
            self.raw.close()
        elif self.path is not None:
            self.text.close()


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

    Exit status: 0 all articles coded, 1 some failed (the rest are still written), 2 usage error, 3 output
    or environment failure (disk full, permissions), 130 interrupted (143 on SIGTERM): see --resume.
    """
    if output_format not in ("json", "jsonl", "summary"):
        raise _fail(UsageError(ErrorCode.E015, path="--format", fmt=output_format), ExitStatus.USAGE)
    iso = normalize_date(date) if date else None
    if date and not iso:
        raise _fail(UsageError(ErrorCode.E008, value=date), ExitStatus.USAGE)
    if resume and (output is None or output_format != "jsonl"):
        raise _fail(UsageError(ErrorCode.E011, reason="--resume needs -o FILE and --format jsonl"), ExitStatus.USAGE)
    if output is not None and output.exists():
        for given in paths:
            if given != "-" and Path(given).exists() and Path(given).resolve() == output.resolve():
                raise _fail(UsageError(ErrorCode.E021, path=given), ExitStatus.USAGE)
    run = _Run(output, resume)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        run.code(paths, iso, output_format, workers, settings_file, pipeline, place_hint)
    except (KeyboardInterrupt, _Terminated) as exc:
        sigterm = isinstance(exc, _Terminated)
        run.interrupted("SIGTERM" if sigterm else "Ctrl-C")
        status = ExitStatus.INTERRUPTED + (signal.SIGTERM - signal.SIGINT if sigterm else 0)
        if workers > 1:
            # the stopped workers' queues keep feeder threads that multiprocessing would join at exit for
            # ever; the output is closed and the message out, so leave without them
            sys.stderr.flush()
            os._exit(status)
        raise typer.Exit(status) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    raise typer.Exit(ExitStatus.FAILED if run.failures else ExitStatus.OK)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class _Run:
    """One ``eventwire code`` run: what was read, coded, failed and skipped, for the end summary."""

    def __init__(self, output: Path | None, resume: bool) -> None:
        self.output, self.resume = output, resume
        self.out: _Output | None = None
        self.failures = 0
        self.skipped: dict[str, list[str]] = {}
        self.max_examples = 0

    def code(
        self,
        paths: list[str],
        iso: str | None,
        output_format: str,
        workers: int,
        settings_file: Path | None,
        pipeline: str | None,
        place_hint: str | None = None,
    ) -> None:
        from .coding import code_articles, load
        from .ingest import iter_articles

        try:
            settings = _settings(settings_file, pipeline)
        except EventwireError as exc:
            raise _fail(exc, ExitStatus.USAGE) from exc
        if place_hint:
            settings["places"]["place_hint"] = place_hint
        self.max_examples = settings["cli"]["summary_max_examples"]
        try:  # checked before the pipeline loads: a bad -o fails in a second, not after the model
            skip = _done_ids(self.output) if self.resume and self.output else set()  # first: it may cut the file
            self.out = _Output(self.output, output_format, append=self.resume)
        except OutputError as exc:
            raise _fail(exc, ExitStatus.OUTPUT) from exc
        except OSError as exc:
            raise _fail(OutputError(ErrorCode.E017, path=self.output, reason=exc.strerror or str(exc)), ExitStatus.OUTPUT) from exc
        try:
            nlp = load(settings)
        except EventwireError as exc:
            raise _fail(exc, ExitStatus.USAGE) from exc

        stream = self._articles(iter_articles(paths, settings, date=iso, exclude=[self.output] if self.output else []), skip)
        head = list(islice(stream, settings["cli"]["progress_min_articles"] + 1))
        show_progress = len(head) > settings["cli"]["progress_min_articles"]

        def coding_failed(error: EventwireError) -> None:
            self.failures += 1
            _report(error.message)

        records = code_articles(chain(head, stream), nlp, n_process=workers, settings=settings, on_error=coding_failed)
        try:
            if show_progress:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                )

                columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
                with Progress(*columns, console=stderr, transient=False) as progress:
                    task = progress.add_task("coding", total=None)
                    _write(records, self.out, output_format, lambda: progress.advance(task))
            else:
                _write(records, self.out, output_format, lambda: None)
        except OSError as exc:
            error = self.out.failed(exc)
            self._silence_stdout()
            self.summary()
            raise _fail(error, ExitStatus.OUTPUT) from exc
        finally:
            self.out.close()
        self.summary()

    def _articles(self, items: Iterator[Any], skip: set[str]) -> Iterator[Article]:
        first_seen: dict[str, str] = {}
        for item in items:
            if isinstance(item, InputWarning):
                if item.code is ErrorCode.W004:
                    self.skipped.setdefault(str(item.fields["reason"]), []).append(item.path)
                else:
                    _report(item.message, "warning")
                continue
            if isinstance(item, InputError):
                self.failures += 1
                _report(item.message)
                continue
            where = f"{item.path}:{item.line}" if item.line else item.path
            if item.id in first_seen:
                if self.resume:  # it may or may not be the record already written: refuse rather than guess
                    self.failures += 1
                    _report(UsageError(ErrorCode.E020, path=item.path, line=item.line, article=item.id,
                                       first=first_seen[item.id]).message)
                    continue
                # still coded (a batch loses nothing), but records with one id cannot be told apart later
                _report(InputWarning(ErrorCode.W005, path=item.path, line=item.line, article=item.id,
                                     first=first_seen[item.id]).message, "warning")
            else:
                first_seen[item.id] = where
            if item.id not in skip:
                yield item

    def summary(self) -> None:
        """One line per reason files were skipped (all counted, a few named), so none is skipped unseen."""
        for reason, files in sorted(self.skipped.items()):
            shown = ", ".join(files[: self.max_examples]) + (", ..." if len(files) > self.max_examples else "")
            _report(f"{ErrorCode.W004.value} skipped {len(files)}: {reason}: {shown}", "warning")

    def interrupted(self, reason: str) -> None:
        written = self.out.written if self.out else 0
        if self.out is not None:
            self.out.repair()
        self._silence_stdout()
        if self.output is not None and self.out is not None and self.out.format == "jsonl":
            hint = "to go on, run the same command with --resume"
        elif self.output is not None:
            hint = "the output is incomplete; with --format jsonl a run can be resumed (--resume)"
        else:
            hint = "write with -o FILE to be able to go on with --resume"
        where = f" to {self.output}" if self.output else ""
        _report(EventwireError(ErrorCode.E018, reason=reason, written=written, where=where, hint=hint).message)

    @staticmethod
    def _silence_stdout() -> None:
        # a closed pipe (| head) or a full disk: the interpreter's last flush must not print a traceback
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _write(records: Iterator[dict[str, Any]], out: _Output, output_format: str, tick: Any) -> None:
    if output_format == "summary":
        from .summary import render_summary

        console = Console(file=out.text, width=160 if not out.text.isatty() else None, highlight=False)
        for record in records:
            render_summary(record, console)
            out.written += 1
            tick()
        out.text.flush()
        return
    if output_format == "jsonl":
        for record in records:
            out.write_line(dumps(record) + "\n")
            tick()
        return
    out.text.write("[")
    for n, record in enumerate(records):
        out.text.write(("," if n else "") + "\n" + dumps(record, indent=2))
        out.written += 1
        tick()
    out.text.write("\n]\n")
    out.text.flush()


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

from .cli_serve import register as _register_serve  # noqa: E402 (eventwire serve: the API and the dashboard)

_register_serve(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
