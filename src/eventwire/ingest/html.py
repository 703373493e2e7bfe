"""HTML pages nested deeper than libxml2 will go.

libxml2 stops building the tree at depth 256 (2,048 with ``huge_tree``) and drops what lies below, so
a page of 3,000 nested ``<div>`` had "no article text". When trafilatura finds no text in a page that
nests that deep, the page is written again with the tags below ``input.html_flatten_depth`` left out and
their text kept (Python's own tokenizer, html.parser, has no depth limit), and read once more.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Any

import lxml.html
from lxml import etree

# elements that never hold children: they do not open a level
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def tree_depth(root: etree._Element) -> int:
    depth = {root: 0}
    deepest = 0
    for element in root.iter():
        parent = element.getparent()
        level = depth[parent] + 1 if parent is not None else 0
        depth[element] = level
        deepest = max(deepest, level)
    return deepest


class _Flattener(HTMLParser):
    """Writes the page back with every tag deeper than ``limit`` left out (text and entities kept)."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=True)
        self.limit, self.open, self.out = limit, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if len(self.open) < self.limit:
                self.out.append(self.get_starttag_text() or "")
            return
        self.open.append(tag)
        if len(self.open) <= self.limit:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.open) < self.limit:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:  # close up to the matching tag, as browsers do with misnested markup
            depth = len(self.open)
            name = self.open.pop()
            if depth <= self.limit:
                self.out.append(f"</{name}>")
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def flatten_if_deep(page: str, settings: dict[str, Any]) -> str | None:
    """The page with tags below ``input.html_flatten_depth`` left out when it nests that deep, else None.
    Only called for a page trafilatura found no text in, so ordinary pages are read exactly as before."""
    try:
        tree = lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return None
    limit = settings["input"]["html_flatten_depth"]
    if tree_depth(tree) < limit:
        return None
    flattener = _Flattener(limit)
    flattener.feed(page)
    flattener.close()
    return "".join(flattener.out)
