"""The corpus step: keep stories and merged events current after articles are stored, replaced or deleted.

``Store.put`` leaves ``articles.story`` NULL; this step finds such articles (and signatures left by
deleted articles or made with other [stories] settings), and in one transaction: takes their old
signatures and mentions out, clusters the rest of their old stories again, signs them and joins them to
the stories of their copies, adds their mentions and recomputes every merged-event group they touch.
A process killed before it commits leaves the articles NULL, so the next run does the work: ingest runs it
after every article it stores and once at its end (for anything left by a killed or older run), and
``eventwire merge`` runs it on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..settings import component_settings
from ..store.base import Store
from ..store.schema import articles, merged_events, merged_mentions, story_bands, story_signatures
from . import merge, stories
from .dedup import LshParams, lsh_params


@dataclass
class CorpusUpdate:
    articles: int = 0
    story_changes: int = 0
    groups: int = 0
    merged_events: int = 0
    touched: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("articles", "story_changes", "groups", "merged_events")}


def params_of(store: Store) -> LshParams:
    return lsh_params(component_settings("stories", store.settings.get("stories")))


def update_corpus(
    store: Store,
    ids: Iterable[str] | None = None,
    *,
    batch: int = stories.CHUNK,
    tick: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> CorpusUpdate:
    """Bring stories and merged events up to date for ``ids`` (those that need it), or for every article
    that needs it when ``ids`` is None; one transaction per ``batch`` articles. ``total`` hears how many
    articles need it, ``tick`` how many are done after each transaction (a progress bar)."""
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
    return result


def _update(connection: Any, ids: list[str], params: LshParams, options: Any, result: CorpusUpdate) -> None:
    old_keys = merge.drop(connection, ids)
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
    old_keys |= merge.drop(connection, moved)
    new_keys: set[str] = set()
    for article_id in sorted({*live, *moved}):
        new_keys |= merge.add(connection, article_id, options)
    keys = old_keys | new_keys
    for key in sorted(keys):
        result.merged_events += merge.recompute(connection, key, options)
    result.articles += len(ids)
    result.story_changes += len(changed)
    result.groups += len(keys)
    result.touched.update(ids)


def rebuild(
    store: Store, tick: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None
) -> CorpusUpdate:
    """Forget every signature and story and build them again (``eventwire merge --rebuild``)."""
    with store._begin() as connection:
        for table in (merged_mentions, merged_events, story_bands, story_signatures):
            connection.execute(sa.delete(table))
        connection.execute(sa.update(articles).values(story=None))
    return update_corpus(store, tick=tick, total=total)
