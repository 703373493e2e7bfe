"""Migrations from every earlier schema version, on SQLite and PostgreSQL.

For each Alembic revision in order (so a revision added later is covered without touching this file): a
database is built at that revision and filled with rows made from its own tables (values by column type,
foreign keys pointing at rows made before), then opened with :func:`eventwire.open_store`, which upgrades
it to the head revision. The upgraded schema must equal a fresh head database's (tables, columns,
indexes, constraints, and the full-text objects each dialect adds), every row must still be there with its
values, and full-text search must find the rows made before the upgrade. A migration that changes
values on purpose says so here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from test_store import _postgres_url

ROWS = 3
WHEN = dt.datetime(2024, 3, 4, 12, 30, tzinfo=dt.UTC)


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "eventwire.store:migrations")
    return config


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    return [script.revision for script in reversed(list(ScriptDirectory.from_config(_config()).walk_revisions()))]


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A function giving fresh empty databases of one backend, as URLs (PostgreSQL: dropped afterwards)."""
    made: list[str] = []
    if request.param == "sqlite":
        yield lambda: str(tmp_path / f"{uuid.uuid4().hex[:8]}.db")
        return
    base = _postgres_url()
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")

    def make() -> str:
        name = f"ew_m_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return base.rsplit("/", 1)[0] + "/" + name

    yield make
    with admin.connect() as connection:
        for name in made:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _engine(url: str) -> sa.Engine:
    from eventwire.store import resolve_url

    return sa.create_engine(resolve_url(url))


def _build_at(url: str, revision: str) -> None:
    from alembic import command

    config = _config()
    engine = _engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _value(column: sa.Column[Any], n: int) -> Any:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    if kind is bool:
        return n % 2 == 0
    if kind is int:
        return n + 1
    if kind is float:
        return n + 0.25
    if kind in (dict, list):
        return {"n": n, "words": [column.name, "migrated"]}
    if kind is dt.datetime:
        return WHEN + dt.timedelta(days=n)
    if kind is bytes:
        return f"{column.name} w{n}".encode()
    length = getattr(column.type, "length", None)
    return f"{column.name} w{n}"[: length or None]


def _generated(table: sa.Table, column: sa.Column[Any]) -> bool:
    """The database's own key (SQLite rowid, PostgreSQL identity): left for it to fill."""
    primary = list(table.primary_key.columns)
    return len(primary) == 1 and primary[0] is column and isinstance(column.type, sa.Integer)


def _fill(url: str) -> dict[str, list[dict[str, Any]]]:
    """ROWS rows in every table of the database as it is, parents first; returns them as read back."""
    engine = _engine(url)
    reflected = sa.MetaData()
    reflected.reflect(engine)
    made: dict[str, list[dict[str, Any]]] = {}
    with engine.begin() as connection:
        for table in reflected.sorted_tables:
            if table.name == "alembic_version" or table.name.startswith("articles_fts"):
                continue
            rows = []
            for n in range(ROWS):
                row = {}
                for column in table.columns:
                    if _generated(table, column):
                        continue
                    keys = list(column.foreign_keys)
                    if keys:
                        parent = keys[0].column
                        row[column.name] = made[parent.table.name][n][parent.name]
                    else:
                        row[column.name] = _value(column, n)
                rows.append(row)
            connection.execute(sa.insert(table), rows)
            made[table.name] = _read(connection, table)
    engine.dispose()
    return made


def _read(connection: sa.Connection, table: sa.Table) -> list[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    return [dict(row) for row in connection.execute(sa.select(table).order_by(*order)).mappings()]


def _schema(url: str) -> dict[str, Any]:
    """What a database's schema is made of, comparable across two databases of one dialect."""
    engine = _engine(url)
    inspector = sa.inspect(engine)
    found: dict[str, Any] = {}
    for name in sorted(inspector.get_table_names()):
        found[name] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)],
            "pk": inspector.get_pk_constraint(name)["constrained_columns"],
            "fks": sorted((fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                           (fk.get("options") or {}).get("ondelete")) for fk in inspector.get_foreign_keys(name)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(name)),
            "unique": sorted((u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(name)),
        }
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            extra = "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'table', 'index') AND name NOT LIKE 'sqlite_%'"
        else:
            extra = ("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' UNION ALL "
                     "SELECT trigger_name, action_statement FROM information_schema.triggers")
        found["objects"] = sorted(tuple(row) for row in connection.execute(sa.text(extra)))
    engine.dispose()
    return found


def _matches_schema_module(url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from eventwire.store.schema import metadata

    def ours(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (name or "").startswith(("articles_fts", "ix_articles_fulltext", "alembic_version"))

    engine = _engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ours, "compare_type": True})
        assert compare_metadata(context, metadata) == []
    engine.dispose()


@pytest.mark.parametrize("revision", _revisions())
def test_every_earlier_revision_upgrades_to_the_head_schema_keeping_data(new_db: Any, revision: str) -> None:
    from eventwire.store import open_store

    fresh = new_db()
    open_store(fresh).close()
    old = new_db()
    _build_at(old, revision)
    before = _fill(old)
    assert before.get("articles"), "the revision has no articles table to fill"
    with open_store(old) as store:  # opening migrates to the head revision
        assert store.revision() == _revisions()[-1]
        titles = {row["id"] for row in store.articles(search=before["articles"][0]["title"])}
        assert before["articles"][0]["id"] in titles  # full-text search knows the rows made before
    assert _schema(old) == _schema(fresh)
    _matches_schema_module(old)
    engine = _engine(old)
    reflected = sa.MetaData()
    reflected.reflect(engine)
    with engine.connect() as connection:
        for name, rows in before.items():
            after = _read(connection, reflected.tables[name])
            assert [{k: row[k] for k in rows[0]} for row in after] == rows, name
    engine.dispose()
