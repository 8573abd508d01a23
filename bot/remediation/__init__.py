"""Governed remediation: typed actions, the policy that tiers them, and the audit log.

::

    actions.py     runbook front matter -> typed actions (target, parameters from the evidence)
    policy.py      OPSDESK_POLICY: validated at start-up, versioned by content hash
    decide.py      the pure decision: (action, target, params, severity, clock) -> tier and reasons
    audit.py       canonical JSON and the hash chain of the audit log

Errors derive from :class:`bot.remediation.errors.RemediationError` (an ``OpsdeskError``).
"""
