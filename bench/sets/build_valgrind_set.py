#!/usr/bin/env python3
"""Split the Valgrind HTML manual (as installed by Debian) into one markdown
document per section.

Reads  /usr/share/doc/valgrind/html/*.html   (override with --html-dir)
Writes valgrind-errors/docs/<collection>/<slug>.md next to this script (override with --out)

Standard library only (Python 3.11).

Splitting rules
---------------
* Chapter files (mc-manual.html, hg-manual.html, ...): every DocBook section
  (div.sect1, div.sect2, div.sect3) becomes one document holding the text of
  that section up to its first sub-section; each sub-section is its own
  document.  Chapter text that stands before the first section (if any) is a
  document titled with the chapter heading.
* faq.html: every numbered question becomes one document (title = question,
  body = rest of the question, e.g. the quoted message, plus the answer).
* dist.readme*.html / dist.authors.html (plain-text README files wrapped in
  HTML): one document per file; their "~~~"/"===" underlined titles become
  "##" sub-headings.
* Not used: the table-of-contents pages (index.html, manual.html, FAQ.html,
  QuickStart.html, tech-docs.html, dist.html, licenses.html), the release
  notes (dist.news.html, dist.news.old.html) and the licence texts
  (license.gpl.html, license.gfdl.html).
* A section whose own text is empty (only a heading directly followed by
  its sub-sections) yields no document.

The numbering that DocBook puts in front of headings ("4.2.1. ") is removed
from titles; everything else in the heading is kept as printed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

HTML_DIR = Path("/usr/share/doc/valgrind/html")
OUT_DIR = Path(__file__).resolve().parent / "valgrind-errors" / "docs"

# file name -> collection (first component of the document id)
CHAPTERS = {
    "quick-start.html": "quickstart",
    "manual-intro.html": "intro",
    "manual-core.html": "core",
    "manual-core-adv.html": "core",
    "mc-manual.html": "memcheck",
    "cg-manual.html": "cachegrind",
    "cl-manual.html": "callgrind",
    "cl-format.html": "callgrind",
    "hg-manual.html": "helgrind",
    "drd-manual.html": "drd",
    "ms-manual.html": "massif",
    "dh-manual.html": "dhat",
    "lk-manual.html": "lackey",
    "nl-manual.html": "nulgrind",
    "bbv-manual.html": "bbv",
    "manual-writing-tools.html": "writing-tools",
    "design-impl.html": "tech",
}
FAQ_FILE = "faq.html"
DIST_PREFIX = "dist."
DIST_EXCLUDE = {"dist.html", "dist.news.html", "dist.news.old.html"}

VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "param", "wbr"}
BLOCK_TAGS = {
    "p",
    "div",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
}
SECTION_CLASSES = {"sect1", "sect2", "sect3", "sect4", "sect5", "section"}
ADMONITIONS = {"note", "warning", "tip", "important", "caution"}
BR = "\x00BR\x00"  # hard line break marker inside inline text


# --------------------------------------------------------------------------
# A tiny DOM built with html.parser
# --------------------------------------------------------------------------
class Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict | None = None, parent=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children: list = []
        self.parent = parent

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for ch in self.children:
            if isinstance(ch, Node):
                yield from ch.iter()

    def text(self) -> str:
        out = []
        for ch in self.children:
            if isinstance(ch, str):
                out.append(ch)
            elif ch.tag == "br":
                out.append("\n")
            else:
                out.append(ch.text())
        return "".join(out)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID_TAGS:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: (v or "") for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(path: Path) -> Node:
    tb = TreeBuilder()
    tb.feed(path.read_text(encoding="utf-8", errors="replace"))
    tb.close()
    return tb.root


# --------------------------------------------------------------------------
# HTML -> markdown
# --------------------------------------------------------------------------
def has_block(node: Node) -> bool:
    return any(isinstance(d, Node) and d is not node and d.tag in BLOCK_TAGS for d in node.iter())


def code_span(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def wrap(marker: str, inner: str) -> str:
    if not inner.strip():
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{marker}{inner.strip()}{marker}{trail}"


def inline(node) -> str:
    if isinstance(node, str):
        return node
    tag = node.tag
    if tag in ("script", "style", "img", "head", "title"):
        return ""
    if tag == "br":
        return BR
    if tag in ("code", "tt", "kbd", "samp"):
        raw = node.text()
        span = code_span(raw)
        if not span:
            return raw
        lead = " " if raw[:1].isspace() else ""
        trail = " " if raw[-1:].isspace() else ""
        return f"{lead}{span}{trail}"
    inner = "".join(inline(c) for c in node.children)
    if tag in ("em", "i", "cite") or (tag == "span" and "emphasis" in node.classes):
        return wrap("*", inner)
    if tag in ("b", "strong"):
        return wrap("**", inner)
    if tag == "a":
        href = node.attrs.get("href", "")
        if re.match(r"(https?|ftp)://", href) and inner.strip() and inner.strip() != href:
            return f"[{inner.strip()}]({href})"
        return inner
    return inner


def norm_inline(s: str) -> str:
    s = re.sub(r"\s+", " ", s)
    s = s.replace(BR, "\n")
    s = re.sub(r" *\n *", "\n", s)
    return s.strip()


def indent(text: str, prefix: str, first: str) -> str:
    lines = text.split("\n")
    out = [first + lines[0]]
    for ln in lines[1:]:
        out.append(prefix + ln if ln.strip() else "")
    return "\n".join(out)


def fenced(text: str) -> str:
    text = text.replace("\r", "").replace("\xa0", " ")
    text = text.strip("\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    body = "\n".join(lines)
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}\n{body}\n{fence}"


def literal_layout(node: Node) -> list[str]:
    """Plain-text README wrapped in <div class="literallayout"><p>..<br>..</p>."""

    def collect(n) -> str:
        parts = []
        for ch in n.children:
            if isinstance(ch, str):
                parts.append(ch)
            elif ch.tag == "br":
                parts.append(BR)
            else:
                parts.append(collect(ch))
        return "".join(parts)

    # every line ends in <br>; the newline after it in the HTML source is
    # only formatting
    raw = collect(node).replace("\r", "").replace("\n", "").replace(BR, "\n")
    raw = raw.replace("\xa0", " ")
    lines = [ln.rstrip() for ln in raw.split("\n")]
    # text files indent nothing; the HTML adds leading spaces to the first lines only
    out: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (
            ln.strip()
            and not ln[:1].isspace()
            and "   " not in ln.strip()
            and re.fullmatch(r"\s*([~=\-])\1{2,}\s*", nxt or "")
            and len(nxt.strip()) >= max(3, len(ln.strip()) // 2)
        ):
            out.extend(["", "## " + ln.strip(), ""])
            i += 2
            continue
        if re.fullmatch(r"\s*([~=\-])\1{2,}\s*", ln):
            out.append("")  # stray rule line
            i += 1
            continue
        out.append(ln)
        i += 1
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    # Lines indented by 4+ spaces would be markdown code blocks anyway;
    # leave them.  Paragraphs are separated by blank lines as in the file.
    return [text] if text.strip() else []


class MD:
    """Converts a list of nodes (a section's own content) to markdown blocks."""

    def __init__(self):
        self.blocks: list[str] = []

    # -- helpers -------------------------------------------------------
    def flush(self, buf: list[str], out: list[str]):
        text = norm_inline("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def children(self, node: Node, out: list[str]):
        buf: list[str] = []
        for ch in node.children:
            if isinstance(ch, str):
                buf.append(ch)
            elif ch.tag in BLOCK_TAGS or (ch.tag not in ("code", "tt") and has_block(ch)):
                self.flush(buf, out)
                self.block(ch, out)
            else:
                buf.append(inline(ch))
        self.flush(buf, out)

    # -- block elements --------------------------------------------------
    def block(self, node: Node, out: list[str]):
        tag, cls = node.tag, node.classes
        if tag in ("script", "style", "img", "hr"):
            return
        if tag == "div":
            if cls & {"toc", "titlepage", "navheader", "navfooter"}:
                return
            if "literallayout" in cls:
                out.extend(literal_layout(node))
                return
            if cls & ADMONITIONS:
                self.admonition(node, out)
                return
            self.children(node, out)
            return
        if tag == "pre":
            out.append(fenced(node.text()))
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            t = norm_inline(inline(node)).replace("\n", " ")
            if t:
                out.append("## " + t)
            return
        if tag in ("ul", "ol"):
            n = 0
            for li in node.children:
                if not isinstance(li, Node) or li.tag != "li":
                    continue
                n += 1
                sub: list[str] = []
                self.children(li, sub)
                if not sub:
                    continue
                marker = "- " if tag == "ul" else f"{n}. "
                text = "\n\n".join(sub)
                out.append(indent(text, " " * len(marker), marker))
            return
        if tag == "dl":
            for ch in node.children:
                if not isinstance(ch, Node):
                    continue
                if ch.tag == "dt":
                    t = norm_inline(inline(ch)).replace("\n", " ")
                    if t:
                        out.append(t if "**" in t else wrap("**", t))
                elif ch.tag == "dd":
                    self.children(ch, out)
            return
        if tag == "table":
            if "nav" in cls:
                return
            for tr in node.iter():
                if tr.tag != "tr":
                    continue
                cells = []
                for td in tr.children:
                    if isinstance(td, Node) and td.tag in ("td", "th"):
                        sub: list[str] = []
                        self.children(td, sub)
                        cells.append(" ".join(s.replace("\n", " ") for s in sub))
                if any(c.strip() for c in cells):
                    out.append(" | ".join(cells))
            return
        if tag == "blockquote":
            sub: list[str] = []
            self.children(node, sub)
            if sub:
                out.append(indent("\n\n".join(sub), "> ", "> ").replace("\n\n", "\n>\n"))
            return
        # p, li, dd, td and anything else: a container
        self.children(node, out)

    def admonition(self, node: Node, out: list[str]):
        title = ""
        sub: list[str] = []
        for d in node.iter():
            if d is not node and d.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                title = norm_inline(inline(d)).replace("\n", " ")
                d.children = []  # do not repeat it in the body
                break
        self.children(node, sub)
        sub = [s for s in sub if s != "## "]
        if title:
            out.append("## " + title)
        out.extend(sub)


def nodes_to_markdown(nodes: list) -> str:
    md = MD()
    holder = Node("#frag")
    holder.children = list(nodes)
    out: list[str] = []
    md.children(holder, out)
    text = "\n\n".join(b for b in out if b.strip())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------
SKIPPED: list[str] = []  # sections with no text of their own
NUM_RE = re.compile(r"^\s*(?:[A-Z]\.|\d+\.)(?:\d+\.)*\s+")


def clean_title(raw: str) -> str:
    t = re.sub(r"\s+", " ", raw).strip()
    return NUM_RE.sub("", t).strip()


def slugify(title: str, maxlen: int = 60) -> str:
    s = title.lower()
    s = s.replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > maxlen:
        cut = s[:maxlen]
        if "-" in cut and s[maxlen] != "-":
            cut = cut[: cut.rfind("-")]
        s = cut.strip("-")
    return s or "section"


def heading_of(container: Node) -> str:
    for ch in container.children:
        if isinstance(ch, Node) and ch.tag == "div" and "titlepage" in ch.classes:
            for d in ch.iter():
                if d.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    return clean_title(d.text())
    return ""


def is_section(n) -> bool:
    return isinstance(n, Node) and n.tag == "div" and bool(n.classes & SECTION_CLASSES)


def own_content(container: Node) -> list:
    out = []
    for ch in container.children:
        if isinstance(ch, Node):
            if is_section(ch):
                continue
            if ch.tag == "div" and ch.classes & {"titlepage", "toc"}:
                continue
        out.append(ch)
    return out


def walk_sections(container: Node, source: str, records: list, chain: list[str]):
    """Emit container's own text, then recurse into its sub-sections."""
    title = heading_of(container)
    body = nodes_to_markdown(own_content(container))
    anchor = ""
    for d in container.iter():
        if d.tag == "a" and d.attrs.get("name"):
            anchor = d.attrs["name"]
            break
    if body:
        records.append({"title": title, "body": body, "source": source, "anchor": anchor, "chain": [*chain, title]})
    else:
        SKIPPED.append(f"{source}#{anchor}\t{title}")
    for ch in container.children:
        if is_section(ch):
            walk_sections(ch, source, records, [*chain, title])


def chapter_records(root: Node, source: str) -> list[dict]:
    top = None
    for d in root.iter():
        if d.tag == "div" and d.classes & {"chapter", "article", "appendix", "preface"}:
            top = d
            break
    if top is None:
        raise SystemExit(f"{source}: no chapter/article div found")
    records: list[dict] = []
    walk_sections(top, source, records, [])
    return records


def faq_records(root: Node, source: str) -> list[dict]:
    records = []
    rows = [n for n in root.iter() if n.tag == "tr"]
    division = ""
    i = 0
    while i < len(rows):
        tr = rows[i]
        cls = tr.classes
        if "qandadiv" in cls:
            for d in tr.iter():
                if d.tag == "h3":
                    division = clean_title(d.text())
        if "question" in cls:
            tds = [c for c in tr.children if isinstance(c, Node) and c.tag == "td"]
            qtd = tds[-1]
            anchor = ""
            for d in tds[0].iter():
                if d.tag == "a" and d.attrs.get("name"):
                    anchor = d.attrs["name"]
                    break
            title, rest = "", []
            for ch in qtd.children:
                if not title and isinstance(ch, Node) and ch.tag == "b":
                    title = clean_title(ch.text())
                else:
                    rest.append(ch)
            answer_nodes = []
            if i + 1 < len(rows) and "answer" in rows[i + 1].classes:
                atds = [c for c in rows[i + 1].children if isinstance(c, Node) and c.tag == "td"]
                answer_nodes = atds[-1].children
                i += 1
            body = nodes_to_markdown(rest + list(answer_nodes))
            records.append(
                {"title": title, "body": body, "source": source, "anchor": anchor, "chain": [division, title]}
            )
        i += 1
    return records


# --------------------------------------------------------------------------
def yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def build(html_dir: Path, out_dir: Path) -> list[dict]:
    plan: list[tuple[str, str, str]] = []  # (file, collection, kind)
    for name, coll in CHAPTERS.items():
        plan.append((name, coll, "chapter"))
    plan.append((FAQ_FILE, "faq", "faq"))
    for p in sorted(html_dir.glob("dist.*.html")):
        if p.name not in DIST_EXCLUDE:
            plan.append((p.name, "dist", "chapter"))

    docs: list[dict] = []
    used: set[str] = set()
    for name, coll, kind in plan:
        path = html_dir / name
        if not path.exists():
            print(f"warning: {path} missing, skipped", file=sys.stderr)
            continue
        root = parse_html(path)
        recs = faq_records(root, name) if kind == "faq" else chapter_records(root, name)
        for r in recs:
            base = slugify(r["title"])
            slug = base
            n = 2
            while f"{coll}/{slug}" in used:
                # disambiguate with the parent heading first, then a counter
                parent = slugify(r["chain"][-2]) if len(r["chain"]) > 1 and r["chain"][-2] else ""
                cand = f"{parent}-{base}" if parent and n == 2 else f"{base}-{n}"
                slug = cand if f"{coll}/{cand}" not in used else f"{base}-{n}"
                n += 1
            doc_id = f"{coll}/{slug}"
            used.add(doc_id)
            r.update(id=doc_id, collection=coll, slug=slug)
            docs.append(r)

    if out_dir.exists():
        shutil.rmtree(out_dir)
    for d in docs:
        p = out_dir / d["collection"] / f"{d['slug']}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(
            f"---\nid: {yaml_str(d['id'])}\ntitle: {yaml_str(d['title'])}\n---\n\n# {d['title']}\n\n{d['body']}\n",
            encoding="utf-8",
        )
    return docs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--html-dir", type=Path, default=HTML_DIR)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--manifest", action="store_true", help="print id<TAB>source#anchor<TAB>title for every document")
    args = ap.parse_args(argv)
    docs = build(args.html_dir, args.out)
    if args.manifest:
        for d in docs:
            print(f"{d['id']}\t{d['source']}#{d['anchor']}\t{d['title']}")
    counts: dict[str, int] = {}
    for d in docs:
        counts[d["collection"]] = counts.get(d["collection"], 0) + 1
    print(f"wrote {len(docs)} documents to {args.out}", file=sys.stderr)
    for s in SKIPPED:
        print(f"  no document (heading only, no text of its own): {s}", file=sys.stderr)
    for c in sorted(counts):
        print(f"  {c:14s} {counts[c]}", file=sys.stderr)


if __name__ == "__main__":
    main()
