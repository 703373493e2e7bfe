"""Code articles and store them: ``eventwire ingest`` and ``bench/ingest.py`` share this loop.

Each article is stored in its own transaction after it is coded, so a process killed at any moment loses
only the articles in flight. An article already stored with the same id, content hash and run (versions
and settings) is skipped before coding; one whose content or run differs is re-coded and replaces its rows.
After every ``store.story_batch`` stored articles, :func:`update_stories` puts them in their stories and
records their events as mentions (one more transaction for the lot, which amortises the story step's
lookups: an article stored but not yet in its story is finished by the next step or the next run); at the
end, the rest, then the merged events of every group touched are recomputed once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from ..coding import CodingError, code_articles
from ..errors import EventwireError, InputError, InputWarning
from ..nlp.pipeline import provenance
from ..records import SCHEMA_VERSION, Article
from .base import Store
from .rows import content_hash, run_row, settings_hash


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    quotes: int = 0
    run_id: str = ""
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("read", "stored", "skipped", "failed", "events", "quotes", "run_id")}


def run_identity(nlp: Language, settings: dict[str, Any], store: Store) -> dict[str, Any]:
    """The coding run row of this pipeline and these settings."""
    digest = settings_hash(settings, store.options.settings_hash_ignore)
    return run_row(provenance(nlp), digest, SCHEMA_VERSION)


def ingest(
    items: Iterable[Article | InputError | InputWarning],
    store: Store,
    nlp: Language,
    settings: dict[str, Any],
    *,
    n_process: int = 1,
    on_error: Callable[[EventwireError], None] | None = None,
    on_warning: Callable[[InputWarning], None] | None = None,
    tick: Callable[[], None] | None = None,
) -> IngestSummary:
    """Code and store every article of ``items`` (what :func:`eventwire.ingest.iter_articles` yields)."""
    summary = IngestSummary()
    run = run_identity(nlp, settings, store)
    store.add_run(run)
    summary.run_id = run_id = run["id"]
    advance = tick or (lambda: None)
    ignore = store.options.content_hash_ignore_metadata

    def failed(error: EventwireError) -> None:
        summary.failed += 1
        summary.errors.append(error.message)
        if on_error:
            on_error(error)
        advance()

    def to_code() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputWarning):
                if on_warning:
                    on_warning(item)
                continue
            summary.read += 1
            if isinstance(item, InputError):
                failed(item)
                continue
            if store.stored(item.id) == (content_hash(item, ignore), run_id):
                summary.skipped += 1
                advance()
                continue
            yield item

    def coding_failed(error: CodingError) -> None:
        failed(error)

    unstoried = StoryBatch(store)
    for record in code_articles(to_code(), nlp, n_process=n_process, settings=settings, on_error=coding_failed):
        store.put(record, run_id, content_hash(record, ignore))
        unstoried.add(record.id)
        summary.stored += 1
        summary.events += len(record.events)
        summary.quotes += len(record.quotes)
        advance()
    update_stories(store)
    return summary


class StoryBatch:
    """Stored articles waiting for the story step, which runs for every ``store.story_batch`` of them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.size = store.options.story_batch
        self.ids: list[str] = []

    def add(self, article_id: str) -> None:
        self.ids.append(article_id)
        if len(self.ids) >= self.size:
            update_stories(self.store, self.ids)
            self.ids = []


def update_stories(store: Store, ids: list[str] | None = None) -> None:
    """Post-store hook (:mod:`eventwire.corpus.update`): with ``ids``, the stored articles join their
    stories and their events the mentions of merged events (the groups they touch are recorded); without,
    whatever a killed or older run left, then every recorded group merged again (once per ingest)."""
    store.update_corpus(ids, merge_groups=ids is None)
