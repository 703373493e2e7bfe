"""Nothing lost in silence (issue 16): every input file is coded once or reported, output failures and
interrupts are one coded line with their own exit status, workers never outlive the run. The promises are
listed in docs/reliability.md with the test that shows each."""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from eventwire.coding import CodingError, code_articles
from eventwire.errors import ExitStatus, InputError, InputWarning
from eventwire.ingest import iter_articles
from eventwire.ingest.readers import _read_data
from eventwire.records import Article

SCRIPT = ROOT / "scripts" / "make_bad_corpus.py"
TALKS = ("The foreign minister said on Monday that talks with the neighbouring government would resume in "
         "Vienna next week, after both delegations agreed to meet again.")
PROTEST = ("Police detained dozens of protesters on Saturday, a spokesman said, after crowds gathered outside "
           "the parliament to demand the release of jailed opposition leaders.")


def _read(paths: list[Path], settings: dict[str, Any], **kwargs: Any) -> list[Article | InputError | InputWarning]:
    return list(iter_articles(paths, settings, **kwargs))


def _articles(items: list[Any]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _codes(items: list[Any]) -> list[str]:
    return [i.code.value for i in items if isinstance(i, InputError | InputWarning)]


def run_cli(
    *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    return subprocess.run([*(prefix or []), sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**base, **(env or {})}, **kwargs)


def _unprivileged() -> list[str]:
    """A command prefix that drops root's power to read any directory (permissions need a plain user)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all"]


def _as_user(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_unprivileged(), sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="eventwire-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


# ------------------------------------------------------------------------------------ directories
def test_a_directory_that_cannot_be_listed_is_a_coded_error(open_dir: Path) -> None:
    (open_dir / "ok").mkdir()
    (open_dir / "ok" / "one.txt").write_text(TALKS)
    (open_dir / "locked").mkdir()
    (open_dir / "locked" / "two.txt").write_text(PROTEST)
    for folder in (open_dir, open_dir / "ok"):
        folder.chmod(0o755)
    (open_dir / "locked").chmod(0)
    code = (
        "from eventwire.settings import load_settings\nfrom eventwire.ingest import iter_articles\n"
        f"for item in iter_articles([{str(open_dir)!r}, {str(open_dir / 'locked')!r}], load_settings(environ={{}})):\n"
        "    print(getattr(item, 'message', None) or 'article ' + item.id)\n"
    )
    result = _as_user(code)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "article ok/one" in lines
    locked = [line for line in lines if line.startswith("E001") and str(open_dir / "locked") in line]
    assert len(locked) == 2 and all("cannot list directory" in line for line in locked)  # inside the walk, and given


def test_symlinks_are_followed_once_and_loops_and_other_files_reported(tmp_path: Path, settings: dict[str, Any]) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "story.txt").write_text(TALKS)
    (tmp_path / "alias").symlink_to(tmp_path / "real")  # a second link: read once
    (tmp_path / "real" / "loop").symlink_to(tmp_path)  # a loop
    (tmp_path / "zz_linked").mkdir()
    (tmp_path / "zz_linked" / "elsewhere").symlink_to(tmp_path / "real")
    (tmp_path / "archive.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items = _read([tmp_path], settings)
    assert [a.id for a in _articles(items)] == ["alias/story"]  # the first link in name order is the one read
    reasons = {Path(w.path).name: w.fields["reason"] for w in items if isinstance(w, InputWarning)}
    assert "unsupported extension .gz" in reasons["archive.gz"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert {"real", "loop", "elsewhere"} <= set(reasons)


def test_symlinked_subdirectory_of_other_files_is_read(tmp_path: Path, settings: dict[str, Any]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(PROTEST)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "near.txt").write_text(TALKS)
    (corpus / "more").symlink_to(outside)
    assert [a.id for a in _articles(_read([corpus], settings))] == ["more/far", "near"]


def test_two_files_with_one_name_get_ids_from_their_relative_paths(tmp_path: Path, settings: dict[str, Any]) -> None:
    for folder, text in (("a", TALKS), ("b", PROTEST)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(text)
    assert [a.id for a in _articles(_read([tmp_path], settings))] == ["a/index", "b/index"]


def test_the_output_file_is_never_an_input(tmp_path: Path, settings: dict[str, Any]) -> None:
    (tmp_path / "story.txt").write_text(TALKS)
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "old", "text": PROTEST}) + "\n")
    items = _read([tmp_path], settings, exclude=[out])
    assert [a.id for a in _articles(items)] == ["story"]
    assert any(isinstance(i, InputWarning) and "output file" in i.message for i in items)


# ------------------------------------------------------------------------------------ encodings
def test_a_stray_latin1_byte_in_utf8_is_replaced_and_named(tmp_path: Path, settings: dict[str, Any]) -> None:
    data = (TALKS + " The delegation flew on to Türkiye.").encode("utf-8")
    bad_at = data.index(b"Vienna") + 2
    (tmp_path / "s.txt").write_bytes(data[:bad_at] + b"\xe9" + data[bad_at + 1 :])
    items = _read([tmp_path / "s.txt"], settings)
    (article,) = _articles(items)
    assert "Türkiye" in article.text and "Vi\ufffdnna" in article.text
    (warning,) = [i for i in items if isinstance(i, InputWarning)]
    assert warning.code.value == "W002" and f"at byte {bad_at}" in warning.message and "s.txt" in warning.message


def test_a_legacy_file_is_still_read_as_cp1252(tmp_path: Path, settings: dict[str, Any]) -> None:
    (tmp_path / "w.txt").write_bytes((TALKS + " \u201cWe are ready,\u201d he said. Caf\u00e9s stayed shut.").encode("cp1252"))
    items = _read([tmp_path / "w.txt"], settings)
    assert _codes(items) == [] and "\u201cWe are ready,\u201d" in _articles(items)[0].text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(tmp_path: Path, settings: dict[str, Any], encoding: str) -> None:
    (tmp_path / "w.txt").write_bytes(TALKS.encode(encoding))
    (article,) = _articles(_read([tmp_path / "w.txt"], settings))
    assert article.text == TALKS


@pytest.mark.parametrize("padding", [0, 5000])
def test_nul_is_handled_one_way_wherever_it_is(tmp_path: Path, settings: dict[str, Any], padding: int) -> None:
    """A NUL in the first 4 KB or after it: the file is text, the NUL becomes U+FFFD (offsets kept), W003."""
    text = PROTEST + " " * padding + "\x00" + TALKS
    (tmp_path / "n.txt").write_bytes(text.encode())
    items = _read([tmp_path / "n.txt"], settings)
    (article,) = _articles(items)
    assert article.text == text.replace("\x00", "\ufffd")
    assert _codes(items) == ["W003"]
    (tmp_path / "n.jsonl").write_text(json.dumps({"id": "j", "text": text}) + "\n")
    items = _read([tmp_path / "n.jsonl"], settings)
    assert _articles(items)[0].text == text.replace("\x00", "\ufffd") and _codes(items) == ["W003"]


def test_a_binary_file_names_the_cause(tmp_path: Path, settings: dict[str, Any]) -> None:
    (tmp_path / "b.txt").write_bytes(bytes(range(32)) * 200)
    (error,) = _read([tmp_path / "b.txt"], settings)
    assert isinstance(error, InputError) and error.code.value == "E003" and "control bytes" in error.message


@pytest.mark.parametrize(
    "text",
    ["外交部长星期一表示，与邻国政府的会谈将于下周在维也纳恢复，双方代表团同意再次会面。",
     "Министр иностранных дел заявил в понедельник, что переговоры возобновятся на следующей неделе."],
)
def test_text_in_another_script_is_e013(tmp_path: Path, settings: dict[str, Any], text: str) -> None:
    (tmp_path / "x.txt").write_text(text)
    (error,) = _read([tmp_path / "x.txt"], settings)
    assert isinstance(error, InputError) and error.code.value == "E013"


@pytest.mark.parametrize("raw", [20220112, {"day": 12}, "2022-13-45", [2022, 1, 12]])
def test_jsonl_dates_that_cannot_be_read_warn_and_are_kept(tmp_path: Path, settings: dict[str, Any], raw: Any) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "d", "text": TALKS, "date": raw}) + "\n")
    items = _read([tmp_path / "d.jsonl"], settings)
    (article,) = _articles(items)
    assert article.date is None and article.metadata["date_raw"] == raw
    assert _codes(items) == ["W001"] and "d.jsonl:1" in items[0].message


@pytest.mark.parametrize("depth", [300, 3000])
def test_deeply_nested_html_gives_its_text(tmp_path: Path, settings: dict[str, Any], depth: int) -> None:
    body = "".join(f"<p>{s}</p>" for s in (TALKS, PROTEST, TALKS + " " + PROTEST))
    page = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    (tmp_path / "deep.html").write_text(page)
    (article,) = _articles(_read([tmp_path / "deep.html"], settings))
    assert TALKS in article.text and PROTEST in article.text


# ------------------------------------------------------------------------------------ fuzzing the readers
_TEXT = st.text(st.characters(codec="utf-8"), max_size=400) | st.text(
    st.sampled_from(list('"\u201c\u201d\'<>{}[]\\\x00\x01\x0b\x1b\n\r\t ') + list("abc The said")), max_size=400)
_HTML = st.builds(lambda n, text: "<html><body>" + "<div>" * n + text + "</div>" * (n // 2), st.integers(0, 400), _TEXT)
_JSONL = st.lists(st.one_of(
    st.builds(lambda t, d: json.dumps({"id": "x", "text": t, "date": d}), _TEXT,
              st.none() | st.integers() | st.text(max_size=20) | st.lists(st.integers(), max_size=2)),
    _TEXT.map(lambda t: "{" + t)), max_size=5).map("\n".join)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600) | _TEXT.map(str.encode) | _HTML.map(str.encode) | _JSONL.map(str.encode),
       kind=st.sampled_from([None, "text", "jsonl", "html"]))
def test_readers_never_crash(data: bytes, kind: str | None, settings: dict[str, Any]) -> None:
    for item in _read_data(data, "fuzz", kind, "fuzz", settings):
        assert isinstance(item, Article | InputError | InputWarning)
        if isinstance(item, InputError | InputWarning):
            assert item.message[:1] in "EW" and item.message[1:4].isdigit()
        else:
            assert "\x00" not in item.text and item.text.strip()


# ------------------------------------------------------------------------------------ the code path (model)
@pytest.mark.model
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT | st.builds(lambda t: TALKS + " " + t + " " + "x" * 3000, _TEXT), min_size=1, max_size=4))
def test_the_whole_code_path_never_crashes(texts: list[str], full_nlp: Any, settings: dict[str, Any], tmp_path: Path) -> None:
    """Random text through readers and pipeline: every article gives a record or one coded error."""
    lines = "\n".join(json.dumps({"id": f"f{i}", "text": t}) for i, t in enumerate(texts)) + "\n"
    items = list(_read_data(lines.encode(), "fuzz.jsonl", "jsonl", None, settings))
    articles = _articles(items)
    errors: list[CodingError] = []
    records = list(code_articles(articles, full_nlp, settings=settings, on_error=errors.append))
    assert len(records) + len(errors) == len(articles)
    assert sum(isinstance(i, InputError) for i in items) + len(articles) == len(texts)
    for record in records:
        for quote in record["quotes"]:
            assert record["text"][quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.model
def test_an_article_over_its_time_budget_is_reported_and_the_batch_goes_on(full_nlp: Any, settings: dict[str, Any]) -> None:
    budget = 1.0
    tight = {**settings, "nlp": {**settings["nlp"], "article_time_budget": budget}}
    long_text = " ".join([TALKS, PROTEST] * 600)  # takes well over the budget on any machine we run on
    articles = [Article(id="short", text=TALKS, path="b.jsonl", line=1),
                Article(id="long", text=long_text, path="b.jsonl", line=2),
                Article(id="after", text=PROTEST, path="b.jsonl", line=3)]
    errors: list[CodingError] = []
    before = signal.getsignal(signal.SIGALRM)
    records = list(code_articles(articles, full_nlp, settings=tight, batch_size=1, on_error=errors.append))
    assert [r["id"] for r in records] == ["short", "after"]
    assert [e.code.value for e in errors] == ["E019"] and "b.jsonl:2" in errors[0].message
    assert signal.getsignal(signal.SIGALRM) == before  # the alarm handler is put back
    assert len(long_text) > settings["nlp"]["piece_chars"]  # parsed in pieces, by piece workers
    assert not multiprocessing.active_children()  # the piece workers were stopped with the article


def _stall_after(items: list[int], seconds: float) -> Iterator[int]:
    """``items``, then a stall in Python code (where an asynchronous exception can land) of ``seconds``."""
    yield from items
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _in_thread(work: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return result


def test_off_the_main_thread_the_budget_cuts_a_stall_and_leaves_nothing_behind() -> None:
    from eventwire.budget import OverBudget, ThreadBudget, article_budget

    def timed(stream: Iterator[int], budget_seconds: float) -> list[int]:
        budget = article_budget(budget_seconds, workers=False)
        assert isinstance(budget, ThreadBudget)
        got: list[int] = []
        with budget:
            got.extend(budget.timed(stream))
        return got

    stalled = _in_thread(lambda: timed(_stall_after([1, 2], 5.0), 0.2))
    assert isinstance(stalled.get("error"), OverBudget) and stalled["error"].seconds == 0.2
    # in time: nothing lands afterwards, and the watchdog thread is gone
    quick = _in_thread(lambda: (timed(iter([1, 2, 3]), 0.2), next(_stall_after([], 0.5), None))[0])
    assert quick == {"value": [1, 2, 3]}
    assert not [t for t in threading.enumerate() if t.name == "eventwire-time-budget"]


def test_reading_the_input_is_not_the_articles_time_off_the_main_thread() -> None:
    from eventwire.budget import article_budget

    def slow_reader() -> Iterator[int]:
        budget = reader_budget[0]
        for item in range(3):
            with budget.paused():
                next(_stall_after([], 0.3), None)  # longer than the budget, but paused
            yield item

    def work() -> list[int]:
        budget = article_budget(0.2, workers=False)
        reader_budget.append(budget)
        with budget:
            return list(budget.timed(slow_reader()))

    reader_budget: list[Any] = []
    assert _in_thread(work) == {"value": [0, 1, 2]}


@pytest.mark.model
def test_the_budget_holds_when_articles_are_coded_off_the_main_thread(full_nlp: Any, settings: dict[str, Any]) -> None:
    """As on a Dask worker or in the HTTP API's thread pool: no SIGALRM there, the watchdog cuts instead."""
    tight = {**settings, "nlp": {**settings["nlp"], "article_time_budget": 1.0}}
    long_text = " ".join([TALKS, PROTEST] * 600)
    articles = [Article(id="short", text=TALKS, path="t.jsonl", line=1),
                Article(id="long", text=long_text, path="t.jsonl", line=2),
                Article(id="after", text=PROTEST, path="t.jsonl", line=3)]
    errors: list[CodingError] = []
    result = _in_thread(lambda: [r["id"] for r in code_articles(articles, full_nlp, settings=tight, batch_size=1, on_error=errors.append)])
    assert result == {"value": ["short", "after"]}
    assert [e.code.value for e in errors] == ["E019"] and "t.jsonl:2" in errors[0].message
    assert not multiprocessing.active_children()


@pytest.mark.model
def test_with_workers_only_the_slow_article_is_given_up(tmp_path: Path) -> None:
    """Workers return whole batches: on a stall the articles in flight are coded again one at a time."""
    items = tmp_path / "items.jsonl"
    texts = [TALKS if i != 5 else " ".join([TALKS, PROTEST] * 600) for i in range(20)]
    items.write_text("".join(json.dumps({"id": f"w{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    out = tmp_path / "out.jsonl"
    result = run_cli("code", str(items), "-o", str(out), "--workers", "2", env={"EVENTWIRE_NLP__ARTICLE_TIME_BUDGET": "1"})
    assert result.returncode == 1, result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [f"w{i}" for i in range(20) if i != 5]
    assert [line.split()[1] for line in result.stderr.splitlines() if line.startswith("error")] == ["E019"]


@pytest.mark.model
def test_long_articles_cost_linear_time(full_nlp: Any, settings: dict[str, Any]) -> None:
    """Sentence numbering, actor, place and date indexes once per Doc: 4x the text is not 16x the time."""
    from eventwire import code_text

    def seconds(n: int) -> float:
        text = ((TALKS + " " + PROTEST + "\n\n") * (n // 300 + 1))[:n]
        start = time.perf_counter()
        code_text(text, nlp=full_nlp, settings=settings)
        return time.perf_counter() - start

    seconds(2_000)
    small, large = seconds(10_000), seconds(40_000)
    assert large / small < 8, (small, large)


# ------------------------------------------------------------------------------------ the CLI (model)
@pytest.mark.model
@pytest.mark.parametrize("target", ["missing/out.jsonl", "."])
def test_a_bad_output_path_fails_before_the_model_loads(tmp_path: Path, target: str) -> None:
    started = time.perf_counter()
    result = run_cli("code", str(EXAMPLE), "-o", str(tmp_path / target))
    assert result.returncode == ExitStatus.OUTPUT == 3
    assert result.stderr.count("\n") == 1 and "E017" in result.stderr and "Traceback" not in result.stderr
    assert time.perf_counter() - started < 30  # no pipeline load


@pytest.mark.model
def test_disk_full_is_one_coded_line_with_its_own_status() -> None:
    result = run_cli("code", str(EXAMPLE), "-o", "/dev/full")
    assert result.returncode == 3 and "E017" in result.stderr and "No space left" in result.stderr
    assert "Traceback" not in result.stderr


def _limit_file_size(limit: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.model
def test_a_write_that_fails_midway_leaves_no_torn_line(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate([TALKS, PROTEST] * 3)))
    out = tmp_path / "out.jsonl"
    full = run_cli("code", str(items), "-o", str(out))
    size = out.stat().st_size
    one_line = len(out.read_text().splitlines()[0].encode()) + 1
    out.unlink()
    result = run_cli("code", str(items), "-o", str(out), preexec_fn=_limit_file_size(min(size - 1, one_line * 2 + 10)))
    assert full.returncode == 0 and result.returncode == 3 and "E017" in result.stderr
    data = out.read_bytes()
    assert data.endswith(b"\n") and all(json.loads(line)["id"] for line in data.splitlines())
    resumed = run_cli("code", str(items), "-o", str(out), "--resume")
    assert resumed.returncode == 0 and len(out.read_text().splitlines()) == 6


@pytest.mark.model
def test_resume_cuts_a_torn_line_in_place(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text(json.dumps({"id": "t", "text": TALKS}) + "\n" + json.dumps({"id": "p", "text": PROTEST}) + "\n")
    out = tmp_path / "out.jsonl"
    assert run_cli("code", str(items), "-o", str(out)).returncode == 0
    complete = out.read_text().splitlines()
    out.write_text(complete[0] + "\n" + complete[1][:50])
    inode = out.stat().st_ino
    result = run_cli("code", str(items), "-o", str(out), "--resume")
    assert result.returncode == 0 and out.stat().st_ino == inode  # truncated, never rewritten
    assert out.read_text().splitlines() == complete


@pytest.mark.model
def test_resume_refuses_repeated_ids_and_the_output_as_input(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "one.jsonl").write_text(json.dumps({"id": "same", "text": TALKS}) + "\n")
    (tmp_path / "x" / "two.jsonl").write_text(json.dumps({"id": "same", "text": PROTEST}) + "\n")
    out = tmp_path / "out.jsonl"
    out.write_text("")
    result = run_cli("code", str(tmp_path / "x"), "-o", str(out), "--resume")
    assert result.returncode == 1 and "E020" in result.stderr and "two.jsonl:1" in result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["same"]
    again = run_cli("code", str(out), "-o", str(out), "--resume")  # the README's old example
    assert again.returncode == 2 and "E021" in again.stderr


def _start_with_workers(tmp_path: Path, count: int = 60) -> tuple[subprocess.Popen[str], Path, list[int]]:
    items = tmp_path / "many.jsonl"
    items.write_text("".join(json.dumps({"id": f"m{i}", "text": (TALKS + " " + PROTEST + " ") * (i % 4 + 1)}) + "\n"
                             for i in range(count)))
    out = tmp_path / "out.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "code", str(items), "-o", str(out), "--workers", "2"],
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 240
    while (not out.exists() or out.stat().st_size == 0) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    workers = [int(pid) for pid in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()]
    return proc, out, workers


def _gone(pids: list[int], within: float = 20) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in pids):
            return True
        time.sleep(0.2)
    return False


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")
def test_ctrl_c_with_workers_is_one_line_and_exit_130(tmp_path: Path) -> None:
    proc, out, workers = _start_with_workers(tmp_path)
    assert proc.poll() is None and len(workers) == 2
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends: the whole group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == ExitStatus.INTERRUPTED == 130
    assert "Traceback" not in err and "E018" in err and "--resume" in err
    assert out.read_bytes().endswith(b"\n") and _gone(workers)


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_parent_dies(tmp_path: Path, sig: int) -> None:
    proc, _, workers = _start_with_workers(tmp_path)
    assert len(workers) == 2
    os.kill(proc.pid, sig)
    proc.communicate(timeout=120)
    assert proc.returncode in (-sig, 128 + sig)
    assert _gone(workers)


# ------------------------------------------------------------------------------------ the bad-input corpus
@pytest.mark.model
def test_bad_input_corpus_every_good_article_once_every_bad_one_reported(open_dir: Path) -> None:
    corpus = open_dir / "corpus"
    max_chars = 50_000
    drop = _unprivileged()  # so that the locked folder is locked
    built = subprocess.run([*drop, sys.executable, str(SCRIPT), str(corpus), "--max-chars", str(max_chars)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    manifest = json.loads((open_dir / "corpus.manifest.json").read_text())
    out = open_dir / "out.jsonl"
    result = run_cli("code", str(corpus), "-o", str(out), env={"EVENTWIRE_INPUT__MAX_CHARS": str(max_chars)}, prefix=drop)
    assert result.returncode == ExitStatus.FAILED == 1
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == manifest["good"]  # each exactly once
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    for where, code in manifest["bad"]:
        assert any(code in line and f"{corpus / where}:" in line + ":" for line in errors), (where, code)
    assert len(errors) == len(manifest["bad"])
    skipped = "\n".join(line for line in result.stderr.splitlines() if "W004" in line)
    for path in manifest["skipped"]:
        assert str(corpus / path) in skipped


def test_exit_statuses_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status, meaning in ((0, "all"), (1, "some"), (2, "usage"), (3, "output"), (130, "interrupted")):
        assert f"{status} {meaning}" in readme
    assert (ExitStatus.OK, ExitStatus.FAILED, ExitStatus.USAGE, ExitStatus.OUTPUT, ExitStatus.INTERRUPTED) == (0, 1, 2, 3, 130)
