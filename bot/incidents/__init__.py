"""Incidents: the incident agent gathers evidence and asks the engine; investigations run it.

:mod:`~bot.incidents.agent` queries every evidence source concurrently and degrades on failure,
:mod:`~bot.incidents.investigations` schedules it after intake, :mod:`~bot.incidents.knowledge`
adds runbook sections and similar past incidents, and :mod:`~bot.incidents.scenario` replays
recorded incidents through the same path.
"""
