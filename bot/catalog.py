"""The service catalog: who owns what, what depends on what, how to query each signal.

Loaded from YAML (README "Service catalog") and validated as a whole: an unknown
dependency, a bad value, or a key that looks like a misspelt known one (``depend_on``) is
rejected on load with one line naming the file, the key and the problem. Keys opsdesk does not
use (``runtime``, ``repo``: catalogs written for other tools carry them) are ignored and named
in :attr:`Catalog.ignored_keys`. Services that call each other (``dispatch`` pushes through
``driver-ws``, which reports back to ``dispatch``) are a cycle real catalogs have, and are kept
as written: every graph walk carries a visited set, so a cycle can never hang the engine.

Components have a kind: ``service``, ``datastore``, ``queue``, ``infrastructure`` or
``external``. Infrastructure (cluster DNS, a service mesh, ingress, node pools) is what
everything in the cluster leans on whether or not anyone wrote it down, so each service,
datastore and queue depends on each infrastructure component implicitly, unless that
component itself depends on it (an ingress calling an auth service), which would make a cycle.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.errors import ConfigError, first_validation_problem

log = logging.getLogger(__name__)

SERVICE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
#: How alike an unknown key must be to a known one to be taken for its misspelling.
MISSPELT_AT = 0.8

#: Conventional PromQL for the standard signals; a catalog's ``defaults.signals``
#: and each service's ``signals`` override these per signal.
DEFAULT_SIGNAL_QUERIES: dict[str, str] = {
    "request_rate": 'sum(rate(http_requests_total{service="{service}"}[5m]))',
    "error_ratio": (
        'sum(rate(http_requests_total{service="{service}",code=~"5.."}[5m]))'
        ' / sum(rate(http_requests_total{service="{service}"}[5m]))'
    ),
    "latency_p99_seconds": (
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="{service}"}[5m])))'
    ),
    "cpu_utilisation": (
        'sum(rate(container_cpu_usage_seconds_total{service="{service}"}[5m]))'
        ' / sum(kube_pod_container_resource_limits{service="{service}",resource="cpu"})'
    ),
    "memory_utilisation": (
        'sum(container_memory_working_set_bytes{service="{service}"})'
        ' / sum(kube_pod_container_resource_limits{service="{service}",resource="memory"})'
    ),
    "saturation": 'max(opsdesk_saturation_ratio{service="{service}"})',
}


Kind = Literal["service", "datastore", "queue", "infrastructure", "external"]


class Service(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=SERVICE_NAME_PATTERN)
    kind: Kind = "service"
    team: str | None = None
    tier: int | None = Field(default=None, ge=0, le=5)
    channel: str | None = None
    owners: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    signals: dict[str, str] = Field(default_factory=dict)
    description: str | None = None

    @property
    def is_external(self) -> bool:
        return self.kind == "external"

    @property
    def is_platform(self) -> bool:
        """Shared infrastructure that services lean on without naming it."""
        return self.kind == "infrastructure"


class _CatalogDefaults(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signals: dict[str, str] = Field(default_factory=dict)


class _ServiceFields(BaseModel):
    """The YAML shape of one service (the name is the mapping key)."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind = "service"
    team: str | None = None
    tier: int | None = Field(default=None, ge=0, le=5)
    channel: str | None = None
    owners: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)
    signals: dict[str, str] = Field(default_factory=dict)
    description: str | None = None

    @field_validator("owners", "depends_on", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("signals", mode="before")
    @classmethod
    def _none_is_empty_map(cls, value: Any) -> Any:
        return {} if value is None else value


class _CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: _CatalogDefaults = Field(default_factory=_CatalogDefaults)
    services: dict[str, _ServiceFields]

    @field_validator("defaults", mode="before")
    @classmethod
    def _none_is_default(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("services", mode="before")
    @classmethod
    def _none_means_no_fields(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {name: ({} if fields is None else fields) for name, fields in value.items()}
        return value


class Catalog:
    """An immutable, validated service catalog with cycle-safe graph queries."""

    def __init__(
        self,
        services: Iterable[Service],
        default_signals: Mapping[str, str] | None = None,
        *,
        ignored_keys: Iterable[str] = (),
    ):
        self.services: dict[str, Service] = {s.name: s for s in services}
        #: Keys of the file opsdesk does not use ("services.rider-api.runtime"), in file order.
        self.ignored_keys: tuple[str, ...] = tuple(ignored_keys)
        self.default_signals: dict[str, str] = {**DEFAULT_SIGNAL_QUERIES, **(default_signals or {})}
        self.platform: tuple[str, ...] = tuple(name for name, s in self.services.items() if s.is_platform)
        self._dependencies: dict[str, tuple[str, ...]] = {
            name: (*service.depends_on, *self._implicit_platform(service)) for name, service in self.services.items()
        }
        self._dependents: dict[str, set[str]] = {name: set() for name in self.services}
        for name, dependencies in self._dependencies.items():
            for dependency in dependencies:
                self._dependents.setdefault(dependency, set()).add(name)
        #: Each service's transitive dependencies, walked once on first use: intake asks
        #: :meth:`related` for every new alert against every open incident's services.
        self._upstream: dict[str, frozenset[str]] = {}

    def _implicit_platform(self, service: Service) -> tuple[str, ...]:
        """The infrastructure a component that runs in the cluster leans on without naming it
        (none whose own declared dependencies lead back to it, which would make a cycle)."""
        if service.kind not in ("service", "datastore", "queue"):
            return ()
        return tuple(
            name
            for name in self.platform
            if name not in service.depends_on and service.name not in self._walk(name, self._declared)
        )

    def _declared(self, name: str) -> tuple[str, ...]:
        service = self.services.get(name)
        return service.depends_on if service else ()

    def __contains__(self, name: object) -> bool:
        return name in self.services

    def __len__(self) -> int:
        return len(self.services)

    def get(self, name: str) -> Service | None:
        return self.services.get(name)

    def dependencies(self, name: str) -> tuple[str, ...]:
        """What ``name`` calls: its ``depends_on``, then the infrastructure it leans on implicitly."""
        return self._dependencies.get(name, ())

    def dependents(self, name: str) -> frozenset[str]:
        return frozenset(self._dependents.get(name, ()))

    def transitive_dependencies(self, name: str) -> list[str]:
        """Every service ``name`` depends on, nearest first; never ``name`` itself."""
        return [s for s in self._walk(name, self.dependencies) if s != name]

    def transitive_dependents(self, name: str) -> list[str]:
        return [s for s in self._walk(name, lambda n: sorted(self.dependents(n))) if s != name]

    def with_dependencies(self, edges: Mapping[str, Iterable[str]]) -> Catalog:
        """A copy in which each ``name`` of ``edges`` also depends on the components listed for it.
        An edge that would close a cycle, or names an unknown component, is left out."""
        services = dict(self.services)
        for name, added in sorted(edges.items()):
            service = services.get(name)
            if service is None:
                continue
            extra = [
                d
                for d in added
                if d in services
                and d != name
                and d not in service.depends_on
                and name not in self._closure(d, services)
            ]
            if extra:
                services[name] = service.model_copy(update={"depends_on": (*service.depends_on, *sorted(extra))})
        return Catalog(services.values(), self.default_signals, ignored_keys=self.ignored_keys)

    def _closure(self, start: str, services: Mapping[str, Service]) -> list[str]:
        return self._walk(start, lambda n: services[n].depends_on if n in services else ())

    def neighbourhood(self, names: Iterable[str]) -> list[str]:
        """The alerting services and all their transitive dependencies, in walk order; through a
        queue, also the other services on it and their dependencies (what a consumer reads, a
        producer wrote: the producer's trouble is upstream of the consumer's)."""
        seen: dict[str, None] = {}
        pending = list(names)
        while pending:
            name = pending.pop(0)
            if name in seen:
                continue
            seen[name] = None
            alerting = self.services.get(name)
            if alerting is not None and alerting.kind == "queue":
                # a backlog is its writers' or its readers' doing: both are in the incident
                pending += sorted(self.dependents(name) - seen.keys())
            for dependency in self.transitive_dependencies(name):
                seen.setdefault(dependency, None)
                service = self.services.get(dependency)
                if service is not None and service.kind == "queue":
                    pending += sorted(self.dependents(dependency) - seen.keys())
        return list(seen)

    def siblings(self, names: Iterable[str]) -> list[str]:
        """Callers of the neighbourhood from outside it: a noisy neighbour or a caller that
        changed how it calls can break a service it depends on. A caller that is no service
        itself (a connection pooler, a proxy) passes on its callers' load: theirs count too."""
        inside = self.neighbourhood(names)
        members = set(inside)
        found: dict[str, None] = {}
        pending = list(inside)
        while pending:
            dependency = pending.pop(0)
            for caller in sorted(self.dependents(dependency)):
                if caller in members or caller in found:
                    continue
                found[caller] = None
                if self.services[caller].kind not in ("service", "external"):
                    pending.append(caller)
        return list(found)

    def related(self, a: str, b: str) -> bool:
        """True when one service is (transitively) a dependency of the other."""
        return a == b or b in self._upstream_of(a) or a in self._upstream_of(b)

    def _upstream_of(self, name: str) -> frozenset[str]:
        upstream = self._upstream.get(name)
        if upstream is None:
            upstream = self._upstream[name] = frozenset(self.transitive_dependencies(name))
        return upstream

    def signal_queries(self, name: str) -> dict[str, str]:
        """PromQL per standard signal for one service, ``{service}`` substituted."""
        service = self.services.get(name)
        templates = {**self.default_signals, **(service.signals if service else {})}
        return {signal: query.replace("{service}", name) for signal, query in templates.items() if query}

    def _walk(self, start: str, neighbours: Any) -> list[str]:
        order: list[str] = []
        seen = {start}
        stack = [start]
        while stack:
            node = stack.pop(0)
            order.append(node)
            for nxt in neighbours(node):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return order

    @classmethod
    def from_mapping(cls, data: Any, source: Path | str = "catalog") -> Catalog:
        if not isinstance(data, dict):
            raise ConfigError(source, "", "a catalog must be a mapping with a 'services' key")
        data, ignored = _known_keys(data, source)
        try:
            parsed = _CatalogFile.model_validate(data)
        except ValidationError as error:
            key, problem = first_validation_problem(error)
            raise ConfigError(source, key, problem) from None
        services: list[Service] = []
        for name, fields in parsed.services.items():
            try:
                services.append(Service(name=name, **fields.model_dump()))
            except ValidationError as error:
                key, problem = first_validation_problem(error, prefix=f"services.{name}")
                raise ConfigError(source, key, problem) from None
        known = {s.name for s in services}
        for service in services:
            for index, dependency in enumerate(service.depends_on):
                if dependency not in known:
                    raise ConfigError(
                        source,
                        f"services.{service.name}.depends_on.{index}",
                        f"unknown service {dependency!r}",
                    )
        if ignored:
            shown = ", ".join(ignored[:5]) + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")
            log.info("catalog keys opsdesk does not use were ignored", extra={"catalog": str(source), "keys": shown})
        return cls(services, parsed.defaults.signals, ignored_keys=ignored)

    @classmethod
    def load(cls, path: Path | str) -> Catalog:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(path, "", "file not found") from None
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(path, "", f"cannot read: {error}") from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark is not None else ""
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise ConfigError(path, where, f"invalid YAML: {problem}") from None
        return cls.from_mapping(data, path)


def _known_keys(data: dict[Any, Any], source: Path | str) -> tuple[dict[Any, Any], list[str]]:
    """``data`` without the keys opsdesk does not use, and those keys' paths; a key that looks
    like a misspelling of a known one is a :class:`ConfigError` naming the one it resembles."""
    ignored: list[str] = []
    kept = _kept(data, frozenset(_CatalogFile.model_fields), "", source, ignored)
    services = kept.get("services")
    if isinstance(services, dict):
        known = frozenset(_ServiceFields.model_fields)
        kept["services"] = {
            name: _kept(fields, known, f"services.{name}.", source, ignored) if isinstance(fields, dict) else fields
            for name, fields in services.items()
        }
    return kept, ignored


def _kept(
    fields: dict[Any, Any], known: frozenset[str], prefix: str, source: Path | str, ignored: list[str]
) -> dict[Any, Any]:
    kept = {}
    for key, value in fields.items():
        if key in known:
            kept[key] = value
            continue
        meant = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=MISSPELT_AT)
        if meant:
            raise ConfigError(source, f"{prefix}{key}", f"unknown key (did you mean {meant[0]!r}?)")
        ignored.append(f"{prefix}{key}")
    return kept
