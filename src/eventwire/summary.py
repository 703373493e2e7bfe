"""A readable summary of one coded record for people (``eventwire code --format summary``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _participant(p: dict[str, Any] | None) -> str:
    if not p:
        return "-"
    return f"{p.get('name') or '?'} [{p.get('code') or '---'}]"


def render_summary(record: dict[str, Any], console: Console) -> None:
    """Headline, date, then tables of actors, events, quotes, dates and places with their evidence."""
    console.rule(f"[bold]{escape(record.get('headline') or record['id'])}")
    dateline = record.get("dateline") or {}
    console.print(
        f"id {record['id']}   date {record.get('date') or 'unknown'} ({record.get('date_source') or '-'})"
        f"   dateline {dateline.get('place', '-')}   sentences {len(record['sentences'])}",
        markup=False,
    )
    text = record["text"]
    sections: list[tuple[str, list[str], list[list[str]]]] = [
        (
            "Actors",
            ["name", "code", "country", "mentions"],
            [[a["name"], a.get("code") or "-", a.get("country") or "-", str(len(a["mentions"]))] for a in record["actors"]],
        ),
        (
            "Events",
            ["source", "CAMEO", "target", "PLOVER", "date", "flags", "evidence"],
            [
                [
                    _participant(e["source"]),
                    f"{e['cameo']} (q{e['quad']}, {e['goldstein']:+.1f})",
                    _participant(e["target"]),
                    f"{e['plover'].get('type') or '-'}",
                    e.get("date") or "-",
                    ",".join(f for f in ("negated" if e["negated"] else "", e.get("modality") or "") if f) or "-",
                    text[e["start"] : e["end"]][:70],
                ]
                for e in record["events"]
            ],
        ),
        (
            "Quotes",
            ["kind", "speaker", "cue", "text"],
            [
                [q["kind"], _participant(q.get("speaker")), (q.get("cue") or {}).get("text", "-"), q["text"][:70]]
                for q in record["quotes"]
            ],
        ),
        ("Dates", ["text", "type", "value"], [[d["text"], d["type"], d.get("value") or "-"] for d in record["dates"]]),
        (
            "Places",
            ["text", "name", "country", "lat, lon"],
            [
                [p["text"], p["name"], p.get("country") or "-", f"{p['lat']:.2f}, {p['lon']:.2f}" if p.get("lat") is not None else "-"]
                for p in record["places"]
            ],
        ),
    ]
    for title, columns, rows in sections:
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))  # article text is never markup
        console.print(table)
