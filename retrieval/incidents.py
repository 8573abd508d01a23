"""Past incidents as documents of the ``incidents`` collection.

A resolved incident becomes a small markdown document (title, the facts, symptoms, fix, summary),
chunked like any other and stored in the same generations as the runbooks, so incidents survive
re-indexing of the files; adding one writes a new generation that carries every other document
over. Similar incidents are found by searching that collection alone.
"""

from __future__ import annotations

import hashlib

from retrieval.errors import QueryError
from retrieval.generations import GenerationData
from retrieval.indexer import Entry, document_records
from retrieval.markdown import chunk_markdown
from retrieval.models import IncidentRecord, ParsedDocument, SearchResults, SimilarIncident
from retrieval.tokens import TokenCounter


def incident_entries(
    incident: IncidentRecord,
    current: GenerationData | None,
    counter: TokenCounter,
    max_tokens: int,
) -> list[Entry]:
    """The entries of the generation that adds (or replaces, by id) ``incident``."""
    body = _incident_markdown(incident)
    content_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
    path = f"incidents/{incident.id}"
    parsed = ParsedDocument(
        doc_id=incident.id,
        collection="incidents",
        title=incident.title,
        path=path,
        rel_path=path,
        root="",
        content_hash=content_hash,
        source_url="",
        services=tuple(dict.fromkeys(s for s in (incident.service, incident.culprit) if s)),
        alerts=(),
        chunks=tuple(
            chunk_markdown(body, doc_id=incident.id, title=incident.title, counter=counter, max_tokens=max_tokens)
        ),
    )
    doc, records = document_records(parsed, fingerprint=content_hash)
    entries: list[Entry] = []
    for d in current.docs if current is not None else []:
        if d.doc_id == incident.id:
            if d.collection != "incidents":
                raise QueryError(f"incident id {incident.id!r} is already the id of {d.path}")
            continue
        entries.append(Entry(d, None, "carried", 0, 0))
    entries.append(Entry(doc, records, "added", 0, 0))
    return entries


def with_incident(current: GenerationData | None, incident: IncidentRecord) -> list[IncidentRecord]:
    """The incident records of the generation that adds (or replaces) ``incident``."""
    incidents = [i for i in (current.incidents if current else []) if i.id != incident.id]
    incidents.append(incident)
    return incidents


def similar(
    results: SearchResults,
    incidents: dict[str, IncidentRecord],
    min_similarity: float | None,
) -> list[SimilarIncident]:
    """The incidents among ``results``, without those less similar than ``min_similarity``."""
    out: list[SimilarIncident] = []
    for hit in results:
        record = incidents.get(hit.id)
        if record is None:
            continue
        if min_similarity is not None and (hit.similarity is None or hit.similarity < min_similarity):
            continue
        out.append(SimilarIncident(record, hit.score, hit.similarity))
    return out


def _incident_markdown(incident: IncidentRecord) -> str:
    facts = [
        f"Service: {incident.service}." if incident.service else "",
        f"Cause: {incident.cause}." if incident.cause else "",
        f"Culprit: {incident.culprit}." if incident.culprit else "",
        f"Resolved: {incident.resolved_at.date().isoformat()}.",
    ]
    parts = [
        f"# {incident.title}",
        " ".join(f for f in facts if f),
        "## Symptoms",
        incident.symptoms or "(none recorded)",
        "## Fix",
        incident.fix or "(none recorded)",
        "## Summary",
        incident.summary or "(none recorded)",
    ]
    return "\n\n".join(parts) + "\n"
