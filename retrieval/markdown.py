"""Markdown to chunks: split by headings, never inside fenced code, capped by model tokens.

Parsing only finds the structure (headings, blocks, code: :mod:`retrieval.structure`), and
cutting a range under a token budget is :mod:`retrieval.splitter`'s; this module groups sections
into chunks, merges tiny ones and adds breadcrumbs. The chunks themselves are slices of the
original lines, so a chunk shows exactly what the author wrote.

Rules, in order:

1. **Units by H1/H2.** A document's sections are grouped into units at every heading of level
   1 or 2 (a document's single top H1 is its title, not a unit). A document whose shallowest
   section heading is deeper (only H3s, say) uses that level instead. Text before the first
   section heading is a unit of its own (the document's introduction).
2. **H3 only for long units.** A unit that fits the token cap is one chunk, H3 subsections
   included. A longer unit is split at its next heading level, and each piece keeps its own
   breadcrumb (``Runbook > Diagnosis > Server side``).
3. **Token cap.** A piece still over the cap is split between top-level blocks, then between
   nested blocks (list items), then between lines, never inside fenced or indented code. A single
   code block longer than the cap is cut between lines and each part is re-fenced with the original
   fence line, so every chunk still holds balanced, complete fences. A single line longer than the
   cap is cut between words (and a monster word between characters).
4. **Tiny sections merge.** A chunk with fewer than ``min_tokens`` tokens of content is merged into
   the previous chunk of the document (or, for the first, into the next) when the result fits the
   cap. The merged chunk keeps the heading lines of what it absorbed and lists every section it
   covers.
5. **Breadcrumbs.** Every chunk starts with its breadcrumb line, ``Title > Section > Sub``,
   so a chunk read (or embedded) alone still says what it is about.

The cap counts the model's own tokens (:mod:`retrieval.tokens`) with ``[CLS]``/``[SEP]``, for the
full chunk text including its breadcrumb: 128 by default (the length all-MiniLM-L6-v2 was trained
on; it truncates at 256), so a chunk never loses its tail in the embedding. WordPiece splits on
whitespace first, so the token count of lines joined by newlines is the sum of the lines' counts;
the splitter relies on that and then verifies every final chunk with a real count.

Text cleaning for the model (:func:`clean_for_embedding`) is here too: it shapes each chunk's
``embed_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.models import Chunk, Section
from retrieval.splitter import Splitter, split_words
from retrieval.structure import Heading, normalise_newlines, parse_structure
from retrieval.tokens import DEFAULT_CHUNK_TOKENS, SPECIAL_TOKENS, TokenCounter

DEFAULT_MIN_TOKENS = 40
"""Chunks with less content than this (model tokens, breadcrumb excluded) are merged."""

BREADCRUMB_SEPARATOR = " > "
_MAX_BREADCRUMB_SHARE = 4  # a breadcrumb may use at most cap // 4 tokens


@dataclass(slots=True)
class _Piece:
    """A provisional chunk before tiny-merging."""

    path: tuple[str, ...]
    sections: list[Section]
    lead: str  # raw heading line(s) that open this piece, "" for a continuation
    content: str
    tokens: int  # content tokens (no breadcrumb, no specials)
    extra: list[Section] = field(default_factory=list)


# --------------------------------------------------------------------------- text cleaning

_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.S)
_EMPHASIS = re.compile(r"(\*\*|__|~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_SPACES = re.compile(r"[ \t]+")
_BLANKS = re.compile(r"\n{3,}")


def clean_for_embedding(text: str) -> str:
    """Markdown with the noise a sentence model gains nothing from taken out.

    Link targets, HTML tags and comments, Hugo shortcodes, emphasis markers, table rule rows and
    heading hashes cost tokens and carry no meaning for the model; the words stay.
    """
    text = _HTML_COMMENT.sub(" ", text)
    text = _SHORTCODE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _ATX.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


# --------------------------------------------------------------------------- chunking


def chunk_markdown(
    body: str,
    *,
    doc_id: str,
    title: str,
    counter: TokenCounter,
    max_tokens: int = DEFAULT_CHUNK_TOKENS,
    min_tokens: int = DEFAULT_MIN_TOKENS,
) -> list[Chunk]:
    """Split a markdown body (front matter already removed) into breadcrumbed chunks.

    ``title`` names the document in breadcrumbs when it has no single H1 of its own.
    Every returned chunk's ``text`` counts at most ``max_tokens`` model tokens with specials.
    """
    if max_tokens < 32:
        raise ValueError("max_tokens must be at least 32")
    structure = parse_structure(normalise_newlines(body))
    lines = structure.lines
    headings = structure.headings
    h1s = [h for h in headings if h.level == 1]
    title_heading = None
    if len(h1s) == 1 and h1s[0] is headings[0] and not "".join(lines[: h1s[0].start]).strip():
        title_heading = h1s[0]  # a lone H1 at the top names the document
    root = title_heading.text if title_heading and title_heading.text else title
    root = root or doc_id
    sectional = [h for h in headings if h is not title_heading]
    unit_level = max(2, min((h.level for h in sectional), default=2))
    splitter = Splitter(structure, counter)

    # Heading paths (below the root) for every sectional heading.
    paths: dict[int, tuple[str, ...]] = {}
    stack: list[Heading] = []
    for h in sectional:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
        paths[h.start] = tuple(x.text for x in stack)

    # Units: (heading or None, first content line, end line).
    unit_heads = [h for h in sectional if h.level <= unit_level]
    first_line = title_heading.end if title_heading else 0
    units: list[tuple[Heading | None, int, int]] = []
    intro_end = unit_heads[0].start if unit_heads else len(lines)
    units.append((title_heading, first_line, intro_end))
    for i, h in enumerate(unit_heads):
        end = unit_heads[i + 1].start if i + 1 < len(unit_heads) else len(lines)
        units.append((h, h.end, end))

    cap = max_tokens - SPECIAL_TOKENS
    pieces: list[_Piece] = []
    crumb_cache: dict[tuple[str, ...], tuple[tuple[str, ...], int]] = {}

    def crumb(path: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
        if path not in crumb_cache:
            crumb_cache[path] = _fit_breadcrumb(path, cap // _MAX_BREADCRUMB_SHARE, counter)
        return crumb_cache[path]

    def emit(head: Heading | None, lo: int, hi: int, lead: str) -> None:
        if head is None or head is title_heading:
            path: tuple[str, ...] = (root,)
            section = Section(root, head.anchor if head else "")
        else:
            path = (root, *paths[head.start])
            section = Section(head.text, head.anchor)
        fitted, crumb_tokens = crumb(path)
        inner = [
            h
            for h in sectional
            if lo <= h.start < hi and (head is None or head is title_heading or h.level > head.level)
        ]
        for n, (text, tokens) in enumerate(splitter.split(lo, hi, cap - crumb_tokens)):
            nested = [Section(h.text, h.anchor) for h in inner if splitter.text(h.start, h.end) in text]
            pieces.append(_Piece(fitted, [section], lead if n == 0 else "", text, tokens, nested))

    for head, lo, hi in units:
        intro = head is None or head is title_heading
        lead = "" if intro or head is None else splitter.text(head.start, head.end)
        _, crumb_tokens = crumb((root,) if intro or head is None else (root, *paths[head.start]))
        inside = [h for h in sectional if lo <= h.start < hi]
        if splitter.tokens(lo, hi) <= cap - crumb_tokens or not inside:
            emit(head, lo, hi, lead)
            continue
        sub_level = min(h.level for h in inside)
        subs = [h for h in inside if h.level == sub_level]
        emit(head, lo, subs[0].start, lead)
        for i, sub in enumerate(subs):
            end = subs[i + 1].start if i + 1 < len(subs) else hi
            emit(sub, sub.end, end, splitter.text(sub.start, sub.end))

    merged = _merge_tiny(pieces, cap, min_tokens, counter)
    return _finalise(merged, doc_id, cap, counter)


def _fit_breadcrumb(path: tuple[str, ...], limit: int, counter: TokenCounter) -> tuple[tuple[str, ...], int]:
    """The breadcrumb path, shortened if it would use more than ``limit`` tokens.

    Returns the (possibly shortened) path and the tokens the breadcrumb line plus its blank-line
    separator use.
    """
    path = tuple(p or "(untitled)" for p in path)
    counts = counter([BREADCRUMB_SEPARATOR.join(path)])
    if counts[0] <= limit:
        return path, counts[0]
    share = max(1, limit // len(path) - 1)
    fitted = tuple(split_words(p, share, counter)[0][0] for p in path)
    total = counter([BREADCRUMB_SEPARATOR.join(fitted)])[0]
    while total > limit and len(fitted) > 1:
        fitted = (fitted[0], *fitted[2:]) if len(fitted) > 2 else (fitted[0],)
        total = counter([BREADCRUMB_SEPARATOR.join(fitted)])[0]
    return fitted, total


def _merge_tiny(pieces: list[_Piece], cap: int, min_tokens: int, counter: TokenCounter) -> list[_Piece]:
    out: list[_Piece] = []
    crumb_tokens: dict[tuple[str, ...], int] = {}

    def crumb_of(piece: _Piece) -> int:
        if piece.path not in crumb_tokens:
            crumb_tokens[piece.path] = counter([BREADCRUMB_SEPARATOR.join(piece.path)])[0]
        return crumb_tokens[piece.path]

    for piece in pieces:
        if out:
            prev = out[-1]
            if prev.tokens < min_tokens or piece.tokens < min_tokens:
                lead_tokens = counter([piece.lead])[0] if piece.lead else 0
                combined = prev.tokens + lead_tokens + piece.tokens
                if combined + crumb_of(prev) <= cap:
                    joined = [prev.content, piece.lead, piece.content]
                    prev.content = "\n\n".join(p for p in joined if p)
                    prev.tokens = combined
                    for section in [*piece.sections, *piece.extra]:
                        if section not in prev.sections and section not in prev.extra:
                            prev.extra.append(section)
                    continue
        out.append(piece)
    return out


def _finalise(pieces: list[_Piece], doc_id: str, cap: int, counter: TokenCounter) -> list[Chunk]:
    chunks: list[Chunk] = []
    pieces = [p for p in pieces if p.content.strip()]
    fulls = [f"{BREADCRUMB_SEPARATOR.join(p.path)}\n\n{p.content}" for p in pieces]
    totals = counter(fulls)  # one batch call per document
    for piece, total in zip(pieces, totals, strict=True):
        breadcrumb = BREADCRUMB_SEPARATOR.join(piece.path)
        parts = [(piece.content, total)] if total <= cap else _verified(breadcrumb, piece.content, cap, counter)
        for content, tokens in parts:
            chunks.append(
                Chunk(
                    doc_id=doc_id,
                    ordinal=len(chunks),
                    heading_path=piece.path,
                    sections=tuple([*piece.sections, *piece.extra]),
                    text=f"{breadcrumb}\n\n{content}",
                    embed_text=f"{breadcrumb}\n\n{clean_for_embedding(content)}",
                    tokens=tokens + SPECIAL_TOKENS,
                )
            )
    return chunks


def _verified(breadcrumb: str, content: str, cap: int, counter: TokenCounter) -> list[tuple[str, int]]:
    """``content`` as parts whose full chunk text really fits ``cap``, with their counts.

    The splitter's sums are exact for WordPiece; this guards against any normaliser effect that
    would make a joined text count more than its parts, by cutting again with a smaller budget.
    """
    total = counter([f"{breadcrumb}\n\n{content}"])[0]
    over = total - cap
    if over <= 0:
        return [(content, total)]
    budget = cap - counter([breadcrumb])[0] - over
    out: list[tuple[str, int]] = []
    for part, _ in split_words(content, max(8, budget), counter):
        if part == content:
            out.append((part, total))
        else:
            out.extend(_verified(breadcrumb, part, cap, counter))
    return out
