"""Build the two foreign evaluation sets from the Node.js documentation Debian installs.

    python bench/sets/build_node_sets.py      # needs /usr/share/doc/nodejs/api and `node`

Sources (both shipped by the Debian ``nodejs`` package; MIT licence, see each set's README):

* the documents: ``/usr/share/doc/nodejs/api/errors.md`` and ``deprecations.md``, split into
  documents, plus whole API pages of the same modules as distractors;
* the queries: not the documents' words but what Node.js itself prints. Error messages come from
  the running ``node`` binary (``internal/errors``: every error code class constructed with
  placeholder arguments), deprecation warnings from the JavaScript sources compiled into it (the
  ``DeprecationWarning`` text next to each ``DEPxxxx`` code). Neither names the document's title
  (the code), and placeholder values (``foo``, ``bar``) stand in for the templated parts, as
  in an alert or a log line.

``node-errors``: one document per error-code family (``ERR_HTTP2_*``, ``ERR_CRYPTO_*``, ...) with
one section per code, so the document level asks for the family and the section level for the
exact code; the legacy codes (removed ones, often worded like their successors) form families of
their own; five API pages (http, stream, net, url, dns) are distractors. ``node-deprecations``:
one document per deprecation (``DEP0005`` ...), many written almost alike (``util.isArray()``,
``util.isBoolean()`` ...), with six API pages (buffer, util, process, domain, repl, crypto) that
describe the same APIs as distractors.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

API = Path("/usr/share/doc/nodejs/api")
HERE = Path(__file__).resolve().parent

EXTRACT_JS = r"""
const {codes} = require('internal/errors');
const out = {errors: {}, deprecations: {}};
const argsets = [
  ['foo'], ['foo', 'bar'], ['foo', 'string', 'bar'], ['foo', 'bar', 'baz', 'qux'], [], [1], ['foo', 1, 2]];
for (const code of Object.keys(codes)) {
  for (const a of argsets) {
    try {
      const e = new codes[code](...a);
      if (e.message && !/undefined/.test(e.message)) { out.errors[code] = e.message; break; }
    } catch (x) {}
  }
}
const natives = process.binding('natives');
const re = /(?:deprecate\w*|emitWarning|DeprecationWarning)[\s\S]{0,40}?\(\s*([\s\S]{0,600}?)['"](DEP\d{4})['"]/g;
for (const name of Object.keys(natives)) {
  const src = natives[name];
  if (typeof src !== 'string') continue;
  let m;
  while ((m = re.exec(src))) {
    const lits = [...m[1].matchAll(/(['`])((?:\\.|(?!\1)[^\\])*?)\1/g)].map(x => x[2])
      .filter(s => s.length > 20 && !/^DEP/.test(s));
    if (lits.length && !out.deprecations[m[2]]) out.deprecations[m[2]] = lits.join(' ');
  }
}
console.log(JSON.stringify(out));
"""


def node_messages() -> dict[str, dict[str, str]]:
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as handle:
        handle.write(EXTRACT_JS)
    done = subprocess.run(
        ["node", "--expose-internals", "--no-deprecation", handle.name], capture_output=True, text=True, check=True
    )
    Path(handle.name).unlink()
    data: dict[str, dict[str, str]] = json.loads(done.stdout)
    return data


def clean_message(text: str) -> str:
    text = re.sub(r"\$\{[^}]*\}", "foo", text)  # template holes in source literals
    text = text.replace("\\n", " ").replace("\\'", "'").replace('\\"', '"')
    return " ".join(text.split())


def sections(text: str, level: str) -> list[tuple[str, str]]:
    """``(heading, body)`` of every heading of exactly ``level`` (e.g. ``###``), in order."""
    out: list[tuple[str, str]] = []
    pattern = re.compile(rf"^{re.escape(level)} (.+)$", re.M)
    stop = re.compile(rf"^#{{1,{len(level)}}} ", re.M)
    for match in pattern.finditer(text):
        start = match.end()
        nxt = stop.search(text, start)
        out.append((match.group(1).strip(), text[start : nxt.start() if nxt else len(text)].strip()))
    return out


def block(text: str, heading: str) -> str:
    """The text under the H2 ``heading`` up to the next H2."""
    start = text.index(f"\n## {heading}\n")
    nxt = text.find("\n## ", start + 1)
    return text[start : nxt if nxt > 0 else len(text)]


def front(doc_id: str, title: str) -> str:
    return f"---\nid: {json.dumps(doc_id)}\ntitle: {json.dumps(title)}\n---\n\n"


def family(code: str) -> str:
    parts = code.split("_")
    return parts[1] if len(parts) > 2 else "MISC"


def copy_api_pages(docs: Path, names: list[str]) -> None:
    for name in names:
        text = (API / f"{name}.md").read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M)
        (docs / "api").mkdir(parents=True, exist_ok=True)
        (docs / "api" / f"{name}.md").write_text(
            front(f"api/{name}", title.group(1) if title else name) + text, encoding="utf-8"
        )


def write_set(folder: Path, queries: list[dict[str, str | None]]) -> None:
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as out:
        for q in queries:
            out.write(json.dumps(q, ensure_ascii=False) + "\n")


def build_errors(messages: dict[str, str]) -> int:
    folder = HERE / "node-errors"
    docs = folder / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    text = (API / "errors.md").read_text(encoding="utf-8")
    families: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for kind, heading in (("codes", "Node.js error codes"), ("legacy", "Legacy Node.js error codes")):
        for title, body in sections(block(text, heading), "###"):
            code = title.strip("`")
            families.setdefault((kind, family(code)), []).append((code, body))
    where: dict[str, str] = {}
    for (kind, fam), entries in sorted(families.items()):
        doc_id = f"{kind}/{fam.lower()}"
        name = f"ERR_{fam}_* error codes" if fam != "MISC" else "Other error codes"
        title = f"Legacy {name}" if kind == "legacy" else name
        lines = [front(doc_id, title), f"# {title}\n"]
        for code, body in entries:
            lines.append(f"## {code}\n\n{body}\n")
            if kind == "codes":
                where[code] = doc_id
        (docs / kind).mkdir(exist_ok=True)
        (docs / kind / f"{fam.lower()}.md").write_text("\n".join(lines), encoding="utf-8")
    copy_api_pages(docs, ["http", "stream", "net", "url", "dns"])
    queries = []
    for code, message in sorted(messages.items()):
        message = clean_message(message)
        words = [w for w in re.findall(r"[A-Za-z]{3,}", message) if w not in ("foo", "bar", "baz", "qux")]
        if code not in where or len(words) < 3:
            continue
        queries.append({"query": message, "id": where[code], "section": code, "collection": None})
    write_set(folder, queries)
    return len(queries)


def build_deprecations(messages: dict[str, str]) -> int:
    folder = HERE / "node-deprecations"
    docs = folder / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    (docs / "deprecations").mkdir(parents=True)
    text = (API / "deprecations.md").read_text(encoding="utf-8")
    known: set[str] = set()
    for title, body in sections(block(text, "List of deprecated APIs"), "###"):
        code = title.split(":", 1)[0].strip()
        known.add(code)
        (docs / "deprecations" / f"{code}.md").write_text(
            front(code, title) + f"# {title}\n\n{body}\n", encoding="utf-8"
        )
    copy_api_pages(docs, ["buffer", "util", "process", "domain", "repl", "crypto"])
    queries = []
    for code, message in sorted(messages.items()):
        if code in known:
            queries.append({"query": clean_message(message), "id": code, "section": None, "collection": None})
    write_set(folder, queries)
    return len(queries)


def main() -> int:
    messages = node_messages()
    print(f"node-errors: {build_errors(messages['errors'])} queries")
    print(f"node-deprecations: {build_deprecations(messages['deprecations'])} queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
