"""The IT knowledge base (``runbooks/kb/``) as passages for the desk, through the RAG store the
incident agent uses: the ``kb`` collection, one best section per article, cited by title and
section link (:mod:`bot.runbooks.links`). Searching is blocking (embedding); the service runs it
in a worker thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from bot.desk.conversation import Passage
from bot.runbooks.links import is_web_link, runbook_link

if TYPE_CHECKING:
    from retrieval.store import Store

MAX_PASSAGE_CHARS = 700


class KnowledgeBase(Protocol):
    def passages(self, question: str) -> list[Passage]: ...


class RetrievalKnowledgeBase:
    """:class:`KnowledgeBase` over the ``kb`` collection of :class:`retrieval.Store`."""

    def __init__(self, store: Store, *, url_template: str | None = None, k: int = 3) -> None:
        self.store = store
        self.urls = url_template
        self.k = k

    def warm(self) -> None:
        self.store.search("warm up", k=1, collections=("kb",))

    def passages(self, question: str) -> list[Passage]:
        if not question.strip():
            return []
        results = self.store.search(question, k=self.k, collections=("kb",))
        return [
            Passage(
                article_id=hit.id,
                title=hit.title,
                section=hit.section,
                link=hit.url if is_web_link(hit.url) else runbook_link(hit.id, hit.anchor, url_template=self.urls),
                text=_excerpt(hit.text),
                similarity=round(hit.similarity or 0.0, 4),
            )
            for hit in results.hits
        ]


def _excerpt(text: str) -> str:
    """The section's text without its heading lines, cut at a paragraph or word near the limit."""
    body = "\n".join(line for line in text.strip().splitlines() if not line.lstrip().startswith("#")).strip()
    if len(body) <= MAX_PASSAGE_CHARS:
        return body
    cut = body[:MAX_PASSAGE_CHARS]
    paragraph = cut.rfind("\n\n")
    cut = cut[:paragraph] if paragraph > MAX_PASSAGE_CHARS // 2 else cut[: cut.rfind(" ")]
    return cut.rstrip() + " …"
