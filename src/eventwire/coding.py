"""The library functions behind ``eventwire code``: articles in, records out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ErrorCode, InputError, UsageError
from .ingest.readers import normalize_date, read_text_article
from .nlp.extensions import register_extensions
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


class CodingError(InputError):
    """One article failed inside the pipeline; a batch reports it and goes on."""


def _failure(article: Article, component: str, reason: str) -> CodingError:
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

    An article on which a component raises is passed to ``on_error`` as a :class:`CodingError` and the
    batch goes on; without ``on_error`` the error is raised.
    """
    settings = settings or load_settings()
    nlp = nlp or load_pipeline(settings)
    prov = provenance(nlp)
    pending: dict[int, Article] = {}
    reasons: dict[int, tuple[str, str]] = {}

    def remember_failure(name: str, proc: Any, docs: list[Doc] | None, exc: Exception) -> None:
        # spaCy's multiprocessing pipe calls the handler with docs=None when a worker dies; the articles it
        # held are then reported as failed (reason unknown) when the stream ends
        for doc in docs or ():
            index = getattr(doc, "_context", None)
            if isinstance(index, int):
                reasons[index] = (name, f"{type(exc).__name__}: {exc}")

    def report(index: int) -> None:
        article = pending.pop(index)
        component, reason = reasons.pop(index, ("unknown (worker process)", "see the worker's log"))
        error = _failure(article, component, reason)
        if on_error is None:
            raise error
        on_error(error)

    def docs() -> Iterator[tuple[Doc, int]]:
        for index, article in enumerate(articles):
            pending[index] = article
            try:
                doc = make_doc(nlp, article)
            except Exception as exc:  # the tokenizer on text it cannot handle: lose this article only
                reasons[index] = ("tokenizer", f"{type(exc).__name__}: {exc}")
                report(index)
                continue
            yield doc, index

    size = batch_size or settings["nlp"]["batch_size"]
    # Only our own components (plain callables) report through the default handler; spaCy's trainable
    # pipes keep theirs (Language.set_error_handler fails on them in spaCy 3.8).
    previous_handler = nlp.default_error_handler
    nlp.default_error_handler = remember_failure
    try:
        # contexts carry each article's index, so a Doc dropped by a failing component cannot shift the rest
        for doc, index in nlp.pipe(docs(), batch_size=size, n_process=n_process, as_tuples=True):
            for earlier in sorted(i for i in pending if i < index):
                report(earlier)
            article = pending.pop(index)
            yield doc_to_record(doc, article, prov)
        for earlier in sorted(pending):
            report(earlier)
    finally:
        nlp.default_error_handler = previous_handler


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
