"""Intent routing: rules plus the nearest labelled examples, then the privilege rules on top.

The router reads a message in four steps:

1. **Examples.** The message is embedded with the retrieval package's all-MiniLM-L6-v2
   embedder and read against labelled examples two ways, averaged: the closest examples vote for
   their intent, weighted by similarity, and a linear model fitted on all of them gives each
   intent a probability. Neighbours alone learn the examples' phrasing; the linear model learns
   the directions that separate intents and carries better to requests worded unlike any example
   (on the three sets written elsewhere, intent accuracy 0.84/0.79/0.83 with neighbours alone,
   0.92/0.79/0.87 averaged). The examples are the desk's own (``bot/desk/examples.jsonl``) and
   every request of the labelled sets (``bot/desk/labelled.jsonl``: the sets under
   ``tests/desk``, each written by a different person for a different company): scored on each
   set with that set left out, intent accuracy rose from 0.859 to 0.880 over six sets, and the
   next set, written after the choice, read 0.848 against 0.805. Ticket categories are read from
   the desk's own examples only.
2. **Cues.** Phrases that settle an intent whatever the wording around them ("for everyone",
   "locked out", "add me to") add to that intent's vote, and a message that only asks to be told
   something leans to ``faq``. A mixed request goes to its most consequential intent
   (incident > recovery > access > ticket > faq) when that intent is near the top.
3. **Rules.** :mod:`bot.desk.privilege` decides ``privileged`` and ``escalate`` from the text
   alone; a privileged message is never routed as a plain question.
4. **Learnt privilege.** A logistic model fitted on every labelled request's ``privileged`` label
   (``bot/desk/labelled.jsonl``) flags a request the rules let through when it asks for something (its intent
   is not ``faq``) and reads like the privileged ones. It can only add a flag, and so an
   escalation to a person; it never clears one the rules raised. On every set so far the rules,
   written before a set was read, let a sixth to a quarter of its privileged requests through
   (each set words privilege its own way); the model, fitted without the set, caught all but one
   of the 12 the rules missed on ``kestrel.jsonl`` with no more questions escalated.
   Scores on a labelled set are taken with both models refitted, and the neighbours chosen,
   without that set's rows (:meth:`DeskClassifier.holding_out`).

Threads: the model runs on one intra-op thread (``threads``). On the shared two-core machine a
second thread made batches several times *slower* (12 against 92 requests/s, measured under
load): two OpenMP threads wait for each other whenever one is descheduled, as the retrieval
embedder found for queries. The thread count does not change the vectors.

Determinism and speed: the examples are embedded once with ``embed_documents`` (batches of one
fixed shape per padded length); each message is embedded alone with ``embed_queries``, so its
vector (and hence its classification) is the same alone, in any batch and in any process, and a
single message costs one row rather than a padded batch (about 30 ms against 230 ms on two
cores). A batch spreads its messages over one single-threaded encoder per core. Ties are broken
by the fixed order of :data:`bot.desk.model.INTENTS`.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from bot.desk.model import CATEGORIES, INTENTS, Category, Classification, Intent
from bot.desk.privilege import (
    clauses,
    escalate,
    is_information_question,
    normalise,
    privilege,
    strip_claims,
    strip_instructions,
)
from bot.errors import InputError
from retrieval.embedder import torch_threads

if TYPE_CHECKING:
    from retrieval.embedder import Embedder, Vectors

NEIGHBOURS = 7
"""Examples that vote on a message's intent."""
LINEAR_SHARE = 0.5
"""The linear model's share of the example vote; the nearest neighbours have the rest."""
LINEAR_C = 4.0
"""Inverse regularisation strength of the linear model (scikit-learn's ``C``)."""
CONFIDENT_AT = 0.5
"""Below this share of the vote the desk asks one clarifying question instead of acting."""
CUE_WEIGHT = 0.45
"""What one matched cue adds to its intent's share of the vote (shares sum to one before)."""
NEAR_TOP = 0.6
"""A more consequential intent wins a mixed request when its score is at least this share of the best."""
PRIVILEGED_AT = 0.5
"""The learnt privilege model's probability from which a request that asks for something is flagged."""

Row = npt.NDArray[np.float32]

PRIORITY: tuple[Intent, ...] = ("incident_report", "account_recovery", "access_request", "ticket", "faq")


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


_BREAKAGE = (
    r"(down|outage|offline|broken|broke|not working|isn't working|isnt working|doesn't work|stopped working|failing"
    r"|fails|erroring|errors?|500s?|502|503|504|timing out|timeouts?|not loading|won't load|can't (connect|log|sign"
    r"|access|reach|work|get)|cannot (connect|log|sign|access|reach)|no internet|no network|slow|crashing|dead"
    r"|unreachable|empty|red|nothing resolves|not delivering|dropping|panne|kaputt|caído|caido|fora do ar"
    r"|crash(es|ed)?|aren't getting|not getting|isn't getting|not receiving|aren't receiving|stopped|won't send"
    r"|can't post|unable to|not resolving|no sound|won't boot|don't boot|doesn't boot|showing offline|shows offline"
    r"|won't open|don't open|doesn't open)"
)
_BREADTH = (
    r"(everyone|everybody|all of us|all users|all staff|all carers|all customers|for all|whole( \w+)? (team|office"
    r"|floor|company|building|branch|department|org)|entire|company-?wide|org-?wide|nobody|no one|noone|anyone else"
    r"|multiple (people|users|teams)|several (people|users|of us)|many (people|users)|half the|customers?|clients?"
    r"|public|users can't|every floor|all (the )?(repos|offices|branches|floors|printers|meeting rooms)"
    r"|every (\w+ ){0,2}(pages?|rooms?|theatres?|classrooms?|courses?|drives?|team's|teams|sites?|offices?|shifts?"
    r"|users?|students?|customers?|stores?|branches|floors?|lines?)|whole (of )?(the )?([\w-]+ ){0,3}(school|faculty"
    r"|department|site|plant|campus|hall|warehouse|region)|tous|alle|todos|anyone|none of (the|our|us)"
    r"|(lots|loads|many|most|a lot|a few|some|all|several) of us"
    r"|(all|both) (the |our )?([\w-]+ ){0,2}(plants|sites|offices|shifts|teams|lines|halls|warehouses|scanners"
    r"|tablets|terminals|kiosks|printers|machines|pcs|computers|laptops|users|devices|stores|branches|buildings))"
)
_CUES: dict[Intent, re.Pattern[str]] = {
    "incident_report": _rx(
        rf"\b{_BREADTH}\b.{{0,60}}\b{_BREAKAGE}\b",
        rf"\b{_BREAKAGE}\b.{{0,60}}\b{_BREADTH}\b",
        r"\b(prod|production|website|site|checkout|api|status page|customer portal|public site|orders|payments)\b"
        r".{0,30}\b(is |are )?(down|outage|500s?|502|503|504|failing|erroring|timing out|at 100%)",
        r"\b(office|office's|branch|floor|building)( \w+)? (network|wifi|wi-fi|internet|vpn)\b.{0,30}"
        r"\b(down|out|dead)\b",
        r"\b(phishing|scam|fake) (emails?|texts?|sms|messages?).{0,40}\b(customers?|clients?|everyone|all staff|whole"
        r"|half)\b",
        r"\boutage\b",
        r"\bphishing (campaign|wave|emails? (to|going to) (everyone|all|half|customers))\b",
        r"\b(customers?|clients?|staff|everyone|half the company)\b.{0,40}\b(phishing|scam|fake) (emails?|texts?|sms"
        r"|messages?)\b",
    ),
    "account_recovery": _rx(
        r"\b(locked out|lock(ed)? me out|account (is )?(locked|suspended|disabled|deactivated)|forgot(ten)? (my )?"
        r"(password|pw|pass|passcode|pin)|password (has )?expired|pw expired|password (doesn't|does not|won't) work"
        r"|can't (log|sign) ?in|cannot (log|sign) ?in|cant (log|sign) ?in|can't get into my|cannot get into my)\b",
        r"\b(bitlocker|filevault|recovery key)\b",
        r"\b(lost|stolen|broke|broken|wiped|dropped|new) (my |a )?(work )?(phone|yubikey|security key|authenticator"
        r"|okta verify|laptop|macbook|ipad)\b",
        r"\b(phone|laptop|macbook|ipad|yubikey)( \w+){0,3} (was |got )?(stolen|lost|pickpocketed|nicked)\b",
        r"\b(codes?|push|prompt|sms|notification|verification)( \w+){0,3} (not|never|isn't|aren't|doesn't|don't)"
        r" (arriv|com|show|work)",
        r"\b(not getting|never get|didn't get|don't get|no longer get)( \w+){0,3} (codes?|push|prompt|sms"
        r"|notification)",
        r"\b(hacked|compromised|didn't change my password|not me|by mistake|fake (login|page|site))\b",
        r"\bsend (the |my )?(code|codes)\b",
        r"\b(reset|unlock) (the |his |her |their |my )?(\w+'s )?(password|mfa|2fa|account|okta)\b",
        r"\b(mot de passe|passwort|contraseña|senha)\b",
    ),
    "access_request": _rx(
        r"\b(need|want|request(ing)?|get|give|grant|like)( me)?( \w+){0,3} (access|seat|licen[cs]e|invite|role"
        r"|permissions?|admin|admin rights|rights|sudo|root)\b",
        r"\b(access|permissions?) (to|on|for)\b",
        r"\badd (me|him|her|them|my \w+|\w+) (to|in|into|as)\b",
        r"\b(need|want|like) to (be|get) (in|into|added|on)\b|\b(put|get) me (in|on|into)\b",
        r"\b(give|grant|get)( me)? (read|write|read-only|ro|rw) (on|to|access)\b|\bgrant (it|me|this)\b",
        r"\b(needs?|create|set up|make)( me)? (a |an )?(\w+ )?(account|login|seat|licen[cs]e)\b",
        r"\b(list|export|dump|report) of (all )?(the )?(users|people|staff|employees|accounts|members)\b"
        r"|\breply with\b",
        r"\bnot assigned to (this|the) (app|application)\b|\bapp not assigned\b",
        r"\b(read|write|read-only|readonly|edit|editor|viewer) (access|rights|role)\b",
        r"\b(give|send|share|put|show|summari[sz]e|export|pull)( me)? (the |my |our )?(\w+ ){0,3}(api key|keys|token"
        r"|tokens|secrets?|env vars|password|credentials|logs|list|spreadsheet|tickets|data)\b",
    ),
    "ticket": _rx(
        r"\b(broken|cracked|won't (turn on|charge|start|open|boot|print|connect)|keeps crashing|crashes|not detected"
        r"|jammed|flicker|noise|grinding|rattl|overheat|swollen|won't print)",
        r"(?<!to )(?<!can )(?<!could )\b(install|buy|purchase|order)\b",
        r"\b(offboard|remove my access|badge|name change|change my name|surname)\b",
        r"\b(need|want|like|get|send|order|replace|replacement|loaner|spare|second|extra|another)( me)? (a |an |my )?"
        r"(new |loaner |spare |second |extra |replacement |bigger )?(laptop|monitor|screen|dock|keyboard|mouse|charger"
        r"|headset|bag|phone|adapter|webcam|chair|desk)s?\b",
        r"\b(haven't|hasn't|nobody|didn't|not yet|still no)\b.{0,30}\b(sent|received|arrived|got|laptop|equipment)\b",
        r"\b(change|point|add|update|create|open|unblock|whitelist|allowlist)\b.{0,30}\b(dns|record|firewall|port"
        r"|proxy|web ?filter|conditional access|cname)\b",
        r"\b(set up|create|make|new) (a |an |us )?(new )?(group (email|address)|distribution list|alias|shared mailbox"
        r"|jira project|confluence space|email address)\b",
        r"\b(bump|increase|more|extend) (my |the |our )?(\w+ )?(storage|quota|space|mailbox size)\b",
    ),
    "faq": _rx(r"^$"),
}
_ACTION_INTENTS: tuple[Intent, ...] = ("incident_report", "account_recovery", "access_request", "ticket")

_CATEGORY_WORDS: dict[Category, re.Pattern[str]] = {
    "hardware": _rx(
        r"\b(laptop|macbook|dell|thinkpad|monitor|dock|docking station|keyboard|mouse|trackpad|charger|battery|headset"
        r"|printer|webcam|camera|adapter|dongle|ipad|tablet|bag|fan|cracked|spilled|noise|grinding|won't turn on"
        r"|won't charge|overheat|hot|swollen|loaner|toner|jammed|work phone|phone screen|hdmi|usb-c|years old"
        r"|new one|so slow)\b",
    ),
    "software": _rx(
        r"\b(install|installed|installing|licen[cs]e|app|apps|application|crash|crashes|crashing|sync|syncing|update"
        r"|updated|outlook|excel|word|zoom|slack|ms teams|microsoft teams|teams app|chrome|firefox|profile|docker"
        r"|intellij|adobe|acrobat|office 365|microsoft office|ms office"
        r"|gmail|calendar|jira|drive|onedrive|sharepoint|quota|storage|screen reader|white screen|won't open|browser"
        r"|extension|plugin|version|software|python|concur|citrix|mdm|self service)\b",
    ),
    "network": _rx(
        r"\b(wi-?fi|wlan|vpn|globalprotect|anyconnect|cisco secure|firewall|dns|cname|port|proxy|web ?filter"
        r"|unblock|whitelist|allowlist|conditional access|ethernet|network|internet|eduroam|ssid|ip address)\b",
    ),
    "access": _rx(
        r"\b(badge|badges|offboard|offboarding|leaver|leaves|left the company|last day|remove (my|his|her|their|all)"
        r"|remove me|revoke|disable (his|her|their)|door|building access|keycard|access card)\b",
    ),
    "other": _rx(
        r"\b(group email|group address|distribution list|alias|surname|name change|married|chair|move my desk|furniture"
        r"|expense|expenses|job title|directory|mailing list)\b",
    ),
}
_CATEGORY_WEIGHT: dict[Category, float] = {
    "access": 2.0,
    "network": 1.5,
    "other": 1.5,
    "hardware": 1.0,
    "software": 1.0,
}
"""The narrower categories' words count for more: a badge or VPN problem mentions a laptop or an app too."""
_CATEGORY_ORDER: tuple[Category, ...] = ("access", "network", "other", "hardware", "software")


@dataclass(frozen=True)
class Example:
    text: str
    intent: Intent
    category: Category | None


def _package_rows(name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON rows of the package's ``name``, with their line numbers (blank lines skipped)."""
    source = resources.files("bot.desk").joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip():
            yield number, json.loads(line)


def load_examples() -> list[Example]:
    """The desk's labelled examples shipped with the package."""
    examples = []
    for number, row in _package_rows("examples.jsonl"):
        intent, category = row["intent"], row.get("category")
        if intent not in INTENTS or (category is not None and category not in CATEGORIES):
            raise InputError(f"examples.jsonl:{number}", f"unknown intent or category {intent!r}/{category!r}")
        examples.append(Example(text=row["text"], intent=intent, category=category))
    return examples


@dataclass(frozen=True)
class LabelledExample:
    """One request of the labelled sets: its intent and ``privileged`` label."""

    text: str
    intent: Intent
    privileged: bool


def load_labelled_examples() -> list[LabelledExample]:
    """Every labelled request's text, intent and ``privileged`` label, shipped with the package."""
    examples = []
    for number, row in _package_rows("labelled.jsonl"):
        text, intent, privileged = row.get("text"), row.get("intent"), row.get("privileged")
        if not isinstance(text, str) or intent not in INTENTS or not isinstance(privileged, bool):
            raise InputError(
                f"labelled.jsonl:{number}", "each row needs a text, a known intent and a true/false privileged"
            )
        examples.append(LabelledExample(text=text, intent=intent, privileged=privileged))
    return examples


def routed_text(text: str) -> str:
    """What the embedder reads: the message without pasted instructions and authority claims."""
    return strip_claims(strip_instructions(text)) or normalise(text)


class DeskClassifier:
    """:class:`bot.desk.model.Classifier` over an embedder and labelled examples."""

    def __init__(
        self,
        embedder: Embedder,
        examples: Sequence[Example] | None = None,
        *,
        threads: int = 1,
        workers: int | None = None,
        labelled: Sequence[LabelledExample] | None = None,
    ) -> None:
        self.embedder = embedder
        self.threads = threads
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.examples = list(examples) if examples is not None else load_examples()
        if not self.examples:
            raise InputError("examples", "the router needs at least one labelled example")
        self.labelled = list(labelled) if labelled is not None else load_labelled_examples()
        self._warming = threading.Lock()
        self._vectors: Vectors | None = None
        self._linear: Linear | None = None
        self._labelled_vectors: Vectors | None = None
        self._privilege: PrivilegeModel | None = None
        self._intents = self._intent_indices()

    def _intent_indices(self) -> npt.NDArray[np.int64]:
        """The intent of every row that votes: the router's own examples, then the labelled requests."""
        intents = [e.intent for e in self.examples] + [e.intent for e in self.labelled]
        return np.array([INTENTS.index(i) for i in intents], dtype=np.int64)

    def warm(self) -> None:
        """Embed the examples now (loading the model) rather than on the first message."""
        self._example_vectors()

    def _example_vectors(self) -> Vectors:
        if self._vectors is not None:
            return self._vectors
        with self._warming:  # a message during the warm-up waits for it rather than repeating it
            if self._vectors is not None:
                return self._vectors
            with torch_threads(self.threads):
                own = self.embedder.embed_documents([e.text for e in self.examples])
            # embedded as messages are, each alone: as documents, most of every padded batch would be filler
            labelled = self._embed_messages([e.text for e in self.labelled])
            return self._fit(own, labelled)

    def _fit(self, own: Vectors, labelled: Vectors) -> Vectors:
        """Fit both models on the examples' vectors and keep the vectors; the vectors that vote."""
        vectors = np.vstack([own, labelled]) if len(labelled) else own
        # the models first: a thread that sees the vectors set must find the models too
        self._linear = fit_linear(vectors, self._intents)
        self._labelled_vectors = labelled
        self._privilege = fit_privilege(labelled, [e.privileged for e in self.labelled])
        self._vectors = vectors
        return vectors

    def holding_out(self, texts: Sequence[str]) -> DeskClassifier:
        """This router with its intent and privilege models fitted without the labelled requests
        ``texts``: the one to score a labelled set with, so that its scores are out of sample."""
        held = set(texts)
        kept = [n for n, e in enumerate(self.labelled) if e.text not in held]
        other = copy.copy(self)
        other._warming = threading.Lock()
        other.labelled = [self.labelled[n] for n in kept]
        other._intents = other._intent_indices()
        if self._vectors is None or self._labelled_vectors is None:
            other._vectors = None
            return other  # not warmed yet: it embeds and fits its own examples once, when first asked
        other._fit(self._vectors[: len(self.examples)], self._labelled_vectors[kept])
        return other

    def classify(self, text: str) -> Classification:
        return self.classify_many([text])[0]

    def classify_many(self, texts: Sequence[str]) -> list[Classification]:
        if not texts:
            return []
        examples = self._example_vectors()
        queries = self._embed_messages(texts)
        # One product per message: a matrix product over the whole batch may sum in another order
        # (other kernels for other shapes) and move a confidence in its last bits.
        return [self._decide(text, examples @ query, query) for text, query in zip(texts, queries, strict=True)]

    def _embed_messages(self, texts: Sequence[str]) -> Vectors:
        """Each message's vector as it has alone (see ``embed_queries``), read as the router reads it."""
        routed = [routed_text(t) for t in texts]
        with torch_threads(self.threads):
            if len(routed) < 2 * self.workers:
                return self.embedder.embed_queries(routed)
            # the model releases the GIL, so one single-threaded encoder per core runs in parallel
            parts = [routed[i :: self.workers] for i in range(self.workers)]
            with ThreadPoolExecutor(self.workers) as pool:
                done = list(pool.map(self.embedder.embed_queries, parts))
        vectors = np.zeros((len(routed), done[0].shape[1]), dtype=np.float32)
        for i, part in enumerate(done):
            vectors[i :: self.workers] = part
        return vectors

    def _decide(self, text: str, similarities: Row, query: Row) -> Classification:
        assert self._linear is not None
        neighbours = self._votes(similarities)
        linear = self._linear.probabilities(query)
        votes = {i: LINEAR_SHARE * linear[i] + (1 - LINEAR_SHARE) * neighbours[i] for i in INTENTS}
        read = read_message(text)
        scores = combine(votes, read)
        intent = choose(scores, read)
        verdict = privilege(text)
        reasons = [f"{kind} asked for" for kind in verdict.reasons]
        privileged = verdict.privileged
        if privileged and intent == "faq":
            intent = max(_ACTION_INTENTS, key=lambda i: (scores[i], -PRIORITY.index(i)))
            reasons.append("privileged, so not answered as a question")
        if not privileged and intent != "faq" and self._privilege is not None:
            likeness = self._privilege.probability(query)
            if likeness >= PRIVILEGED_AT:
                privileged = True
                reasons.append(f"worded like the privileged requests the desk learnt from ({likeness:.2f})")
        total = sum(scores.values())
        confidence = scores[intent] / total if total > 0 else 0.0
        if read.cues:
            reasons.append("cues: " + ", ".join(sorted(read.cues)))
        category = self._category(text, similarities) if intent == "ticket" else None
        return Classification(
            text=text,
            intent=intent,
            confidence=float(confidence),
            privileged=privileged,
            escalate=escalate(text, intent, privileged),
            category=category,
            confident=confidence >= CONFIDENT_AT,
            reasons=tuple(reasons),
        )

    def _votes(self, similarities: Row) -> dict[Intent, float]:
        order = np.lexsort((np.arange(len(similarities)), -similarities))[:NEIGHBOURS]
        votes: dict[Intent, float] = dict.fromkeys(INTENTS, 0.0)
        for row in order:
            votes[INTENTS[int(self._intents[row])]] += max(float(similarities[row]), 0.0) ** 2
        total = sum(votes.values())
        return {i: v / total for i, v in votes.items()} if total > 0 else votes

    def _category(self, text: str, similarities: Row) -> Category:
        """Category words in the clauses that ask for something, weighted; the nearest ticket
        examples break ties (and decide alone when no word matched)."""
        parts = clauses(routed_text(text))
        clean = " . ".join([p for p in parts if not is_information_question(p)] or parts)
        scores = {
            c: _CATEGORY_WEIGHT[c] * len({m.group(0) for m in _CATEGORY_WORDS[c].finditer(clean)})
            for c in _CATEGORY_ORDER
        }
        tickets = [n for n, e in enumerate(self.examples) if e.category is not None]
        nearest = sorted(tickets, key=lambda n: (-float(similarities[n]), n))[:NEIGHBOURS]
        for n in nearest:
            category = self.examples[n].category
            if category is not None:
                scores[category] += 0.9 * max(float(similarities[n]), 0.0) / NEIGHBOURS
        return max(_CATEGORY_ORDER, key=lambda c: (scores[c], -_CATEGORY_ORDER.index(c)))


@dataclass(frozen=True)
class Linear:
    """A multinomial logistic model over example vectors: one weight row and bias per intent."""

    weights: npt.NDArray[np.float64]
    bias: npt.NDArray[np.float64]

    def probabilities(self, query: Row) -> dict[Intent, float]:
        # one product per message, as for the neighbours: the same vector gives the same answer
        logits = self.weights @ query.astype(np.float64) + self.bias
        exp = np.exp(logits - logits.max())
        shares = exp / exp.sum()
        return {intent: float(shares[n]) for n, intent in enumerate(INTENTS)}


def fit_linear(vectors: Vectors, intents: npt.NDArray[np.int64]) -> Linear:
    """Fit the linear model on the examples; classes are weighted by their share so that an
    intent with many examples does not win on its prior. Intents with no example get no vote."""
    from sklearn.linear_model import LogisticRegression  # heavy: loaded only when the desk routes
    from threadpoolctl import threadpool_limits

    present = sorted({int(i) for i in intents})
    weights = np.zeros((len(INTENTS), vectors.shape[1]))
    bias = np.full(len(INTENTS), -np.inf)
    bias[present] = 0.0
    if len(present) == 1:
        return Linear(weights=weights, bias=bias)
    model = LogisticRegression(C=LINEAR_C, max_iter=2000, class_weight="balanced")
    with threadpool_limits(limits=1):  # BLAS sums in another order on more threads: same weights everywhere
        model.fit(vectors.astype(np.float64), intents)
    # two classes give one row (the second class against the first): its logits are (0, row)
    rows = model.classes_ if len(present) > 2 else model.classes_[1:]
    for n, intent in enumerate(int(c) for c in rows):
        weights[intent] = model.coef_[n]
        bias[intent] = model.intercept_[n]
    return Linear(weights=weights, bias=bias)


@dataclass(frozen=True)
class PrivilegeModel:
    """A logistic model over request vectors: the probability that a request is privileged."""

    weights: npt.NDArray[np.float64]
    bias: float

    def probability(self, query: Row) -> float:
        logit = float(self.weights @ query.astype(np.float64)) + self.bias
        # the logistic function in the form whose exponent cannot overflow
        if logit >= 0:
            return 1.0 / (1.0 + math.exp(-logit))
        return math.exp(logit) / (1.0 + math.exp(logit))


def fit_privilege(vectors: Vectors, labels: Sequence[bool]) -> PrivilegeModel | None:
    """Fit the privilege model, classes weighted by their share (a fifth of requests are
    privileged); ``None`` when the labels hold one class only, which teaches nothing."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if len(set(labels)) < 2:
        return None
    model = LogisticRegression(C=LINEAR_C, max_iter=2000, class_weight="balanced")
    with threadpool_limits(limits=1):
        model.fit(vectors.astype(np.float64), np.array(labels))
    return PrivilegeModel(weights=model.coef_[0].copy(), bias=float(model.intercept_[0]))


@dataclass(frozen=True)
class Reading:
    """What the cues found: intents asked for by some clause, and whether it is all questions."""

    cues: frozenset[Intent]
    only_questions: bool


def read_message(text: str) -> Reading:
    parts = clauses(routed_text(text))
    asking = [p for p in parts if not is_information_question(p)]
    cues = {intent for intent, pattern in _CUES.items() for part in asking if pattern.search(part)}
    # "is the VPN down for everyone?" reports an outage in the form of a question.
    if any(_CUES["incident_report"].search(p) for p in parts if not _ASKS_HOW_OR_IF.search(p)):
        cues.add("incident_report")
    if _REPORTED_UNTOUCHED.search(routed_text(text)):
        return Reading(cues=frozenset(), only_questions=True)
    if any(_REMOVING_OWN_ACCESS.search(p) for p in asking):
        cues.discard("access_request")
        cues.add("ticket")
    if any(_ONLY_ME.search(p) for p in parts):
        cues.discard("incident_report")
    asked_something = bool(cues) or (asking and not any(is_information_question(p) for p in parts))
    return Reading(cues=frozenset(cues), only_questions=bool(parts) and not asked_something)


_ASKS_HOW_OR_IF = _rx(
    r"^(how|what|what's|whats|who|where|when|which|why|if|in case)\b",
    r"\b(hypothetical(ly)?|just (want|wanted) to know|for planning|not requesting)\b",
)
# A suspicious message that was reported and not acted on needs only the article (README "faq").
_REPORTED_UNTOUCHED = _rx(
    r"^(?=.*\b(sketchy|suspicious|phishing|phish|scam|spam|fake|weird|dodgy|pretending|claiming to be|spoofed"
    r"|a link)\b)"
    r"(?=.*\b(didn't|did not|haven't|have not|never|not) (click|clicked|open|opened|reply|replied|download"
    r"|downloaded|answer|answered|enter|entered|respond|responded|tap|tapped|press|pressed)\b|.*\bignored it\b)",
)
_REMOVING_OWN_ACCESS = _rx(r"\b(remove|revoke|take away|drop|delete) (my|me)\b")
_ONLY_ME = _rx(
    r"\b(everyone|everybody|others|colleagues|the rest)( else)?( \w+){0,3} (is|are|seems?|works?) (fine|ok|okay"
    r"|working)\b",
    r"\b(just|only) (me|mine|my|on my)\b|\bworks for (everyone|others|my colleagues)\b",
    r"\b(everyone|everybody|others|colleagues|coworkers|co-workers|the rest)( else)?( \w+){0,4} (fine|ok|okay)\b",
)


def combine(votes: dict[Intent, float], read: Reading) -> dict[Intent, float]:
    scores = dict(votes)
    for intent in read.cues:
        scores[intent] += CUE_WEIGHT
    if read.only_questions:
        scores["faq"] += CUE_WEIGHT
    return scores


def choose(scores: dict[Intent, float], read: Reading) -> Intent:
    """The best score, unless a more consequential intent asked for by a cue is near it."""
    best = max(INTENTS, key=lambda i: (scores[i], -PRIORITY.index(i)))
    for intent in PRIORITY:
        if intent == best:
            return best
        if intent in read.cues and scores[intent] >= NEAR_TOP * scores[best]:
            return intent
    return best
