"""The structure of a markdown body: headings with their anchors, block starts, code ranges.

markdown-it-py (CommonMark plus GFM tables) parses the body only to *find structure*: which lines
are headings (so a ``# comment`` inside a fenced block is never taken for one), where each block
starts, and which line ranges are fenced or indented code. Line numbers are those of the body
after :func:`normalise_newlines`, so callers can slice its lines.

Anchors follow GitHub's slugger (lowercase, punctuation dropped, spaces to hyphens, ``-1``, ``-2``
for repeats) unless a heading carries an explicit Hugo/Pandoc id (``## Title {#my-id}``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_md = MarkdownIt("commonmark").enable("table")

_HEADING_ID = re.compile(r"\s*\{#([^}\s]+)[^}]*\}\s*$")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str
    start: int  # first line of the heading
    end: int  # line after the heading (setext headings take two lines)


@dataclass(slots=True)
class Structure:
    lines: list[str]
    headings: list[Heading]
    top_starts: set[int]  # lines where a top-level block starts
    nested_starts: set[int]  # lines where any nested block starts
    protected: list[tuple[int, int]]  # [start, end) of fenced / indented code blocks


def normalise_newlines(text: str) -> str:
    """CRLF/CR to LF and NUL to U+FFFD, as markdown-it does, so line numbers agree."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def github_slug(text: str) -> str:
    """GitHub's heading anchor for ``text`` (without the duplicate suffix)."""
    kept = []
    for ch in text.lower():
        if ch in " -_" or unicodedata.category(ch)[0] in "LNM":
            kept.append(ch)
    return "".join(kept).replace(" ", "-")


def _inline_text(token: Token | None) -> str:
    if token is None or not token.children:
        return token.content if token is not None else ""
    parts = []
    for child in token.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child))
    return "".join(parts)


def parse_structure(body: str) -> Structure:
    lines = body.split("\n")
    tokens = _md.parse(body)
    headings: list[Heading] = []
    top_starts: set[int] = set()
    nested_starts: set[int] = set()
    protected: list[tuple[int, int]] = []
    seen: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.map is None or token.type == "inline" or token.nesting == -1:
            continue
        start, end = token.map
        if token.level == 0:
            top_starts.add(start)
        else:
            nested_starts.add(start)
        if token.type in ("fence", "code_block"):
            protected.append((start, end))
        if token.type == "heading_open" and token.level == 0:
            raw = _inline_text(tokens[i + 1] if i + 1 < len(tokens) else None)
            custom = _HEADING_ID.search(raw)
            text = _HEADING_ID.sub("", raw).strip() if custom else raw.strip()
            text = " ".join(text.split())
            if custom:
                anchor = custom.group(1)
            else:
                slug = github_slug(text)
                count = seen.get(slug, 0)
                anchor = slug if count == 0 else f"{slug}-{count}"
                seen[slug] = count + 1
                if count:
                    seen.setdefault(anchor, 1)
            headings.append(Heading(int(token.tag[1]), text, anchor, start, end))
    return Structure(lines, headings, top_starts, nested_starts, protected)


def first_heading(body: str, level: int = 1) -> str:
    """The text of the first heading of ``level`` (outside code), or ``""``."""
    for heading in parse_structure(normalise_newlines(body)).headings:
        if heading.level == level:
            return heading.text
    return ""
