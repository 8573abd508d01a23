from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.catalog import Catalog
from bot.engine.aliases import component_aliases, provider_duties
from bot.engine.evidence import LogRecord
from bot.engine.logsig import implicated_platform, mention_pattern, outside_answer, signatures, template_of
from bot.engine.platform import platform_symptoms

T0 = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("payment 7f3a9c2e failed after 5000ms", "payment 1b2c3d4e failed after 4999ms"),
        ("dial tcp 10.0.3.12:5432: connect: connection refused", "dial tcp 10.0.9.1:5432: connect: connection refused"),
        ("order 550e8400-e29b-41d4-a716-446655440000 rejected", "order 6ba7b810-9dad-11d1-80b4-00c04fd430c8 rejected"),
        ("pod checkout-7d9f8b6c5-x2k4p OOMKilled", "pod checkout-5c4b3a2d1-q9w8e OOMKilled"),
        ("stripe: 503 (request_id=req_8Hk2abcXYZ)", "stripe: 502 (request_id=req_Q1w2e3r4t5)"),
        (
            'PANIC: could not write to file "pg_wal/xlogtemp.41123": No space left on device',
            'PANIC: could not write to file "pg_wal/xlogtemp.41502": No space left on device',
        ),
    ],
)
def test_variable_parts_share_a_template(a: str, b: str) -> None:
    assert template_of(a) == template_of(b)


def test_words_and_service_names_survive_masking() -> None:
    template = template_of("x509: certificate has expired calling fraud-api")
    assert "x509" in template
    assert "fraud-api" in template


def test_mentions_match_whole_names_only() -> None:
    pattern = mention_pattern("payments-db")
    assert pattern.search("dial tcp payments-db:5432: connection refused")
    assert pattern.search("host payments-db.internal unreachable")
    assert not pattern.search("payments-dbx timeout")
    assert mention_pattern("stripe").search("post https://api.stripe.com/v1/charges: 503")


def _record(minutes: float, message: str, level: str = "error", service: str = "checkout") -> LogRecord:
    return LogRecord(timestamp=T0 + timedelta(minutes=minutes), service=service, level=level, message=message)


def test_signatures_count_before_and_after_and_find_mentions() -> None:
    records = [
        _record(-30, "cache miss for key 17", level="warn"),
        _record(-20, "cache miss for key 99", level="warn"),
        _record(1, "timeout calling fraud-api after 5000ms"),
        _record(2, "timeout calling fraud-api after 4000ms"),
        _record(3, "cache miss for key 3", level="warn"),
        _record(4, "just info", level="info"),
    ]
    found = {s.template: s for s in signatures(records, {"checkout": T0}, peers=["fraud-api", "checkout"])}
    timeout = found["timeout calling fraud-api after <n>ms"]
    assert (timeout.count_before, timeout.count_after, timeout.is_new) == (0, 2, True)
    assert timeout.mentions == ("fraud-api",)
    assert timeout.first_after == T0 + timedelta(minutes=1)
    miss = found["cache miss for key <n>"]
    assert (miss.count_before, miss.count_after, miss.is_new) == (2, 1, False)
    assert "just info" not in found


def test_a_platform_symptom_blames_the_platform_not_the_host_it_names() -> None:
    catalog = Catalog.from_mapping(
        {
            "services": {
                "checkout": {"depends_on": ["orders-db"]},
                "orders-db": {},
                "cluster-dns": {"kind": "infrastructure"},
            }
        }
    )
    peers = ["checkout", "orders-db", "cluster-dns"]
    records = [
        _record(1, "dial tcp: lookup orders-db.prod.svc.cluster.local on 10.96.0.10:53: i/o timeout"),
        _record(2, "dial tcp 10.1.4.7:5432: connect: connection refused (orders-db)"),
    ]
    found = signatures(records, {"checkout": T0}, peers=peers, symptoms=platform_symptoms(catalog, peers))
    assert {s.example.split(":")[1].strip(): s.mentions for s in found} == {
        "lookup orders-db.prod.svc.cluster.local on 10.96.0.10": ("cluster-dns",),
        "5432": ("orders-db",),
    }


def test_a_container_killed_at_its_own_memory_limit_does_not_name_the_node_pool() -> None:
    """An OOM kill is the workload's limit: the pool is named by a node going NotReady, not by
    "Container payroll-engine terminated (reason OOMKilled)"."""
    catalog = Catalog.from_mapping({"services": {"engine": {}, "nodepool": {"kind": "infrastructure"}}})
    peers = ["engine", "nodepool"]
    records = [
        _record(
            1,
            "OOMKilled: pod/engine-7d6c-0636b: Container engine terminated (exit 137, reason OOMKilled)",
            service="engine",
        ),
        _record(2, "node aks-userpool1-000003 NotReady: kubelet stopped posting node status", service="engine"),
    ]
    found = signatures(records, {"engine": T0}, peers=peers, symptoms=platform_symptoms(catalog, peers))
    assert sorted(s.mentions for s in found) == [(), ("nodepool",)]


def test_a_bad_gateway_between_two_of_our_services_never_passed_the_edge_balancer() -> None:
    """A 502 on a call to ``command-service.device-cloud`` (a service in its namespace) came from
    inside the cluster (the mesh, the callee); the edge load balancer is implicated only by calls
    that crossed it."""
    catalog = Catalog.from_mapping(
        {"services": {"automation": {}, "ingress": {"kind": "infrastructure", "description": "AWS ALB"}}}
    )
    peers = ["automation", "ingress"]
    records = [
        _record(1, "action failed: POST http://command-service.device-cloud:8080/v1/commands -> 502 Bad Gateway"),
        _record(2, "action failed: POST http://10.20.4.7:8080/v1/commands -> 502 Bad Gateway"),
        _record(3, "webhook failed: GET https://hooks.hearthmind.com/v1/me -> 502 Bad Gateway"),
    ]
    found = signatures(records, {"checkout": T0}, peers=peers, symptoms=platform_symptoms(catalog, peers))
    assert sorted(s.mentions for s in found) == [(), (), ("ingress",)]


def test_a_failed_probe_of_calico_node_is_calicos_failure_not_a_nodes() -> None:
    """``calico/node is not ready`` names a daemon set, and a kubelet's failed probe is about the
    pod it probed; a node gone NotReady still names the pool."""
    catalog = Catalog.from_mapping(
        {
            "services": {
                "bidder": {},
                "pool": {"kind": "infrastructure", "description": "bare-metal node pool"},
                "calico": {"kind": "infrastructure", "description": "Calico CNI and BGP"},
            }
        }
    )
    peers = ["bidder", "pool", "calico"]
    probe = "kubelet: Readiness probe failed: calico/node is not ready: BIRD is not ready: BGP not established"
    records = [
        _record(1, probe, service="calico"),  # calico's own pods, as its log shipper files them
        _record(2, "Node ams1-bid-07 status is now: NodeNotReady", service="calico"),
    ]
    found = signatures(records, {"calico": T0}, peers=peers, symptoms=platform_symptoms(catalog, peers))
    assert sorted(s.mentions for s in found) == [(), ("pool",)]


def test_a_webhook_we_failed_to_answer_does_not_blame_the_provider_that_sent_it() -> None:
    """``Internal Server Error: /webhooks/stripe`` and ``returned 500 to Stripe`` are our failures
    to answer Stripe; ``503 from api.stripe.com`` is Stripe failing us."""
    catalog = Catalog.from_mapping(
        {"services": {"billing": {"depends_on": ["stripe"]}, "stripe": {"kind": "external"}}}
    )
    peers = ["stripe"]
    aliases = component_aliases(catalog, ["billing", "stripe"])
    records = [
        _record(1, "Internal Server Error: /webhooks/stripe", service="billing"),
        _record(
            2, "stripe webhook evt_1 type=invoice.paid returned 500 to Stripe; Stripe will retry", service="billing"
        ),
        _record(3, "charge failed: 503 Service Unavailable from https://api.stripe.com/v1/charges", service="billing"),
    ]
    found = signatures(records, {"billing": T0}, peers=peers, aliases=aliases, providers={"billing": "stripe"})
    assert sorted((s.example[:8], s.mentions) for s in found) == [
        ("Internal", ()),
        ("charge f", ("stripe",)),
        ("stripe w", ()),
    ]


def test_a_bad_gateway_from_a_providers_url_is_the_providers_not_our_edges() -> None:
    """Our ingress carries traffic in: a 502 on a call to api.stripe.com came from Stripe's side.
    A 502 on our own route, or on a mesh call, still shares the blame with the components it may be."""
    catalog = Catalog.from_mapping(
        {
            "services": {
                "checkout": {},
                "stripe": {"kind": "external"},
                "ingress": {"kind": "infrastructure"},
                "mesh": {"kind": "infrastructure", "description": "Istio sidecars"},
            }
        }
    )
    peers = ["checkout", "stripe", "ingress", "mesh"]
    records = [_record(1, "charge failed: 502 Bad Gateway from https://api.stripe.com/v1/charges")]
    records += [_record(2, "GET /cart 502 Bad Gateway")]
    records += [_record(3, "stripe call failed: upstream connect error or disconnect/reset before headers")]
    found = signatures(records, {"checkout": T0}, peers=peers, symptoms=platform_symptoms(catalog, peers))
    assert sorted(s.mentions for s in found) == [("ingress",), ("mesh", "stripe"), ("stripe",)]


def test_a_providers_host_or_brand_names_it() -> None:
    catalog = Catalog.from_mapping(
        {
            "services": {
                "topup": {"depends_on": ["paynova-gateway", "feed"]},
                "paynova-gateway": {"kind": "external"},
                "feed": {"kind": "external", "description": "GTFS-rt feed, feeds.orbitfleet.io"},
                "payments-api": {},
            }
        }
    )
    aliases = component_aliases(catalog, ["topup", "paynova-gateway", "feed", "payments-api"])
    # "gateway" says what a provider is, not who: only the brand and the host name it; a service
    # goes by its name without the kind, as a word of its own
    assert {name: found for name, found in aliases.items() if name != "payments-api"} == {
        "feed": ("feeds.orbitfleet.io",),
        "paynova-gateway": ("paynova",),
    }
    records = [_record(1, "Paynova authorisation failed: 503", service="topup")]
    records += [_record(2, "fetch failed url=https://feeds.orbitfleet.io/gtfs-rt", service="topup")]
    records += [_record(3, "payments refused the charge: 502", service="topup")]
    records += [_record(4, "token for svc@acme-payments-prod expired", service="topup")]
    peers = ["paynova-gateway", "feed", "payments-api"]
    found = signatures(records, {"topup": T0}, peers=peers, aliases=aliases)
    assert sorted(s.mentions for s in found) == [(), ("feed",), ("payments-api",), ("paynova-gateway",)]


def test_an_estates_own_domain_names_its_own_host_and_not_every_host_under_it() -> None:
    """``VALE.AC.UK`` in the directory's description is the estate's domain: ``vale-mq01.vale.ac.uk``
    is the broker, not the directory; a provider's domain still covers every host under it."""
    catalog = Catalog.from_mapping(
        {
            "services": {
                "cron": {"depends_on": ["grade-queue", "turnitin"]},
                "grade-queue": {"kind": "queue", "description": "RabbitMQ (vale-mq01)"},
                "directory": {"kind": "infrastructure", "description": "VALE.AC.UK Active Directory"},
                "turnitin": {"kind": "external", "description": "api.turnitin.com"},
            }
        }
    )
    aliases = component_aliases(catalog, ["cron", "grade-queue", "directory", "turnitin"])
    records = [_record(1, "AMQPIOException: Unable to connect to tcp://vale-mq01.vale.ac.uk:5672", service="cron")]
    records += [_record(2, "LDAP bind to vale.ac.uk failed: timeout", service="cron")]
    records += [_record(3, "submission failed: 503 from eu.api.turnitin.com", service="cron")]
    peers = ["grade-queue", "directory", "turnitin"]
    found = signatures(records, {"cron": T0}, peers=peers, aliases=aliases)
    assert sorted(s.mentions for s in found) == [(), ("directory",), ("turnitin",)]


def test_a_providers_key_words_are_no_brand_when_its_hosts_say_who_it_is() -> None:
    """``currency-rate-api`` described as api.ratesfeed.io: "rate" says what it does, and as a
    brand it matched every "rate limiting" line; ``paynova-gateway`` at api.paynova.com keeps
    "paynova", a label of its host."""
    catalog = Catalog.from_mapping(
        {
            "services": {
                "fx": {"depends_on": ["currency-rate-api", "paynova-gateway"]},
                "currency-rate-api": {"kind": "external", "description": "Ratesfeed FX rates API (api.ratesfeed.io)"},
                "paynova-gateway": {"kind": "external", "description": "card acquiring, api.paynova.com"},
            }
        }
    )
    aliases = component_aliases(catalog, ["fx", "currency-rate-api", "paynova-gateway"])
    assert "rate" not in aliases["currency-rate-api"]
    assert sorted(aliases["paynova-gateway"]) == ["api.paynova.com", "paynova"]
    records = [
        _record(1, "semaphore _read_concurrency_sem (rate limiting dropped 3 similar messages)", service="fx"),
        _record(2, "Paynova authorisation failed: 503", service="fx"),
    ]
    found = signatures(records, {"fx": T0}, peers=["currency-rate-api", "paynova-gateway"], aliases=aliases)
    assert sorted(s.mentions for s in found) == [(), ("paynova-gateway",)]


def test_a_caller_names_its_provider_by_what_the_provider_does() -> None:
    catalog = Catalog.from_mapping(
        {
            "services": {
                "identity": {"depends_on": ["sms-otp-provider", "kyc-vendor", "identity-db"]},
                "billing": {"depends_on": ["identity"]},
                "identity-db": {"kind": "datastore"},
                "sms-otp-provider": {"kind": "external"},
                "kyc-vendor": {"kind": "external"},
            }
        }
    )
    names = ["identity", "billing", "identity-db", "sms-otp-provider", "kyc-vendor"]
    duties = provider_duties(catalog, ["identity", "billing"], names)
    # "provider" and "vendor" say what a component is, not what it does; billing calls no provider
    assert duties == {"identity": (("kyc", "kyc-vendor"), ("otp", "sms-otp-provider"), ("sms", "sms-otp-provider"))}
    records = [
        _record(1, "otp send failed provider=textwave attempt=1 status=503", service="identity"),
        _record(2, "otp send failed for user usr_1", service="billing"),
    ]
    found = signatures(records, {"identity": T0, "billing": T0}, peers=names, duties=duties)
    assert {s.service: s.mentions for s in found} == {"identity": ("sms-otp-provider",), "billing": ()}


@pytest.mark.parametrize(
    ("component", "description", "line"),
    [
        ("coredns", None, "java.net.UnknownHostException: payments-api: Temporary failure in name resolution"),
        ("corp-dns", None, "IO Error: Unknown host specified : pay-ora-scan.db.corp.internal"),  # Oracle's JDBC
        ("istio", "service mesh control plane", "upstream connect error or disconnect/reset before headers"),
        ("ingress-nginx", None, "upstream timed out (110: Connection timed out) while reading response header"),
        ("workers-pool-b", None, 'Node became not ready node="ip-10-0-3-7" KubeletNotReady'),
    ],
)
def test_each_platform_family_is_known_by_its_symptoms(component: str, description: str | None, line: str) -> None:
    catalog = Catalog.from_mapping({"services": {component: {"kind": "infrastructure", "description": description}}})
    [symptom] = platform_symptoms(catalog, [component])
    assert symptom.component == component
    assert symptom.phrases.search(line.lower())
    assert symptom.outranks_names == (component in ("coredns", "corp-dns", "workers-pool-b"))


def test_dns_is_named_as_a_word_not_found_inside_an_identifier() -> None:
    catalog = Catalog.from_mapping({"services": {"kube-dns": {"kind": "infrastructure"}}})
    [symptom] = platform_symptoms(catalog, ["kube-dns"])
    assert not symptom.phrases.search("deny patch /v1/invoices/in_h8jvm0jdnsch2m status=403")
    assert not symptom.phrases.search("rate limiter: key=login count=7 auth-service-6b8fdf4574-dnszq")
    assert symptom.phrases.search("dns lookup for invoices-db timed out")
    assert symptom.phrases.search("plugin/errors: coredns: read udp: i/o timeout")
    assert not symptom.phrases.search("ora-00257: archiver error. connect as sysdba only until resolved.")
    assert symptom.phrases.search("could not resolve host: api.stripe.com")


def test_of_two_platform_components_a_line_marks_the_one_its_words_describe() -> None:
    catalog = Catalog.from_mapping(
        {
            "services": {
                "istiod": {"kind": "infrastructure", "description": "Istio control plane, sidecar certificates"},
                "istio-gateway": {"kind": "infrastructure", "description": "Istio ingress gateway"},
            }
        }
    )
    symptoms = platform_symptoms(catalog, ["istiod", "istio-gateway"])
    signing = "sidecar failed to sign: create certificate: connection refused"
    assert implicated_platform(signing, "profile", symptoms) == {"istiod": False}
    reset = "upstream connect error or disconnect/reset before headers"
    assert set(implicated_platform(reset, "profile", symptoms)) == {"istiod", "istio-gateway"}


@given(st.text(max_size=400))
def test_templating_is_total_and_idempotent(message: str) -> None:
    once = template_of(message)
    assert template_of(once) == once


def test_a_default_port_names_the_product_the_logging_service_calls() -> None:
    peers = ["booking", "payments", "bookings-mysql", "reviews-mysql", "sessions-redis"]
    records = [
        _record(1, 'record payment failed err="dial tcp 10.30.101.25:3306: i/o timeout"', service="payments"),
        _record(2, "GET http://10.1.1.1:33060/health 500", service="payments"),
    ]
    found = signatures(
        records, {"payments": T0}, peers=peers, dependencies={"payments": ["bookings-mysql", "sessions-redis"]}
    )
    assert {s.example[:6]: s.mentions for s in found} == {"record": ("bookings-mysql",), "GET ht": ()}


def test_a_component_word_as_a_host_names_domain_is_an_address_not_the_component() -> None:
    peers = ["minio-objects", "consul-dns"]
    records = [
        _record(1, "Drive /mnt/disk9: free space below 5% on minio-9.service.consul", service="minio-objects"),
        _record(2, "consul agent unreachable: dial tcp 10.0.0.5:8500: i/o timeout", service="minio-objects"),
    ]
    found = signatures(records, {"minio-objects": T0}, peers=peers)
    assert {s.example[:5]: s.mentions for s in found} == {"Drive": (), "consu": ("consul-dns",)}


@pytest.mark.parametrize(
    ("line", "answered"),
    [
        ("AS4 send failed: HTTP 503 Service Unavailable from https://as4.singlewindow.gov.example/msh", True),
        ('I/O error on GET request for "https://api.aisfeed.example/v3/eta": Read timed out', True),
        ('I/O error on POST request for "https://matrix.router.hereapi.com/v8/matrix": Connect timed out', False),
        ("GET http://10.1.4.7:8080/v2/eta 500", False),
        ("GET http://routing.cartwheel.svc.cluster.local/v2/eta 500", False),
        ("GET http://routing/v2/eta 500", False),
        ("exception in com.harbourline.edi.customs.Outbound", False),
    ],
)
def test_an_answer_from_a_url_outside_the_estate_is_told_from_a_failure_to_reach_it(line: str, answered: bool) -> None:
    assert outside_answer(line.lower()) is answered


def test_an_outside_url_that_names_no_component_names_the_one_provider_the_service_calls() -> None:
    records = [
        _record(1, "send failed: HTTP 503 from https://as4.singlewindow.gov.example/msh", service="customs-edi"),
        _record(2, "send failed: HTTP 503 from https://as4.singlewindow.gov.example/msh", service="billing"),
        _record(3, "fraud-api said 502 for https://fraud.example.com/score", service="customs-edi"),
    ]
    found = signatures(
        records,
        {"customs-edi": T0, "billing": T0},
        peers=["customs-edi", "billing", "fraud-api", "customs-gateway"],
        providers={"customs-edi": "customs-gateway"},
    )
    # billing calls no single provider; a component the line names outright comes first
    assert {(s.service, s.example[:4]): s.mentions for s in found} == {
        ("customs-edi", "send"): ("customs-gateway",),
        ("billing", "send"): (),
        ("customs-edi", "frau"): ("fraud-api",),
    }


def test_an_example_line_keeps_what_its_error_fields_say() -> None:
    """The message says a write failed; only ``error.message`` says the partition was full, and
    that is what tells exhaustion from an outage."""
    reason = "Response status code 403; Substatus 1014; " + "x" * 250 + " Partition key reached maximum size of 20 GB"
    record = LogRecord(
        timestamp=T0 + timedelta(minutes=1),
        service="hr",
        level="error",
        message="Failed to write audit event for tenant 40311; rolling back update",
        context=f"Microsoft.Azure.Cosmos.CosmosException {reason}",
    )
    [found] = signatures([record], {"hr": T0})
    assert found.example.startswith("Failed to write audit event")
    assert "reached maximum size" in found.example


def test_a_name_under_a_registrys_domain_names_the_service_not_the_registry() -> None:
    """``pgbouncer-content.service.consul`` is where the pooler is registered: a line failing to
    reach it does not blame Consul (here the catalog has no pooler to blame); a line about Consul
    itself still names Consul."""
    peers = ["odds-api", "consul", "orders"]
    records = [
        _record(1, "failed to connect to `host=pgbouncer-content.service.consul user=odds_ro`: server error"),
        _record(2, "GET http://orders.prod.svc.cluster.local:8080/v1 timed out after 2000ms"),
        _record(3, "consul agent unreachable: dial tcp 127.0.0.1:8500: connection refused"),
    ]
    found = signatures(records, {"checkout": T0}, peers=peers)
    assert sorted(s.mentions for s in found) == [(), ("consul",), ("orders",)]
