"""Exports of the store: GDELT 2.0 events and mentions, PLOVER JSONL, CSV and Parquet tables."""

from __future__ import annotations

from pathlib import Path

from ...store import Store
from .gdelt import write_gdelt
from .plover import write_plover
from .tables import write_csv, write_parquet


def export(store: Store, export_format: str, output: Path) -> dict[str, int]:
    """Write ``export_format`` (gdelt, gdelt-mentions, plover, csv, parquet) to ``output``; rows per table."""
    if export_format in ("csv", "parquet"):
        return (write_csv if export_format == "csv" else write_parquet)(store, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as out:
        if export_format == "plover":
            return {"plover": write_plover(store, out)}
        mentions = export_format == "gdelt-mentions"
        return {export_format: write_gdelt(store, out, mentions=mentions)}


__all__ = ["export", "write_csv", "write_gdelt", "write_parquet", "write_plover"]
