"""Intake: what arrives (Alertmanager webhooks, deploy events) is validated, deduplicated and grouped.

Parsing (:mod:`~bot.intake.alertmanager`, :mod:`~bot.intake.changes`) and the grouping and
placement rules (:mod:`~bot.intake.grouping`, :mod:`~bot.intake.planning`) are pure functions;
the store applies a plan in one transaction.
"""
