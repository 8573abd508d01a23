"""The resource catalog of access requests (``OPSDESK_RESOURCES``): a YAML file, validated whole.

::

    resources:
      - id: prod-orders-db-read              # lower-case kebab id, unique
        name: Production orders database (read-only)
        description: SELECT on the orders schema of the production PostgreSQL cluster
        sensitivity: high                    # low | medium | high | critical
        owners: ["S0DBA", "U0DBLEAD"]        # Slack user or user-group IDs who approve
        max_duration: 8h                     # <n>d, <n>h, <n>m or a combination (1d12h)
        executor: access-hook                # a name from the remediation policy's executors
        aliases: ["orders db", "orders database"]

Unknown keys, a sensitivity or duration that does not parse, a repeated id or alias: each is a
:class:`ResourceCatalogError` of one line (file, key, problem), and start-up stops. Without a
file, the example catalog bundled in ``bot/demo/resources.yaml`` is used.

:func:`match_resources` finds the resources a message speaks of, for the conversation to
pre-fill the request form; it only ever suggests, the form and the owners decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from importlib import resources as package_files
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.errors import ConfigError, first_validation_problem

Sensitivity = Literal["low", "medium", "high", "critical"]
SENSITIVITIES: tuple[Sensitivity, ...] = ("low", "medium", "high", "critical")
_LENGTH = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
_ID = r"^[a-z][a-z0-9-]{0,62}$"
_SLACK_ID = r"^[USW][A-Z0-9]{2,30}$"
#: The longest grant any catalog may allow.
LONGEST = timedelta(days=365)


class ResourceCatalogError(ConfigError):
    """The resource catalog is unusable (file, key, problem)."""


def parse_length(text: str) -> timedelta | None:
    """``8h``, ``30d``, ``90m``, ``1d12h``: a positive length up to :data:`LONGEST`; None otherwise."""
    compact = text.strip().lower().replace(" ", "")
    match = _LENGTH.match(compact)
    if not compact or match is None or not any(match.groups()):
        return None
    days, hours, minutes = (int(group) if group else 0 for group in match.groups())
    if days > LONGEST.days or hours > 24 * LONGEST.days or minutes > 24 * 60 * LONGEST.days:
        return None
    length = timedelta(days=days, hours=hours, minutes=minutes)
    return length if timedelta(0) < length <= LONGEST else None


def format_length(length: timedelta) -> str:
    """The shortest ``<n>d<n>h<n>m`` spelling of ``length`` (whole minutes)."""
    minutes = int(length.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    text = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text or "0m"


class Resource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=_ID)]
    name: Annotated[str, Field(min_length=1, max_length=150)]
    description: Annotated[str, Field(max_length=500)] = ""
    sensitivity: Sensitivity
    owners: tuple[Annotated[str, Field(pattern=_SLACK_ID)], ...] = Field(min_length=1)
    max_duration: str
    executor: Annotated[str, Field(pattern=_ID)]
    aliases: tuple[Annotated[str, Field(min_length=2, max_length=80)], ...] = ()

    @field_validator("max_duration")
    @classmethod
    def _valid_length(cls, value: str) -> str:
        if parse_length(value) is None:
            raise ValueError(f"invalid duration {value!r} (for example 8h, 30d, 1d12h; at most 365d)")
        return value

    @property
    def longest(self) -> timedelta:
        found = parse_length(self.max_duration)
        assert found is not None  # validated
        return found

    @property
    def approvals_needed(self) -> int:
        """Distinct owners who must approve: none for low (granted by policy), two for critical."""
        return {"low": 0, "medium": 1, "high": 1, "critical": 2}[self.sensitivity]

    @property
    def needs_justification(self) -> bool:
        return self.sensitivity != "low"

    def names(self) -> tuple[str, ...]:
        """What a message may call it: its id, its name and its aliases."""
        return (self.id, self.name, *self.aliases)


class _CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    resources: tuple[Resource, ...] = Field(min_length=1)


class ResourceCatalog:
    """The resources one may ask for, in file order, by id."""

    def __init__(self, resources: Iterable[Resource], source: str = "resources") -> None:
        self.resources: tuple[Resource, ...] = tuple(resources)
        self.source = source
        self._by_id = {resource.id: resource for resource in self.resources}

    def __len__(self) -> int:
        return len(self.resources)

    def __contains__(self, resource_id: object) -> bool:
        return resource_id in self._by_id

    def get(self, resource_id: str) -> Resource | None:
        return self._by_id.get(resource_id)

    def undefined_executor(self, executors: Iterable[str]) -> tuple[int, Resource] | None:
        """The first resource (with its index) naming an executor not in ``executors``."""
        known = set(executors)
        for index, resource in enumerate(self.resources):
            if resource.executor not in known:
                return index, resource
        return None

    def search(self, query: str, limit: int = 100) -> list[Resource]:
        """Resources whose id, name, alias or description contain every word of ``query`` (as typed:
        a word may be the start of one); those found by their names first, then in file order."""
        words = _words(query)
        by_name = [r for r in self.resources if all(word in _haystack(r, names_only=True) for word in words)]
        by_text = [r for r in self.resources if r not in by_name and all(word in _haystack(r) for word in words)]
        return (by_name + by_text)[:limit]

    def match_resources(self, text: str) -> list[Resource]:
        """The resources ``text`` speaks of, by id, name or alias (whole words, any case).

        Ordered by where in the text each is first named, then by catalog order: the same text
        always gives the same list.
        """
        spoken = " " + " ".join(_words(text)) + " "
        hits: list[tuple[int, int, Resource]] = []
        for order, resource in enumerate(self.resources):
            places = [spoken.find(" " + " ".join(_words(name)) + " ") for name in resource.names() if _words(name)]
            found = [place for place in places if place >= 0]
            if found:
                hits.append((min(found), order, resource))
        return [resource for _, _, resource in sorted(hits, key=lambda hit: (hit[0], hit[1]))]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _haystack(resource: Resource, *, names_only: bool = False) -> str:
    parts = resource.names() if names_only else (*resource.names(), resource.description)
    return " ".join(_words(" ".join(parts)))


def parse_resources(raw: bytes, source: str = "resources") -> ResourceCatalog:
    """The catalog in ``raw`` (YAML), or a one-line :class:`ResourceCatalogError`."""
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ResourceCatalogError(source, "", "not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        raise ResourceCatalogError(source, where, f"invalid YAML: {problem}") from None
    if not isinstance(data, Mapping):
        raise ResourceCatalogError(source, "", "the catalog must be a mapping with a list of resources")
    try:
        parsed = _CatalogFile.model_validate(data)
    except ValidationError as error:
        # An unknown key first: a misspelt key also makes the real one look missing.
        unknown = [e for e in error.errors() if e["type"] == "extra_forbidden"]
        if unknown:
            raise ResourceCatalogError(source, ".".join(str(p) for p in unknown[0]["loc"]), "unknown key") from None
        key, problem = first_validation_problem(error)
        raise ResourceCatalogError(source, key, problem) from None
    _check_unique(parsed.resources, source)
    return ResourceCatalog(parsed.resources, source)


def _check_unique(resources: tuple[Resource, ...], source: str) -> None:
    seen: dict[str, str] = {}
    for index, resource in enumerate(resources):
        if resource.id in seen:
            raise ResourceCatalogError(source, f"resources.{index}.id", f"repeats resource {resource.id!r}")
        seen[resource.id] = resource.id
    named: dict[str, str] = {}
    for index, resource in enumerate(resources):
        for position, name in enumerate(resource.names()):
            spoken = " ".join(_words(name))
            owner = named.get(spoken)
            if owner is not None and owner != resource.id:
                key = "id" if position == 0 else ("name" if position == 1 else f"aliases.{position - 2}")
                raise ResourceCatalogError(
                    source, f"resources.{index}.{key}", f"{name!r} already names resource {owner!r}"
                )
            named[spoken] = resource.id


def bundled_resources_bytes() -> bytes:
    return package_files.files("bot").joinpath("demo/resources.yaml").read_bytes()


def load_resources(path: Path | None) -> ResourceCatalog:
    """The catalog in ``path``; the bundled example catalog when no path is configured."""
    if path is None:
        return parse_resources(bundled_resources_bytes(), "bot/demo/resources.yaml")
    try:
        raw = path.read_bytes()
    except OSError as error:
        problem = f"cannot read ({error.strerror or error}; set by OPSDESK_RESOURCES)"
        raise ResourceCatalogError(str(path), "", problem) from None
    return parse_resources(raw, str(path))


def match_resources(text: str, catalog: ResourceCatalog) -> list[Resource]:
    """The resources of ``catalog`` that ``text`` speaks of (see :meth:`ResourceCatalog.match_resources`)."""
    return catalog.match_resources(text)
