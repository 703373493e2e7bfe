"""Every table of the store as CSV or Parquet files, one per table (``articles.csv``, ``events.parquet``).

Parquet through pyarrow, written in row groups of ``store.fetch_rows`` rows with one explicit schema per
table (from the SQLAlchemy column types), so a column that is empty in the first rows keeps its type and
memory stays flat. JSON columns (metadata, sentences, entities, parts) are written as JSON text; the MinHash
signatures of ``story_signatures`` as binary (Parquet) or hex (CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ...store import Store
from ...store.schema import TABLES


def _cell(value: Any, column: sa.Column[Any]) -> Any:
    if isinstance(column.type, sa.JSON):
        return None if value is None else json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _rows(store: Store, table: sa.Table) -> Iterator[dict[str, Any]]:
    columns = {c.name: c for c in table.columns}
    for row in store.iter_select(table):
        yield {name: _cell(row[name], columns[name]) for name in columns}


def write_csv(store: Store, directory: Path) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, table in TABLES.items():
        count = 0
        with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=[c.name for c in table.columns], lineterminator="\n")
            writer.writeheader()
            for row in _rows(store, table):
                writer.writerow({k: _text(v) for k, v in row.items()})
                count += 1
        written[name] = count
    return written


def _text(value: Any) -> Any:
    """A CSV cell: times in ISO 8601, bytes (MinHash signatures) in hex."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _arrow_type(column: sa.Column[Any]) -> Any:
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, sa.LargeBinary):
        return pa.binary()
    if isinstance(kind, sa.Boolean):
        return pa.bool_()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    return pa.string()


def write_parquet(store: Store, directory: Path) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    batch_rows = store.options.fetch_rows
    written = {}
    for name, table in TABLES.items():
        schema = pa.schema([pa.field(c.name, _arrow_type(c), nullable=bool(c.nullable)) for c in table.columns])
        count = 0
        with pq.ParquetWriter(directory / f"{name}.parquet", schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in _rows(store, table):
                batch.append(row)
                if len(batch) >= batch_rows:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    count, batch = count + len(batch), []
            if batch or not count:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
        written[name] = count
    return written
