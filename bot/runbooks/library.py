"""Runbook front matter and the deterministic choice of next steps for a hypothesis.

Only the front matter is read here (``id``, ``title``, ``services``, ``alerts``,
``causes``, ``actions``): choosing what to propose is a rule, never a search
score, so the same hypothesis always gets the same steps. Actions are typed
(:mod:`bot.remediation.actions`): their parameters are filled from the evidence here,
and nothing is executed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import frontmatter
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.engine.model import Hypothesis, NextStep
from bot.remediation.actions import ActionEvidence, ActionSpec, propose
from bot.runbooks.links import is_web_link, runbook_link

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z][a-z0-9]{3,}")
_NAME_PART = re.compile(r"[a-z][a-z0-9]{2,}")
#: Runbooks listing more causes than this are triage guides: shown after the specific ones.
GENERIC_CAUSES = 3
_STOP = frozenset({"with", "from", "before", "after", "that", "this", "rose", "fell", "peak", "into", "over", "since"})


def _words(text: str, word: re.Pattern[str] = _WORD) -> frozenset[str]:
    """Content words, crudely stemmed (plural s), for matching evidence to runbook titles; with
    ``_NAME_PART``, the parts of a name of three letters and more (``cluster-dns``: cluster, dns)."""
    return frozenset(w.rstrip("s") for w in word.findall(text.lower().replace("-", " ")) if w not in _STOP)


class RunbookMeta(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    title: str
    services: tuple[str, ...] = ("*",)
    alerts: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    actions: tuple[ActionSpec, ...] = ()
    source_url: str | None = None
    path: str = ""


@dataclass(frozen=True)
class RunbookLibrary:
    runbooks: tuple[RunbookMeta, ...]

    @classmethod
    def load(cls, root: Path, *, url_template: str | None = None) -> RunbookLibrary:
        """Every runbook with usable front matter under ``root`` (the ``kb`` folder excluded).

        ``path`` is the file's path under ``root`` and ``source_url`` a web link (the front
        matter's own, else one made by ``url_template``: see :mod:`bot.runbooks.links`), so
        neither depends on where the folder lives.
        """
        found: list[RunbookMeta] = []
        if not root.is_dir():
            return cls(())
        for path in sorted(root.rglob("*.md")):
            if "kb" in path.relative_to(root).parts[:-1]:
                continue
            try:
                post = frontmatter.load(str(path))
            except Exception as error:  # a broken runbook must not break the incident pipeline
                log.warning("runbook %s skipped: unreadable front matter (%s)", path, error)
                continue
            if not post.metadata.get("causes") and not post.metadata.get("alerts"):
                continue
            try:
                meta = RunbookMeta.model_validate({**post.metadata, "path": path.relative_to(root).as_posix()})
            except ValidationError as error:
                log.warning("runbook %s skipped: %s", path, error.errors()[0]["msg"])
                continue
            if not is_web_link(meta.source_url):
                link = runbook_link(meta.id, url_template=url_template) if url_template else None
                meta = meta.model_copy(update={"source_url": link})
            found.append(meta)
        return cls(tuple(found))

    def steps_for(
        self,
        hypothesis: Hypothesis,
        alertnames: Iterable[str],
        version: str | None = None,
        previous_version: str | None = None,
        limit: int = 2,
        deploy_id: str | None = None,
    ) -> tuple[NextStep, ...]:
        names = set(alertnames)
        words = _words(" ".join([hypothesis.summary, *(e.text for e in hypothesis.evidence)]))
        # of the platform's runbooks, one named for what the culprit is first (cluster-dns: "DNS
        # resolution failures", not "Kubernetes node NotReady")
        culprit_words = _words(hypothesis.culprit, _NAME_PART) if hypothesis.cause == "infrastructure" else frozenset()
        scored: list[tuple[tuple[int, ...], str, RunbookMeta]] = []
        for runbook in self.runbooks:
            specific = hypothesis.culprit in runbook.services
            if not specific and "*" not in runbook.services:
                continue
            if hypothesis.cause not in runbook.causes:
                continue
            generic = len(runbook.causes) > GENERIC_CAUSES
            overlap = len(words & _words(f"{runbook.id} {runbook.title}"))
            named = len(culprit_words & _words(f"{runbook.id} {runbook.title}", _NAME_PART))
            alert_match = bool(names & set(runbook.alerts))
            key = (generic, -specific, -named, len(runbook.causes), -overlap, -alert_match)
            scored.append((key, runbook.id, runbook))
        scored.sort(key=lambda item: (item[0], item[1]))
        evidence = ActionEvidence(
            culprit=hypothesis.culprit, deploy_id=deploy_id, version=version, previous_version=previous_version
        )
        return tuple(
            NextStep(
                runbook_id=r.id,
                title=r.title,
                path=r.path,
                url=r.source_url,
                actions=tuple(propose(a, evidence) for a in r.actions),
            )
            for _, _, r in scored[:limit]
        )


def attach_next_steps(
    hypotheses: Sequence[Hypothesis],
    library: RunbookLibrary | None,
    alertnames: Iterable[str],
    versions: Mapping[tuple[str, str], tuple[str | None, str | None]] | None = None,
    deploys: Mapping[tuple[str, str], str] | None = None,
) -> list[Hypothesis]:
    """Next steps for each hypothesis; ``versions`` and ``deploys`` (the suspect change's versions
    and id, by cause and culprit) fill the actions' parameters."""
    if library is None:
        return list(hypotheses)
    names = list(alertnames)
    result = []
    for hypothesis in hypotheses:
        version, previous = (versions or {}).get((hypothesis.cause, hypothesis.culprit), (None, None))
        deploy_id = (deploys or {}).get((hypothesis.cause, hypothesis.culprit))
        steps = library.steps_for(hypothesis, names, version, previous, deploy_id=deploy_id)
        result.append(hypothesis.model_copy(update={"next_steps": steps}))
    return result
