"""The corpus step: keep stories and merged events current after articles are stored, replaced or deleted.

Two parts, each crash-safe on its own:

1. **Stories and mentions** (per article, right after it is stored). ``Store.put`` leaves
   ``articles.story`` NULL; this part finds such articles (and signatures left by deleted articles or made
   with other [stories] settings) and, in one transaction: takes their old signatures and mentions out,
   clusters the rest of their old stories again, signs them and joins them to the stories of their copies,
   adds their mentions, and records every merged-event group they touch in ``merge_pending``. A process
   killed before it commits leaves the articles NULL, so the next run does the work.
2. **Merging** (at the end of an ingest, by ``eventwire merge``, before a GDELT export): every pending
   group is merged again whole and taken off the list in the same transaction. A group of a wire story
   with many copies is merged once per ingest, not once per copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..settings import component_settings
from ..store.base import Store
from ..store.schema import (
    articles,
    merge_pending,
    merged_events,
    merged_mentions,
    story_bands,
    story_signatures,
)
from . import merge, stories
from .dedup import LshParams, lsh_params

Tick = Callable[[int], None]


@dataclass
class CorpusUpdate:
    articles: int = 0
    story_changes: int = 0
    groups: int = 0
    merged_events: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("articles", "story_changes", "groups", "merged_events")}


def params_of(store: Store) -> LshParams:
    return lsh_params(component_settings("stories", store.settings.get("stories")))


def update_corpus(
    store: Store,
    ids: Iterable[str] | None = None,
    *,
    merge_groups: bool = True,
    batch: int = stories.CHUNK,
    tick: Tick | None = None,
    total: Tick | None = None,
) -> CorpusUpdate:
    """Stories and mentions brought up to date for ``ids`` (those that need it), or for every article that
    needs it when ``ids`` is None, one transaction per ``batch`` articles; then, unless ``merge_groups``
    is False, every pending group merged again. ``total`` hears how many articles need work, ``tick`` how
    many are done after each transaction (a progress bar)."""
    params = params_of(store)
    options = component_settings("merge", store.settings.get("merge"))
    with store._connect() as connection:
        todo = stories.pending(connection, params, ids)
    if total:
        total(len(todo))
    result = CorpusUpdate()
    for part in stories.chunks(todo, batch):
        with store._begin() as connection:
            _update(connection, part, params, options, result)
        if tick:
            tick(len(part))
    if merge_groups:
        merge_pending_groups(store, result, batch)
    return result


def _update(connection: Any, ids: list[str], params: LshParams, options: Any, result: CorpusUpdate) -> None:
    keys = merge.drop(connection, ids)
    old_stories = stories.drop(connection, ids)
    changed = stories.recluster(connection, old_stories, params)
    live: dict[str, str] = {}
    for batch in stories.chunks(ids):
        live.update(connection.execute(sa.select(articles.c.id, articles.c.text).where(articles.c.id.in_(batch))).all())
    for article_id in sorted(live):
        changed |= stories.assign(connection, article_id, live[article_id], params)
    # members whose story changed: their generic-actor mentions are keyed by story, and num_sources counts
    # an article of no known outlet once per story, so their mentions are made again
    moved = sorted(changed - set(live))
    keys |= merge.drop(connection, moved)
    for article_id in sorted({*live, *moved}):
        keys |= merge.add(connection, article_id, options)
    _mark(connection, keys)
    result.articles += len(ids)
    result.story_changes += len(changed)


def _mark(connection: Any, keys: set[str]) -> None:
    known: set[str] = set()
    for batch in stories.chunks(sorted(keys)):
        known.update(connection.execute(sa.select(merge_pending.c.key).where(merge_pending.c.key.in_(batch))).scalars())
    new = sorted(keys - known)
    if new:
        connection.execute(sa.insert(merge_pending), [{"key": key} for key in new])


def merge_pending_groups(store: Store, result: CorpusUpdate | None = None, batch: int = stories.CHUNK) -> CorpusUpdate:
    """Merge every pending group again, ``batch`` groups per transaction."""
    result = result or CorpusUpdate()
    options = component_settings("merge", store.settings.get("merge"))
    while True:
        with store._begin() as connection:
            keys = list(
                connection.execute(sa.select(merge_pending.c.key).order_by(merge_pending.c.key).limit(batch)).scalars()
            )
            for key in keys:
                result.merged_events += merge.recompute(connection, key, options)
            if keys:
                connection.execute(sa.delete(merge_pending).where(merge_pending.c.key.in_(keys)))
        result.groups += len(keys)
        if len(keys) < batch:
            return result


def rebuild(store: Store, tick: Tick | None = None, total: Tick | None = None) -> CorpusUpdate:
    """Forget every signature, story and merged event and build them again (``eventwire merge --rebuild``)."""
    with store._begin() as connection:
        for table in (merged_mentions, merged_events, merge_pending, story_bands, story_signatures):
            connection.execute(sa.delete(table))
        connection.execute(sa.update(articles).values(story=None))
    return update_corpus(store, tick=tick, total=total)
