"""Code the seed, the bundled example and the dev sets' texts into a folder, or compare two such folders.

A refactor that must not change output is checked by coding before and after and comparing:

    .venv/bin/python scripts/compare_outputs.py code /tmp/before      # on the old commit
    .venv/bin/python scripts/compare_outputs.py code /tmp/after       # on the new one
    .venv/bin/python scripts/compare_outputs.py diff /tmp/before /tmp/after

The folders hold coded gold-set text, so keep them outside the repository (never commit them).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from eventwire.coding import code_articles, load
from eventwire.errors import InputError
from eventwire.ingest.readers import read_text_article
from eventwire.records import Article, dumps
from eventwire.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def _article(text: str, id: str, path: str, settings: dict, date: str | None = None) -> Article | None:
    try:
        return read_text_article(text, id=id, path=path, settings=settings, date=date, date_source="record" if date else None)
    except InputError:
        return None


def sets(settings: dict, shared: Path, limit: int | None) -> Iterator[tuple[str, list[Article]]]:
    """(name, articles) for every text collection the comparison codes; a missing gold set is skipped."""
    seed = sorted((shared.parent / "seed").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    yield "seed", [a for p in seed if (a := _article(p.read_text(encoding="utf-8"), p.stem, str(p), settings))]
    polnear = shared / "polnear" / "dev" / "text"
    if polnear.is_dir():
        paths = sorted(polnear.glob("*.txt"))[:limit]
        yield "polnear", [a for p in paths if (a := _article(p.read_text(encoding="utf-8"), p.stem, str(p), settings))]
    conflibert = shared / "conflibert_cameo" / "dev.jsonl"
    if conflibert.is_file():
        rows = [json.loads(line) for line in conflibert.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
        yield "conflibert", [a for r in rows if (a := _article(r["text"], r["id"], str(conflibert), settings))]
    codebook = shared / "cameo_codebook_examples" / "cameo_eventtypes.csv"
    if codebook.is_file():
        with codebook.open(encoding="utf-8", newline="") as fh:
            rows = [row for row in csv.DictReader(fh) if (row.get("example") or "").strip() not in ("", "NULL", "NA")][:limit]
        yield "codebook", [a for i, r in enumerate(rows) if (a := _article(r["example"].strip(), f"cb{i:04d}", str(codebook), settings))]
    for name, file in (("geovirus", shared / "geo_geovirus" / "GeoVirus.xml"), ("geowebnews", shared / "geo_geowebnews" / "GWN.xml")):
        if file.is_file():
            root = ET.parse(file).getroot()
            texts = [a.findtext("text") or "" for a in root.iter("article")][:limit]
            yield name, [a for i, t in enumerate(texts) if (a := _article(t, f"{name}-{i:04d}", str(file), settings))]


def code(out: Path, limit: int | None) -> None:
    settings = load_settings()
    nlp = load(settings)
    out.mkdir(parents=True, exist_ok=True)
    for name, articles in sets(settings, Path(settings["eval"]["shared_dir"]).resolve(), limit):
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for record in code_articles(articles, nlp, settings=settings, on_error=lambda e: print(e.message, file=sys.stderr)):
                fh.write(dumps(record) + "\n")
        print(f"{name}: {len(articles)} articles", file=sys.stderr)


def diff(before: Path, after: Path, show: int, prefix: bool = False) -> int:
    changed = 0
    for old_file in sorted(before.glob("*.jsonl")):
        new_file = after / old_file.name
        old = old_file.read_text(encoding="utf-8").splitlines()
        new = new_file.read_text(encoding="utf-8").splitlines() if new_file.is_file() else []
        if prefix:  # the newer run used --limit: compare the records it has
            old = old[: len(new)]
        differing = [i for i in range(max(len(old), len(new))) if (old[i:i + 1] != new[i:i + 1])]
        print(f"{old_file.stem}: {len(old)} records, {len(differing)} differ")
        for i in differing[:show]:
            a = json.loads(old[i]) if i < len(old) else {}
            b = json.loads(new[i]) if i < len(new) else {}
            keys = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
            print(f"  record {i} ({a.get('id') or b.get('id')}): fields {', '.join(keys)}")
        changed += len(differing)
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("code")
    c.add_argument("out", type=Path)
    c.add_argument("--limit", type=int, default=None, help="at most this many items per set")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    d.add_argument("--show", type=int, default=5)
    d.add_argument("--prefix", action="store_true", help="compare only as many records as AFTER has (a --limit run)")
    args = parser.parse_args()
    if args.command == "code":
        code(args.out, args.limit)
        return 0
    return diff(args.before, args.after, args.show, args.prefix)


if __name__ == "__main__":
    sys.exit(main())
