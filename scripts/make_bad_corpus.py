"""Write a corpus of bad (and some good) input to a folder, with the manifest of what `eventwire code` must do.

    .venv/bin/python scripts/make_bad_corpus.py /tmp/bad
    .venv/bin/eventwire code /tmp/bad -o /tmp/bad.jsonl     # exit 1: every good article once, every bad one reported

`manifest.json` (written beside the folder, never in it) lists `good` (ids coded exactly once), `bad`
([path relative to the folder, with :line for JSONL, and the error code]) and `skipped` (paths). The texts
are our own sentences. tests/test_reliability.py runs the corpus through `code`.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

GOOD = (
    "The foreign minister said on Monday that talks with the neighbouring government would resume in Vienna "
    "next week, after both delegations agreed to meet again before the end of the month."
)
OTHER = (
    "Police in the capital detained dozens of protesters on Saturday, a spokesman said, after crowds gathered "
    "outside the parliament to demand the release of jailed opposition leaders."
)
CHINESE = "外交部长星期一表示，与邻国政府的会谈将于下周在维也纳恢复，双方代表团同意在月底前再次会面。" * 3
GERMAN = (
    "Der Außenminister sagte am Montag, die Gespräche mit der Nachbarregierung würden nächste Woche in Wien "
    "fortgesetzt, nachdem beide Delegationen vereinbart hätten, sich vor Ende des Monats erneut zu treffen."
)
NESTING = 3000


def _html(body: str) -> str:
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in (GOOD, OTHER, GOOD + " " + OTHER))
    return f"<html><head><title>Talks</title></head><body>{body.format(paragraphs=paragraphs)}</body></html>"


def build(folder: Path, max_chars: int) -> dict[str, Any]:
    """Write the corpus; returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    good: list[str] = []
    bad: list[list[str]] = []
    skipped: list[str] = []

    def write(name: str, data: bytes | str, expect: str | None = None, listed: bool = True) -> Path:
        """Write one file; ``expect`` is its error code (None: a good article, listed by its id)."""
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if listed and expect is None:
            good.append(Path(name).with_suffix("").as_posix())
        elif listed:
            bad.append([name, expect])
        return path

    write("plain.txt", GOOD)
    write("dup/a/index.txt", GOOD)  # two files with one name: ids from the relative path
    write("dup/b/index.txt", OTHER)
    write("cp1252.txt", (GOOD + " \u201cWe are ready,\u201d he said.").encode("cp1252"))
    write("stray_latin1.txt", (GOOD + " The talks in Türkiye").encode("utf-8").replace(b"Vienna", b"Vi\xe9nna"))
    write("utf16_bom.txt", GOOD.encode("utf-16"))
    write("utf16_nobom.txt", OTHER.encode("utf-16-le"))
    write("nul_early.txt", b"\x00" + GOOD.encode())
    write("nul_late.txt", (OTHER + " " * 5000).encode() + b"\x00" + GOOD.encode())
    write("control_chars.txt", GOOD.replace(" ", "\x0b", 3))
    write("unmatched_quotes.txt", '"' + GOOD + " \u201c" + OTHER)
    write("giant_token.txt", GOOD + " " + "x" * 20_000 + " " + OTHER)
    write("deep.html", _html("<div>" * NESTING + "{paragraphs}" + "</div>" * NESTING))
    write("empty.txt", "", "E004")
    write("blank.txt", " \n\t\n", "E004")
    write("binary.txt", bytes(range(256)) * 64, "E003")
    write("undecodable.txt", b"Caf\x81 \x8d\x8f", "E002")
    write("huge.txt", (GOOD + " ") * (max_chars // len(GOOD) + 1), "E007")
    write("chinese.txt", CHINESE, "E013")
    write("german.txt", GERMAN, "E013")
    write("no_article.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "E014")
    lines = [
        json.dumps({"id": "j-good", "text": GOOD}),
        "{broken",
        json.dumps({"id": "j-numeric-date", "text": OTHER, "date": 20220112}),
        json.dumps({"id": "j-object-date", "text": GOOD, "date": {"day": 12}}),
        json.dumps({"id": "j-impossible-date", "text": OTHER, "date": "2022-13-45"}),
        json.dumps({"id": "j-no-text", "title": "Talks"}),
        '{"id": "j-nan", "text": NaN}',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "j-chinese", "text": CHINESE}),
        json.dumps({"id": "j-nul", "text": GOOD + "\u0000"}),
    ]
    write("items.jsonl", "\n".join(lines) + "\n", listed=False)  # good and bad line by line:
    good.extend(["j-good", "j-numeric-date", "j-object-date", "j-impossible-date", "j-nul"])
    bad.extend([["items.jsonl:2", "E005"], ["items.jsonl:6", "E006"], ["items.jsonl:7", "E005"],
                ["items.jsonl:8", "E005"], ["items.jsonl:9", "E013"]])
    (folder / "archive.gz").write_bytes(b"\x1f\x8b\x08\x00")
    skipped.append("archive.gz")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    skipped.append("notes.pdf")
    os.symlink(folder / "dup", folder / "link_to_dup")  # a second link to a folder: read once
    skipped.append("link_to_dup")
    os.symlink(folder, folder / "dup" / "a" / "loop")  # a symlink loop
    skipped.append("dup/a/loop")
    os.symlink(folder / "missing.txt", folder / "broken_link.txt")
    skipped.append("broken_link.txt")
    locked = write("locked/secret.txt", OTHER, listed=False)
    os.chmod(locked.parent, 0)
    if os.access(locked.parent, os.R_OK):  # root reads it anyway
        good.append("locked/secret")
    else:
        bad.append(["locked", "E001"])
    return {"good": sorted(good), "bad": sorted(bad), "skipped": sorted(skipped)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max-chars", type=int, default=1_000_000, help="the setting input.max_chars")
    args = parser.parse_args()
    manifest = build(args.folder, args.max_chars)
    target = args.folder.with_name(args.folder.name + ".manifest.json")
    target.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest['good'])} good, {len(manifest['bad'])} bad, {len(manifest['skipped'])} skipped; manifest {target}")


if __name__ == "__main__":
    main()
