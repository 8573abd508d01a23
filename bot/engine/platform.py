"""How shared platform components show in other services' logs.

A failing cluster DNS, mesh, ingress or node pool is rarely named by the services it breaks:
they log ``lookup orders-db on 10.96.0.10:53: i/o timeout``, ``upstream connect error or
disconnect/reset before headers``, ``Node became not ready``. Each family below pairs the words
that mark a catalog component as one of its kind (in its name or description) with the log
phrases that implicate such a component. A line with one of those phrases blames every
``infrastructure`` component of the family. Where the phrases are unambiguous (a failed name
lookup, a node gone NotReady) they outrank any service the line names: the looked-up host in a
DNS timeout is where the caller was going, not what failed. Where they are not (``502 Bad
Gateway`` from a provider, ``upstream connect error`` to a crashed service), the blame is
shared with a component the line names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

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
    processes: tuple[str, ...] = ()
    """Names the family's own software logs under (``kubelet``, ``linkerd-proxy``)."""


FAMILIES: tuple[PlatformFamily, ...] = (
    PlatformFamily(
        "dns",
        re.compile(r"dns|resolver"),
        re.compile(
            r"name resolution|no such host|unknown ?host|getaddrinfo|eai_again|enotfound|nxdomain|servfail"
            r"|(?<![a-z0-9])(?:core|node-local-)?dns(?:masq)?(?![a-z0-9])"
            r"|resolv(?:er|\.conf|ing)|(?:not|failed to|unable to) resolve"
            r"|\blookup [\w.-]+ on [\d.:\[\]]+"
            r"|\blookup [\w.-]+: (no such host|i/o timeout|server misbehaving)"
            r"|\d+\.\d+\.\d+\.\d+:53\b"
        ),
        True,
        ("coredns", "kube-dns", "node-local-dns"),
    ),
    PlatformFamily(
        "mesh",
        re.compile(r"istio|linkerd|mesh|envoy|sidecar|consul"),
        re.compile(
            r"istio|linkerd|\bl5d\b|envoy|sidecar|upstream connect error|reset before headers|no healthy upstream"
            r"|fail-fast"
            r"|\bmtls\b|x509|certificate (has )?expired|tls handshake"
        ),
        False,
        ("istio-proxy", "istiod", "linkerd-proxy", "linkerd-destination", "linkerd-identity", "envoy", "consul"),
    ),
    PlatformFamily(
        "ingress",
        re.compile(
            r"ingress|\b[aen]lb\b|load.?balanc|haproxy|traefik|nginx|\bf5\b|big-?ip|\bltm\b|traffic manager"
            r"|app(lication)?.?gateway|front.?door|tls termination|\bcdn\b|fastly|cloudfront|akamai"
        ),
        re.compile(
            r"ingress|load.?balancer|\b[aen]lb\b|target group|unhealthy targets?|no live upstreams"
            r"|upstream timed out|502 bad gateway|504 gateway"
        ),
        False,
        ("ingress-nginx", "nginx-ingress", "traefik", "haproxy", "aws-load-balancer-controller"),
    ),
    PlatformFamily(
        "nodes",
        re.compile(r"node|pool|kubelet|\bhosts?\b|\bvms?\b|compute|worker|spot|instance"),
        re.compile(
            # "node" as a word of its own: calico/node and calico-node name a daemon set, not a node;
            # and a kubelet reporting a failed probe speaks of the pod it probed
            r"notready|(?<![/-])\bnode\b[\s\w\"'=.:-]{0,60}not ready|kubelet(?!.*\bprobe failed)|evict|pleg"
            r"|spot (instance )?interrupt|preempt"
            r"|(?<![/-])\bnode\b[\s\w.-]{0,40}(unreachable|lost|pressure|drain|cordon|not ?ready)"
        ),
        True,
        (
            "kubelet",
            "kube-controller-manager",
            "node-problem-detector",
            "cluster-autoscaler",
            "aws-node-termination-handler",
            "karpenter",
        ),
    ),
    PlatformFamily(
        "storage",
        re.compile(r"ceph|ebs|nfs|storage|volume|csi|\bsan\b|disk"),
        re.compile(
            r"volume|disk stall|read-?only file ?system|\bnfs\b|\bebs\b|\bcsi\b|ceph"
            r"|i/o latency|\bpath\b[\w :/.-]{0,60}\b(dead|down)\b|all paths down|permanent device loss"
            r"|(?<![a-z])nmp(?![a-z])|\blun\b|multipath|\bscsi\b|\bnaa\.[0-9a-f]{8}"
        ),
        False,
        ("ebs-csi-controller", "csi-driver", "rook-ceph"),
    ),
    PlatformFamily(
        "network",
        re.compile(r"network|vpc|\bcni\b|calico|cilium|firewall|\bnat\b|transit"),
        re.compile(
            r"packet loss|no route to host|network (is )?unreachable|\bcni\b|calico|cilium|conntrack|nat gateway"
        ),
        False,
        ("calico-node", "cilium", "aws-node", "kube-proxy"),
    ),
)


class Symptom(NamedTuple):
    """How one platform component shows in other services' lines."""

    component: str
    phrases: re.Pattern[str]
    outranks_names: bool
    marks: re.Pattern[str] | None
    """Words of the component's own name and description that no other platform component has:
    when several components of a family are implicated, a line with these points at this one."""
    edge: bool = False
    """Whether the component stands at the estate's edge (an ingress, a load balancer): a call
    from one of our services to another by its internal name never passes it."""


#: Shortest word of a description that can tell one component from another.
MARK_CHARS = 5
#: Characters of a mark that must match, so that "certificates" marks "certificate".
MARK_STEM = 7


def platform_symptoms(catalog: Catalog, names: Sequence[str]) -> list[Symptom]:
    """The symptoms of each infrastructure component among ``names``, one per family it is of."""
    platform = [n for n in names if (c := catalog.get(n)) is not None and c.is_platform]
    words = {n: set(re.findall(rf"[a-z]{{{MARK_CHARS},}}", _described(catalog, n))) for n in platform}
    found: list[Symptom] = []
    for name in platform:
        own = words[name].difference(*(w for other, w in words.items() if other != name))
        marks = re.compile("|".join(sorted(re.escape(w[:MARK_STEM]) for w in own))) if own else None
        found += [
            Symptom(name, family.symptoms, family.outranks_names, marks, edge=family.name == "ingress")
            for family in FAMILIES
            if family.component.search(_described(catalog, name))
        ]
    return found


def platform_processes(catalog: Catalog) -> dict[str, str]:
    """``{process: component}``: the names platform software logs under, for each family that has
    exactly one component in the catalog (with two node pools, ``kubelet`` says neither)."""
    found: dict[str, str] = {}
    for family in FAMILIES:
        members = [n for n in catalog.platform if family.component.search(_described(catalog, n))]
        if len(members) == 1:
            found.update({p: members[0] for p in family.processes if p not in catalog.services})
    return found


def _described(catalog: Catalog, name: str) -> str:
    component = catalog.get(name)
    return f"{name} {component.description if component and component.description else ''}".lower()


def unmistakable_components(catalog: Catalog) -> frozenset[str]:
    """Platform components of the families whose symptoms outrank names (a failed lookup, a node
    gone): another platform piece that logs them is reporting their failure, not its own."""
    return frozenset(
        name
        for name in catalog.platform
        for family in FAMILIES
        if family.outranks_names and family.component.search(_described(catalog, name))
    )


def family_members(catalog: Catalog, names: Sequence[str], family: str) -> list[str]:
    """The infrastructure components among ``names`` that are of ``family`` (``"nodes"``…)."""
    kind = next(f for f in FAMILIES if f.name == family)
    return [
        n
        for n in names
        if (c := catalog.get(n)) is not None and c.is_platform and kind.component.search(_described(catalog, n))
    ]


def same_family(catalog: Catalog, a: str, b: str) -> bool:
    """Whether two components are of one family (two node pools, two DNS servers)."""
    return bool(_families(catalog, a) & _families(catalog, b))


def _families(catalog: Catalog, name: str) -> set[str]:
    """The families a platform component's name says it is of; its description only when the
    name says nothing (``haproxy-edge``, "backends resolved via Consul DNS", is a load balancer,
    not DNS). A service is of none, whatever it runs on ("Node.js", "worker")."""
    component = catalog.get(name)
    if component is None or not component.is_platform:
        return set()
    named = {f.name for f in FAMILIES if f.component.search(name.lower())}
    return named or {f.name for f in FAMILIES if f.component.search(_described(catalog, name))}
