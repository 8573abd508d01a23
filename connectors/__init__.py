"""I/O edges to other systems, one package per kind of source; nothing here imports ``bot``.

Layout::

    errors.py            the error tree below
    fetched.py           Fetched[T]: what a source answered, and why it may be incomplete
    files.py             ReplayFile and reading a scenario folder's files, for the replay sources
    metrics/             SignalSamples, MetricsSource; prometheus.py, replay.py (signals.json)
    logs/                LogDocument, LogSource; ecs.py (fields), elasticsearch.py, replay.py (logs.jsonl)
    changes/             ChangeRecord, ChangeSource; replay.py (deploys.json)
    executors/           Executor: shadow, signed webhook, Alertmanager silences, PagerDuty Events v2

Ticketing will be a package of its own here (``tickets/``) when it is written.

Every source returns its own plain data (samples, ECS log documents, change records) in a
:class:`~connectors.fetched.Fetched`; turning that into the engine's evidence is the bot's job.
A source that cannot answer raises (or times out)::

    ConnectorError              root of every connector error
    ├── SourceUnavailable       a source could not answer (unreachable, bad reply, bad file)
    │   └── SourceNotConfigured the source is not set up here (no URL, no file)
    ├── ExecutorError           a side effect not carried out, or with an unknown outcome
    └── TicketError             a ticket not created, commented or moved (or an unknown outcome)

so the caller can degrade instead of failing.
"""
