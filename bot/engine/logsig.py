"""Log signatures: group log lines by template and compare before and after an onset.

A template is the message with its variable parts masked (UUIDs, hex ids, IPs
and ports, numbers with units, quoted values, long tokens with digits), so
``payment 7f3a9c2e failed after 5000ms`` and ``payment 1b2c3d4e failed after
4999ms`` are one signature. The regular expressions are ours because log
template miners (Drain and friends) learn templates from large volumes; here a
few hundred lines per incident must group deterministically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from bot.engine.evidence import LogRecord
from bot.engine.model import LogSignature
from bot.engine.platform import Symptom
from connectors.logs import ERROR_LEVELS, WARN_LEVELS

_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<uuid>"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b"), "<ip>"),
    (re.compile(r"\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\b"), "<mac>"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\b"), "<ts>"),
    (re.compile(r"\b([a-z][a-z0-9-]*?)-[a-z0-9]{6,10}-[a-z0-9]{5}\b"), r"\1-<pod>"),
    # host, node and bind names: three or more parts, with a digit (gke-prod-1-pool-9a2f31c7-p8vr)
    (
        re.compile(r"\b(?=[\w.-]*\d)(?=[\w.-]*[a-zA-Z])[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+){2,}\b"),
        "<id>",
    ),
    (re.compile(r"\b0x[0-9a-fA-F]+\b"), "<hex>"),
    (re.compile(r"\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b"), "<hex>"),
    (re.compile(r"(?<=[=:])\s*\"[^\"]{1,200}\"|(?<=[=:])\s*'[^']{1,200}'"), "<str>"),
    (re.compile(r"\b[A-Za-z_]*\d[A-Za-z0-9_]*(?:[-_][A-Za-z0-9]+)+\b|\b[a-zA-Z]+_[A-Za-z0-9]{6,}\b"), "<id>"),
    (
        re.compile(r"\b(?!\d+[a-zA-Z%]{0,3}\b)(?=(?:[A-Za-z_]*\d){2})(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{5,}\b"),
        "<id>",
    ),
    (re.compile(r"(?<![A-Za-z0-9.])[-+]?\d+(?:\.\d+)?(?=[a-zA-Z%]{0,3}\b)"), "<n>"),
    # a number after a word and a dot is a counter in a file or process name (xlogtemp.41123)
    (re.compile(r"(?<=[A-Za-z]\.)\d{3,}\b"), "<n>"),
)
#: Without a digit only the quoted-value mask can apply; skipping the rest halves templating time.
_NON_NUMERIC_MASKS = tuple(m for m in _MASKS if m[1] == "<str>")
_SPACES = re.compile(r"\s+")
#: Templates remembered, so a repeated message is masked once.
TEMPLATE_CACHE_SIZE = 65536
#: Characters of a message that its template is made from.
TEMPLATE_CHARS = 500
#: Characters of a signature's example line, with the error fields that came with it.
EXAMPLE_CHARS = 600
#: Characters before a mention searched for "falling back to" and the like.
FALLBACK_LOOKBEHIND = 30
#: Lines added to a signature's count before the onset, so a new one has a finite surge.
BEFORE_PSEUDO_COUNT = 0.5
#: Shortest span, in seconds, a rate is taken over.
MIN_RATE_SPAN = 1.0


#: The digits 1-9 as one: no mask tells them apart (the only digit a mask names is the 0 of
#: ``0x``), so messages that differ only in them have one template, up to the digits it keeps.
_DIGIT_CLASS = bytes.maketrans(b"23456789", b"11111111")
_KEPT_DIGIT = re.compile("[1-9]")
#: Templates by the digit class of their message (UTF-8: bytes translate ten times faster than
#: text), for those that keep none of its digits 1-9 (``None``: one that does; each such message
#: is masked on its own).
_TEMPLATES_BY_CLASS: dict[bytes, str | None] = {}


@lru_cache(maxsize=TEMPLATE_CACHE_SIZE)
def template_of(message: str) -> str:
    """The message with variable parts masked; stable across occurrences."""
    text = message.strip()[:TEMPLATE_CHARS]
    shape = text.encode("utf-8", "surrogatepass").translate(_DIGIT_CLASS)
    template = _TEMPLATES_BY_CLASS.get(shape)
    if template is not None:
        return template
    template = _masked(text)
    if shape not in _TEMPLATES_BY_CLASS:
        if len(_TEMPLATES_BY_CLASS) >= TEMPLATE_CACHE_SIZE:
            _TEMPLATES_BY_CLASS.clear()
        _TEMPLATES_BY_CLASS[shape] = None if _KEPT_DIGIT.search(template) else template
    return template


def _masked(text: str) -> str:
    masks = _MASKS if any(map(str.isdigit, text)) else _NON_NUMERIC_MASKS
    for pattern, token in masks:
        text = pattern.sub(token, text)
    return _SPACES.sub(" ", text)


def normalise_level(level: str) -> str:
    lowered = level.strip().lower()
    if lowered in ERROR_LEVELS:
        return "error"
    if lowered in WARN_LEVELS:
        return "warn"
    return lowered or "info"


#: The literal each :func:`mention_pattern` needs in a line: a line without it is not searched.
#: Only a shortcut: a pattern missing here is searched in every line.
_NEEDLES: dict[re.Pattern[str], str] = {}
#: Patterns remembered (names of an estate, their aliases and shorthands).
MENTION_CACHE_SIZE = 4096


@lru_cache(maxsize=MENTION_CACHE_SIZE)
def mention_pattern(name: str) -> re.Pattern[str]:
    """Matches a service name as a whole token: ``payments-db:5432``, ``api.stripe.com``."""
    needle = name.lower()
    return _with_needle(re.compile(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])"), needle)


def shorthand_pattern(word: str) -> re.Pattern[str]:
    """Matches a component word as a token, except as the last label of a host name: in
    ``minio-9.service.consul`` or ``db.svc.cluster.local`` it is the naming system's domain,
    an address, not the component."""
    needle = word.lower()
    escaped = re.escape(needle)
    return _with_needle(re.compile(rf"(?<![a-z0-9.]){escaped}(?![a-z0-9])|(?<=\.){escaped}(?=\.[a-z0-9])"), needle)


def _with_needle(pattern: re.Pattern[str], needle: str) -> re.Pattern[str]:
    """``pattern``, remembered with the literal a line must hold for it to match (see :data:`_NEEDLES`)."""
    if len(_NEEDLES) >= MENTION_CACHE_SIZE:
        _NEEDLES.clear()
    _NEEDLES[pattern] = needle
    return pattern


#: Words for infrastructure components that logs use in place of a service's full name.
COMPONENT_WORDS = frozenset(
    [
        "redis",
        "cache",
        "memcached",
        "memcache",
        "valkey",
        "kafka",
        "queue",
        "bus",
        "broker",
        "rabbitmq",
        "rabbit",
        "nats",
        "sqs",
        "sns",
        "pubsub",
        "kinesis",
        "postgres",
        "postgresql",
        "pg",
        "mysql",
        "mariadb",
        "mongo",
        "mongodb",
        "cockroach",
        "elasticsearch",
        "elastic",
        "opensearch",
        "solr",
        "cassandra",
        "scylla",
        "dynamo",
        "dynamodb",
        "s3",
        "minio",
        "blob",
        "blobstore",
        "storage",
        "etcd",
        "zookeeper",
        "consul",
        "vault",
        "clickhouse",
        "influx",
        "timescale",
        "tsdb",
        "ldap",
        "smtp",
        "dns",
        "cdn",
        "artemis",
        "activemq",
        "oracle",
        "pgbouncer",
        "mssql",
        "sqlserver",
        "cosmos",
        "cosmosdb",
        "servicebus",
        "hazelcast",
        "couchbase",
        "couchdb",
        "neo4j",
        "bigtable",
        "spanner",
        "firestore",
        "aurora",
        "rds",
        "redshift",
        "bigquery",
        "keydb",
        "pulsar",
        "mqtt",
        "emqx",
        "mosquitto",
        "sftp",
    ]
)
#: Spellings logs use for the same product; a component named with one is known by all.
SAME_PRODUCT: tuple[frozenset[str], ...] = (
    frozenset({"memcached", "memcache"}),
    frozenset({"postgres", "postgresql", "pg", "psql"}),
    frozenset({"mysql", "mariadb"}),
    frozenset({"mongo", "mongodb"}),
    frozenset({"rabbitmq", "rabbit", "amqp"}),
    frozenset({"elasticsearch", "elastic"}),
    frozenset({"dynamo", "dynamodb"}),
    frozenset({"cockroach", "cockroachdb", "crdb"}),
    frozenset({"artemis", "activemq"}),
    frozenset({"mssql", "sqlserver"}),
    frozenset({"cosmos", "cosmosdb"}),
)
_SPELLINGS = {word: group for group in SAME_PRODUCT for word in group}
#: Default ports that name a product in ``dial tcp 10.0.4.7:3306: i/o timeout``.
WELL_KNOWN_PORTS = {
    "mysql": 3306,
    "postgres": 5432,
    "redis": 6379,
    "memcached": 11211,
    "kafka": 9092,
    "rabbitmq": 5672,
    "mongo": 27017,
    "elasticsearch": 9200,
    "cassandra": 9042,
    "zookeeper": 2181,
    "nats": 4222,
    "etcd": 2379,
}
NAME_PARTS = re.compile(r"[a-z0-9]+")
_FALLBACK = re.compile(r"(fall(ing)? ?back|failing over|fail ?over|switching|retrying) (to|on|with)\W*$|\busing\W*$")


def short_names(
    names: Sequence[str],
    nearest: Iterable[str] = (),
    direct: Iterable[str] = (),
    technologies: Mapping[str, Iterable[str]] | None = None,
) -> list[tuple[str, re.Pattern[str]]]:
    """Component words in service names, as logs shorten them ("cache" for ``product-cache``,
    "redis" for ``queue_redis``), and the ``technologies`` a component is known to be built on
    ("redis" for ``memorystore-rates``). A word several names share stands for the one among
    ``direct`` (what the logging service calls itself) when exactly one is there, else for the
    one among ``nearest`` (all it reaches) when exactly one is there, else for none."""
    owners: dict[str, set[str]] = {}
    built_on = technologies or {}
    for name in names:
        for part in {*NAME_PARTS.findall(name.lower()), *built_on.get(name, ())}:
            if part in COMPONENT_WORDS:
                for spelling in _SPELLINGS.get(part, {part}):
                    owners.setdefault(spelling, set()).add(name)
    near, called = set(nearest), set(direct)
    found = []
    for part, who in sorted(owners.items()):
        meant = who if len(who) == 1 else (who & called if len(who & called) == 1 else who & near)
        if len(meant) == 1:
            found.append((next(iter(meant)), shorthand_pattern(part)))
            if (port := WELL_KNOWN_PORTS.get(part)) is not None:
                found.append((next(iter(meant)), re.compile(rf":{port}\b")))
    return found


def first_mention(
    text: str,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    own: str,
    shorthands: Sequence[tuple[str, re.Pattern[str]]] = (),
) -> str | None:
    """The peer a log line names first: messages lead with what failed ("redis down, using db").

    Full names win; a distinctive shorthand counts only when no full name appears.
    """
    for candidates in (patterns, shorthands):
        best: tuple[int, str] | None = None
        for peer, pattern in candidates:
            if peer == own:
                continue
            needle = _NEEDLES.get(pattern)
            if needle is not None and needle not in text:
                continue
            for match in pattern.finditer(text):
                if _FALLBACK.search(text[max(0, match.start() - FALLBACK_LOOKBEHIND) : match.start()]):
                    continue  # "falling back to X": X is the alternative, not what failed
                if best is None or match.start() < best[0]:
                    best = (match.start(), peer)
                break
        if best is not None:
            return best[1]
    return None


@dataclass
class _Tally:
    level: str
    before: int = 0
    after: int = 0
    first_after: datetime | None = None
    example: str = ""
    mentions: set[str] = field(default_factory=set)


def signatures(
    records: Iterable[LogRecord],
    onset_by_service: Mapping[str, datetime],
    peers: Sequence[str] = (),
    levels: frozenset[str] = frozenset({"error", "warn"}),
    symptoms: Sequence[Symptom] = (),
    aliases: Mapping[str, Sequence[str | re.Pattern[str]]] | None = None,
    dependencies: Mapping[str, Iterable[str]] | None = None,
    direct: Mapping[str, Iterable[str]] | None = None,
    technologies: Mapping[str, Iterable[str]] | None = None,
    providers: Mapping[str, str] | None = None,
    duties: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> list[LogSignature]:
    """Warn-and-above signatures per service, counted before and after that service's onset.

    ``peers`` are service names to look for in each line (which dependency the
    line blames); only lines from services present in ``onset_by_service`` count.
    ``aliases`` are other names of peers (hosts, brands: :mod:`bot.engine.aliases`);
    ``dependencies`` say what each service reaches and ``direct`` what it calls itself, to tell
    which ``redis`` a line means; ``technologies`` say what a datastore or queue is built on.
    ``symptoms`` say how platform components show: a line with a component's phrases
    blames it (see :mod:`bot.engine.platform`). ``providers`` give, per service, the one third
    party it calls: a line naming no component but an address outside the estate names it.
    ``duties`` give, per service, words that name one of its providers in its own lines
    (:func:`bot.engine.aliases.provider_duties`), counted like shorthands.
    """
    patterns = [(peer, mention_pattern(peer)) for peer in peers]
    patterns += [
        (peer, alias if isinstance(alias, re.Pattern) else mention_pattern(alias))
        for peer, names in (aliases or {}).items()
        for alias in names
    ]
    shorthands: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    edges = {s.component for s in symptoms if s.edge}
    tallies: dict[tuple[str, str], _Tally] = {}
    seen_levels: dict[str, str] = {}
    for record in records:
        onset = onset_by_service.get(record.service)
        if onset is None:
            continue
        level = seen_levels.get(record.level)
        if level is None:
            level = seen_levels[record.level] = normalise_level(record.level)
        if level not in levels:
            continue
        key = (record.service, template_of(record.message))
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally(level=level)
        if record.timestamp < onset:
            tally.before += 1
            continue
        tally.after += 1
        line = f"{record.message} {record.context}"
        if tally.first_after is None or record.timestamp < tally.first_after:
            tally.first_after = record.timestamp
            # an error field says what the message leaves out ("Partition key reached maximum size")
            tally.example = line.rstrip()[:EXAMPLE_CHARS]
        text = line.lower()
        implicated = implicated_platform(text, record.service, symptoms)
        if any(implicated.values()):
            tally.mentions.update(implicated)
            continue
        if record.service not in shorthands:
            shorthands[record.service] = short_names(
                peers,
                (dependencies or {}).get(record.service, ()),
                (direct or {}).get(record.service, ()),
                technologies,
            ) + [(provider, shorthand_pattern(word)) for word, provider in (duties or {}).get(record.service, ())]
        answering = bool(ANSWERING.search(text))
        named = REGISTRY_DOMAIN.sub("", text) if ".consul" in text or ".svc" in text else text
        blamed = None if answering else first_mention(named, patterns, record.service, shorthands[record.service])
        if blamed is None and not answering and providers and record.service in providers and outside_answer(text):
            blamed = providers[record.service]
        if blamed is not None:
            tally.mentions.add(blamed)
            if outside_answer(text):
                # a provider's URL answered: the bad gateway came from its edge, never through ours
                implicated = {c: o for c, o in implicated.items() if c not in edges}
        tally.mentions.update(implicated)
    return sorted(
        (
            LogSignature(
                service=service,
                level=t.level,
                template=template,
                count_before=t.before,
                count_after=t.after,
                first_after=t.first_after,
                example=t.example,
                mentions=tuple(sorted(t.mentions)),
            )
            for (service, template), t in tallies.items()
        ),
        key=lambda s: (s.service, -s.count_after, s.template),
    )


#: A line about a request someone sent us (a provider's webhook to our own path, an answer we
#: gave it): the sender it names is the client there, not what failed.
ANSWERING = re.compile(r"(?:^|\s)/webhooks?/|\b(?:returned|responded|answered)(?: with)? \d{3} to\b")
#: A failure to reach a host at all (as opposed to an answer from it).
CONNECT_FAILURE = re.compile(
    r"connect(ion)? (timed? ?out|timeout|refused|reset)|etimedout|econnreset|econnrefused|i/o timeout"
    r"|socket hang ?up|no route to host|network (is )?unreachable|handshake (timed out|timeout)",
    re.IGNORECASE,
)
#: A URL's host: what a client called, as opposed to a logger's or a class's dotted name.
_URL_HOST = re.compile(r"\b[a-z][a-z0-9+.-]*://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)")
#: Domains of names inside an estate (a cluster's, a service registry's).
INTERNAL_DOMAINS = (".local", ".internal", ".svc", ".consul", ".lan", ".corp", ".intranet", ".cluster", ".localdomain")
#: A service registry's or a cluster's domain after a name (``rmq.service.consul``,
#: ``orders.prod.svc.cluster.local``): it says where the name is registered, so a line about
#: ``rmq.service.consul`` names rmq, not Consul.
REGISTRY_DOMAIN = re.compile(r"(?<=[a-z0-9])(?:\.service)?\.consul\b|(?<=[a-z0-9])\.svc(?:\.cluster\.local)?\b")
_IP_ADDRESS = re.compile(r"^\d+(\.\d+){3}$")


def outside_answer(text: str) -> bool:
    """Whether lowercased ``text`` reports how a URL outside the estate answered: its host is a
    name (not an address, not a single label, not under an internal domain), and the line is not
    about failing to reach it, which says nothing about which side of the connection failed
    (our node, our network, our way out)."""
    if CONNECT_FAILURE.search(text):
        return False
    return any(
        "." in host and not _IP_ADDRESS.match(host) and not host.endswith(INTERNAL_DOMAINS)
        for host in _URL_HOST.findall(text)
    )


def _calls_inside(text: str) -> bool:
    """Whether every URL of lowercased ``text`` is inside the estate: its host a single label, an
    address, a name under an internal domain, or one whose last label is no public top-level
    domain (``command-service.device-cloud``, a service in its namespace)."""
    hosts = _URL_HOST.findall(text)
    return bool(hosts) and all(
        "." not in host
        or _IP_ADDRESS.match(host)
        or host.endswith(INTERNAL_DOMAINS)
        or not host.rsplit(".", 1)[1].isalpha()
        for host in hosts
    )


def implicated_platform(text: str, service: str, symptoms: Sequence[Symptom]) -> dict[str, bool]:
    """``{component: whether it outranks names}`` for the platform components ``text`` implicates;
    of several, those the line marks (by a word only their description has), if any."""
    inside = _calls_inside(text)
    found = {
        s.component: s.outranks_names
        for s in symptoms
        if s.component != service and s.phrases.search(text) and not (s.edge and inside)
    }
    if len(found) > 1:
        marked = {s.component for s in symptoms if s.component in found and s.marks and s.marks.search(text)}
        if marked:
            found = {c: o for c, o in found.items() if c in marked}
    return found


def surge_factor(signature: LogSignature, before_span: float, after_span: float) -> float:
    """How much more often a signature occurs after the onset than before, per unit time."""
    rate_after = signature.count_after / max(after_span, MIN_RATE_SPAN)
    rate_before = (signature.count_before + BEFORE_PSEUDO_COUNT) / max(before_span, MIN_RATE_SPAN)
    return rate_after / rate_before
