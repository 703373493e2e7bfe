"""A long article parsed in pieces (eventwire.nlp.pieces) codes as the whole Doc does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from conftest import EXAMPLE
from eventwire.coding import CodingError, code_articles
from eventwire.nlp.pieces import split_text
from eventwire.nlp.pipeline import load_pipeline
from eventwire.records import Article

_PIECE_TEXT = st.text(alphabet=st.sampled_from("ab \n.,"), max_size=400)


@given(text=_PIECE_TEXT, size=st.integers(min_value=1, max_value=60))
def test_pieces_give_the_text_back_and_none_is_too_long(text: str, size: int) -> None:
    pieces = split_text(text, size)
    assert "".join(pieces) == text
    assert all(len(piece) <= size for piece in pieces)
    assert all(pieces[:-1])  # no empty piece before the last


def test_a_piece_ends_at_the_last_paragraph_break_that_fits() -> None:
    text = "First line.\nSecond line.\n\nThird paragraph here.\n\nFourth."
    assert split_text(text, 40) == ["First line.\nSecond line.\n\n", "Third paragraph here.\n\nFourth."]
    assert split_text(text, 28) == ["First line.\nSecond line.\n\n", "Third paragraph here.\n\n", "Fourth."]
    # no paragraph break within reach: a line break, then a sentence end, then a space
    assert split_text("One line\nanother line", 12)[0] == "One line\n"
    assert split_text("One. Two three", 12)[0] == "One. "
    assert split_text("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def _settings(settings: dict[str, Any], chars: int, processes: int) -> dict[str, Any]:
    return {**settings, "nlp": {**settings["nlp"], "piece_chars": chars, "piece_processes": processes}}


@pytest.mark.model
@pytest.mark.parametrize("processes", [1, 2])
def test_an_article_in_pieces_codes_as_the_whole_doc(full_nlp: Any, settings: dict[str, Any], processes: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    article = Article(id="talks", text=text, headline_span=None)
    whole = next(code_articles([article], full_nlp, settings=settings))
    small = _settings(settings, max(len(text) // 4, 200), processes)
    pieces = next(code_articles([article], full_nlp, settings=small))
    assert len(split_text(text, small["nlp"]["piece_chars"])) >= 4
    assert pieces.text == whole.text
    for field in ("sentences", "entities", "actors", "events", "quotes", "dates", "places"):
        assert getattr(pieces, field) == getattr(whole, field), field
    assert pieces.events  # the example has events: the comparison is not of empty lists


@pytest.mark.model
def test_long_and_short_articles_keep_their_order_and_failures_are_reported(full_nlp: Any, settings: dict[str, Any]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    small = _settings(settings, 300, 1)
    articles = [Article(id="a", text=text[:250]), Article(id="b", text=text), Article(id="c", text=text[:200])]
    records = list(code_articles(articles, full_nlp, settings=small))
    assert [r.id for r in records] == ["a", "b", "c"]
    assert records[1].events and records[1].text == text

    # a component of ours that raises on the whole of a long article: that article is reported (E016)
    nlp = load_pipeline(settings, components=[])
    nlp.add_pipe("eventwire_test_pieces_explode", last=True)
    errors: list[CodingError] = []
    got = list(code_articles(articles, nlp, settings=small, on_error=errors.append))
    assert [r.id for r in got] == ["a", "c"] and [e.code.value for e in errors] == ["E016"]
    assert "eventwire_test_pieces_explode" in errors[0].message and "too long" in errors[0].message


@Language.component("eventwire_test_pieces_explode")
def _explodes_on_long(doc: Doc) -> Doc:
    if len(doc.text) > 300:
        raise ValueError("too long")
    return doc


@pytest.mark.model
def test_a_daemonic_worker_parses_its_long_article_alone(settings: dict[str, Any]) -> None:
    """A Dask or pool worker (a daemonic process) may not fork piece workers: it parses the pieces itself."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        events = pool.apply(_code_long_in_worker, (_settings(settings, 300, 2),))
    assert events > 0


def _code_long_in_worker(settings: dict[str, Any]) -> int:
    from eventwire.coding import load

    text = EXAMPLE.read_text(encoding="utf-8")
    record = next(code_articles([Article(id="w", text=text)], load(settings), settings=settings))
    return len(record.events)


def test_pieces_are_shared_out_among_the_piece_workers() -> None:
    """spaCy hands its workers whole batches: the pieces must go one batch each, or one worker parses all."""
    import os

    import spacy
    from spacy.tokens import Token

    from eventwire.nlp.pieces import parse_in_pieces

    if not Token.has_extension("test_parsed_by"):
        Token.set_extension("test_parsed_by", default=None)

    @Language.component("test_record_worker")
    def record_worker(doc: Doc) -> Doc:
        doc[0]._.test_parsed_by = os.getpid()
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("test_record_worker")
    text = "\n\n".join(f"Paragraph {i} says the talks went on." for i in range(40))
    failures: list[Any] = []
    whole = parse_in_pieces(nlp, Article(id="p", text=text), 100, 2, lambda *a: failures.append(a))
    assert whole is not None and not failures and whole.text == text
    workers = {token._.test_parsed_by for token in whole} - {None}
    assert len(workers) == 2 and os.getpid() not in workers
