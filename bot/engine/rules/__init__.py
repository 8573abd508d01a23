"""Rules: score every (cause, culprit) pair in the alerting services' neighbourhood.

Each rule reads :class:`~bot.engine.facts.Facts` and returns a scored candidate
or the reason it does not apply. Scores are plausibilities in 0..1 built from
three questions a responder asks, multiplied together:

* strength - is there clear evidence of this fault at this service?
* timing   - did it start before the trouble it should explain, and close to it?
* priority - did nothing upstream in the dependency chain break even earlier,
             and is there no more direct explanation (its own change, a surge)?

One module per kind of fault (change, resource, surge, dependency and external
outages, infrastructure); ``measures`` and ``evidence`` hold what the rules share,
``weights`` the coefficients that several of them use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.engine.facts import Facts, ServiceFacts
from bot.engine.model import Discarded
from bot.engine.rules.candidate import Candidate, Outcome
from bot.engine.rules.change import change_rule
from bot.engine.rules.dependency import dependency_rule, external_rule
from bot.engine.rules.infra import host_rule, shared_compute_rule, shared_egress_rule, unplaced_infra_rule
from bot.engine.rules.resource import hogging_rule, resource_rule
from bot.engine.rules.surge import surge_rule

ServiceRule = Callable[[Facts, ServiceFacts], Iterator[Outcome]]

SERVICE_RULES: tuple[ServiceRule, ...] = (
    change_rule,
    resource_rule,
    surge_rule,
    dependency_rule,
    external_rule,
    host_rule,
)
#: A caller outside the neighbourhood can only hurt it through a shared dependency: by a change
#: that makes it misbehave, by flooding it, or by holding its capacity.
SIBLING_RULES: tuple[ServiceRule, ...] = (change_rule, surge_rule, hogging_rule)


def evaluate(f: Facts) -> tuple[list[Candidate], list[Discarded]]:
    """Every rule over the neighbourhood and its siblings: the candidates and the discarded pairs."""
    candidates: list[Candidate] = []
    discarded: list[Discarded] = []
    outcomes: list[Outcome] = [
        o for name in f.neighbourhood for rule in SERVICE_RULES for o in rule(f, f.services[name])
    ]
    outcomes += [o for name in f.siblings for rule in SIBLING_RULES for o in rule(f, f.services[name])]
    outcomes += list(unplaced_infra_rule(f))
    outcomes += list(shared_compute_rule(f))
    outcomes += list(shared_egress_rule(f))
    for outcome in outcomes:
        if isinstance(outcome, Candidate):
            candidates.append(outcome)
        else:
            discarded.append(outcome)
    return candidates, discarded


__all__ = ["Candidate", "Outcome", "evaluate"]
