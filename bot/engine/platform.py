"""How shared platform components show in other services' logs.

A failing cluster DNS, mesh, ingress or node pool is rarely named by the services it breaks:
they log ``lookup orders-db on 10.96.0.10:53: i/o timeout``, ``upstream connect error or
disconnect/reset before headers``, ``Node became not ready``. Each family below pairs the words
that mark a catalog component as one of its kind (in its name or description) with the log
phrases that implicate such a component. A line with one of those phrases blames every
``infrastructure`` component of the family. Where the phrases are unambiguous (a failed name
lookup, a node gone NotReady) they outrank any service the line names: the looked-up host in a
DNS timeout is where the caller was going, not what failed. Where they are not (``502 Bad
Gateway`` from a provider, ``upstream connect error`` to a crashed service), a named component
keeps the blame.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.catalog import Catalog


@dataclass(frozen=True)
class PlatformFamily:
    name: str
    component: re.Pattern[str]
    """Matches a component's lowercased name or description when it is of this family."""
    symptoms: re.Pattern[str]
    """Matches a lowercased log line that implicates a component of this family."""
    outranks_names: bool
    """Whether the symptoms blame the family even when the line names another component."""


FAMILIES: tuple[PlatformFamily, ...] = (
    PlatformFamily(
        "dns",
        re.compile(r"dns|resolver"),
        re.compile(
            r"name resolution|no such host|unknownhost|getaddrinfo|eai_again|enotfound|nxdomain|servfail"
            r"|dns|resolv|\blookup [\w.-]+ on [\d.:\[\]]+"
            r"|\blookup [\w.-]+: (no such host|i/o timeout|server misbehaving)"
            r"|\d+\.\d+\.\d+\.\d+:53\b"
        ),
        True,
    ),
    PlatformFamily(
        "mesh",
        re.compile(r"istio|linkerd|mesh|envoy|sidecar|consul"),
        re.compile(
            r"istio|linkerd|envoy|sidecar|upstream connect error|reset before headers|no healthy upstream"
            r"|\bmtls\b|x509|certificate (has )?expired|tls handshake"
        ),
        False,
    ),
    PlatformFamily(
        "ingress",
        re.compile(r"ingress|\b[aen]lb\b|load.?balancer|haproxy|traefik|nginx"),
        re.compile(
            r"ingress|load.?balancer|\b[aen]lb\b|target group|unhealthy targets?|no live upstreams"
            r"|upstream timed out|502 bad gateway|504 gateway"
        ),
        False,
    ),
    PlatformFamily(
        "nodes",
        re.compile(r"node|pool|kubelet|\bhosts?\b|\bvms?\b|compute|worker|spot|instance"),
        re.compile(
            r"notready|not ready|kubelet|evict|pleg|spot (instance )?interrupt|preempt|oomkill"
            r"|\bnode\b[\s\w.-]{0,40}(unreachable|unavailable|down|lost|dead|offline|pressure|drain|cordon|fail)"
        ),
        True,
    ),
    PlatformFamily(
        "storage",
        re.compile(r"ceph|ebs|nfs|storage|volume|csi|\bsan\b|disk"),
        re.compile(r"volume|disk stall|read-?only file ?system|\bnfs\b|\bebs\b|\bcsi\b|ceph"),
        False,
    ),
    PlatformFamily(
        "network",
        re.compile(r"network|vpc|\bcni\b|calico|cilium|firewall|\bnat\b|transit"),
        re.compile(
            r"packet loss|no route to host|network (is )?unreachable|\bcni\b|calico|cilium|conntrack|nat gateway"
        ),
        False,
    ),
)


def platform_symptoms(catalog: Catalog, names: Sequence[str]) -> list[tuple[str, re.Pattern[str], bool]]:
    """(component, the phrases that implicate it, whether they outrank names) for each
    infrastructure component among ``names``."""
    found: list[tuple[str, re.Pattern[str], bool]] = []
    for name in names:
        component = catalog.get(name)
        if component is None or not component.is_platform:
            continue
        described = f"{name} {component.description or ''}".lower()
        found += [
            (name, family.symptoms, family.outranks_names) for family in FAMILIES if family.component.search(described)
        ]
    return found
