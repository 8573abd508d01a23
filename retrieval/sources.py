"""Finding markdown files, reading them safely, and turning them into parsed documents.

A folder is indexed *as it is*: our runbooks with their front matter, Hugo sites (``_index.md``,
TOML ``+++`` front matter, shortcodes), GitHub wikis and READMEs in nested folders. Only files
ending in ``.md``/``.markdown`` are read; hidden folders (``.git``, ``.github``), ``node_modules``
and the opsdesk data dir are skipped.

Document ids (README "Commands"): the front matter ``id``, else the path relative to the indexed root without
``.md`` (``kubernetes/_index.md`` → ``kubernetes/_index``), using ``/`` on every platform. An index
file (``_index.md``, ``index.md``, ``README.md``) keeps its own id, so it never collides with a
sibling file named after the folder; only its fallback title is the folder's name.

Collection: an explicit one wins; else ``kb`` when any folder named ``kb`` is on the file's path
(the indexed root included), else ``runbooks``.

Bad input never stops a run: every problem is a :class:`~retrieval.errors.SourceError` naming the
file (empty, binary, front matter that does not parse, no usable text), collected by the caller.
Front matter that does not parse skips a file the index already holds (its last good version
stays); a file seen for the first time is indexed without it, with a warning.
Text that is not UTF-8 is decoded as UTF-16 when it has a BOM, else as cp1252 (latin-1 as a last
resort) with a warning, since other teams' folders do contain such files and their words are still
worth finding.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from retrieval.errors import SourceError
from retrieval.markdown import chunk_markdown
from retrieval.models import FILE_COLLECTIONS, ParsedDocument
from retrieval.structure import first_heading, normalise_newlines
from retrieval.tokens import DEFAULT_CHUNK_TOKENS, TokenCounter

MARKDOWN_SUFFIXES = (".md", ".markdown")
INDEX_STEMS = ("_index", "index", "readme")
SKIPPED_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "site-packages"}
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A markdown file found under an indexed root."""

    root: Path  # absolute, resolved
    path: Path  # absolute
    rel_path: str  # POSIX, relative to root
    display_path: str  # as the user would recognise it (root as given + rel path)


@dataclass(frozen=True, slots=True)
class RawSource:
    """A file's bytes and their hash: enough to tell whether it changed."""

    file: SourceFile
    data: bytes
    content_hash: str


def find_markdown(root_arg: Path, skip: Sequence[Path] = ()) -> tuple[Path, list[SourceFile]]:
    """The resolved root and every markdown file under it, in a stable order.

    ``root_arg`` may be a folder or a single file (its folder is then the root).
    """
    if not root_arg.exists():
        raise SourceError(root_arg, "no such file or folder")
    skip_resolved = {p.resolve() for p in skip}
    if root_arg.is_file():
        root = root_arg.resolve().parent
        display_root = root_arg.parent
        files = [root_arg.resolve()]
    else:
        root = root_arg.resolve()
        display_root = root_arg
        files = []
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".") and d not in SKIPPED_DIRS and (here / d).resolve() not in skip_resolved
            )
            for name in sorted(filenames):
                if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                    files.append(here / name)
    out = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        display = (display_root / rel).as_posix() if str(display_root) != "." else rel
        out.append(SourceFile(root=root, path=path, rel_path=rel, display_path=display))
    return root, out


def read_source(file: SourceFile) -> RawSource:
    try:
        size = file.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(file.display_path, f"file is too large ({size} bytes)")
        data = file.path.read_bytes()
    except OSError as error:
        raise SourceError(file.display_path, f"cannot read ({error.strerror or error})") from error
    return RawSource(file, data, hashlib.sha256(data).hexdigest())


def decode(data: bytes, where: str, warnings: list[str]) -> str:
    """Bytes to text, refusing binary files and surviving legacy encodings."""
    if not data.strip():
        raise SourceError(where, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SourceError(where, "invalid UTF-16 text") from error
    head = data[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.1:
        raise SourceError(where, "binary file, not markdown text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
            label = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            label = "latin-1"
        warnings.append(
            f"{where}: not valid UTF-8 (byte {error.start}); decoded as {label}, please convert the file to UTF-8"
        )
        return text


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(data)


class _TomlHandler(BaseHandler):
    """Hugo's ``+++`` TOML front matter, read with the standard library's tomllib
    (python-frontmatter only offers TOML through the third-party ``toml`` package)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str) -> dict[str, Any]:
        return tomllib.loads(fm)


_HANDLERS: list[BaseHandler] = [YAMLHandler(), JSONHandler(), _TomlHandler()]


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """Front matter (a mapping, possibly empty) and the markdown body."""
    text = normalise_newlines(text)
    handler = next((h for h in _HANDLERS if h.detect(text)), None)
    if handler is None:
        return {}, text
    boundary = handler.FM_BOUNDARY
    if boundary is not None and len(boundary.findall(text)) < 2:
        opener = text.split("\n", 1)[0].strip()
        raise SourceError(where, f"front matter starts with {opener!r} but is never closed")
    try:
        fm, body = handler.split(text)
        meta = handler.load(fm)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError) as error:
        detail = " ".join(str(error).split())
        raise SourceError(where, f"front matter does not parse: {detail[:200]}") from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(where, f"front matter must be a mapping, not a {type(meta).__name__}")
    return meta, body


def _without_front_matter(text: str) -> str:
    """The text after a leading ``---``/``+++`` block that does not parse (all of it if the block
    is never closed)."""
    text = normalise_newlines(text)
    for handler in _HANDLERS:
        boundary = handler.FM_BOUNDARY
        if boundary is None or not handler.detect(text):
            continue
        marks = list(boundary.finditer(text))
        if len(marks) >= 2:
            return text[marks[1].end() :]
    return text


def document_id(rel_path: str) -> str:
    """The path-based id: the path relative to the indexed root without ``.md``."""
    return re.sub(r"\.(md|markdown)$", "", rel_path, flags=re.I)


def collection_for(file: SourceFile, explicit: str | None) -> str:
    if explicit:
        return explicit
    parts = [*file.root.parts, *Path(file.rel_path).parts[:-1]]
    return "kb" if any(p.lower() == "kb" for p in parts) else "runbooks"


def _as_strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[object] = [v for v in re.split(r"[,\s]+", value) if v]
    elif isinstance(value, list | tuple | set):
        items = list(value)
    else:
        items = [value]
    return tuple(str(v).strip() for v in items if str(v).strip())


def _title_from_path(doc_id: str) -> str:
    """``kubernetes/pod-crash-loop`` → ``pod crash loop``; an index file takes its folder's name."""
    parent, _, last = doc_id.rpartition("/")
    if last.lower() in INDEX_STEMS and parent:
        last = parent.rsplit("/", 1)[-1]
    return re.sub(r"[-_]+", " ", last).strip() or doc_id


def parse_document(
    raw: RawSource,
    *,
    collection: str | None,
    counter: TokenCounter,
    base_url: str | None = None,
    warnings: list[str] | None = None,
    max_tokens: int = DEFAULT_CHUNK_TOKENS,
    strict_front_matter: bool = True,
) -> ParsedDocument:
    """Decode, split front matter and chunk one file. Raises :class:`SourceError`.

    With ``strict_front_matter=False`` a front matter block that does not parse is dropped with a
    warning and the body is indexed anyway (the store does this for files it has not indexed
    before: in someone else's folder, a template or a typo should not hide a whole document).
    """
    file = raw.file
    where = file.display_path
    notes: list[str] = warnings if warnings is not None else []
    text = decode(raw.data, where, notes)
    try:
        meta, body = split_front_matter(text, where)
    except SourceError as error:
        if strict_front_matter:
            raise
        meta, body = {}, _without_front_matter(text)
        notes.append(f"{error}; indexed without it")
    explicit_id = meta.get("id")
    if explicit_id is not None and not isinstance(explicit_id, str | int):
        raise SourceError(where, f"front matter id must be a string, not {explicit_id!r}")
    doc_id = str(explicit_id).strip() if explicit_id is not None else document_id(file.rel_path)
    if not doc_id:
        raise SourceError(where, "front matter id is empty")
    coll = collection_for(file, collection)
    if coll not in FILE_COLLECTIONS:
        raise SourceError(where, f"unknown collection {coll!r}")
    title_value = meta.get("title")
    title = " ".join(str(title_value).split()) if isinstance(title_value, str | int) else ""
    title = title or first_heading(body) or _title_from_path(doc_id)
    if not body.strip():
        raise SourceError(where, "skipped: nothing to index after the front matter")
    chunks = chunk_markdown(body, doc_id=doc_id, title=title, counter=counter, max_tokens=max_tokens)
    if not chunks:
        raise SourceError(where, "no text to index (only headings or markup)")
    url = _source_url(meta, file.rel_path, base_url)
    return ParsedDocument(
        doc_id=doc_id,
        collection=coll,
        title=title,
        path=file.display_path,
        rel_path=file.rel_path,
        root=str(file.root),
        content_hash=raw.content_hash,
        source_url=url,
        services=_as_strings(meta.get("services", meta.get("service"))),
        alerts=_as_strings(meta.get("alerts", meta.get("alert"))),
        chunks=tuple(chunks),
    )


def _source_url(meta: dict[str, Any], rel_path: str, base_url: str | None) -> str:
    for key in ("source_url", "url", "source"):
        value = meta.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    if base_url:
        return base_url.rstrip("/") + "/" + rel_path
    return ""
