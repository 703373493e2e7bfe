"""The store's tables (SQLAlchemy Core): one definition for SQLite and PostgreSQL.

Alembic migrations (``migrations/versions``) create and change these tables; a test migrates an empty
database and compares it with this metadata, so the two cannot drift apart. Offsets are character offsets
into ``articles.text`` (``start_char``/``end_char``: ``end`` is an SQL keyword). A row's sentence is
``sentence_start``/``sentence_end`` into the same text: the queries cut it out with ``substr`` (both
dialects count characters), so no sentence is stored twice.
"""

from __future__ import annotations

import sqlalchemy as sa

# one naming convention, so constraint names are the same in both dialects and in the migrations
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Id = sa.String(64)
Code = sa.String(32)


def _article_fk() -> sa.Column[str]:
    return sa.Column("article_id", Id, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _span(prefix: str = "", nullable: bool = False) -> list[sa.Column[int]]:
    return [
        sa.Column(f"{prefix}start_char", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}end_char", sa.Integer, nullable=nullable),
    ]


def _sentence() -> list[sa.Column[int]]:
    return [
        sa.Column("sentence", sa.Integer, nullable=True),
        sa.Column("sentence_start", sa.Integer, nullable=True),
        sa.Column("sentence_end", sa.Integer, nullable=True),
    ]


def _actor_ref(prefix: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{prefix}_actor", Id, nullable=True),
        sa.Column(f"{prefix}_name", sa.Text, nullable=True),
        sa.Column(f"{prefix}_code", Code, nullable=True),
        *_span(f"{prefix}_", nullable=True),
    ]


runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("schema", sa.String(16), nullable=False),
    sa.Column("eventwire", sa.String(32), nullable=False),
    sa.Column("pipeline", sa.String(128), nullable=False),
    sa.Column("pipeline_version", sa.String(32), nullable=True),
    sa.Column("components", sa.JSON, nullable=False),
    sa.Column("dictionaries", sa.JSON, nullable=False),
    sa.Column("settings_hash", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    # an integer key for SQLite's FTS5 external-content table (it needs a stable integer rowid)
    sa.Column("pk", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("id", Id, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(16), nullable=False),
    sa.Column("run_id", sa.String(16), sa.ForeignKey("runs.id"), nullable=False, index=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("date", sa.String(10), nullable=True, index=True),
    sa.Column("date_source", sa.String(16), nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("metadata", sa.JSON, nullable=False),
    sa.Column("dateline", sa.JSON, nullable=True),
    sa.Column("sentences", sa.JSON, nullable=False),
    sa.Column("entities", sa.JSON, nullable=False),
    sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
    # the near-duplicate story (the smallest article id among its copies); NULL until the corpus step ran
    # (``eventwire.corpus.update``): storing an article resets it, so NULL also marks work to do
    sa.Column("story", Id, nullable=True, index=True),
)

actors = sa.Table(
    "actors",
    metadata,
    _article_fk(),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("id", Id, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("code", Code, nullable=True, index=True),
    sa.Column("country", sa.String(3), nullable=True),
    sa.Column("role", Code, nullable=True),
    sa.Column("type", sa.String(16), nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    _article_fk(),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("actor_id", Id, nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    *_sentence(),
)

events = sa.Table(
    "events",
    metadata,
    _article_fk(),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("id", Id, nullable=False),
    *_actor_ref("source"),
    *_actor_ref("target"),
    sa.Column("cameo", sa.String(4), nullable=False, index=True),
    sa.Column("root", sa.String(2), nullable=False, index=True),
    sa.Column("quad", sa.Integer, nullable=False),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("plover_type", sa.String(32), nullable=True),
    sa.Column("plover_mode", sa.String(32), nullable=True),
    sa.Column("date", sa.String(32), nullable=True, index=True),
    sa.Column("date_source", sa.String(32), nullable=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(3), nullable=True),
    sa.Column("place_lat", sa.Float, nullable=True),
    sa.Column("place_lon", sa.Float, nullable=True),
    sa.Column("place_geonameid", sa.Integer, nullable=True),
    *_span("place_", nullable=True),
    sa.Column("place_rule", sa.String(32), nullable=True),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("modality", sa.String(32), nullable=True),
    sa.Column("reported", sa.Boolean, nullable=False),
    *_span(),
    sa.Column("trigger_text", sa.Text, nullable=False),
    *_span("trigger_"),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("dictionary", sa.String(64), nullable=False),
    *_sentence(),
)

quotes = sa.Table(
    "quotes",
    metadata,
    _article_fk(),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("id", Id, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("cue_text", sa.Text, nullable=True),
    sa.Column("cue_lemma", sa.String(64), nullable=True),
    sa.Column("cue_category", sa.String(32), nullable=True),
    *_span("cue_", nullable=True),
    *_actor_ref("speaker"),
    sa.Column("parts", sa.JSON, nullable=True),
    sa.Column("event_id", Id, nullable=True),
    *_sentence(),
)

dates = sa.Table(
    "dates",
    metadata,
    _article_fk(),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    *_span(),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("value", sa.String(64), nullable=True),
    *_sentence(),
)

places = sa.Table(
    "places",
    metadata,
    _article_fk(),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    *_span(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(3), nullable=True),
    sa.Column("lat", sa.Float, nullable=True),
    sa.Column("lon", sa.Float, nullable=True),
    sa.Column("geonameid", sa.Integer, nullable=True),
    sa.Column("feature", sa.String(16), nullable=True),
    sa.Column("source", sa.String(32), nullable=False),
    *_sentence(),
)

# -- the corpus layer (migration 0002): stories and merged events, kept by ``eventwire.corpus.update`` ----
# No foreign keys to ``articles`` here: these rows must outlive the replacement of an article (storing it
# again deletes its row) so the corpus step can still find the story and the merged events it was part of.

story_signatures = sa.Table(
    "story_signatures",
    metadata,
    sa.Column("article_id", Id, primary_key=True),
    # hash of the [stories] settings and the MinHash scheme the signature was made with
    sa.Column("params", sa.String(16), nullable=False),
    sa.Column("story", Id, nullable=False, index=True),
    sa.Column("shingles", sa.Integer, nullable=False),
    # the MinHash hash values, unsigned 32-bit little-endian
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

story_bands = sa.Table(
    "story_bands",
    metadata,
    sa.Column("article_id", Id, primary_key=True),
    sa.Column("band", sa.Integer, primary_key=True),
    # hash of the band's index and its rows of the signature: equal buckets are LSH candidates
    sa.Column("bucket", sa.String(16), nullable=False, index=True),
)

merged_events = sa.Table(
    "merged_events",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    # the group the event was merged in (source, target, base code, day): recomputed as one
    sa.Column("key", sa.String(16), nullable=False, index=True),
    sa.Column("source_code", Code, nullable=True),
    sa.Column("source_name", sa.Text, nullable=True),
    sa.Column("target_code", Code, nullable=True),
    sa.Column("target_name", sa.Text, nullable=True),
    sa.Column("cameo", sa.String(4), nullable=False, index=True),
    sa.Column("root", sa.String(2), nullable=False),
    sa.Column("quad", sa.Integer, nullable=False),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("date", sa.String(32), nullable=True, index=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(3), nullable=True),
    sa.Column("place_lat", sa.Float, nullable=True),
    sa.Column("place_lon", sa.Float, nullable=True),
    sa.Column("place_geonameid", sa.Integer, nullable=True),
    sa.Column("num_mentions", sa.Integer, nullable=False),
    sa.Column("num_sources", sa.Integer, nullable=False),
    sa.Column("num_articles", sa.Integer, nullable=False),
    # a mention in the lead paragraph of its article (GDELT's IsRootEvent)
    sa.Column("is_root", sa.Boolean, nullable=False),
    # the first report (earliest article date, then smallest id): GDELT's SOURCEURL
    sa.Column("first_article", Id, nullable=False),
)

merged_mentions = sa.Table(
    "merged_mentions",
    metadata,
    # one row per counted event row (events: article_id, n)
    sa.Column("article_id", Id, primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(16), nullable=False, index=True),
    sa.Column("merged_id", sa.String(16), nullable=True, index=True),
    sa.Column("in_lead", sa.Boolean, nullable=False),
)

# the annotation tables of an article, children first (deleted in this order, filled in reverse)
ANNOTATIONS: tuple[sa.Table, ...] = (mentions, actors, events, quotes, dates, places)
# groups whose merged events are to be recomputed: written with the change of a mention, emptied when the
# group is merged again (so a killed process leaves the work recorded, not lost)
merge_pending = sa.Table(
    "merge_pending",
    metadata,
    sa.Column("key", sa.String(16), primary_key=True),
)

CORPUS: tuple[sa.Table, ...] = (story_signatures, story_bands, merged_events, merged_mentions, merge_pending)
TABLES: dict[str, sa.Table] = {
    t.name: t for t in (runs, articles, actors, mentions, events, quotes, dates, places, *CORPUS)
}
