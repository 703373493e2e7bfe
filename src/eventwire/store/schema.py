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

# the annotation tables of an article, children first (deleted in this order, filled in reverse)
ANNOTATIONS: tuple[sa.Table, ...] = (mentions, actors, events, quotes, dates, places)
TABLES: dict[str, sa.Table] = {t.name: t for t in (runs, articles, actors, mentions, events, quotes, dates, places)}
