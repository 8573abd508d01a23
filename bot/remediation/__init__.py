"""Governed remediation: typed actions, the policy that tiers them, and the audit log.

::

    actions.py     runbook front matter -> typed actions (target, parameters from the evidence)
    policy.py      OPSDESK_POLICY: validated at start-up, versioned by content hash
    decide.py      the pure decision: (action, target, params, severity, clock) -> tier and reasons
    audit.py       canonical JSON and the hash chain of the audit log
    proposals.py   an analysis' actions, decided, with what shadow mode would do
    executors.py   the policy's executors (connectors/executors), shadows in shadow mode
    service.py     request, approve, execute: once, under a per-target lease with a fencing token

Errors derive from :class:`bot.remediation.errors.RemediationError` (an ``OpsdeskError``);
``service.Refused`` and ``service.Busy`` are its refusals.
"""
