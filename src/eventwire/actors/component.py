"""spaCy component ``eventwire_actors``: dictionary and NER mentions, titles, metonymy, within-article
resolution; writes ``doc._.actors`` and ``doc.spans["actors"]`` (see :mod:`eventwire.actors`)."""

from __future__ import annotations

import bisect
import hashlib
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..nlp.extensions import register_extensions
from ..records import Actor
from ..records import Mention as ActorMention
from ..settings import component_settings
from ..words import word_set
from . import MENTION_KIND_METONYM, SPANS_KEY
from .coref import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    Mention,
    best_antecedent,
    gender_of_name,
    group_antecedent,
    pronoun_gender,
    quote_mask,
)
from .dictionary import ActorDictionary, ActorEntry, load_dictionary, token_forms_for
from .matcher import TokenSequenceMatcher

NER_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group"}
# lowercase words allowed inside a capitalised name ("Organization for Security and Cooperation in Europe")
NAME_FUNCTION_WORDS = word_set("actors", "name_function_words")
# tokens that may stand inside a title left of a name besides nouns/adjectives/proper nouns
TITLE_GLUE = word_set("actors", "title_glue")
# agent nouns naming a body rather than a person
GROUP_AGENT_HEADS = word_set("actors", "group_agent_heads")
MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case", "punct"})


def _stable_id(*parts: str) -> str:
    return "a_" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


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

    # ---- helpers --------------------------------------------------------------------------------------
    @staticmethod
    def _merge_title_appositions(doc: Doc, mentions: list[Mention]) -> None:
        """"Its director general, Rafael Grossi,": a person's name in apposition to a titled noun phrase is
        the same actor, coded from the title when the name has no code of its own."""
        nominal_at: dict[int, Mention] = {}
        for m in mentions:
            if m.kind == "nominal" and m.type == "person":
                nominal_at[doc[m.start:m.end].root.i] = m
        for m in mentions:
            if m.kind != "name" or m.type != "person":
                continue
            root = doc[m.start:m.end].root
            title = nominal_at.get(root.head.i) if root.dep_ == "appos" and root.head.i < root.i else None
            if title is None:
                continue
            if m.code is None or m.weak_code:
                m.code, m.weak_code = title.code, False
            title.key = m.key

    def _possessor_code(self, doc: Doc, head: Token, mentions: list[Mention]) -> list[str]:
        """The code of the organisation or country a possessive "its"/"their" on an agent noun refers to: the
        subject of a main clause shortly before (the topic a sentence-initial "Its" continues), else the
        nearest coded organisation or country before it."""
        pronoun = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if pronoun is None:
            return []
        first_sentence = max(0, _sentence_number(doc, pronoun) - int(self.settings["pronoun_max_sentences"]))
        candidates = [m for m in mentions if m.end <= pronoun.i and m.kind in ("name", "metonym")
                      and m.type in ("organization", "country", "group") and m.code and not m.code.startswith("---")
                      and _sentence_number(doc, doc[m.start]) >= first_sentence]
        if not candidates:
            return []
        subjects = [m for m in candidates if doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass")
                    and doc[m.start:m.end].root.head.dep_ == "ROOT"]
        chosen = max(subjects or candidates, key=lambda m: m.start)
        return [chosen.code] if chosen.code else []

    def _acting_dep(self, token: Token) -> bool:
        """A direct object is a government only as the object of an appeal or pressure to act ("urged Tehran
        to restore access"), not of a movement or attack ("visited Tehran")."""
        if token.dep_ != "dobj":
            return True
        verb = token.head
        # only with a complement that the object is to carry out ("urged Tehran to restore", "pressed Moscow to"):
        # a bare object may still be the place ("warned Kyiv residents", "criticized Beijing's plan")
        return verb.lemma_.lower() in self.object_verbs and any(
            c.dep_ in ("xcomp", "ccomp") and c.i > token.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children)

    def _entry_code(self, entry: ActorEntry, date: str | None) -> str | None:
        return entry.code_on(date)

    def _compose(self, codes: list[str | None], roles: list[str | None]) -> str | None:
        """Code from the coded actors and agent nouns of a title, nearest first: a full organisation code
        wins ("Kremlin spokesperson" -> RUSGOV), else country + role ("U.S. delegation" -> USAGOV), else
        the country, else ``---`` + role."""
        full = next((c for c in codes if c and len(c) > 3 and not c.startswith("---")), None)
        if full:
            return full
        country = next((c[:3] for c in codes if c and not c.startswith("---")), None)
        role = next((r[:3] for r in roles if r), None) or next((c[3:6] for c in codes if c and c.startswith("---")), None)
        if country and role:
            return country + role
        if country:
            return country
        if role:
            return "---" + role
        return None

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

    def _country_after(self, head: Token, coded_at: dict[int, str | None]) -> list[str]:
        """The country of a prepositional phrase "in/from COUNTRY" right of an agent noun, as a code list."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in self.located_preps:
                continue
            for obj in prep.children:
                country = self.book.country_of(coded_at.get(obj.i)) if obj.dep_ == "pobj" else None
                if country and len(coded_at.get(obj.i) or "") == len(country):
                    return [country]  # a country itself, not one of its organisations
        return []

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
        named = filter_spans(actor_spans)
        ents = self._voted_entities(doc)
        person_ents = [e for e in ents if e.label_ == "PERSON"]

        mentions: list[Mention] = []
        entry_of: dict[int, ActorEntry] = {}
        used = [False] * len(doc)
        place_spans: list[Span] = []

        def add(mention: Mention, entry: ActorEntry | None = None) -> None:
            mentions.append(mention)
            if entry is not None:
                entry_of[len(mentions) - 1] = entry

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
            if entry.type == "person" and any(
                e.start <= span.start and span.end <= e.end and (e.start, e.end) != (span.start, span.end)
                and e.text.lower() not in entry.names for e in person_ents
            ):
                continue
            if text in self.book.agents and span.start > 0 and (
                doc[span.start - 1].tag_ == "PRP$" or doc[span.start - 1].dep_ == "poss"
                or any(m.end == span.start and m.type == "country" for m in mentions)
            ):
                continue  # "his Security Council", "Russian Security Council": a national body, not the UN's
            code = self._entry_code(entry, date)
            name_start, name_end = span.start, span.end
            if span[0].lower_ == "the" and len(span) > 1:
                name_start += 1  # "the White House" is named "White House"
            if entry.type == "person":
                # "Russian President Vladimir Putin": the name is the PERSON entity inside the match
                inner = [e for e in person_ents if span.start <= e.start and e.end <= span.end]
                if inner:
                    name_start, name_end = inner[-1].start, inner[-1].end
            kind = "name"
            root = span.root
            if entry.type == "organization" and root.ent_type_ in ("FAC", "GPE", "LOC") and code and code[3:6] == "GOV" \
                    and root.dep_ in self.metonymy_deps and self._acting_dep(root):
                kind = MENTION_KIND_METONYM  # "the Kremlin said": a building acting as the government
            weak = entry.type == "person" and not entry.has_dated_code(date)
            add(Mention(span.start, span.end, kind, entry.type, code, ("entry", entry.key),
                        name_start=name_start, name_end=name_end, weak_code=weak), entry)
            for i in range(span.start, span.end):
                used[i] = True

        # 2. NER names not in the dictionary; an ORG around a country ("Russian Foreign Ministry") is coded
        for ent in ents:
            inside = [m for m in mentions if m.kind == "name" and m.start < ent.end and ent.start < m.end]
            if ent.label_ == "ORG":
                # "Russian Foreign Ministry" where NER took only "Foreign Ministry"
                before = [m for m in mentions if m.kind == "name" and m.type == "country" and m.end == ent.start]
                if before:
                    inside = before + inside
                    ent = doc[before[0].start:ent.end]
                    ent.label_ = "ORG"
            if inside:
                covered = sum(m.end - m.start for m in inside) + (1 if ent[0].lower_ == "the" else 0)
                if ent.label_ != "ORG" or covered >= len(ent) or not all(
                        ent.start <= m.start and m.end <= ent.end and m.type == "country" for m in inside):
                    continue  # the dictionary match stands; an ORG only adds when it has words of its own
                roles = [self.book.agents.get(a.text.lower()) for a in reversed(agent_spans)
                         if ent.start <= a.start and a.end <= ent.end]
                code = self._compose([m.code for m in reversed(inside)], roles)
                for m in inside:
                    mentions.remove(m)
            else:
                if any(p.start < ent.end and ent.start < p.end for p in place_spans):
                    continue
                code = None
                if ent.label_ in ("ORG", "NORP"):
                    # "Sunnis", "Shiite militia": a group noun the agent dictionary knows
                    roles = [self.book.agents.get(a.text.lower()) for a in reversed(agent_spans)
                             if ent.start <= a.start and a.end <= ent.end]
                    code = self._compose([], roles) if roles and any(roles) else None
            kind_type = NER_TYPES[ent.label_]
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if start >= ent.end:
                continue
            add(Mention(start, ent.end, "name", kind_type, code, ("name", kind_type, doc[start:ent.end].text.lower()),
                        name_start=start, name_end=ent.end))
            for i in range(start, ent.end):
                used[i] = True
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
            if any(p.start <= token.i < p.end for p in place_spans):
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
            titled = self._compose(codes, roles) if (codes or any(roles)) else None
            if titled and (m.code is None or m.weak_code):
                # "UN Secretary-General Antonio Guterres": the title of the day beats a stale default; a
                # title without a country keeps the person's ("President Hosni Mubarak": EGY + GOV)
                own = self.book.country_of(m.code) if m.weak_code else None
                if own and not any(c and not c.startswith("---") for c in codes):
                    titled = self._compose([own], roles)
                m.code = titled
            if m.code is None and seen_agents:
                m.code = titled
            if title_start < m.start and (seen_agents or codes):
                m.start = title_start
                title_tokens.update(range(title_start, m.name_start))
            # a role title that the dictionary also lists as an organisation ("Secretary of State") is
            # part of the person's title, not an actor of its own
            for other in mentions:
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

        for other in title_only:
            if other in mentions:
                mentions.remove(other)
        # a country adjective qualifying a noun ("Afghan team", "Russian troop buildup") codes that noun
        # phrase (coded_at) but is no actor mention of its own
        for m in list(mentions):
            if m.kind == "name" and m.type == "country" and m.end - m.start == 1 and doc[m.start].pos_ == "ADJ" \
                    and doc[m.start].dep_ == "amod":
                mentions.remove(m)

        # 4. metonymy: a capital or a government building as the subject of a verb is the government
        for span in place_spans:
            root = span.root
            subject = root if root.dep_ != "conj" else root.head
            if subject.dep_ == "pobj" and subject.head.dep_ == "agent":
                subject = subject.head  # "criticized by Moscow": the passive's agent acts
            if subject.dep_ not in self.metonymy_deps or not self._acting_dep(subject):
                continue
            verb = subject.head
            if subject.dep_ != "poss" and verb.lemma_.lower() in self.place_verbs:
                continue
            text = span.text.lower()
            country = self.book.capitals.get(text)
            if country is None:
                entry = self.book.names.get(text)
                country = entry.code_on(date) if entry else None
            if not country:
                continue
            code = country[:3] + "GOV"
            mentions.append(Mention(span.start, span.end, MENTION_KIND_METONYM, "organization", code,
                                    ("metonym", code, text), name_start=span.start, name_end=span.end))
            for i in range(span.start, span.end):
                used[i] = True

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
            if head.dep_ == "compound" and not (head.head.i in agent_at or used[head.head.i]):
                continue  # "troop buildup": the agent only modifies another noun
            if head.dep_ == "compound" and head.head.i > head.i and (used[head.head.i] or head.head.i in agent_at):
                continue  # "delegation leader Wendy Sherman", "police officer": the head noun decides
            # the noun phrase as the parser chunks it, else just the agent words
            left = min(a.start, chunk_start.get(head.i, a.start))
            span = doc[left:head.i + 1]
            codes = [coded_at.get(i) for i in range(head.i, left - 1, -1) if i in coded_at]
            roles = [self.book.agents.get(x.text.lower()) for x in reversed(agent_spans)
                     if left <= x.start and x.end <= head.i + 1]
            if not any(c and not c.startswith("---") for c in codes):
                # "the Khartoum government": a capital qualifying the noun names its country
                codes.extend(capital_country[i] for i in range(head.i - 1, left - 1, -1) if i in capital_country)
            if not any(c and not c.startswith("---") for c in codes):
                # "opposition groups in Zimbabwe", "representatives from Kenya": the country they are of
                codes.extend(self._country_after(head, coded_at))
            if not any(c and not c.startswith("---") for c in codes):
                # "Its director general" after "The IAEA said ...": the organisation or country "its" refers to
                codes.extend(self._possessor_code(doc, head, mentions))
            code = self._compose(codes, roles)
            if code is None:
                continue
            kind_type = "organization" if head.lower_ in GROUP_AGENT_HEADS or head.tag_ in ("NNS", "NNPS") else "person"
            mentions.append(Mention(span.start, span.end, "nominal", kind_type, code,
                                    ("nominal", code, head.lemma_.lower())))
            for i in range(span.start, span.end):
                used[i] = True

        mentions.sort(key=lambda m: (m.start, -m.end))
        self._merge_title_appositions(doc, mentions)
        self._descriptions(doc, mentions, used)
        self._anaphors(doc, mentions, used)
        return self._resolve_and_write(doc, mentions)

    def _descriptions(self, doc: Doc, mentions: list[Mention], used: list[bool]) -> None:
        """'The leader of the U.S. delegation' -> the person 'who led the U.S. delegation' (or who is in
        apposition to it); else a person of its own, coded from what it leads."""
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token.setdefault(i, m)
        # persons with a relative clause: (verb lemma, object head lemma) -> mention
        relcl: dict[tuple[str, str], Mention] = {}
        for m in mentions:
            if m.type != "person" or m.kind != "name":
                continue
            root = doc[m.name_start:m.name_end].root
            for child in root.children:
                if child.dep_ == "relcl":
                    for obj in child.children:
                        if obj.dep_ in ("dobj", "obj", "attr"):
                            relcl.setdefault((child.lemma_.lower(), obj.lemma_.lower()), m)
        new: list[Mention] = []
        for token in doc:
            verb = self.description_verbs.get(token.lower_)
            if verb is None or used[token.i] or token.pos_ != "NOUN":
                continue
            of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is None or obj.i not in by_token:
                continue
            target = by_token[obj.i]
            start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("det", "amod", "compound")])
            end = obj.right_edge.i + 1
            description = Mention(start, end, "nominal", "person", target.code,
                                  ("description", token.lower_, str(target.key)))
            linked = relcl.get((verb, obj.lemma_.lower()))
            if linked is None and token.dep_ == "appos" and token.head.i in by_token:
                candidate = by_token[token.head.i]
                linked = candidate if candidate.type == "person" else None
            if linked is not None:
                description.key = linked.key
                if linked.code is None:
                    linked.code = target.code
            new.append(description)
            for i in range(start, token.i + 1):
                used[i] = True
        mentions.extend(new)
        mentions.sort(key=lambda m: (m.start, -m.end))

    def _anaphors(self, doc: Doc, mentions: list[Mention], used: list[bool]) -> None:
        """'the alliance' / 'its' + generic noun -> the most recent organisation it can name."""
        new: list[Mention] = []
        for token in doc:
            anaphor = self.book.anaphors.get(token.lemma_.lower())
            if anaphor is None or used[token.i] or token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS"):
                continue
            dets = [c for c in token.lefts if c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its")]
            if not dets:
                continue
            chosen: Mention | None = None
            for m in mentions:
                if m.end > token.i or m.type not in ("organization", "group"):
                    continue
                name_words = set(doc[m.name_start:m.name_end].text.lower().split()) if m.name_start >= 0 else set()
                if (m.code and any(m.code.startswith(c) for c in anaphor.codes)) or (anaphor.name_words & name_words):
                    if chosen is None or m.start > chosen.start:
                        chosen = m
            if chosen is None:
                continue
            start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("det", "amod", "poss")])
            new.append(Mention(start, token.i + 1, "nominal", chosen.type, chosen.code, chosen.key))
            used[token.i] = True
        mentions.extend(new)
        mentions.sort(key=lambda m: (m.start, -m.end))

    def _resolve_and_write(self, doc: Doc, mentions: list[Mention]) -> Doc:
        in_quote = quote_mask(doc)
        sentence_of = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sentence_of[i] = number
        for m in mentions:
            m.in_quote = in_quote[m.start]
        # clusters by key, with later short person names joining earlier full ones ("Peskov")
        clusters: dict[tuple[str, ...], int] = {}
        person_last: dict[str, int] = {}
        cluster_gender: dict[int, str] = {}
        for m in mentions:
            if m.type == "person" and m.kind == "name" and m.key[0] == "name":
                words = doc[m.name_start:m.name_end].text.lower().replace("'s", "").split()
                if words and len(words) == 1 and words[-1] in person_last:
                    m.cluster = person_last[words[-1]]
                    continue
            if m.key not in clusters:
                clusters[m.key] = len(clusters)
            m.cluster = clusters[m.key]
            if m.type == "person" and m.kind == "name":
                words = doc[m.name_start:m.name_end].text.lower().replace("'s", "").split()
                if words:
                    person_last.setdefault(words[-1], m.cluster)
            if m.gender and m.type == "person":
                cluster_gender.setdefault(m.cluster, m.gender)
        # pronouns, in text order, so that a resolved "he" is itself an antecedent later
        covered = set()
        for m in mentions:
            covered.update(range(m.start, m.end))
        max_sentences = int(self.settings["pronoun_max_sentences"])
        ordered = False
        for token in doc:
            if token.lower_ not in PERSON_PRONOUNS or token.i in covered or in_quote[token.i]:
                continue
            antecedent = best_antecedent(doc, token.i, mentions, cluster_gender, max_sentences, sentence_of)
            if antecedent is None:
                continue
            gender = pronoun_gender(token.text)
            cluster_gender.setdefault(antecedent.cluster, gender)
            pronoun = Mention(token.i, token.i + 1, "pronoun", "person", antecedent.code, antecedent.key,
                              cluster=antecedent.cluster, gender=gender)
            ordered = _add_in_order(mentions, pronoun, ordered)
        if self.group_pronouns:
            self._resolve_group_pronouns(doc, mentions, in_quote, sentence_of)
        self._code_from_possessor(doc, mentions)
        return self._write(doc, mentions)

    def _resolve_group_pronouns(self, doc: Doc, mentions: list[Mention], in_quote: list[bool],
                                sentence_of: list[int]) -> None:
        """'NATO said it would ...', 'Russian officials said they ...': it/its/they/their to an organisation,
        country or group, where :func:`group_antecedent` is sure."""
        covered: set[int] = set()
        for m in mentions:
            covered.update(range(m.start, m.end))
        max_sentences = int(self.settings["group_pronoun_max_sentences"])
        ordered = False
        for token in doc:
            if token.lower_ not in GROUP_PRONOUNS or token.i in covered or in_quote[token.i]:
                continue
            antecedent = group_antecedent(doc, token.i, mentions, sentence_of, covered, self.non_agentive_verbs,
                                          max_sentences)
            if antecedent is None:
                continue
            ordered = _add_in_order(mentions, Mention(token.i, token.i + 1, "pronoun", antecedent.type, antecedent.code,
                                                      antecedent.key, cluster=antecedent.cluster), ordered)
            covered.add(token.i)

    def _code_from_possessor(self, doc: Doc, mentions: list[Mention]) -> None:
        """An agent noun without a country takes its possessor's ("his Security Council" after Putin ->
        RUSGOV, "Russia's troops" -> RUSMIL): a national body, not an international one."""
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                if i not in by_token or m.end - m.start < by_token[i].end - by_token[i].start:
                    by_token[i] = m
        for m in mentions:
            if m.kind == "pronoun" or not m.code or not m.code.startswith("---"):
                continue
            head = doc[m.start:m.end].root
            for child in head.children:
                owner = by_token.get(child.i) if child.dep_ == "poss" else None
                country = self.book.country_of(owner.code) if owner is not None and owner is not m else None
                if country:
                    m.code = country + m.code[3:]
                    break

    def _write(self, doc: Doc, mentions: list[Mention]) -> Doc:
        by_cluster: dict[int, list[Mention]] = {}
        for m in mentions:
            by_cluster.setdefault(m.cluster, []).append(m)
        actors: list[Actor] = []
        spans: list[Span] = []
        seen_ids: set[str] = set()
        for cluster in sorted(by_cluster, key=lambda c: min(m.start for m in by_cluster[c])):
            group = sorted(by_cluster[cluster], key=lambda m: (m.start, m.end))
            names = [m for m in group if m.kind in ("name", MENTION_KIND_METONYM)]
            code = next((m.code for m in names if m.code), None) or next((m.code for m in group if m.code), None)
            kinds = [m.type for m in (names or group)]
            # the most frequent type, ties broken by first occurrence (deterministic across processes)
            actor_type = max(kinds, key=lambda k: (kinds.count(k), -kinds.index(k))) if kinds else "organization"
            if names:
                best = max(names, key=lambda m: (m.name_end - m.name_start, -m.start))
                name = doc[best.name_start:best.name_end].text
            else:
                name = doc[group[0].start:group[0].end].text
            actor_id = _stable_id(actor_type, name.lower(), code or "")
            if actor_id in seen_ids:
                actor_id = _stable_id(actor_type, name.lower(), code or "", str(doc[group[0].start].idx))
            seen_ids.add(actor_id)
            actors.append(Actor(
                id=actor_id,
                name=name,
                code=code,
                country=self.book.country_of(code),
                role=self.role_of(code),
                type=actor_type,
                mentions=[
                    ActorMention(start=doc[m.start].idx, end=doc[m.end - 1].idx + len(doc[m.end - 1].text),
                                 text=doc[m.start:m.end].text, kind=m.kind)
                    for m in group
                ],
            ))
            for m in group:
                spans.append(Span(doc, m.start, m.end, label=code or "", kb_id=actor_id))
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        doc._.actors = actors
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc


def _mention_order(m: Mention) -> tuple[int, int]:
    return (m.start, -m.end)


def _add_in_order(mentions: list[Mention], mention: Mention, ordered: bool) -> bool:
    """Append ``mention`` and keep text order: a full sort the first time (the list may come unordered),
    then bisect.insort, which places it after equal keys as the stable sort did; sorting the whole list per
    pronoun made long articles quadratic. Returns True (the list is ordered now)."""
    if ordered:
        bisect.insort(mentions, mention, key=_mention_order)
    else:
        mentions.append(mention)
        mentions.sort(key=_mention_order)
    return True


# sentence starts of the last Doc asked about: recounting doc.sents per pronoun made long articles quadratic
_SENTENCE_STARTS: tuple[Doc | None, list[int]] = (None, [])


def _sentence_number(doc: Doc, token: Token) -> int:
    """The index of the sentence holding ``token``."""
    global _SENTENCE_STARTS
    if _SENTENCE_STARTS[0] is not doc:
        _SENTENCE_STARTS = (doc, [sent.start for sent in doc.sents])
    return bisect.bisect_right(_SENTENCE_STARTS[1], token.i) - 1


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
