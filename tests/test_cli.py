"""The command line end to end: exit codes, stdout carries only records, errors name file and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conftest import EXAMPLE, ROOT
from eventwire.coding import CodingError, code_articles
from eventwire.nlp.pipeline import load_pipeline
from eventwire.records import Article

pytestmark = pytest.mark.model


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    return subprocess.run(
        [sys.executable, "-m", "eventwire.cli", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, env=env
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    (folder / "empty.txt").write_text("")
    lines = [
        json.dumps({"id": "j1", "text": "The Kremlin said on Wednesday that talks with Washington would go on."}),
        "{broken",
        json.dumps({"id": "j2", "text": "NATO said on Monday it rejected the demands made by Moscow last month."}),
    ]
    (folder / "items.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_help_is_complete() -> None:
    top = run_cli("--help")
    assert top.returncode == 0 and "code" in top.stdout and "eval" in top.stdout
    code = run_cli("code", "--help")
    for flag in ("--date", "--format", "--output", "--workers", "--resume", "--pipeline", "--settings"):
        assert flag in code.stdout


def test_code_example_writes_one_valid_record(tmp_path: Path) -> None:
    result = run_cli("code", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == "geneva_talks" and record["date"] == "2025-03-04" and record["date_source"] == "dateline"


def test_batch_with_failures_goes_on_and_exits_1(batch: Path) -> None:
    result = run_cli("code", str(batch))
    assert result.returncode == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["j1", "j2"]  # the good articles are all written, in order
    errors = result.stderr.strip().splitlines()
    assert any("E004" in e and "empty.txt" in e for e in errors)
    assert any("E005" in e and "items.jsonl:2" in e for e in errors)


def test_stdin_and_json_format() -> None:
    result = run_cli("code", "-", "--format", "json", "--date", "2022-01-12",
                     stdin="The Kremlin said on Wednesday that the talks were useful.")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 1 and records[0]["date"] == "2022-01-12"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("code", "x.txt", "--date", "12/01/2022"), "E008"),
        (("code", "x.txt", "--format", "xml"), "E015"),
        (("code", "x.txt", "--pipeline", "no_such_pipeline_xyz"), "E009"),
        (("eval", "no_such_set"), "E011"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert run_cli("code", str(EXAMPLE), "-o", str(first)).returncode == 0
    assert run_cli("code", str(EXAMPLE), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 0


def test_resume_skips_done_articles_and_repairs_a_torn_line(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_cli("code", str(batch / "items.jsonl"), "-o", str(out))
    complete = out.read_text().splitlines()
    # simulate a crash in the middle of writing the second record
    out.write_text(complete[0] + "\n" + complete[1][:40])
    result = run_cli("code", str(batch / "items.jsonl"), "-o", str(out), "--resume")
    assert result.returncode == 1  # the broken JSONL line is still reported
    assert out.read_text().splitlines() == complete


@Language.component("eventwire_test_explodes")
def _explodes(doc: Doc) -> Doc:
    if "explode" in doc.text:
        raise ValueError("boom")
    return doc


def test_a_failing_component_loses_only_its_article(settings: dict[str, Any]) -> None:
    """A component that raises on one article: that article is reported (E016), the others are coded in order."""
    nlp = load_pipeline(settings, components=[])
    nlp.add_pipe("eventwire_test_explodes", last=True)
    texts = ["The minister said the talks went well.", "This one will explode now.", "NATO said on Monday it would meet."]
    articles = [Article(id=f"a{i}", text=t, path="batch.jsonl", line=i + 1) for i, t in enumerate(texts)]
    errors: list[CodingError] = []
    records = list(code_articles(articles, nlp, settings=settings, on_error=errors.append))
    assert [r["id"] for r in records] == ["a0", "a2"]
    assert len(errors) == 1 and "E016" in errors[0].message and "batch.jsonl:2" in errors[0].message
    assert "eventwire_test_explodes" in errors[0].message and "boom" in errors[0].message
    with pytest.raises(CodingError):  # without on_error the failure is raised
        list(code_articles(articles, nlp, settings=settings))


def test_user_text_is_never_read_as_markup(tmp_path: Path) -> None:
    """Ids, paths and headlines are printed as given, even when they look like rich markup."""
    lines = [json.dumps({"id": "[/red]", "text": ""}),
             json.dumps({"id": "ok", "title": "[/red] Talks [sic]", "text": "The minister said the talks were \"[not] over\" on Monday."})]
    path = tmp_path / "[dim]items.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = run_cli("code", str(path), "--format", "summary")
    assert result.returncode == 1
    assert "[dim]items.jsonl:1" in result.stderr and "E004" in result.stderr
    assert "[/red] Talks [sic]" in result.stdout and "[not] over" in result.stdout


def test_repeated_ids_are_coded_and_warned_about(tmp_path: Path) -> None:
    text = "The minister said on Monday that the talks in Geneva had gone well."
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n" + json.dumps({"id": "x", "text": text + " Really."}) + "\n")
    result = run_cli("code", str(path))
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2
    assert "warning" in result.stderr and "dup.jsonl:2" in result.stderr and "dup.jsonl:1" in result.stderr
