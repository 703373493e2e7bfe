"""A very long article parsed in pieces: spaCy's own pipes run on pieces of the text cut at paragraph breaks
(in worker processes when the setting asks for them), the pieces are joined into one Doc, and eventwire's
components run once on the whole, so actors, quotes and events still see the whole article.

spaCy's statistical pipes cost more per token on one huge Doc than on the same text in pieces (their arrays
outgrow the CPU caches), and pieces can be parsed in parallel; a paragraph break is a sentence break already
(the layout sentencizer), so a cut there changes no parse. Used by :func:`eventwire.coding.code_articles` for
articles longer than the setting ``nlp.piece_chars``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Article
from .extensions import register_extensions

# where a piece may end, best first: a blank line, a line break, a sentence end, any space
_CUTS = ("\n\n", "\n", ". ", " ")


def split_text(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters (``"".join`` gives it back), each ending at
    the last paragraph break that fits, else the last line break, sentence end or space; a run of
    ``size`` characters with none of them is cut where it must."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in _CUTS:
            found = text.rfind(mark, start + 1, end)
            if found > start:
                end = found + len(mark)
                break
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def is_own(name: str) -> bool:
    """eventwire's components after the parse (the layout sentencizer runs with spaCy's pipes, per piece)."""
    return name.startswith("eventwire_") and name != "eventwire_layout"


def parse_in_pieces(
    nlp: Language,
    article: Article,
    size: int,
    processes: int,
    on_error: Callable[[str, Exception], None],
) -> Doc | None:
    """The Doc of a long article: spaCy's pipes on pieces, joined, then each of eventwire's components on
    the whole. A component that raises is passed to ``on_error`` with its name, and None is returned."""
    register_extensions()
    own = [name for name in nlp.pipe_names if is_own(name)]
    context = article.context()
    docs = [nlp.make_doc(piece) for piece in split_text(article.text, size)]
    # the headline and dateline lie in the first piece (they are short and open the text)
    docs[0]._.article = context
    for doc in docs[1:]:
        doc._.article = {}
    if multiprocessing.current_process().daemon:
        processes = 1  # a daemonic process (a worker of a pool or of Dask) may not fork workers of its own
    try:
        # one piece per batch: spaCy hands batches to its workers round-robin, and its default batch (1,000
        # Docs) would give every piece to the first worker
        parsed = list(nlp.pipe(docs, disable=own, n_process=min(processes, len(docs)), batch_size=1))
    except Exception as exc:  # a spaCy pipe on text it cannot handle: lose this article only
        on_error("spacy", exc)
        return None
    if len(parsed) != len(docs):  # a plain-callable pipe failed on a piece: its handler dropped the piece
        on_error("eventwire_layout", RuntimeError("a piece of the article was lost while parsing"))
        return None
    for doc in parsed:
        # Doc.from_docs cannot carry a Doc-level extension value (spaCy warns W101); set again below
        _drop_doc_extensions(doc)
    whole = Doc.from_docs(parsed, ensure_whitespace=False)
    whole._.article = context
    for name in own:
        try:
            whole = nlp.get_pipe(name)(whole)
        except Exception as exc:
            on_error(name, exc)
            return None
    return whole


def _drop_doc_extensions(doc: Doc) -> None:
    data: dict[Any, Any] = doc.user_data
    for key in [k for k in data if isinstance(k, tuple) and len(k) == 4 and k[0] == "._." and k[2] is None]:
        del data[key]
