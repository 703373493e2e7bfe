"""Near-duplicate stories in the store: signatures and LSH bands kept per article, stories kept current.

A story is a connected component of the "copy" relation (two articles share an LSH bucket and their
signatures' estimated Jaccard similarity reaches ``stories.threshold``); its id is the smallest article
id among its members. The relation is symmetric and depends only on the two texts, so the stories, and
their ids, are the same whatever order the articles came in.

Incremental: a new article looks up the stored buckets of its bands (an indexed ``IN``), checks the
candidates' stored signatures and joins (and unites) their stories; nothing is rebuilt. An article that
leaves (re-coded with another text, deleted, or signed with older settings) takes its signature out, and
only the members of its old story are clustered again among themselves (a member's copies are all in its
story, so no other story can change). All of it runs inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..store.schema import articles, story_bands, story_signatures
from .dedup import LshParams, Signature, UnionFind, buckets, is_copy, signature

# ids per IN (...) list: well under SQLite's bound-parameter limit
CHUNK = 500
# signatures of one candidate story loaded at a time while looking for a copy in it
VERIFY_BATCH = 16


def chunks(values: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    batch: list[str] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def pending(connection: Connection, params: LshParams, ids: Iterable[str] | None = None) -> list[str]:
    """Articles whose story is not current: stored (again) since the last corpus step (``story`` NULL),
    signed with other settings, or gone from ``articles`` while their signature stayed."""
    found: set[str] = set()
    unsigned = sa.select(articles.c.id).where(articles.c.story.is_(None))
    stale = (
        sa.select(story_signatures.c.article_id)
        .select_from(story_signatures.outerjoin(articles, articles.c.id == story_signatures.c.article_id))
        .where(sa.or_(story_signatures.c.params != params.digest, articles.c.id.is_(None)))
    )
    if ids is None:
        for statement in (unsigned, stale):
            found.update(connection.execute(statement).scalars())
    else:
        for batch in chunks(sorted(set(ids))):
            found.update(connection.execute(unsigned.where(articles.c.id.in_(batch))).scalars())
            found.update(connection.execute(stale.where(story_signatures.c.article_id.in_(batch))).scalars())
    return sorted(found)


def _signatures(connection: Connection, ids: Iterable[str]) -> dict[str, Signature]:
    out: dict[str, Signature] = {}
    for batch in chunks(ids):
        rows = connection.execute(
            sa.select(story_signatures.c.article_id, story_signatures.c.signature, story_signatures.c.shingles)
            .where(story_signatures.c.article_id.in_(batch))
        )
        for article_id, data, count in rows:
            out[article_id] = Signature.from_bytes(bytes(data), count)
    return out


def _set_story(connection: Connection, story: str, ids: Iterable[str]) -> None:
    for batch in chunks(ids):
        connection.execute(sa.update(articles).where(articles.c.id.in_(batch)).values(story=story))
        connection.execute(
            sa.update(story_signatures).where(story_signatures.c.article_id.in_(batch)).values(story=story)
        )


def drop(connection: Connection, ids: list[str]) -> set[str]:
    """Take the signatures and bands of ``ids`` out; returns the stories they were in."""
    stories: set[str] = set()
    for batch in chunks(ids):
        stories.update(
            connection.execute(
                sa.select(story_signatures.c.story).where(story_signatures.c.article_id.in_(batch))
            ).scalars()
        )
        connection.execute(sa.delete(story_bands).where(story_bands.c.article_id.in_(batch)))
        connection.execute(sa.delete(story_signatures).where(story_signatures.c.article_id.in_(batch)))
    return stories


def recluster(connection: Connection, stories: Iterable[str], params: LshParams) -> set[str]:
    """Cluster the remaining members of each story again among themselves; returns the articles whose
    story changed."""
    changed: set[str] = set()
    for story in sorted(set(stories)):
        members = sorted(
            connection.execute(
                sa.select(story_signatures.c.article_id).where(story_signatures.c.story == story)
            ).scalars()
        )
        if not members:
            continue
        by_bucket: dict[str, list[str]] = {}
        for batch in chunks(members):
            for article_id, bucket in connection.execute(
                sa.select(story_bands.c.article_id, story_bands.c.bucket).where(story_bands.c.article_id.in_(batch))
            ):
                by_bucket.setdefault(bucket, []).append(article_id)
        sigs = _signatures(connection, members)
        roots = _cluster(members, by_bucket, sigs, params)
        for root in sorted(set(roots.values())):
            group = [m for m in members if roots[m] == root]
            if root != story:
                _set_story(connection, root, group)
                changed.update(group)
    return changed


def _candidate_stories(connection: Connection, article_id: str, own: list[str]) -> list[str]:
    """Stories with an article sharing a bucket with ``own``."""
    found: set[str] = set()
    joined = story_bands.join(story_signatures, story_signatures.c.article_id == story_bands.c.article_id)
    for batch in chunks(own):
        found.update(
            connection.execute(
                sa.select(story_signatures.c.story).distinct().select_from(joined)
                .where(story_bands.c.bucket.in_(batch), story_bands.c.article_id != article_id)
            ).scalars()
        )
    return sorted(found)


def _has_copy(connection: Connection, sig: Signature, own: list[str], story: str, params: LshParams) -> bool:
    """Is a member of ``story`` sharing a bucket with ``own`` a copy? Stops at the first that is."""
    joined = story_bands.join(story_signatures, story_signatures.c.article_id == story_bands.c.article_id)
    candidates: set[str] = set()
    for batch in chunks(own):
        candidates.update(
            connection.execute(
                sa.select(story_bands.c.article_id).distinct().select_from(joined)
                .where(story_bands.c.bucket.in_(batch), story_signatures.c.story == story)
            ).scalars()
        )
    for batch in chunks(sorted(candidates), VERIFY_BATCH):
        sigs = _signatures(connection, batch)
        if any(is_copy(sig, sigs[c], params) for c in batch):
            return True
    return False


def _cluster(
    members: list[str], by_bucket: dict[str, list[str]], sigs: dict[str, Signature], params: LshParams
) -> dict[str, str]:
    """Components of the copy relation among ``members`` (member -> its smallest member); a pair already
    in one component is not checked again. The components do not depend on the order of checking."""
    sets = UnionFind(members)
    for bucket in sorted(by_bucket):
        ids = sorted(set(by_bucket[bucket]))
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if sets.find(a) != sets.find(b) and is_copy(sigs[a], sigs[b], params):
                    sets.union(a, b)
    return sets.roots()


def assign(connection: Connection, article_id: str, text: str, params: LshParams) -> set[str]:
    """Sign the article, store its signature and bands, and put it in the story of its copies (uniting
    their stories when it links several). Returns the articles whose story changed, itself included.

    A candidate story is joined as soon as one of its members is a copy (the rest need not be checked:
    the story is the same), so a wire story with thousands of copies costs a few checks, not thousands."""
    sig = signature(text, params)
    own = buckets(sig, params)
    joined = [s for s in _candidate_stories(connection, article_id, own) if _has_copy(connection, sig, own, s, params)]
    # a story's id is its smallest member, so the united story's is the smallest of these
    story = min([article_id, *joined])
    connection.execute(
        sa.insert(story_signatures),
        [{"article_id": article_id, "params": params.digest, "story": story, "shingles": sig.shingles,
          "signature": sig.to_bytes()}],
    )
    if own:
        connection.execute(
            sa.insert(story_bands), [{"article_id": article_id, "band": i, "bucket": b} for i, b in enumerate(own)]
        )
    moved = {article_id}
    renamed = [s for s in joined if s != story]
    for batch in chunks(renamed):
        moved.update(
            connection.execute(
                sa.select(story_signatures.c.article_id).where(story_signatures.c.story.in_(batch))
            ).scalars()
        )
    _set_story(connection, story, sorted(moved))
    return moved


def story_rows(connection: Connection, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The member articles of each story (id, date, title, source, url), in date then id order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for batch in chunks(story_ids):
        rows = connection.execute(
            sa.select(articles.c.story, articles.c.id, articles.c.date, articles.c.title, articles.c.source,
                      articles.c.url)
            .where(articles.c.story.in_(batch))
            .order_by(articles.c.story, sa.nulls_last(articles.c.date), articles.c.id)
        ).mappings()
        for row in rows:
            out.setdefault(row["story"], []).append({k: row[k] for k in ("id", "date", "title", "source", "url")})
    return out
