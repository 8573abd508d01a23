"""Scanning markdown into the documents of the next generation.

Every markdown file under the given paths gets a fingerprint (file hash plus the options that
shape its chunks) that is compared with the live generation's. Unchanged files are hashed, not
parsed, and keep their chunks; added and changed files are parsed and chunked; files gone from a
scanned folder are deleted; documents of other roots, and incidents, are carried over. Nothing
changed means nothing is written (:mod:`retrieval.writer` decides), so an unchanged corpus
re-indexes in the time it takes to hash it, and neither torch nor chroma is even imported.

Duplicate document ids are not namespaced (an id is what citations and the evaluation use, so
it must stay what the author wrote): the document that already holds the id in the index keeps
it, otherwise the first in walk order does; the other file is skipped and the problem names both
files. A file that fails to parse keeps its previously indexed version.

Chunk records are content-addressed: a chunk's id hashes everything stored about it, so vectors
of unchanged chunks are found again by id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.errors import DuplicateIdError, SourceError
from retrieval.generations import GenerationData
from retrieval.models import Chunk, ChunkRecord, DocRecord, IndexReport, ParsedDocument, from_fields
from retrieval.sources import SourceFile, parse_document, read_source
from retrieval.tokens import TokenCounter

if TYPE_CHECKING:
    from retrieval.store import Progress

CHUNKER_VERSION = "2"
"""Part of every file's fingerprint: bump it when chunking or path ids change, so every file is
parsed again (vectors of unchanged chunks are reused: chunk ids do not include it). 2: index files
keep their own path id."""

Found = list[tuple[Path, bool, list[SourceFile]]]
"""Per path given: its root, whether it is a folder, and the markdown files found under it."""


@dataclass(slots=True)
class Entry:
    """A document of the generation being built; ``chunks`` is None when they are the
    current generation's (looked up only if a new generation is written)."""

    doc: DocRecord
    chunks: list[ChunkRecord] | None
    status: str  # "added", "changed", "unchanged", "carried"
    priority: int
    order: int
    source: tuple[str, str] | None = None


class Scanner:
    """Turns the files found under the given paths into the entries of the next generation."""

    def __init__(self, counter: Callable[[], TokenCounter], chunk_tokens: int) -> None:
        self._counter = counter  # called only when a file is parsed: it loads the tokenizer
        self.chunk_tokens = chunk_tokens

    def scan(
        self,
        found: Found,
        current: GenerationData | None,
        collection: str | None,
        base_url: str | None,
        report: IndexReport,
        progress: Progress | None,
    ) -> list[Entry]:
        old_docs = list(current.docs) if current else []
        by_source = {(d.root, d.rel_path): d for d in old_docs if d.collection != "incidents"}
        # The same file reached through another root (a folder and its sub-folder, given in one run
        # or in two) is one document, not a duplicate of itself.
        by_file = {_file_key(Path(root), rel): doc for (root, rel), doc in by_source.items()}
        scanned_roots = {str(root) for root, is_dir, _ in found if is_dir}
        total = sum(len(files) for _, _, files in found)
        entries: list[Entry] = []
        seen: set[tuple[str, str]] = set()
        seen_files: set[str] = set()
        done = 0
        order = 0
        for _root, _is_dir, files in found:
            for file in files:
                done += 1
                if progress:
                    progress("reading", done, total)
                key = (str(file.root), file.rel_path)
                old = by_source.get(key) or by_file.get(_file_key(file.root, file.rel_path))
                if old is not None:
                    key = (old.root, old.rel_path)
                if key in seen or _file_key(file.root, file.rel_path) in seen_files:
                    continue
                seen.add(key)
                seen_files.add(_file_key(file.root, file.rel_path))
                order += 1
                entry = self._scan_file(file, old, collection, base_url, report, order)
                if entry is not None:
                    entry.source = key
                    entries.append(entry)
        for doc in old_docs:
            key = (doc.root, doc.rel_path)
            if key in seen:
                continue
            if doc.collection != "incidents" and doc.root in scanned_roots:
                report.deleted += 1
                continue
            entries.append(Entry(doc, None, "carried", 0, 0, key))
        return _resolve_duplicates(entries, by_source, report)

    def _scan_file(
        self,
        file: SourceFile,
        old: DocRecord | None,
        collection: str | None,
        base_url: str | None,
        report: IndexReport,
        order: int,
    ) -> Entry | None:
        def keep_old(problem: str) -> Entry | None:
            report.problems.append(problem)
            report.skipped += 1
            if old is None:
                return None
            report.problems[-1] += " (the previously indexed version is kept)"
            return Entry(old, None, "unchanged", 1, order)

        try:
            raw = read_source(file)
        except SourceError as error:
            return keep_old(str(error))
        fingerprint = _fingerprint(raw.content_hash, collection, base_url, self.chunk_tokens)
        if old is not None and old.fingerprint == fingerprint:
            return Entry(old, None, "unchanged", 1, order)
        notes: list[str] = []
        try:
            parsed = parse_document(
                raw,
                collection=collection,
                counter=self._counter(),
                base_url=base_url,
                warnings=notes,
                max_tokens=self.chunk_tokens,
                strict_front_matter=old is not None,  # a known file keeps its last good version
            )
        except SourceError as error:
            report.problems.extend(notes)
            return keep_old(str(error))
        report.problems.extend(notes)
        doc, records = document_records(parsed, fingerprint)
        priority = 1 if old is not None and old.doc_id == doc.doc_id else 2
        return Entry(doc, records, "changed" if old else "added", priority, order)


def _file_key(root: Path, rel_path: str) -> str:
    """The file's absolute path (roots are resolved when found, so two spellings agree)."""
    return (root / rel_path).as_posix()


def _resolve_duplicates(
    entries: list[Entry],
    by_source: dict[tuple[str, str], DocRecord],
    report: IndexReport,
) -> list[Entry]:
    """Keep one document per id: indexed before beats new; then walk order wins."""
    kept: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: (e.priority, e.order)):
        holder = kept.get(entry.doc.doc_id)
        if holder is None:
            kept[entry.doc.doc_id] = entry
            continue
        error = DuplicateIdError(entry.doc.doc_id, holder.doc.path, entry.doc.path)
        report.problems.append(str(error))
        report.skipped += 1
        if entry.source is not None and entry.source in by_source:
            report.deleted += 1  # its previous version goes: the id belongs to the other
    result = list(kept.values())
    for entry in result:
        if entry.status == "added":
            report.added += 1
        elif entry.status == "changed":
            report.changed += 1
        elif entry.status == "unchanged":
            report.unchanged += 1
    return result


def _fingerprint(content_hash: str, collection: str | None, base_url: str | None, chunk_tokens: int) -> str:
    raw = json.dumps([CHUNKER_VERSION, content_hash, collection, base_url, chunk_tokens])
    return hashlib.sha256(raw.encode()).hexdigest()


def document_records(parsed: ParsedDocument, fingerprint: str) -> tuple[DocRecord, list[ChunkRecord]]:
    """The stored records of a parsed document: its manifest entry and its chunks."""
    records = [from_fields(ChunkRecord, parsed, chunk, id=_chunk_id(parsed, chunk)) for chunk in parsed.chunks]
    doc = from_fields(DocRecord, parsed, fingerprint=fingerprint, chunk_ids=tuple(r.id for r in records))
    return doc, records


def _chunk_id(parsed: ParsedDocument, chunk: Chunk) -> str:
    """A hash of everything stored about the chunk: equal ids mean equal records."""
    identity = json.dumps(
        [
            parsed.doc_id,
            parsed.collection,
            parsed.title,
            parsed.path,
            parsed.source_url,
            list(chunk.heading_path),
            [[s.title, s.anchor] for s in chunk.sections],
            list(parsed.services),
            list(parsed.alerts),
            parsed.content_hash,
            chunk.ordinal,
            chunk.text,
            chunk.embed_text,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
