"""Coefficients that several rules share; those of a single rule sit at the top of its module."""

from __future__ import annotations

from datetime import timedelta

#: Trouble (0..1) from which a service counts as degraded at all.
DEGRADED = 0.15
#: Trouble (0..1) from which a service counts as clearly failing.
FAILING = 0.3
#: A change is not blamed for trouble that began longer than this after it.
MAX_CHANGE_LAG = timedelta(minutes=60)
#: How long before a climb or a failure the service's own change still explains it.
OWN_CAUSE_WINDOW = timedelta(minutes=60)
#: Priority of a service whose dependency failed clearly earlier: it is that dependency's victim.
VICTIM_FACTOR = 0.4
#: Load on a dependency that rose right after a caller changed is the caller's doing.
CALLER_LOAD_FACTOR = 0.45
#: Factor for a climb or surge that nothing in the neighbourhood suffered from.
NO_EFFECT_FACTOR = 0.3
#: Share of the remaining doubt left when new log lines corroborate the cause.
CORROBORATED_DOUBT = 0.6
#: Host-level log lines at which their weight reaches 1 - 1/e of its maximum.
HOST_LINES_SCALE = 4.0
#: Factor for a change or climb at a service that stayed healthy, whose effect is a caller
#: failing with another dependency, one that service does not reach: that dependency explains it.
EXPLAINED_ELSEWHERE_FACTOR = 0.4
