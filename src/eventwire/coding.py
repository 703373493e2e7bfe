"""The library functions behind ``eventwire code``: articles in, records out."""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .budget import OverBudget, article_budget, stop_children
from .errors import ErrorCode, InputError, UsageError
from .ingest.readers import normalize_date, read_text_article
from .nlp.extensions import register_extensions
from .nlp.pieces import parse_in_pieces
from .nlp.pipeline import load_pipeline, provenance
from .records import (
    SCHEMA_VERSION,
    Article,
    ArticleRecord,
    Dateline,
    Entity,
    Offsets,
    Pipeline,
    Provenance,
    as_record,
)
from .settings import load_settings


def load(settings: dict[str, Any] | None = None, **overrides: Any) -> Language:
    """Build the configured pipeline once; pass it to :func:`code_text` / :func:`code_articles`."""
    return load_pipeline(settings or load_settings(overrides=overrides or None))


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article context, ready for ``nlp.pipe``."""
    register_extensions()
    doc = nlp.make_doc(article.text)
    doc._.article = article.context()
    return doc


def doc_to_record(doc: Doc, article: Article, prov: dict[str, Any]) -> ArticleRecord:
    """The record layer: the typed output record (docs/schema.md) of one coded Doc. Components have put typed
    results on the Doc; this adds the article, sentences, entities and provenance. No spaCy object past here."""
    dictionaries = dict(prov["dictionaries"])
    dictionaries.update(doc._.versions or {})
    return ArticleRecord(
        id=article.id,
        headline=article.headline,
        dateline=as_record(article.dateline, Dateline) if article.dateline else None,
        date=article.date,
        date_source=article.date_source,  # type: ignore[arg-type]
        text=article.text,
        metadata=article.metadata,
        sentences=[Offsets(start=s.start_char, end=s.end_char) for s in doc.sents],
        entities=[Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in doc.ents],
        actors=list(doc._.actors or []),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
        dates=list(doc._.dates or []),
        places=list(doc._.places or []),
        provenance=Provenance(
            schema=SCHEMA_VERSION,
            eventwire=prov["eventwire"],
            pipeline=Pipeline(**prov["pipeline"]),
            components=list(prov["components"]),
            dictionaries=dict(sorted(dictionaries.items())),
        ),
    )


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WORKER_PARENT: int | None = None  # set while a pipe with worker processes runs


def _in_worker() -> None:
    """Runs in each forked worker (spaCy's nlp.pipe forks on Linux): Ctrl-C reaches the whole process group,
    but only the parent handles it (one line, workers stop quietly); the parent's SIGTERM and alarm handlers
    are not the worker's; and the worker dies with its parent instead of living on orphaned."""
    parent = _WORKER_PARENT
    if parent is None:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_in_worker)


@contextmanager
def guard_workers(enabled: bool) -> Iterator[None]:
    """While it is open, processes forked by this one are guarded workers (see :func:`_in_worker`), and
    Ctrl-C or SIGTERM in the parent stops them before the usual handler runs: spaCy's pipe joins its
    workers when the parent's wait is interrupted, and a worker blocked on a full pipe never ends."""
    global _WORKER_PARENT
    previous_parent = _WORKER_PARENT
    handlers: dict[int, Any] = {}
    before = set(multiprocessing.active_children())

    def stop_then_chain(signum: int, frame: Any) -> None:
        stop_children(before)
        previous = handlers[signum]
        if callable(previous):
            previous(signum, frame)
        else:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    if enabled:
        _WORKER_PARENT = os.getpid()
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(signum) is not signal.SIG_IGN:
                    handlers[signum] = signal.signal(signum, stop_then_chain)
    try:
        with warnings.catch_warnings():
            # spaCy's W127 ("not all worker processes completed") after workers stopped on purpose; a worker
            # that died is reported per article (E016)
            warnings.filterwarnings("ignore", message=r"\[W127\]")
            yield
    finally:
        _WORKER_PARENT = previous_parent
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


class CodingError(InputError):
    """One article failed inside the pipeline; a batch reports it and goes on."""


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class _WorkerFailures:
    """Why articles failed in worker processes. A component's failure in a worker is reported to the
    worker's copy of the error handler, whose memory the parent never sees; the worker appends one JSON
    line per failed article to a file the parent reads when it reports that article (the worker writes
    before it sends the batch back, so the line is there by then)."""

    def __init__(self, enabled: bool) -> None:
        self.parent = os.getpid()
        self.path: str | None = None
        self.offset = 0
        if enabled:
            fd, self.path = tempfile.mkstemp(prefix="eventwire-failures-", suffix=".jsonl")
            os.close(fd)

    def in_worker(self) -> bool:
        return self.path is not None and os.getpid() != self.parent

    def write(self, index: int, component: str, exc: BaseException) -> None:
        assert self.path is not None
        line = json.dumps({"index": index, "component": component, "reason": _reason(exc)}) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)

    def read(self) -> dict[int, tuple[str, str]]:
        """The failures written since the last read (complete lines only)."""
        if self.path is None:
            return {}
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read()
        complete = data[: data.rfind(b"\n") + 1]
        self.offset += len(complete)
        rows = (json.loads(line) for line in complete.splitlines() if line.strip())
        return {row["index"]: (row["component"], row["reason"]) for row in rows}

    def close(self) -> None:
        if self.path is not None and os.getpid() == self.parent:
            with contextlib.suppress(OSError):
                os.unlink(self.path)


def _failure(article: Article, component: str, exc: BaseException | str | None) -> CodingError:
    if isinstance(exc, OverBudget):
        return CodingError(
            ErrorCode.E019, path=article.path, line=article.line, article=article.id, seconds=exc.seconds
        )
    if isinstance(exc, str):
        reason = exc  # from a worker process
    else:
        reason = _reason(exc) if exc is not None else "the worker process ended; see its log"
    return CodingError(
        ErrorCode.E016, path=article.path, line=article.line, article=article.id, component=component, reason=reason
    )


def code_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    *,
    batch_size: int | None = None,
    n_process: int = 1,
    settings: dict[str, Any] | None = None,
    on_error: Callable[[CodingError], None] | None = None,
) -> Iterator[ArticleRecord]:
    """Code articles in order through one ``nlp.pipe``; yields one record per article.

    An article on which a component raises, or whose record takes longer than the setting
    ``nlp.article_time_budget`` (E019), is passed to ``on_error`` as a :class:`CodingError` and the batch goes
    on; without ``on_error`` the error is raised. Worker processes (``n_process`` > 1) ignore Ctrl-C (the
    parent stops them) and exit when the parent dies (eventwire.workers).
    """
    settings = settings or load_settings()
    nlp = nlp or load_pipeline(settings)
    prov = provenance(nlp)
    pending: dict[int, Article] = {}
    reasons: dict[int, tuple[str, BaseException | str]] = {}
    source = enumerate(articles)
    budget = article_budget(settings["nlp"]["article_time_budget"], workers=n_process > 1)
    piece_chars, piece_processes = settings["nlp"]["piece_chars"], settings["nlp"]["piece_processes"]
    # articles parsed in pieces after the stream hands them back: the stream carries an empty Doc for each
    in_pieces: set[int] = set()
    in_workers = _WorkerFailures(n_process > 1)

    def remember_failure(name: str, proc: Any, docs: list[Doc] | None, exc: Exception) -> None:
        # spaCy's multiprocessing pipe calls the handler with docs=None when a worker dies; the articles it
        # held are then reported as failed (reason unknown) when the stream ends
        for doc in docs or ():
            index = getattr(doc, "_context", None)
            if isinstance(index, int):
                if in_workers.in_worker():
                    in_workers.write(index, name, exc)
                else:
                    reasons[index] = (name, exc)

    def report(index: int) -> None:
        article = pending.pop(index)
        if index not in reasons:
            reasons.update(in_workers.read())
        component, exc = reasons.pop(index, ("unknown (worker process)", None))
        error = _failure(article, component, exc)
        if on_error is None:
            raise error
        on_error(error)

    def docs(queue: list[tuple[int, Article]], more: bool) -> Iterator[tuple[Doc, int]]:
        """Docs of the articles in ``queue``, then (``more``) of the rest of the input."""
        while True:
            if queue:
                index, article = queue.pop(0)
            elif more:
                with budget.paused():  # reading the input is not the article's time
                    item = next(source, None)
                if item is None:
                    return
                index, article = item
            else:
                return
            pending[index] = article
            if len(article.text) > piece_chars:
                in_pieces.add(index)
                placeholder = nlp.make_doc("")
                placeholder._.article = {}
                yield placeholder, index
                continue
            try:
                doc = make_doc(nlp, article)
            except Exception as exc:  # the tokenizer on text it cannot handle: lose this article only
                reasons[index] = ("tokenizer", exc)
                report(index)
                continue
            yield doc, index

    def long_doc(index: int) -> Doc | None:
        """A long article's Doc, parsed in pieces under the time budget; None when it failed (reasons say why)."""

        def failed(component: str, exc: Exception) -> None:
            reasons[index] = (component, exc)

        try:
            with budget.running(), guard_workers(piece_processes > 1):
                return parse_in_pieces(nlp, pending[index], piece_chars, piece_processes, failed)
        except OverBudget as exc:
            reasons[index] = ("", exc)
            return None

    def coded(queue: list[tuple[int, Article]], more: bool, workers: int, size: int) -> Iterator[ArticleRecord]:
        while True:
            try:
                # contexts carry each article's index, so a Doc dropped by a failing component cannot
                # shift the rest
                stream = nlp.pipe(docs(queue, more), batch_size=size, n_process=workers, as_tuples=True)
                for doc, index in budget.timed(stream):
                    for earlier in sorted(i for i in pending if i < index):
                        report(earlier)
                    if index in in_pieces:
                        in_pieces.discard(index)
                        whole = long_doc(index)
                        if whole is None:
                            report(index)
                            continue
                        doc = whole
                    article = pending.pop(index)
                    yield doc_to_record(doc, article, prov)
                return
            except OverBudget as exc:
                # rung outside our components (they report through the handler): in a spaCy pipe working on
                # a batch, or waiting on workers, which return whole batches. One article alone is the one
                # the stream waited on; else the articles in flight are coded again here one at a time,
                # under the budget, so that only the slow one is given up.
                if not pending:
                    raise
                suspects = sorted(pending.items())
                pending.clear()
                reasons.clear()
                if workers == 1 and size == 1:
                    index, article = suspects.pop(0)
                    pending[index], reasons[index] = article, ("", exc)
                    report(index)
                    queue[:0] = suspects
                else:
                    yield from coded(suspects, False, 1, 1)

    size = batch_size or settings["nlp"]["batch_size"]
    # Only our own components (plain callables) report through the default handler; spaCy's trainable
    # pipes keep theirs (Language.set_error_handler fails on them in spaCy 3.8).
    previous_handler = nlp.default_error_handler
    nlp.default_error_handler = remember_failure
    try:
        with budget, guard_workers(n_process > 1):
            yield from coded([], True, n_process, size)
        for earlier in sorted(pending):
            report(earlier)
    finally:
        nlp.default_error_handler = previous_handler
        in_workers.close()


def code_text(
    text: str,
    *,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    nlp: Language | None = None,
    settings: dict[str, Any] | None = None,
) -> ArticleRecord:
    """Code one article given as text (headline and dateline detected as for a plain-text file)."""
    settings = settings or load_settings()
    iso = normalize_date(date) if date else None
    if date and not iso:
        raise UsageError(ErrorCode.E008, value=date)
    article = read_text_article(
        text, id=id, settings=settings, headline=title, date=iso, date_source="user" if iso else None
    )
    return next(code_articles([article], nlp, settings=settings))


__all__ = ["CodingError", "InputError", "code_articles", "code_text", "doc_to_record", "load", "make_doc"]
