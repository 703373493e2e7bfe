from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import InputError, InputWarning
from eventwire.ingest import find_dateline, iter_articles
from eventwire.ingest.readers import normalize_date
from eventwire.records import Article


def _read(path: Path, settings: dict[str, Any], date: str | None = None) -> list[Article | InputError | InputWarning]:
    return list(iter_articles([path], settings, date=date))


@pytest.mark.parametrize(
    ("text", "place", "agency", "date"),
    [
        ("MOSCOW: The Kremlin said", "Moscow", None, None),
        ("GENEVA (AP) — Talks ended", "Geneva", "AP", None),
        ("WASHINGTON, Jan 12 (Reuters) - The U.S. said", "Washington", "Reuters", None),
        ("WASHINGTON, Jan. 12, 2022 (Reuters) - The U.S. said", "Washington", "Reuters", "2022-01-12"),
        ("BEIRUT, Lebanon — Israeli jets", "Beirut", None, None),
        ("NEW YORK -- Stocks fell", "New York", None, None),
    ],
)
def test_dateline_variants(text: str, place: str, agency: str | None, date: str | None) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.date) == (place, agency, date)
    assert text[dateline.start : dateline.end] == dateline.text


@pytest.mark.parametrize("text", ["The U.S. said: yes", "I - think so", "Talks ended on Monday."])
def test_no_dateline_in_ordinary_sentences(text: str) -> None:
    assert find_dateline(text) is None


def test_plain_text_headline_and_dateline(tmp_path: Path, settings: dict[str, Any]) -> None:
    text = "Talks end without deal\n\nGENEVA (AP) — Iran and France ended talks on Tuesday without a deal, officials said.\n"
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = _read(path, settings)
    assert isinstance(article, Article)
    assert article.id == "story"
    assert article.text == text  # unchanged: offsets index the whole file
    assert article.headline == "Talks end without deal"
    assert article.dateline and article.dateline["place"] == "Geneva"
    assert text[article.dateline["start"] : article.dateline["end"]] == "GENEVA (AP) —"
    assert article.date is None  # no date anywhere: never today's date or the file's mtime


def test_first_line_without_blank_line_is_not_a_headline(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The minister said on Monday that talks would go on.\nThey did go on, he added later.\n")
    (article,) = _read(path, settings)
    assert article.headline is None


def test_jsonl_keeps_text_unknown_keys_and_reports_bad_lines(tmp_path: Path, settings: dict[str, Any]) -> None:
    good = {"id": "a1", "text": "\n  The minister  said on Monday that the talks in Geneva would go on.", "title": "T",
            "date": "2022-01-12T08:00:00Z", "url": "http://x", "source": "wire", "section": "world"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "a2"}), "[1, 2]", "",
             json.dumps({"text": "The minister said on Tuesday that talks in Geneva had gone well for everyone."})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path, settings)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "InputError", "Article"]
    first = items[0]
    assert isinstance(first, Article)
    assert first.text == good["text"] and first.id == "a1" and first.headline == "T"
    assert first.date == "2022-01-12" and first.date_source == "record"
    assert first.metadata == {"url": "http://x", "source": "wire", "section": "world"}
    bad = [i for i in items if isinstance(i, InputError)]
    assert [e.line for e in bad] == [2, 3, 4]
    assert all(str(path) in e.message for e in bad)
    assert bad[0].code.value == "E005" and bad[1].code.value == "E006"
    last = items[-1]
    assert isinstance(last, Article) and len(last.id) == 16  # content hash when no id is given


def test_user_date_overrides_record_date(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "The minister said the talks were over and done with.", "date": "2020-05-01"}))
    (article,) = _read(path, settings, date="2022-01-12")
    assert (article.date, article.date_source) == ("2022-01-12", "user")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "E004"),
        (b"   \n\n  ", "E004"),
        (b"\x00\x01\x02binary\x00data" * 50, "E003"),
        (b"Caf\x81 \x8d\x8f", "E002"),
    ],
)
def test_bad_files_give_coded_errors(tmp_path: Path, settings: dict[str, Any], content: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (item,) = _read(path, settings)
    assert isinstance(item, InputError)
    assert item.code.value == code and str(path) in item.message


def test_huge_article_is_refused(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("The minister said the talks went on. " * 300_000)  # about 11 MB
    (item,) = _read(path, settings)
    assert isinstance(item, InputError) and item.code.value == "E007"


def test_non_english_is_refused(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Die Bundesregierung hat am Montag neue Gespräche mit Russland angekündigt. Der Sprecher sagte, "
        "man werde die Verhandlungen in Genf fortsetzen, obwohl die Lage weiterhin schwierig bleibe und "
        "viele Fragen offen seien.",
        encoding="utf-8",
    )
    (item,) = _read(path, settings)
    assert isinstance(item, InputError) and item.code.value == "E013"


def test_cp1252_text_is_decoded(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes("The minister said the talks were \u201copen\u201d and would go on next week.".encode("cp1252"))
    (article,) = _read(path, settings)
    assert isinstance(article, Article) and "\u201copen\u201d" in article.text


def test_missing_file(tmp_path: Path, settings: dict[str, Any]) -> None:
    (item,) = _read(tmp_path / "nope.txt", settings)
    assert isinstance(item, InputError) and item.code.value == "E001"


def test_directory_is_read_recursively_in_order(tmp_path: Path, settings: dict[str, Any]) -> None:
    (tmp_path / "sub").mkdir()
    body = "The minister said on Monday that the talks would go on in Geneva."
    (tmp_path / "b.txt").write_text(body)
    (tmp_path / "sub" / "a.txt").write_text(body + " Again.")
    (tmp_path / "notes.csv").write_text("x,y")
    items = _read(tmp_path, settings)
    assert [i.id for i in items if isinstance(i, Article)] == ["b", "sub/a"]  # ids from the relative path


def test_html_through_trafilatura(tmp_path: Path, settings: dict[str, Any]) -> None:
    paragraph = (
        "The foreign minister said on Monday that the talks in Geneva had been useful and that both "
        "delegations would meet again next month to discuss the remaining questions in detail."
    )
    html = (
        "<html><head><title>Talks go on</title><meta property='article:published_time' content='2022-01-10'>"
        "</head><body><nav>Home | World</nav><article><h1>Talks go on</h1>"
        + "".join(f"<p>{paragraph}</p>" for _ in range(3))
        + "</article><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    (article,) = _read(path, settings)
    assert isinstance(article, Article)
    assert article.headline == "Talks go on"
    assert paragraph in article.text and "Copyright" not in article.text
    assert (article.date, article.date_source) == ("2022-01-10", "html")


def test_lone_surrogates_become_replacement_characters(tmp_path: Path, settings: dict[str, Any]) -> None:
    """A truncated emoji escape is valid JSON but not encodable text: one character for one, offsets kept."""
    text = "The Kremlin \\ud83d said on Monday that talks with Washington would go on as planned."
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s\\udc80", "text": "' + text + '", "note": "\\ud800"}\n')
    (article,) = _read(path, settings)
    assert isinstance(article, Article)
    assert article.text == "The Kremlin \ufffd said on Monday that talks with Washington would go on as planned."
    assert article.id == "s\ufffd" and article.metadata == {"note": "\ufffd"}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "n", "text": "The minister said the talks went well.", "score": NaN}', "NaN"),
        ('{"id": true, "text": "The minister said the talks went well."}', "'id'"),
        ('{"id": [1, 2], "text": "The minister said the talks went well."}', "'id'"),
    ],
)
def test_jsonl_lines_that_strict_json_readers_reject(tmp_path: Path, settings: dict[str, Any], line: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    (item,) = _read(path, settings)
    assert isinstance(item, InputError) and item.code.value == "E005" and reason in item.message


def test_integer_ids_are_kept_as_their_digits(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "i.jsonl"
    path.write_text('{"id": 42, "text": "The minister said on Monday that the talks in Geneva had gone well."}\n')
    (article,) = _read(path, settings)
    assert isinstance(article, Article) and article.id == "42"


def test_html_without_an_article_is_refused(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav>Home | About</nav></body></html>")
    (item,) = _read(path, settings)
    assert isinstance(item, InputError) and item.code.value == "E014"


@pytest.mark.parametrize("text", ["MOSCOW (Reuters) -\tRussia said", "MOSCOW\u00a0(Reuters)\u00a0-\u00a0Russia said", "GENEVA, Jan 12, 2022 (AP) —"])
def test_dateline_followed_by_other_whitespace_or_the_end(text: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None and dateline.place in ("Moscow", "Geneva")


def _jsonl_with_date(tmp_path: Path, date: Any) -> Path:
    path = tmp_path / "dated.jsonl"
    record = {"id": "d1", "text": "The mayor said on Sunday that the bridge would reopen after repairs.", "date": date}
    path.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")  # the record is on line 2
    return path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-03-07", "2019-03-07"),
        ("2019-03-07T08:15:00Z", "2019-03-07"),
        ("7 March 2019", "2019-03-07"),
        ("March 7, 2019", "2019-03-07"),
        ("Mar. 7, 2019", "2019-03-07"),
        ("Mar 7, 2019 6:40 PM ET", "2019-03-07"),
        ("Thu, 07 Mar 2019 18:40:12 GMT", "2019-03-07"),
        ("Thu, 07 Mar 2019 18:40:12 -0500", "2019-03-07"),
        ("2019-03-07T23:50:00-08:00", "2019-03-07"),  # the date as written, not the next day in UTC
        ("2019-03-07T00:20:00+09:00", "2019-03-07"),  # nor the day before
        ("2019/03/07", "2019-03-07"),
        ("03/27/2019", "2019-03-27"),  # only month first is possible
        ("27/03/2019", "2019-03-27"),  # only day first is possible
        ("03/07/2019", "2019-03-07"),  # both possible: month first (input.date_day_first = false)
        ("Thursday, March 7, 2019 at 6 p.m. EST", "2019-03-07"),
    ],
)
def test_record_dates_in_common_forms_are_read(tmp_path: Path, settings: dict[str, Any], raw: str, expected: str) -> None:
    (article,) = _read(_jsonl_with_date(tmp_path, raw), settings)
    assert isinstance(article, Article)
    assert (article.date, article.date_source) == (expected, "record")
    assert "date_raw" not in article.metadata


@pytest.mark.parametrize(("raw", "expected"), [("03/07/2019", "2019-07-03"), ("2019-03-07", "2019-03-07"), ("2019/03/07", "2019-03-07")])
def test_day_first_setting_reads_ambiguous_numeric_dates_day_first(
    tmp_path: Path, settings: dict[str, Any], raw: str, expected: str
) -> None:
    day_first = {**settings, "input": {**settings["input"], "date_day_first": True}}
    (article,) = _read(_jsonl_with_date(tmp_path, raw), day_first)
    assert isinstance(article, Article) and article.date == expected  # a year-first date is never swapped


@pytest.mark.parametrize(
    "raw",
    ["2019-13-40", "31 February 2019", "on Sunday", "last week", "March 2019", "2019", "07/03/19", "soon after the vote",
     20190307, 1551916800, 3.5, True, ["2019-03-07"], {"year": 2019, "month": 3, "day": 7}],
)
def test_unreadable_record_dates_warn_and_are_kept(tmp_path: Path, settings: dict[str, Any], raw: Any) -> None:
    path = _jsonl_with_date(tmp_path, raw)
    warning, article = _read(path, settings)
    assert isinstance(warning, InputWarning) and warning.code.value == "W001"
    assert warning.message.startswith(f"W001 {path}:2: date {raw!r}")
    assert isinstance(article, Article) and article.date is None and article.date_source is None
    assert article.metadata["date_raw"] == raw


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_absent_record_dates_are_no_warning(tmp_path: Path, settings: dict[str, Any], raw: Any) -> None:
    (article,) = _read(_jsonl_with_date(tmp_path, raw), settings)
    assert isinstance(article, Article) and article.date is None and "date_raw" not in article.metadata


def test_user_date_silences_the_unreadable_record_date(tmp_path: Path, settings: dict[str, Any]) -> None:
    (article,) = _read(_jsonl_with_date(tmp_path, "sometime in spring"), settings, date="2019-04-01")
    assert isinstance(article, Article) and (article.date, article.date_source) == ("2019-04-01", "user")
    assert article.metadata["date_raw"] == "sometime in spring"


def test_a_refused_record_gives_its_error_not_a_date_warning(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(json.dumps({"id": "e", "text": "  ", "date": "not a date"}) + "\n", encoding="utf-8")
    (item,) = _read(path, settings)
    assert isinstance(item, InputError) and item.code.value == "E004"


@pytest.mark.parametrize("value", ["March 7, 2019", "03/07/2019", "2019-3-7x"])
def test_typed_dates_stay_strict_iso(value: str) -> None:
    assert normalize_date(value) is None
    assert normalize_date("2019-03-07") == "2019-03-07"


@pytest.mark.model
def test_cli_prints_the_date_warning_and_still_codes_the_record(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "w.jsonl"
    rows = [{"id": "u", "text": "The mayor said on Sunday that the bridge would reopen after repairs.", "date": "next spring"},
            {"id": "k", "text": "The mayor said on Sunday that the bridge would reopen after repairs.", "date": "Sun, 03 Mar 2019 10:00:00 GMT"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", "code", str(path)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr  # a warning is no failure
    assert "warning W001" in result.stderr and f"{path}:1: date 'next spring'" in result.stderr
    unread, read = (json.loads(line) for line in result.stdout.splitlines())
    assert unread["date"] is None and unread["metadata"] == {"date_raw": "next spring"}
    assert read["date"] == "2019-03-03"
    assert [d["value"] for d in read["dates"] if d["text"] == "Sunday"] == ["2019-03-03"]  # now resolved
