"""Other names logs use for a component: the hosts its description lists, a provider's brand,
a service's name without its kind (``availability`` for ``availability-svc``), and, in the lines
of a provider's own callers, the words of its name that say what it does (``otp`` for
``sms-otp-provider``: "otp send failed provider=textwave").

Callers name a third party by its host (``https://api.paynova.com/v3/payments``) or brand
(``Paynova authorisation failed``), rarely by the key the catalog happens to give it
(``paynova-gateway``), and they name a service by what it does (``availability decode
failed``). An alias is kept only when it points at one component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.catalog import Catalog

_HOSTNAME = re.compile(r"\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}\b")
_NAME_PARTS = re.compile(r"[a-z0-9]+")
#: A brand is at least this long, so that ``eu`` or ``sms`` never stands for a provider...
MIN_BRAND_CHARS = 4
#: ...but a shorter one still names it as a label of a host name (``ace`` in ``ace.cbp.dhs.gov``).
MIN_HOST_LABEL_CHARS = 3
#: Name endings that say a component is a service, not what it does.
SERVICE_SUFFIXES = ("-svc", "-service", "-api", "-server", "-app", "-backend", "_svc", "_service", "_api")
#: Parts of provider names that say what it is, not who.
GENERIC_PARTS = frozenset(
    {
        "api",
        "apis",
        "service",
        "services",
        "gateway",
        "server",
        "cloud",
        "feed",
        "feeds",
        "external",
        "provider",
        "vendor",
        "payments",
        "payment",
        "prod",
        "production",
        "global",
        "public",
        "rest",
        "http",
        "https",
        "http2",
        "grpc",
    }
)


def component_aliases(catalog: Catalog, names: Sequence[str]) -> dict[str, tuple[str | re.Pattern[str], ...]]:
    """``{component: aliases}`` for the components among ``names`` that have any: words and host
    names, or patterns for a short brand that counts only as a host label."""
    claimed: dict[str, set[str]] = {}
    stems: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for name in names:
        component = catalog.get(name)
        if component is None:
            continue
        found = set(_HOSTNAME.findall((component.description or "").lower()))
        if component.is_external:
            brands = [p for p in _NAME_PARTS.findall(name.lower()) if p not in GENERIC_PARTS and not p.isdigit()]
            if found:
                # where the description gives the provider's hosts, the brand is among their labels;
                # the other words of the catalog's key say what it does ("currency-rate-api",
                # api.ratesfeed.io: "rate" is no brand and would match every "rate limiting")
                labels_named = {label for host in found for label in host.split(".")}
                brands = [b for b in brands if b in labels_named]
            found |= {part for part in brands if len(part) >= MIN_BRAND_CHARS}
            labels.update({part: name for part in brands if MIN_HOST_LABEL_CHARS <= len(part) < MIN_BRAND_CHARS})
        for alias in found - {name.lower()}:
            claimed.setdefault(alias, set()).add(name)
        stem = next((name[: -len(end)].lower() for end in SERVICE_SUFFIXES if name.lower().endswith(end)), None)
        if stem and len(stem) >= MIN_BRAND_CHARS and stem not in catalog.services:
            stems.setdefault(stem, set()).add(name)
    parts = {other: set(_NAME_PARTS.findall(other.lower())) for other in catalog.services}
    aliases: dict[str, list[str | re.Pattern[str]]] = {}
    for alias, owners in sorted(claimed.items()):
        if len(owners) > 1:
            continue
        owner = next(iter(owners))
        if any(alias in named for other, named in parts.items() if other != owner):
            continue
        component = catalog.get(owner)
        if component is not None and component.is_external:
            aliases.setdefault(owner, []).append(alias)  # every host under a provider's domain is the provider's
        else:
            # an estate's own domain (``VALE.AC.UK Active Directory``) ends every internal host name:
            # inside ``vale-mq01.vale.ac.uk`` it names the broker, not the directory
            aliases.setdefault(owner, []).append(re.compile(rf"(?<![a-z0-9.-]){re.escape(alias)}(?![a-z0-9-])"))
    # a stem may be part of longer names (memcached-availability): "availability" alone still
    # means the availability service, unless two services share the stem
    # ...but not inside another identifier ("hl-booking-prod", a project, is not the booking service)
    for stem, owners in sorted(stems.items()):
        if len(owners) == 1 and stem not in claimed:
            aliases.setdefault(next(iter(owners)), []).append(
                re.compile(rf"(?<![a-z0-9@.-]){re.escape(stem)}(?![a-z0-9])")
            )
    for label, owner in sorted(labels.items()):
        if sum(1 for other in catalog.services if label in parts[other]) == 1:
            aliases.setdefault(owner, []).append(re.compile(rf"(?<![a-z0-9-]){label}(?:\.[a-z0-9-]+)+\.[a-z]{{2,}}\b"))
    return {name: tuple(found) for name, found in aliases.items()}


#: A word of a provider's name shorter than this says nothing of what it does (``eu``, ``v2``).
MIN_DUTY_CHARS = 3


def provider_duties(
    catalog: Catalog, callers: Iterable[str], names: Sequence[str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """``{caller: ((word, provider), ...)}``: for each caller, the words of its third parties'
    names that say what each does (``sms``, ``otp``, ``kyc``), where one of them alone has the
    word and the caller's own name lacks it. A caller logs its provider by its duty or brand
    ("otp send failed provider=textwave"), rarely by the catalog's key; only its own lines
    count, where the word can mean nothing else it calls."""
    inside = set(names)
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for caller in callers:
        providers = [
            d
            for d in catalog.dependencies(caller)
            if d in inside and (c := catalog.get(d)) is not None and c.is_external
        ]
        owners: dict[str, set[str]] = {}
        for provider in providers:
            for part in _NAME_PARTS.findall(provider.lower()):
                if len(part) >= MIN_DUTY_CHARS and part not in GENERIC_PARTS and not part.isdigit():
                    owners.setdefault(part, set()).add(provider)
        own = set(_NAME_PARTS.findall(caller.lower()))
        words = tuple((w, next(iter(o))) for w, o in sorted(owners.items()) if len(o) == 1 and w not in own)
        if words:
            found[caller] = words
    return found
