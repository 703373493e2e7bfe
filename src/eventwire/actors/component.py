"""spaCy component ``eventwire_actors``: dictionary and NER mentions, titles, metonymy, within-article
resolution; writes ``doc._.actors`` and ``doc.spans["actors"]`` (see :mod:`eventwire.actors`)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..nlp.extensions import register_extensions
from ..settings import component_settings
from ..words import word_set
from . import MENTION_KIND_METONYM
from .coref import Mention, gender_of_name
from .dictionary import ActorDictionary, ActorEntry, load_dictionary, token_forms_for
from .lookup import NameIndex, SortedSpans, StartIndex, remove_each
from .matcher import TokenSequenceMatcher
from .metonymy import acting_dep, add_place_metonyms
from .pronouns import code_from_possessor, resolve_group_pronouns, resolve_person_pronouns
from .titles import (
    add_anaphors,
    add_descriptions,
    compose_code,
    country_after,
    merge_title_appositions,
    possessor_code,
)
from .writing import write_actors

NER_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group"}
# lowercase words allowed inside a capitalised name ("Organization for Security and Cooperation in Europe")
NAME_FUNCTION_WORDS = word_set("actors", "name_function_words")
# tokens that may stand inside a title left of a name besides nouns/adjectives/proper nouns
TITLE_GLUE = word_set("actors", "title_glue")
# agent nouns naming a body rather than a person
GROUP_AGENT_HEADS = word_set("actors", "group_agent_heads")
MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case", "punct"})


def _looks_like_name(span: Span) -> bool:
    """Dictionary names are proper names: every content word capitalised (no match on "turkey", "chad")."""
    content = [t for t in span if any(c.isalpha() for c in t.text) and t.lower_ not in NAME_FUNCTION_WORDS]
    return bool(content) and all(t.text[0].isupper() for t in content)


def _filter_agent_spans(spans: list[Span]) -> list[Span]:
    """Non-overlapping agent matches: those ending on a noun first ("fundamentalist leaders" over "Islamic
    fundamentalist"), then the longest, then the earliest."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[-1].pos_ not in ("NOUN", "PROPN"), -len(s), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


class ActorsComponent:
    def __init__(self, nlp: Language, name: str, settings: dict[str, Any]) -> None:
        self.name = name
        self.settings = settings
        self.book: ActorDictionary = load_dictionary(tuple(str(p) for p in settings.get("extra_dictionaries", [])))
        self.versions = {"actors": self.book.version}
        # names as token lists, pre-tokenised in the shipped data (tokenising ~44k names takes seconds)
        self.matcher = TokenSequenceMatcher()
        self.actor_key = nlp.vocab.strings.add("ACTOR")
        self.agent_key = nlp.vocab.strings.add("AGENT")
        self.capital_key = nlp.vocab.strings.add("CAPITAL")
        for key, names in ((self.actor_key, self.book.names), (self.agent_key, self.book.agents),
                           (self.capital_key, self.book.capitals)):
            forms = token_forms_for(self.book, nlp.tokenizer, list(names))
            self.matcher.add(key, (words for name in names for words in forms[name]))
        self.roles = frozenset(r[:3] for r in self.book.agents.values() if r) | {"ELI", "GOV", "MIL"}
        self.place_verbs = frozenset(settings["metonymy_place_verbs"])
        self.metonymy_deps = frozenset(settings["metonymy_deps"])
        self.object_verbs = frozenset(settings.get("metonymy_object_verbs", ()))
        self.description_verbs: dict[str, str] = dict(settings["description_verbs"])
        self.located_preps = frozenset(settings["located_preps"])
        self.group_pronouns = bool(settings["group_pronouns"])
        self.non_agentive_verbs = frozenset(settings["group_pronoun_non_agentive_verbs"])
        self.doer_act_nouns = frozenset(settings.get("doer_act_nouns", ()))

    # ---- helpers --------------------------------------------------------------------------------------
    def _entry_code(self, entry: ActorEntry, date: str | None) -> str | None:
        return entry.code_on(date)

    def _voted_entities(self, doc: Doc) -> list[Span]:
        """NER entities of actor types, with labels made consistent within the article: a lone surname of a
        PERSON named earlier or later is that person ("Montalvo" tagged GPE), and a name tagged ORG
        somewhere is an ORG everywhere."""
        surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        org_names = {e.text.lower() for e in doc.ents if e.label_ == "ORG"}
        out: list[Span] = []
        for ent in doc.ents:
            label = ent.label_
            if len(ent) == 1 and ent.text.lower() in surnames and label in ("GPE", "LOC", "ORG", "NORP", "FAC"):
                label = "PERSON"
            elif label == "ORG" and 2 <= len(ent) <= 3 and self.book.given_names.get(ent[0].lower_) \
                    and all(t.pos_ == "PROPN" for t in ent):
                label = "PERSON"  # "Olaf Scholz" tagged ORG: a given name starts it
            elif label in ("GPE", "LOC", "FAC") and ent.text.lower() in org_names:
                label = "ORG"
            if label not in NER_TYPES:
                continue
            if ent.root.pos_ == "ADJ":
                continue  # "Swedish officials", "Supreme": the adjective only qualifies a noun
            out.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
        return out

    def role_of(self, code: str | None) -> str | None:
        if not code or len(code) < 6:
            return None
        part = code[3:6]
        return part if part in self.roles else None

    # ---- the component --------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        date = (doc._.article or {}).get("date")
        actor_spans: list[Span] = []
        agent_spans: list[Span] = []
        for key, start, end in self.matcher(doc):
            span = doc[start:end]
            if key == self.agent_key:
                agent_spans.append(span)
            elif _looks_like_name(span):
                actor_spans.append(Span(doc, start, end, label=key))
        agent_spans = _filter_agent_spans(agent_spans)
        agents = SortedSpans(agent_spans)
        named = filter_spans(actor_spans)
        ents = self._voted_entities(doc)
        person_ents = SortedSpans([e for e in ents if e.label_ == "PERSON"])

        mentions: list[Mention] = []
        entry_of: dict[int, ActorEntry] = {}
        used = [False] * len(doc)
        place_spans: list[Span] = []

        country_ends: set[int] = set()  # where a country mention of step 1 ends

        def add(mention: Mention, entry: ActorEntry | None = None) -> None:
            mentions.append(mention)
            if entry is not None:
                entry_of[len(mentions) - 1] = entry
            if mention.type == "country":
                country_ends.add(mention.end)

        # 1. dictionary names
        for span in named:
            text = span.text.lower()
            if span.label == self.capital_key:
                place_spans.append(span)
                continue
            entry = self.book.names.get(text)
            if entry is None:
                continue
            if text in entry.places or text in self.book.capitals:
                place_spans.append(span)
                continue
            # "Brown" inside "Michael Brown" is not Gordon Brown
            holder = person_ents.holding(span.start, span.end)
            if entry.type == "person" and holder is not None and (holder.start, holder.end) != (span.start, span.end) \
                    and holder.text.lower() not in entry.names:
                continue
            if text in self.book.agents and span.start > 0 and (
                doc[span.start - 1].tag_ == "PRP$" or doc[span.start - 1].dep_ == "poss"
                or span.start in country_ends
            ):
                continue  # "his Security Council", "Russian Security Council": a national body, not the UN's
            code = self._entry_code(entry, date)
            name_start, name_end = span.start, span.end
            if span[0].lower_ == "the" and len(span) > 1:
                name_start += 1  # "the White House" is named "White House"
            if entry.type == "person":
                # "Russian President Vladimir Putin": the name is the PERSON entity inside the match
                inner = person_ents.inside(span.start, span.end)
                if inner:
                    name_start, name_end = inner[-1].start, inner[-1].end
            kind = "name"
            root = span.root
            if entry.type == "organization" and root.ent_type_ in ("FAC", "GPE", "LOC") and code and code[3:6] == "GOV" \
                    and root.dep_ in self.metonymy_deps and acting_dep(root, self.object_verbs):
                kind = MENTION_KIND_METONYM  # "the Kremlin said": a building acting as the government
            weak = entry.type == "person" and not entry.has_dated_code(date)
            add(Mention(span.start, span.end, kind, entry.type, code, ("entry", entry.key),
                        name_start=name_start, name_end=name_end, weak_code=weak), entry)
            for i in range(span.start, span.end):
                used[i] = True

        # 2. NER names not in the dictionary; an ORG around a country ("Russian Foreign Ministry") is coded
        place_tokens = {i for p in place_spans for i in range(p.start, p.end)}
        names = NameIndex(mentions)
        replaced: list[Mention] = []
        for ent in ents:
            inside = names.overlapping(ent.start, ent.end)
            if ent.label_ == "ORG":
                # "Russian Foreign Ministry" where NER took only "Foreign Ministry"
                before = names.country_ending_at(ent.start)
                if before:
                    inside = before + inside
                    ent = doc[before[0].start:ent.end]
                    ent.label_ = "ORG"
            if inside:
                covered = sum(m.end - m.start for m in inside) + (1 if ent[0].lower_ == "the" else 0)
                if ent.label_ != "ORG" or covered >= len(ent) or not all(
                        ent.start <= m.start and m.end <= ent.end and m.type == "country" for m in inside):
                    continue  # the dictionary match stands; an ORG only adds when it has words of its own
                roles = [self.book.agents.get(a.text.lower()) for a in reversed(agents.inside(ent.start, ent.end))]
                code = compose_code([m.code for m in reversed(inside)], roles)
                replaced.extend(inside)  # out of the list after the loop (which reads names, not the list)
                for m in inside:
                    names.remove(m)
            else:
                if any(i in place_tokens for i in range(ent.start, ent.end)):
                    continue
                code = None
                if ent.label_ in ("ORG", "NORP"):
                    # "Sunnis", "Shiite militia": a group noun the agent dictionary knows
                    roles = [self.book.agents.get(a.text.lower()) for a in reversed(agents.inside(ent.start, ent.end))]
                    code = compose_code([], roles) if roles and any(roles) else None
            kind_type = NER_TYPES[ent.label_]
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if start >= ent.end:
                continue
            add(Mention(start, ent.end, "name", kind_type, code, ("name", kind_type, doc[start:ent.end].text.lower()),
                        name_start=start, name_end=ent.end))
            names.add(mentions[-1])
            for i in range(start, ent.end):
                used[i] = True
        remove_each(mentions, replaced)
        # names the NER found once but missed elsewhere: a lone surname of a person named in full
        # ("Montalvo"), a one-word organisation ("Scientology")
        known: dict[str, str] = {}
        for m in mentions:
            if m.kind == "name" and m.key[0] == "name" and m.type in ("person", "organization"):
                words = doc[m.name_start:m.name_end]
                if m.type == "person" and len(words) > 1:
                    known.setdefault(words[-1].lower_, "person")
                elif m.type == "organization" and len(words) == 1:
                    known.setdefault(words[0].lower_, "organization")
        for token in doc:
            kind_type = known.get(token.lower_)
            if kind_type is None or used[token.i] or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            if token.i in place_tokens:
                continue
            mentions.append(Mention(token.i, token.i + 1, "name", kind_type, None,
                                    ("name", kind_type, token.lower_), name_start=token.i, name_end=token.i + 1))
            used[token.i] = True
        mentions.sort(key=lambda m: m.start)
        entry_of = {}  # positions changed; entries are only needed through keys from here on

        # 3. titles left of person names and appositions give codes ("Kremlin spokesperson Dmitry Peskov")
        coded_at: dict[int, str | None] = {}
        for m in mentions:
            if m.kind == "name" and m.type != "person":
                for i in range(m.start, m.end):
                    coded_at[i] = m.code
        agent_at: dict[int, Span] = {}
        for a in agent_spans:
            for i in range(a.start, a.end):
                agent_at[i] = a
        max_title = int(self.settings["title_max_tokens"])
        title_only: list[Mention] = []
        starting = StartIndex(mentions)
        title_tokens: set[int] = set()
        for m in mentions:
            if m.type != "person" or m.kind != "name":
                continue
            sent_start = doc[m.start].sent.start
            i = m.start - 1
            while i >= sent_start and m.start - i <= max_title:
                token = doc[i]
                if not (token.pos_ in ("PROPN", "NOUN", "ADJ") or token.lower_ in TITLE_GLUE or i in coded_at
                        or i in agent_at) or token.ent_type_ in ("DATE", "TIME", "CARDINAL") or token.is_punct \
                        and token.text not in ("-",):
                    break
                i -= 1
            title_start = i + 1
            while title_start < m.start and doc[title_start].lower_ in TITLE_GLUE:
                title_start += 1
            # the title left of the match and inside it ("Egyptian President" of a listed "Egyptian President
            # Hosni Mubarak")
            zone = list(range(title_start, max(m.start, m.name_start)))
            # an apposition right of the name: "Dmitry Peskov, the Kremlin spokesman,"
            root = doc[m.start:m.end].root
            for child in root.children:
                if child.dep_ == "appos" and child.i > root.i:
                    zone.extend(t.i for t in child.subtree if t.i >= m.end)
            codes = [coded_at.get(i) for i in sorted(zone, reverse=True) if i in coded_at]
            seen_agents: list[Span] = []
            for i in sorted(zone, reverse=True):
                if i in agent_at and agent_at[i] not in seen_agents:
                    seen_agents.append(agent_at[i])
            roles = [self.book.agents.get(a.text.lower()) for a in seen_agents]
            titled = compose_code(codes, roles) if (codes or any(roles)) else None
            if titled and (m.code is None or m.weak_code):
                # "UN Secretary-General Antonio Guterres": the title of the day beats a stale default; a
                # title without a country keeps the person's ("President Hosni Mubarak": EGY + GOV)
                own = self.book.country_of(m.code) if m.weak_code else None
                if own and not any(c and not c.startswith("---") for c in codes):
                    titled = compose_code([own], roles)
                m.code = titled
            if m.code is None and seen_agents:
                m.code = titled
            if title_start < m.start and (seen_agents or codes):
                starting.move(m, title_start)
                m.start = title_start
                title_tokens.update(range(title_start, m.name_start))
            # a role title that the dictionary also lists as an organisation ("Secretary of State") is
            # part of the person's title, not an actor of its own
            for other in starting.between(title_start, m.name_start):
                if other is m or other.kind != "name" or not (title_start <= other.start and other.end <= m.name_start):
                    continue
                head_word = doc[other.end - 1].lower_
                if other.type == "person" or doc[other.start:other.end].text.lower() in self.book.agents or (
                        head_word in self.book.agents and head_word not in GROUP_AGENT_HEADS):
                    title_only.append(other)  # "German Chancellor" in "German Chancellor Olaf Scholz"
            title_words = [doc[i].text for i in zone]
            m.gender = gender_of_name([t.text for t in doc[m.name_start:m.name_end]], title_words,
                                      self.book.given_names)
            for a in seen_agents:
                title_tokens.update(range(a.start, a.end))

        remove_each(mentions, title_only)
        # a country adjective qualifying a noun ("Afghan team", "Russian troop buildup") codes that noun
        # phrase (coded_at) but is no actor mention of its own, unless the noun is an act it names the doer of
        # ("an Israeli air strike")
        remove_each(mentions, [m for m in mentions if m.kind == "name" and m.type == "country" and m.end - m.start == 1
                               and doc[m.start].pos_ == "ADJ" and doc[m.start].dep_ == "amod"
                               and doc[m.start].head.lemma_.lower() not in self.doer_act_nouns])

        # 4. metonymy: a capital or a government building as the subject of a verb is the government
        add_place_metonyms(doc, place_spans, mentions, used, self.book, date, self.metonymy_deps, self.place_verbs,
                           self.object_verbs)

        capital_country: dict[int, str] = {}
        for span in place_spans:
            country = self.book.capitals.get(span.text.lower())
            if country and span.root.dep_ in ("compound", "nmod") and not used[span.root.i]:
                capital_country.update((i, country) for i in range(span.start, span.end))
        chunk_start = {chunk.root.i: chunk.start for chunk in doc.noun_chunks} if doc.has_annotation("DEP") else {}
        # 5. agent nouns not part of a name's title: "Russian troops", "the U.S. delegation", "police"
        for a in agent_spans:
            head = doc[a.end - 1]
            if used[head.i] or head.i in title_tokens or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_:
                continue
            if head.dep_ == "compound" and not (head.head.i in agent_at or used[head.head.i]) \
                    and head.head.lemma_.lower() not in self.doer_act_nouns:
                continue  # "troop buildup": the agent only modifies another noun, not an act it does ("a rebel attack")
            if head.dep_ == "compound" and head.head.i > head.i and (used[head.head.i] or head.head.i in agent_at):
                continue  # "delegation leader Wendy Sherman", "police officer": the head noun decides
            # the noun phrase as the parser chunks it, else just the agent words
            left = min(a.start, chunk_start.get(head.i, a.start))
            if head.dep_ == "compound" and head.i not in chunk_start:
                # "a Cameroonian government proposal": the chunk is the offer's; the agent takes its own modifiers and
                # the country words before it, which are no mentions of their own then
                left = min([left, head.left_edge.i] + [c.left_edge.i for c in head.head.lefts
                                                       if c.i < head.i and c.dep_ in {"amod", "compound", "nmod"}])
                mentions[:] = [m for m in mentions if not (left <= m.start and m.end <= head.i + 1
                                                           and m.kind == "name" and m.type == "country")]
            roles = [self.book.agents.get(x.text.lower()) for x in reversed(agents.inside(left, head.i + 1))]
            for first, rest in coordinated_countries(doc, left, head.i, coded_at):
                # "the Kenyan and Tanzanian navies", "Ghanaian and Nigerian negotiators": each country qualifying the noun is a
                # party of its own; the first conjunct becomes a mention of its own, the noun keeps the last
                code = compose_code([coded_at[first]], roles)
                if code is not None:
                    # (a name mention already on the first conjunct, "Kenyan" tagged a proper noun, stands)
                    mentions[:] = [m for m in mentions if not (m.start <= first < m.end and m.kind == "name"
                                                               and m.end - m.start == 1)]
                    mentions.append(Mention(left, first + 1, "nominal", "organization", code,
                                            ("nominal", code, head.lemma_.lower())))
                    for i in range(left, first + 1):
                        used[i] = True
                    left = rest
            span = doc[left:head.i + 1]
            codes = [coded_at.get(i) for i in range(head.i, left - 1, -1) if i in coded_at]
            if not any(c and not c.startswith("---") for c in codes):
                # "the Khartoum government": a capital qualifying the noun names its country
                codes.extend(capital_country[i] for i in range(head.i - 1, left - 1, -1) if i in capital_country)
            if not any(c and not c.startswith("---") for c in codes):
                # "opposition groups in Zimbabwe", "representatives from Kenya": the country they are of
                codes.extend(country_after(head, coded_at, self.book, self.located_preps))
            if not any(c and not c.startswith("---") for c in codes):
                # "Its director general" after "The IAEA said ...": the organisation or country "its" refers to
                codes.extend(possessor_code(doc, head, mentions, int(self.settings["pronoun_max_sentences"])))
            code = compose_code(codes, roles)
            if code is None:
                continue
            kind_type = "organization" if head.lower_ in GROUP_AGENT_HEADS or head.tag_ in ("NNS", "NNPS") else "person"
            mentions.append(Mention(span.start, span.end, "nominal", kind_type, code,
                                    ("nominal", code, head.lemma_.lower())))
            for i in range(span.start, span.end):
                used[i] = True

        mentions.sort(key=lambda m: (m.start, -m.end))
        merge_title_appositions(doc, mentions)
        add_descriptions(doc, mentions, used, self.description_verbs)
        add_anaphors(doc, mentions, used, self.book)
        return self._resolve_and_write(doc, mentions)

    def _resolve_and_write(self, doc: Doc, mentions: list[Mention]) -> Doc:
        in_quote, sentence_of = resolve_person_pronouns(doc, mentions, int(self.settings["pronoun_max_sentences"]))
        if self.group_pronouns:
            resolve_group_pronouns(doc, mentions, in_quote, sentence_of, self.non_agentive_verbs,
                                   int(self.settings["group_pronoun_max_sentences"]))
        code_from_possessor(doc, mentions, self.book)
        return write_actors(doc, mentions, self.book, self.role_of, self.versions)


def coordinated_countries(doc: Doc, left: int, head: int, coded_at: dict[int, str]) -> list[tuple[int, int]]:
    """(first conjunct, start of the rest) for a noun qualified by coordinated country words ("the Kenyan and
    Tanzanian navies": Kenyan, Tanzanian): at most one split, when both conjuncts code different countries."""
    for i in range(left, head):
        first = doc[i]
        code = coded_at.get(i) or ""
        if not code or code.startswith("---"):
            continue
        cc = next((c for c in first.children if c.dep_ == "cc"), None)
        # the parser joins them as conjuncts, or leaves the second a sibling modifier after the "and"
        siblings = [c for c in doc[head].children if cc is not None and c.i > cc.i and c.dep_ in {"compound", "amod", "nmod"}]
        for other in [*first.conjuncts, *siblings]:
            other_code = coded_at.get(other.i) or ""
            if i < other.i < head and other_code and not other_code.startswith("---") and other_code[:3] != code[:3]:
                rest = other.left_edge.i if cc is None else max(other.left_edge.i, cc.i + 1)
                return [(i, rest)]
    return []


@Language.factory(
    "eventwire_actors",
    assigns=["doc._.actors", "doc._.versions"],
    requires=["doc._.article", "token.dep", "token.pos", "doc.ents", "token.lemma"],
    default_config={"settings": None},
)
def make_actors(nlp: Language, name: str, settings: dict[str, Any] | None) -> ActorsComponent:
    """``settings``: the ``[actors]`` table (e.g. from ``--settings FILE``) over the shipped defaults."""
    register_extensions()
    return ActorsComponent(nlp, name, component_settings("actors", settings))
