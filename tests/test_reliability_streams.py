"""Nothing lost in silence (issue 16), continued: standard input fails as a file does, repeated ids are
a coded warning that ``--resume`` acts on, and a component's failure in a worker process keeps its reason.
The promises are listed in docs/reliability.md."""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conftest import ROOT
from eventwire.coding import CodingError, code_articles
from eventwire.nlp.pipeline import load_pipeline
from eventwire.records import Article

TALKS = ("The foreign minister said on Monday that talks with the neighbouring government would resume in "
         "Vienna next week, after both delegations agreed to meet again.")
PROTEST = ("Police detained dozens of protesters on Saturday, a spokesman said, after crowds gathered outside "
           "the parliament to demand the release of jailed opposition leaders.")
_READ_STDIN = ("from eventwire.settings import load_settings\nfrom eventwire.ingest import iter_articles\n"
               "for item in iter_articles(['-'], load_settings(environ={})):\n"
               "    print(getattr(item, 'message', None) or 'article ' + item.id + ' ' + repr(item.text[:60]))\n")


def _read_stdin(stdin: Any, data: bytes | None = None) -> list[str]:
    result = subprocess.run([sys.executable, "-c", _READ_STDIN], input=data, stdin=None if data is not None else stdin,
                            capture_output=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode().splitlines()


# ------------------------------------------------------------------------------------ standard input
@pytest.mark.parametrize(("data", "code"), [
    (b"", "E004"), (b"  \n\t\n", "E004"), (bytes(range(32)) * 100, "E003"), (b"\xff\xfe\x00\xd8" * 200, "E002"),
])
def test_bad_bytes_on_stdin_are_the_errors_of_a_file(data: bytes, code: str) -> None:
    (line,) = _read_stdin(None, data)
    assert line.startswith(code) and "<stdin>" in line


def test_stdin_with_a_stray_byte_or_a_nul_warns_as_a_file() -> None:
    good = (TALKS + " The delegation flew on to Türkiye.").encode()
    bad_at = good.index(b"Vienna") + 2
    lines = _read_stdin(None, good[:bad_at] + b"\xe9" + good[bad_at + 1 :] + b" " + PROTEST.encode() + b"\x00")
    assert lines[0].startswith("W002 <stdin>") and f"at byte {bad_at}" in lines[0]
    assert lines[1].startswith("W003 <stdin>") and lines[2].startswith("article ")


def test_closed_stdin_is_e001() -> None:
    result = subprocess.run(f"{sys.executable} -c \"$CODE\" <&-", shell=True, capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "CODE": _READ_STDIN})
    assert result.stdout.splitlines() == ["E001 cannot read <stdin>: standard input is closed"], result.stderr


def test_a_read_error_on_stdin_is_e001() -> None:
    """A socket reset while reading: a real read error (ECONNRESET) on standard input."""
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname())
    conn, _ = server.accept()
    child = subprocess.Popen([sys.executable, "-c", _READ_STDIN], stdin=conn.fileno(), stdout=subprocess.PIPE,
                             text=True, cwd=ROOT)
    conn.close()
    client.sendall(TALKS.encode())
    time.sleep(1.5)  # the child is blocked reading
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()  # with linger 0: a reset
    out, _ = child.communicate(timeout=120)
    server.close()
    assert out.splitlines() == ["E001 cannot read <stdin>: Connection reset by peer"]


@pytest.mark.model
def test_code_reads_stdin_errors_as_file_errors() -> None:
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", "code", "-"], input=bytes(range(32)) * 100,
                            capture_output=True, cwd=ROOT)
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().startswith("error E003 <stdin>: looks like a binary file")


# ------------------------------------------------------------------------------------ repeated ids
@pytest.mark.model
def test_repeated_ids_are_w005_and_resume_skips_the_repeat(tmp_path: Path) -> None:
    items = tmp_path / "dup.jsonl"
    items.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in (("x", TALKS), ("y", PROTEST), ("x", PROTEST))))
    out = tmp_path / "out.jsonl"
    first = subprocess.run([sys.executable, "-m", "eventwire.cli", "code", str(items), "-o", str(out)],
                           capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0
    (warning,) = [line for line in first.stderr.splitlines() if "W005" in line]
    assert warning.startswith("warning W005") and "dup.jsonl:3" in warning and "dup.jsonl:1" in warning
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["x", "y", "x"]
    written = out.read_bytes()
    again = subprocess.run([sys.executable, "-m", "eventwire.cli", "code", str(items), "-o", str(out), "--resume"],
                           capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 1 and "E020" in again.stderr and "dup.jsonl:3" in again.stderr
    assert out.read_bytes() == written  # the repeat is skipped, not coded a second time


# ------------------------------------------------------------------------------------ workers
@Language.component("eventwire_test_fails_on_marker")
def _fails_on_marker(doc: Doc) -> Doc:
    if "zebra" in doc.text:
        raise RuntimeError(f"no zebras here ({len(doc)} tokens)")
    return doc


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker processes are forked")
def test_with_workers_a_component_failure_keeps_its_reason(settings: dict[str, Any]) -> None:
    nlp = load_pipeline(settings, components=[])
    nlp.add_pipe("eventwire_test_fails_on_marker", last=True)
    texts = [TALKS, PROTEST, TALKS + " A zebra was seen.", PROTEST, TALKS, PROTEST + " The zebra left.", TALKS]
    articles = [Article(id=f"w{i}", text=t, path="w.jsonl", line=i + 1) for i, t in enumerate(texts)]
    errors: list[CodingError] = []
    records = list(code_articles(articles, nlp, settings=settings, n_process=2, batch_size=2, on_error=errors.append))
    assert [r["id"] for r in records] == ["w0", "w1", "w3", "w4", "w6"]
    assert [e.code.value for e in errors] == ["E016", "E016"]
    for error, line in zip(errors, (3, 6), strict=True):
        assert f"w.jsonl:{line}" in error.message and "component eventwire_test_fails_on_marker failed" in error.message
        assert "RuntimeError: no zebras here" in error.message
