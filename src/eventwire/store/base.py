"""The store: one interface over SQLite (a file, the default) and PostgreSQL (by URL).

SQLAlchemy Core writes the SQL of both dialects from one table definition (``schema.py``) and Alembic
migrates any earlier schema to the current one when a store is opened; the only dialect-specific parts
are the connection settings below and full-text search (``fulltext.py``).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import ErrorCode, StoreError
from ..records import ArticleRecord
from ..settings import component_settings, load_settings
from . import pages, stats, view
from . import query as queries
from . import query_corpus as queries_corpus
from .rows import annotation_rows, article_row
from .schema import ANNOTATIONS, TABLES, articles, runs

ENV_DB = "EVENTWIRE_DB"


def resolve_url(db: str | os.PathLike[str] | None, settings: dict[str, Any] | None = None) -> str:
    """``--db`` (a URL or a file path), else ``$EVENTWIRE_DB``, else the default SQLite file, as a URL."""
    value = str(db) if db else os.environ.get(ENV_DB)
    if not value:
        store = component_settings("store", (settings or load_settings()).get("store"))
        value = store.default_db
    if value.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we ship (SQLAlchemy would pick psycopg2 for a bare postgresql://)
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def _safe(url: str) -> str:
    """The URL for messages: without a password."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


class Store:
    """A connection pool to one store, migrated to the current schema on opening."""

    def __init__(self, db: str | os.PathLike[str] | None = None, settings: dict[str, Any] | None = None) -> None:
        self.settings = settings or load_settings()
        self.options = component_settings("store", self.settings.get("store"))
        self.url = resolve_url(db, self.settings)
        self.safe_url = _safe(self.url)
        try:
            self.engine: Engine = sa.create_engine(self.url)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            raise StoreError(ErrorCode.E022, url=self.safe_url, reason=str(exc)) from exc
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            sa.event.listen(self.engine, "connect", self._sqlite_connect)
        # single reads (is this article stored?) without BEGIN and ROLLBACK around them
        self._reader: Engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.migrate()

    def _sqlite_connect(self, dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA journal_mode={self.options.sqlite_journal_mode}")
        cursor.execute(f"PRAGMA synchronous={self.options.sqlite_synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    # -- schema --------------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Upgrade the schema to the newest revision (a new store: create it). Refuses an unknown revision."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", "eventwire.store:migrations")
        script = ScriptDirectory.from_config(config)
        try:
            with self.engine.begin() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                if current is not None and current not in {s.revision for s in script.walk_revisions()}:
                    raise StoreError(ErrorCode.E023, url=self.safe_url, revision=current)
                if current != script.get_current_head():
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(ErrorCode.E022, url=self.safe_url, reason=_reason(exc)) from exc

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    # -- writing -------------------------------------------------------------------------------------
    def add_run(self, row: dict[str, Any]) -> None:
        """Record a coding run once (its id is a hash of its versions and settings)."""
        with self._begin() as connection:
            exists = connection.execute(sa.select(runs.c.id).where(runs.c.id == row["id"])).first()
            if exists is None:
                connection.execute(sa.insert(runs), [row])

    def stored(self, article_id: str) -> tuple[str, str] | None:
        """``(content_hash, run_id)`` of a stored article, or None."""
        with _Guard(self, self._reader.connect) as connection:
            found = connection.execute(
                sa.select(articles.c.content_hash, articles.c.run_id).where(articles.c.id == article_id)
            ).first()
        return (found[0], found[1]) if found else None

    def put(self, record: ArticleRecord, run_id: str, digest: str) -> None:
        """Store one coded article whole, in one transaction, replacing what was stored under its id."""
        rows = annotation_rows(record)
        with self._begin() as connection, self._pipelined(connection):
            self._delete(connection, record.id)
            # inline: no RETURNING of the new key (nothing reads it; a pipeline has no rows to give back yet)
            connection.execute(sa.insert(articles).inline(), article_row(record, run_id, digest))
            for table in reversed(ANNOTATIONS):
                if not rows[table.name]:
                    continue
                if self.dialect == "postgresql":
                    # a table's rows as one JSON parameter the server unpacks: one short statement
                    # (prepared after a few articles) instead of one bound statement per row
                    connection.execute(_json_insert(table), {"rows": msgspec.json.encode(rows[table.name]).decode()})
                else:
                    connection.execute(sa.insert(table), rows[table.name])

    def _pipelined(self, connection: Connection) -> Any:
        """PostgreSQL: the statements of one article queued and sent together (psycopg's pipeline mode),
        one round trip to the server instead of one per statement; elsewhere nothing."""
        if self.dialect != "postgresql":
            return contextlib.nullcontext()
        return connection.connection.driver_connection.pipeline()

    def delete(self, article_id: str) -> None:
        """Delete one article and its rows; its story and merged events are brought up to date."""
        with self._begin() as connection:
            self._delete(connection, article_id)
        self.update_corpus([article_id])

    def update_corpus(self, ids: Any = None, merge_groups: bool = True) -> Any:
        """Stories and merged events brought up to date for ``ids`` (all that need it when None):
        :func:`eventwire.corpus.update.update_corpus`."""
        from ..corpus.update import update_corpus

        return update_corpus(self, ids, merge_groups=merge_groups)

    @staticmethod
    def _delete(connection: Connection, article_id: str) -> None:
        # annotations whose key cascades go with the article row in the same statement (one round trip)
        for table in _NOT_CASCADING:
            connection.execute(sa.delete(table).where(table.c.article_id == article_id))
        connection.execute(sa.delete(articles).where(articles.c.id == article_id))

    # -- reading -------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._connect() as connection:
            return {
                name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in TABLES.items()
            }

    def select(self, kind: str, limit: int | None = None, **filters: Any) -> sa.Select[Any]:
        return queries.build(kind, self.dialect, filters, limit)

    def select_merged(self, limit: int | None = None, **filters: Any) -> sa.Select[Any]:
        return queries_corpus.merged(self.dialect, filters, limit)

    def iter_query(self, kind: str, limit: int | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
        """Rows of ``kind`` (events, quotes, actors, articles) matching the filters, streamed."""
        yield from self.iter_select(self.select(kind, limit, **filters))

    def iter_select(self, statement: sa.Select[Any] | sa.Table) -> Iterator[dict[str, Any]]:
        if isinstance(statement, sa.Table):
            statement = sa.select(statement).order_by(*statement.primary_key.columns)
        with self._connect() as connection:
            result = connection.execution_options(stream_results=True, yield_per=self.options.fetch_rows).execute(
                statement
            )
            for row in result.mappings():
                yield dict(row)

    def events(self, limit: int | None = None, merged: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """``store.events(actor="RUS", root="13")``: filters as ``eventwire query events`` takes them;
        ``merged=True``: merged events (one per real-world event, with num_mentions, num_sources,
        num_articles) instead of event rows."""
        if merged:
            return list(self.iter_select(queries_corpus.merged(self.dialect, filters, limit)))
        return list(self.iter_query("events", limit, **filters))

    def merged_mentions(self, merged_id: str) -> list[dict[str, Any]]:
        """The event rows (mentions) behind one merged event, each with its evidence sentence."""
        return list(self.iter_select(queries_corpus.mentions(merged_id)))

    def stories(self, limit: int | None = None, min_articles: int = 1, **filters: Any) -> list[dict[str, Any]]:
        """Stories (near-duplicate articles) with an article matching the article filters, each with its
        ``articles`` (id, date, title, source, url) and ``num_sources`` (distinct outlets)."""
        from ..corpus.stories import story_rows

        rows = list(self.iter_select(queries_corpus.stories(self.dialect, {**filters, "min_articles": min_articles}, limit)))
        with self._connect() as connection:
            members = story_rows(connection, [row["story"] for row in rows])
        return [self._story(row, members.get(row["story"], [])) for row in rows]

    def _story(self, row: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
        from ..corpus.merge import outlet

        options = component_settings("merge", self.settings.get("merge"))
        outlets = {outlet(m["source"], m["url"], options) for m in members}
        return {**row, "num_sources": len(outlets - {None}), "articles": members}

    def quotes(self, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        return list(self.iter_query("quotes", limit, **filters))

    def actors(self, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        return list(self.iter_query("actors", limit, **filters))

    def articles(self, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        return list(self.iter_query("articles", limit, **filters))

    # -- the API's reads (docs/api.md): pages, aggregations, one article whole ------------------------
    def page(self, kind: str, limit: int, after: str | None = None, **filters: Any) -> pages.Page:
        """One page of ``kind`` rows in ingest order after the cursor ``after``; ``page.next`` goes on."""
        return pages.page(self, kind, filters, after, limit)

    def timeline(self, **filters: Any) -> list[dict[str, Any]]:
        """Events per day and QuadClass with their mean Goldstein value."""
        return stats.timeline(self, filters)

    def dyads(self, limit: int, **filters: Any) -> list[dict[str, Any]]:
        """Events per source-target code pair, most first."""
        return stats.dyads(self, filters, limit)

    def place_counts(self, limit: int, **filters: Any) -> list[dict[str, Any]]:
        return stats.places(self, filters, limit)

    def speakers(self, limit: int, **filters: Any) -> list[dict[str, Any]]:
        return stats.speakers(self, filters, limit)

    def actor_counts(self, limit: int, **filters: Any) -> list[dict[str, Any]]:
        return stats.actor_counts(self, filters, limit)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article with every annotation and its offsets, or None."""
        return view.article(self, article_id)

    def features(self) -> dict[str, bool]:
        """Optional layers this store holds (stories, merged events)."""
        return view.features(self)

    # -- plumbing ------------------------------------------------------------------------------------
    def _connect(self) -> Any:
        return _Guard(self, self.engine.connect)

    def _begin(self) -> Any:
        return _Guard(self, self.engine.begin)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@functools.cache
def _json_insert(table: sa.Table) -> sa.TextClause:
    """PostgreSQL: INSERT of rows given as a JSON array of objects keyed by column name (the server's
    ``json_populate_recordset`` casts each value to its column's type)."""
    columns = ", ".join(f'"{column.name}"' for column in table.columns)
    return sa.text(f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} '
                   f'FROM json_populate_recordset(NULL::"{table.name}", CAST(:rows AS json))')


def _cascades(table: sa.Table) -> bool:
    keys = [fk for fk in table.foreign_keys if fk.column.table is articles]
    return bool(keys) and all((fk.ondelete or "").upper() == "CASCADE" for fk in keys)


# annotation tables deleted by hand when an article is replaced (the others cascade from articles)
_NOT_CASCADING: tuple[sa.Table, ...] = tuple(table for table in ANNOTATIONS if not _cascades(table))


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    return " ".join(str(original or exc).split())


class _Guard:
    """A connection context whose database errors become coded store errors (E024): SQLAlchemy's, and the
    driver's own (raised when a PostgreSQL pipeline is sent, outside any SQLAlchemy call)."""

    def __init__(self, store: Store, opener: Any) -> None:
        self.store, self.opener, self.context = store, opener, None
        dbapi = getattr(store.engine.dialect, "loaded_dbapi", None)
        self.errors: tuple[type[BaseException], ...] = (sa.exc.SQLAlchemyError, *([dbapi.Error] if dbapi else []))

    def __enter__(self) -> Connection:
        try:
            self.context = self.opener()
            return self.context.__enter__()
        except self.errors as exc:
            raise StoreError(ErrorCode.E024, url=self.store.safe_url, reason=_reason(exc)) from exc

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        try:
            self.context.__exit__(exc_type, exc, tb)
        except self.errors as error:
            raise StoreError(ErrorCode.E024, url=self.store.safe_url, reason=_reason(error)) from error
        if isinstance(exc, self.errors):
            raise StoreError(ErrorCode.E024, url=self.store.safe_url, reason=_reason(exc)) from exc
        return False


def open_store(db: str | os.PathLike[str] | None = None, settings: dict[str, Any] | None = None) -> Store:
    """The store at ``db`` (a SQLite path or a URL such as ``postgresql://user@host/name``), else
    ``$EVENTWIRE_DB``, else ``eventwire.db`` here; created and migrated as needed."""
    return Store(db, settings)
