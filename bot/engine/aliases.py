"""Other names logs use for a component: the hosts its description lists, and a provider's brand.

Callers name a third party by its host (``https://api.paynova.com/v3/payments``) or brand
(``Paynova authorisation failed``), rarely by the key the catalog happens to give it
(``paynova-gateway``). An alias is kept only when it points at one component.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.catalog import Catalog

_HOSTNAME = re.compile(r"\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}\b")
_NAME_PARTS = re.compile(r"[a-z0-9]+")
#: A brand is at least this long, so that ``eu`` or ``sms`` never stands for a provider.
MIN_BRAND_CHARS = 4
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


def component_aliases(catalog: Catalog, names: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """``{component: aliases}`` for the components among ``names`` that have any."""
    claimed: dict[str, set[str]] = {}
    for name in names:
        component = catalog.get(name)
        if component is None:
            continue
        found = set(_HOSTNAME.findall((component.description or "").lower()))
        if component.is_external:
            found |= {
                part
                for part in _NAME_PARTS.findall(name.lower())
                if len(part) >= MIN_BRAND_CHARS and part not in GENERIC_PARTS and not part.isdigit()
            }
        for alias in found - {name.lower()}:
            claimed.setdefault(alias, set()).add(name)
    parts = {other: set(_NAME_PARTS.findall(other.lower())) for other in catalog.services}
    aliases: dict[str, list[str]] = {}
    for alias, owners in sorted(claimed.items()):
        if len(owners) > 1:
            continue
        owner = next(iter(owners))
        if not any(alias in named for other, named in parts.items() if other != owner):
            aliases.setdefault(owner, []).append(alias)
    return {name: tuple(found) for name, found in aliases.items()}
