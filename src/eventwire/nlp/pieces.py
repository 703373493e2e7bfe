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
from contextlib import suppress
from multiprocessing.connection import Connection, wait
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
        if min(processes, len(docs)) > 1:
            parsed = _parse_in_workers(nlp, docs, own, min(processes, len(docs)))
        else:
            parsed = list(nlp.pipe(docs, disable=own))
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


def _parse_in_workers(nlp: Language, docs: list[Doc], own: list[str], processes: int) -> list[Doc]:
    """spaCy's pipes on ``docs`` in ``processes`` forked workers, a piece at a time to whichever is free.

    Not ``nlp.pipe(n_process=...)``: its queues' feeder threads block the parent's exit for ever when the time
    budget stops a worker in the middle of a message (and its default batch gives every piece to one
    worker). Plain pipes have no feeder threads: a stopped worker only closes its end."""
    context = multiprocessing.get_context("fork")
    workers: list[tuple[Any, Connection]] = []
    try:
        for _ in range(processes):
            ours, theirs = context.Pipe()
            process = context.Process(target=_piece_worker, args=(nlp, own, theirs), daemon=True)
            process.start()
            theirs.close()
            workers.append((process, ours))
        queue = list(enumerate(docs))
        parsed: dict[int, Doc] = {}
        busy: set[Connection] = set()
        while len(parsed) < len(docs):
            for _, conn in workers:
                if conn not in busy and queue:
                    index, doc = queue.pop(0)
                    conn.send((index, doc.text, doc._.article))
                    busy.add(conn)
            for conn in wait(list(busy)):
                try:
                    status, index, payload = conn.recv()  # type: ignore[union-attr]
                except EOFError as exc:
                    raise RuntimeError("a piece worker ended without its result") from exc
                busy.discard(conn)  # type: ignore[arg-type]
                if status != "ok":
                    raise payload
                parsed[index] = Doc(nlp.vocab).from_bytes(payload)
        return [parsed[i] for i in range(len(docs))]
    finally:
        for _process, conn in workers:
            with suppress(OSError):
                conn.send(None)
            conn.close()
        for process, _ in workers:
            process.join(timeout=1)
            if process.is_alive():
                process.terminate()
                process.join()


def _piece_worker(nlp: Language, own: list[str], conn: Connection) -> None:
    """In a forked worker: parse each piece sent until None comes (or the parent is gone)."""
    skip = set(own)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, text, article = job
        try:
            doc = nlp.make_doc(text)
            doc._.article = article
            for name, pipe in nlp.pipeline:
                if name not in skip:
                    doc = pipe(doc)
            conn.send(("ok", index, doc.to_bytes()))
        except Exception as exc:  # handed to the parent, which loses this article only
            try:
                conn.send(("error", index, exc))
            except Exception:  # an exception that does not pickle
                conn.send(("error", index, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _drop_doc_extensions(doc: Doc) -> None:
    data: dict[Any, Any] = doc.user_data
    for key in [k for k in data if isinstance(k, tuple) and len(k) == 4 and k[0] == "._." and k[2] is None]:
        del data[key]
