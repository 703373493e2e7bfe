"""eventwire_quotes: who said what. Direct quotes from quotation marks, mixed and indirect speech from the
dependency parse, each with its cue (a reporting verb or phrase from the data file) and its speaker resolved
to an actor of the article.

Output ``doc._.quotes``: schema ``quotes[]`` (text, start, end, kind, cue {text, start, end}, speaker {actor,
name, code, start, end}) plus optional fields: ``id`` ("q0", "q1", ... in text order), ``sentence`` (index
into the record's sentences), ``parts`` (the content fragments when a quotation is interrupted by its cue:
"“A,” he said. “B.”"), ``cue.lemma`` / ``cue.category`` (speech, finding, cognition from the cue file;
"quoting" for any other verb whose object holds a quoted phrase; lemmas "signature" and "transcript" for
cues that come from layout) and ``event`` (id of the speech event the events component made of it).

Order of the rules (each quotation is attributed once, first rule wins): signature lines and transcript
turns; quotations inside a cue's content clause (direct when the clause is all quotation, else mixed) or
around a cue set into their sentence ("The port, she said, is “a bargain”"); quotations with a cue in their
own sentence; phrases quoted in what a subject did ("called him a “liar”"); quotations co-ordinated with, or
interrupted by the cue of, one attributed already; quotations standing alone (colon cue before, a cue right
after a question mark, the previous speaker's quote going on, a cue after); then what the remaining cues
report: mixed when quotation marks lie in their object or infinitive, else indirect speech.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import register_extensions
from ..nlp.text import doc_text, last_non_space
from ..records import Quote, as_record
from ..settings import component_settings
from .blocks import TRANSCRIPT, Block, build_blocks, covering, governing_verb, opens_sentence, quote_parts
from .clauses import (
    Cue,
    char_end,
    content_range,
    cue_dict,
    cue_tokens,
    object_range,
    parenthetical_content,
    token_at,
    trimmed,
    word_count,
)
from .cues import CueLexicon, load_cues
from .lookup import BlockIndex, CueIndex
from .marks import paragraphs
from .speakers import repoint_pronoun_speakers, speaker_for, speaker_from_chars

# lemmas of the cues read from the layout, not from a verb: no speech act to code
LAYOUT_CUES = frozenset({"signature", "transcript"})
# marks ending a quotation after which the parser starts a new sentence, even with the cue still to come
_SPLITTING_MARKS = "?!"
# dependencies by which a quotation is a clause of its sentence (not a name or a phrase in a clause)
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis", "advcl", "conj", "dep", "xcomp", "csubj"})
# "“...” ― Name" closing a line: a signature (social media quotes, readers' comments)
_SIGNATURE = re.compile(r"[^\S\n]*([―—–]|--?)[^\S\n]*([^\s―—–\-][^\n]*?)(?:[^\S\n]|\.)*$", re.MULTILINE)
# "Name: what they said" opening a line (headlines, unquoted transcripts): a short prefix, a colon, the rest
_LINE_SOURCE = re.compile(r"([^\W\d_][^:\n]*?)[^\S\n]*:[^\S\n]+(?=\S)")
# who can speak through such a line: not a place ("WASHINGTON: ...")
_LINE_SOURCE_TYPES = frozenset({"person", "organization", "group"})


class QuotesComponent:
    """Finds quotes and attributions; settings in the ``[quotes]`` table."""

    def __init__(self, settings: Any, reporting: Any) -> None:
        lexicon = load_cues(reporting["cues"])
        self.lexicon: CueLexicon = lexicon.categories_for(tuple(settings["cue_categories"]))
        self.direct_max_unquoted_words: int = settings["direct_max_unquoted_words"]
        self.direct_min_words: int = settings["direct_min_words"]
        self.indirect_min_words: int = settings["indirect_min_words"]
        self.inherit_max_paragraphs: int = settings["inherit_speaker_max_paragraphs"]
        self.signature_max_words: int = settings["signature_max_words"]
        self.object_content: bool = settings["object_content"]
        self.line_source_max_words: int = settings["line_source_max_words"]
        self.versions: dict[str, str] = {"quotes": lexicon.version}

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc, self)
        doc._.quotes = [as_record(quote, Quote) for quote in quotes]
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc


def find_quotes(doc: Doc, component: QuotesComponent) -> list[dict[str, Any]]:
    """All quotes of ``doc`` in text order."""
    starts = [t.idx for t in doc]
    if not starts:
        return []
    sentence_of = [0] * len(doc)
    for index, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            sentence_of[i] = index
    paragraph_spans = paragraphs(doc_text(doc))
    sentences = list(doc.sents)

    blocks, in_quote = build_blocks(doc, starts, sentence_of, component.direct_min_words)

    cues = cue_tokens(doc, component.lexicon, in_quote)
    cue_lemmas = frozenset(component.lexicon.verbs)
    for cue in cues:
        cue.content = content_range(cue, cue_lemmas, in_quote)
        if cue.content is None and component.object_content:
            cue.reported = object_range(cue, component.lexicon.addressee, cue_lemmas)
    cue_heads = {cue.head.i for cue in cues}
    cue_index, block_index = CueIndex(cues, sentence_of), BlockIndex(blocks)

    quotes: list[dict[str, Any]] = []
    quote_of_block: dict[int, dict[str, Any]] = {}
    direct_of_cue: dict[int, tuple[Block, dict[str, Any]]] = {}  # cue head -> its direct quote

    def emit(
        kind: str, start: int, end: int, cue: Cue | dict[str, Any] | None, speaker: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        start, end = trimmed(doc, start, end)
        if end <= start:
            return None
        quote = {
            "text": doc_text(doc)[start:end],
            "start": start,
            "end": end,
            "kind": kind,
            "cue": cue if isinstance(cue, dict) or cue is None else cue_dict(cue),
            "speaker": speaker,
            "sentence": sentence_of[token_at(doc, starts, start)],
        }
        quotes.append(quote)
        return quote

    def emit_block(block: Block, cue: Cue | dict[str, Any] | None, speaker: dict[str, Any] | None) -> None:
        block.attributed, block.speaker = True, speaker
        quote = emit("direct", block.start, block.end, cue, speaker)
        if quote is not None:
            quote["parts"] = quote_parts(doc, block.regions)
            quote_of_block[id(block)] = quote
            if isinstance(cue, Cue):
                direct_of_cue[cue.head.i] = (block, quote)

    def join_direct(quote: dict[str, Any], first: Block, block: Block) -> None:
        """The quotation goes on after its cue: one more part of the speaker's quote."""
        quote["end"] = max(quote["end"], block.end)
        quote["text"] = doc_text(doc)[quote["start"] : quote["end"]]
        quote["parts"].extend(quote_parts(doc, block.regions))
        block.attributed, block.speaker = True, first.speaker
        quote_of_block[id(block)] = quote

    def register_mixed(quote: dict[str, Any] | None, quoted: list[Block]) -> None:
        """A mixed quote's blocks point to it, so that the speaker's next quotation can join it."""
        if quote is None:
            return
        quote["parts"] = [{"start": quote["start"], "end": quote["end"]}]
        for block in quoted:
            quote_of_block[id(block)] = quote

    def unquoted_words(start: int, end: int) -> int:
        return word_count([t for t in doc[start:end] if in_quote[t.i] < 0])

    def emit_reported(cue: Cue, c_start: int, c_end: int, inside: list[Block]) -> None:
        """What a cue reports (tokens ``c_start:c_end``) holding the quotations ``inside``: direct when it is
        all quotation, else one mixed quote over the reported words and the marks."""
        speaker = speaker_for(doc, cue, cue_heads, in_quote)
        cue.used = True
        if unquoted_words(c_start, c_end) <= component.direct_max_unquoted_words and all(b.clause_like for b in inside):
            for block in inside:
                emit_block(block, cue, speaker)
            return
        for block in inside:
            block.attributed, block.speaker = True, speaker
        start = min(doc[c_start].idx, inside[0].regions[0].mark_start)
        end = max(char_end(doc[c_end - 1]), inside[-1].regions[-1].mark_end)
        register_mixed(emit("mixed", start, end, cue, speaker), inside)

    def emit_parenthetical(cue: Cue) -> None:
        """A mixed quote in parts around a cue set into a sentence with quotation marks; one that is all
        quotation ("“A,” he said, “B.”") is left to the direct steps."""
        ranges = parenthetical_content(cue, in_quote, quoted=True)
        if not ranges:
            return
        inside = [b for a, z in ranges for b in block_index.overlapping(a, z)]
        if not inside or any(b.attributed or b.named for b in inside):
            return
        if sum(unquoted_words(a, z) for a, z in ranges) <= component.direct_max_unquoted_words:
            return
        speaker = speaker_for(doc, cue, cue_heads, in_quote)
        cue.used = True
        for block in inside:
            block.attributed, block.speaker = True, speaker
        quote = emit("mixed", doc[ranges[0][0]].idx, char_end(doc[ranges[-1][1] - 1]), cue, speaker)
        register_mixed(quote, inside)
        if quote is not None:
            quote["parts"] = [dict(zip(("start", "end"), trimmed(doc, doc[a].idx, char_end(doc[z - 1])), strict=True))
                              for a, z in ranges]

    def follows_directly(block: Block, sentence: int) -> bool:
        """The quotation ends with a question or exclamation mark (where the parser ends its sentence) and
        sentence ``sentence`` starts right after the closing mark, on the same line."""
        last = block.regions[-1]
        if sentence >= len(sentences) or doc_text(doc)[last.start : last.end].rstrip()[-1:] not in _SPLITTING_MARKS:
            return False
        first = next((t for t in sentences[sentence] if not (t.is_punct or t.is_space)), None)
        if first is None or first.idx < last.mark_end:
            return False
        return not doc_text(doc)[last.mark_end : first.idx].strip(" \t\u00a0")

    def paragraph_start(block: Block) -> int:
        return paragraph_spans[block.regions[0].paragraph][0]

    # 0. signatures and transcripts: “...” ― Name; "NAME: ..."
    for block in blocks:
        last = block.regions[-1]
        line_end = doc_text(doc).find("\n", last.mark_end)
        line_end = len(doc_text(doc)) if line_end < 0 else line_end
        signature = _SIGNATURE.match(doc_text(doc), last.mark_end, line_end)
        if signature and len(signature.group(2).split()) <= component.signature_max_words:
            dash_start = signature.start(1)
            layout_cue = {"text": signature.group(1), "start": dash_start, "end": signature.end(1), "lemma": "signature", "category": "speech"}
            emit_block(block, layout_cue, speaker_from_chars(doc, signature.start(2), signature.end(2)))
            continue
        first = block.regions[0]
        speaker_prefix = TRANSCRIPT.match(doc_text(doc), first.start, first.end)
        if speaker_prefix:
            colon = speaker_prefix.end(1)
            layout_cue = {"text": ":", "start": colon, "end": colon + 1, "lemma": "transcript", "category": "speech"}
            block.attributed = True
            block.speaker = speaker_from_chars(doc, speaker_prefix.start(1), speaker_prefix.end(1))
            quote = emit("direct", speaker_prefix.end(), block.end, layout_cue, block.speaker)
            if quote is not None:
                quote["parts"] = [{"start": quote["start"], "end": quote["end"]}]
                quote_of_block[id(block)] = quote

    # 1. quotations inside a cue's content clause: direct when the clause is all quote, else mixed; a cue set
    #    into the clause it reports ("The port, she said, is “a bargain”") reports the rest of its sentence
    for cue in cues:
        if cue.content is None:
            emit_parenthetical(cue)
            continue
        c_start, c_end = cue.content
        inside = [b for b in block_index.overlapping(c_start, c_end) if not b.attributed and not b.named]
        if not inside:
            continue
        emit_reported(cue, c_start, c_end, inside)

    # 2. a speech-like quotation with a cue in its own sentence ("“...,” he said"), nearest cue first
    for block in blocks:
        if block.attributed or not block.clause_like:
            continue
        root_deps = {doc[i].dep_ for i in range(block.token_start, block.token_end) if in_quote[doc[i].head.i] != in_quote[i]}
        if not (opens_sentence(doc, block, paragraph_start(block)) or root_deps & _CLAUSE_DEPS):
            continue
        candidates = [c for c in cue_index.in_sentences(block.sentences) if not c.used and c.content is None]
        if not candidates:
            continue
        cue = min(candidates, key=lambda c: min(abs(c.head.i - block.token_start), abs(c.head.i - block.token_end)))
        cue.used = True
        emit_block(block, cue, speaker_for(doc, cue, cue_heads, in_quote))

    # 3. a phrase quoted in what someone did or said ("the mayor called the budget a “costly fantasy”", "accused
    #    the board of “reckless secrecy”"): the quotation marks attribute the words to the verb's subject
    by_verb: dict[int, list[Block]] = {}
    for block in blocks:
        if block.attributed or block.titled:
            continue
        if block.clause_like and opens_sentence(doc, block, paragraph_start(block)):
            continue  # a quotation standing as a sentence of its own: step 4
        verb = governing_verb(doc, block, in_quote)
        if verb is not None:
            by_verb.setdefault(verb.i, []).append(block)
    for verb_i, verb_blocks in by_verb.items():
        verb = doc[verb_i]
        if verb_i in direct_of_cue and all(b.clause_like and b.start > direct_of_cue[verb_i][0].end for b in verb_blocks):
            # "“A,” the mayor said, “and B.”": the second quotation hangs on the cue of the first
            first, quote = direct_of_cue[verb_i]
            for block in verb_blocks:
                join_direct(quote, first, block)
            continue
        # the words attributed run from the verb through its dependents up to the one holding the last
        # quoted phrase ("called the budget a “costly fantasy”"), not through the adjuncts after it
        # a verb outside the cue list cues the phrase only through the marks: category "quoting"
        cue = cue_index.by_head.get(verb_i) or Cue(verb, [verb], "quoting", verb.lemma_.lower())
        cue.used = True
        speaker = speaker_for(doc, cue, cue_heads, in_quote)
        for block in verb_blocks:
            block.attributed, block.speaker = True, speaker
        start = doc[verb.i + 1].idx if verb.i + 1 < len(doc) else verb.idx
        last_block = verb_blocks[-1]
        end_token = verb.i + 1
        for child in verb.rights:
            end_token = child.right_edge.i + 1
            if child.right_edge.i >= last_block.token_start:
                break
        end = max(char_end(doc[end_token - 1]), last_block.regions[-1].mark_end)
        quote = emit("mixed", start, end, cue, speaker)
        register_mixed(quote, verb_blocks)

    # 3b. a quotation co-ordinated with a quoted clause attributed already ("told them to “run” and then “run
    #     more”"): the same speaker's quotation goes on, one more part of that quote
    for block in blocks:
        if block.attributed or block.named:
            continue
        root = next((doc[i] for i in range(block.token_start, block.token_end) if in_quote[doc[i].head.i] != in_quote[i]), None)
        if root is None or root.dep_ != "conj" or in_quote[root.head.i] < 0:
            continue
        host = blocks[in_quote[root.head.i]]
        quote = quote_of_block.get(id(host))
        if quote is not None and quote["kind"] == "direct" and block.sentences & host.sentences:
            join_direct(quote, host, block)

    # 3c. a quotation interrupted by its cue whatever the parse ("“A,” the coach told the host, “B.”"): the two
    #     quotations of one paragraph around the cue of one of them, the first ending in a comma, are one quote
    for first, second in zip(blocks, blocks[1:], strict=False):
        if first.attributed == second.attributed or first.regions[-1].paragraph != second.regions[0].paragraph:
            continue
        host, other = (first, second) if first.attributed else (second, first)
        quote = quote_of_block.get(id(host))
        if quote is None or quote["kind"] != "direct" or other.named or not quote["cue"]:
            continue
        between = doc_text(doc)[first.regions[-1].mark_end : second.regions[0].mark_start]
        inside = first.regions[-1]
        ends_in_comma = doc_text(doc)[inside.start : inside.mark_end].rstrip("”\"' »").endswith(",")
        if ends_in_comma and between.rstrip().endswith(",") and not any(c in between for c in ".?!;:\n") and \
                first.regions[-1].mark_end <= quote["cue"]["start"] < second.regions[0].mark_start:
            join_direct(quote, host, other)
            quote["start"] = min(quote["start"], trimmed(doc, other.start, other.end)[0])
            quote["text"] = doc_text(doc)[quote["start"] : quote["end"]]
            quote["parts"].sort(key=lambda part: part["start"])

    # 4. quotations standing alone as sentences: a cue ending the sentence before with a colon, else the
    #    speaker of the quotation just before (the same speaker's quote goes on: one quote in several
    #    parts within a paragraph), else a bare cue in the next sentence ("“...” He was blunt, he said.")
    previous: Block | None = None
    for block in blocks:
        if not block.attributed and block.clause_like and opens_sentence(doc, block, paragraph_start(block)):
            first_sentence = min(block.sentences)
            colon_at = last_non_space(doc_text(doc), block.regions[0].mark_start)
            before_colon = colon_at >= 0 and doc_text(doc)[colon_at] == ":"
            before = [c for c in cue_index.in_sentence(first_sentence - 1) if not c.used]
            after = [c for c in cue_index.in_sentence(max(block.sentences) + 1) if not c.used and c.content is None]
            gap = block.regions[0].paragraph - previous.regions[-1].paragraph if previous else None
            if before_colon and before:
                cue = before[-1]
                cue.used = True
                emit_block(block, cue, speaker_for(doc, cue, cue_heads, in_quote))
            elif after and follows_directly(block, max(block.sentences) + 1):
                # "“...?” the coach said": a question or exclamation mark ends the parser's sentence, but
                # the cue right after the closing mark is still the quotation's own, before any inheritance
                cue = after[0]
                cue.used = True
                emit_block(block, cue, speaker_for(doc, cue, cue_heads, in_quote))
            elif previous is not None and gap == 0 and id(previous) in quote_of_block:
                # the same speaker's quotation goes on in the same paragraph: another part of one quote
                join_direct(quote_of_block[id(previous)], previous, block)
            elif previous is not None and gap is not None and gap <= component.inherit_max_paragraphs:
                emit_block(block, None, previous.speaker)
            elif after:
                cue = after[0]
                cue.used = True
                emit_block(block, cue, speaker_for(doc, cue, cue_heads, in_quote))
            else:
                emit_block(block, None, None)
        if block.attributed and block.speaker is not None:
            previous = block
    # two quotations back to back with no cue between them ("“A.” “B,” she said."): the first is the speaker's too
    for block, following in zip(blocks, blocks[1:], strict=False):
        quote = quote_of_block.get(id(block))
        if quote is None or quote["speaker"] is not None or quote["cue"] is not None or following.speaker is None:
            continue
        between = doc_text(doc)[block.regions[-1].mark_end : following.regions[0].mark_start]
        if not between.strip() and block.regions[-1].paragraph == following.regions[0].paragraph:
            quote["speaker"] = block.speaker = following.speaker

    # 5. indirect speech: a cue with a content clause free of quotation marks
    for cue in cues:
        if cue.used:
            continue
        if cue.content is None:
            parenthetical = parenthetical_content(cue, in_quote)
            if parenthetical and sum(word_count(doc[a:b]) for a, b in parenthetical) >= component.indirect_min_words:
                cue.used = True
                quote = emit(
                    "indirect",
                    doc[parenthetical[0][0]].idx,
                    char_end(doc[parenthetical[-1][1] - 1]),
                    cue,
                    speaker_for(doc, cue, cue_heads, in_quote),
                )
                if quote is not None:
                    quote["parts"] = [
                        dict(zip(("start", "end"), trimmed(doc, doc[a].idx, char_end(doc[b - 1])), strict=True))
                        for a, b in parenthetical
                    ]
            elif cue.reported is not None:
                # what an object reports ("vowed to punish “anyone who cheats”", "cited the ruling as “a
                # milestone”"): mixed when it holds quotations no earlier step attributed (a title or a
                # scare-quoted phrase there is still the cue's report), indirect when it holds none
                o_start, o_end = cue.reported
                if word_count(doc[o_start:o_end]) < component.indirect_min_words:
                    continue
                inside = block_index.overlapping(o_start, o_end)
                if inside and not any(b.attributed for b in inside):
                    emit_reported(cue, o_start, o_end, inside)
                elif all(in_quote[i] < 0 for i in range(o_start, o_end)):
                    cue.used = True
                    emit("indirect", doc[o_start].idx, char_end(doc[o_end - 1]), cue, speaker_for(doc, cue, cue_heads, in_quote))
            continue
        c_start, c_end = cue.content
        if word_count(doc[c_start:c_end]) < component.indirect_min_words:
            continue
        cue.used = True
        emit("indirect", doc[c_start].idx, char_end(doc[c_end - 1]), cue, speaker_for(doc, cue, cue_heads, in_quote))

    # 6. "Name: what they said" opening a line, with no quote there yet: the name speaks the rest of the line
    actor_types = {actor.id: actor.type for actor in doc._.actors or []}
    text = doc_text(doc)
    for para_start, para_end in paragraph_spans:
        prefix = _LINE_SOURCE.match(text, para_start, para_end)
        if prefix is None or len(prefix.group(1).split()) > component.line_source_max_words:
            continue
        content_start = prefix.end()
        if any(q["start"] < para_end and content_start < q["end"] for q in quotes):
            continue
        if len(text[content_start:para_end].split()) < component.indirect_min_words:
            continue
        speaker = speaker_from_chars(doc, prefix.start(1), prefix.end(1))
        if speaker is None or actor_types.get(speaker["actor"]) not in _LINE_SOURCE_TYPES:
            continue
        colon = text.index(":", prefix.end(1))
        layout_cue = {"text": ":", "start": colon, "end": colon + 1, "lemma": "transcript", "category": "speech"}
        emit("indirect", content_start, para_end, layout_cue, speaker)

    # PolNeAR's convention and a reader's: in "X said he thinks Y" the attribution is X's; an indirect
    # quote whose cue lies inside another quote's content is part of that quote, not a second one
    covers = covering(quotes)
    quotes = [q for q in quotes if not (q["kind"] == "indirect" and q["cue"] and covers(q["cue"]["start"], q))]
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    repoint_pronoun_speakers(doc, quotes, paragraph_spans, component.inherit_max_paragraphs)
    for index, quote in enumerate(quotes):
        quote["id"] = f"q{index}"
    return quotes


@Language.factory(
    "eventwire_quotes",
    assigns=["doc._.quotes", "doc._.versions"],
    requires=["doc._.article", "doc._.actors", "token.dep", "token.lemma"],
    default_config={"settings": None, "reporting": None},
)
def make_quotes(
    nlp: Language, name: str, settings: dict[str, Any] | None, reporting: dict[str, Any] | None
) -> QuotesComponent:
    """``settings``: the ``[quotes]`` table; ``reporting``: the shared ``[reporting]`` table (the lexicon)."""
    register_extensions()
    return QuotesComponent(component_settings("quotes", settings), component_settings("reporting", reporting))
