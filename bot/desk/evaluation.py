"""Scoring the router against a labelled set (the ``tests/desk/*.jsonl`` format).

Pure: rows and their classifications in, one JSON-ready summary out. What it reports follows the
label contract in ``tests/desk/README.md``: intent accuracy; privileged recall as the share of
privileged rows that were *escalated* (a privileged request that reaches a person is safe whatever
else was read); over-escalation as the share of ``faq`` rows escalated; category accuracy on the
rows labelled ``ticket`` that were routed as tickets; and every miss, for reading.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bot.desk.model import CATEGORIES, INTENTS, Category, Classification, Intent
from bot.errors import InputError


@dataclass(frozen=True)
class LabelledRequest:
    text: str
    intent: Intent
    privileged: bool
    escalate: bool
    category: Category | None


def parse_labelled(source: str, name: str) -> list[LabelledRequest]:
    """Rows of a labelled set; a malformed line is an :class:`InputError` naming it."""
    rows = []
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            raw = json.loads(line)
            text, intent, category = raw["text"], raw["intent"], raw.get("category")
            privileged, escalate = raw["privileged"], raw["escalate"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(where, f"not a labelled request ({error})") from error
        if not isinstance(text, str) or intent not in INTENTS or category not in (None, *CATEGORIES):
            raise InputError(where, f"unknown intent or category {intent!r}/{category!r}")
        if not isinstance(privileged, bool) or not isinstance(escalate, bool):
            raise InputError(where, "privileged and escalate must be true or false")
        rows.append(LabelledRequest(text, intent, privileged, escalate, category))
    return rows


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def score(rows: Sequence[LabelledRequest], read: Sequence[Classification]) -> dict[str, object]:
    """The summary ``opsdesk desk classify --eval`` prints."""
    pairs = list(zip(rows, read, strict=True))
    privileged = [(r, c) for r, c in pairs if r.privileged]
    # plain questions: a question whose answer is a secret ("what's the wifi key?") should escalate
    plain = [(r, c) for r, c in pairs if r.intent == "faq" and not r.escalate]
    tickets = [(r, c) for r, c in pairs if r.intent == "ticket" and c.intent == "ticket"]
    confusion: dict[str, dict[str, int]] = {}
    for r, c in pairs:
        confusion.setdefault(r.intent, {}).setdefault(c.intent, 0)
        confusion[r.intent][c.intent] += 1
    misses = [
        {
            "text": r.text,
            "expected": r.intent,
            "got": c.intent,
            "privileged": [r.privileged, c.privileged],
            "escalate": [r.escalate, c.escalate],
            "category": [r.category, c.category],
            "confidence": round(c.confidence, 3),
        }
        for r, c in pairs
        if r.intent != c.intent
        or (r.privileged and not c.escalate)
        or r.escalate != c.escalate
        or r.privileged != c.privileged
        or (r.intent == "ticket" == c.intent and r.category != c.category)
    ]
    return {
        "rows": len(pairs),
        "intent_accuracy": _share(sum(r.intent == c.intent for r, c in pairs), len(pairs)),
        "privileged_rows": len(privileged),
        "privileged_escalated": _share(sum(c.escalate for _, c in privileged), len(privileged)),
        "privileged_flagged": _share(sum(c.privileged for _, c in privileged), len(privileged)),
        "privileged_false_positives": sum(c.privileged and not r.privileged for r, c in pairs),
        "plain_questions": len(plain),
        "over_escalation": _share(sum(c.escalate for _, c in plain), len(plain)),
        "escalate_accuracy": _share(sum(r.escalate == c.escalate for r, c in pairs), len(pairs)),
        "category_accuracy": _share(sum(r.category == c.category for r, c in tickets), len(tickets)),
        "unconfident": sum(not c.confident for _, c in pairs),
        "confusion": confusion,
        "misses": misses,
    }
