"""The service desk: employees' questions, access requests, account recovery and tickets.

Modules by concern (rules decide, models advise, as in remediation):

* :mod:`bot.desk.model` — the shared vocabulary: intents, a request's classification, the
  Protocols the Slack surface speaks to;
* :mod:`bot.desk.classify` — intent routing (rules plus nearest labelled examples), and the pure
  privilege and escalation rules that no model output can override;
* :mod:`bot.desk.access` — access requests, owners' approvals and time-bound grants revoked by
  a durable timer (governance's policy, executors, approval rules and audit log), over
  :mod:`bot.desk.resources`, the resource catalog (``OPSDESK_RESOURCES``);
* :mod:`bot.desk.conversation` — a conversation from first message to resolved or escalated:
  answers from the knowledge base with citations, recovery hand-offs, tickets.

Tickets themselves live behind :class:`connectors.tickets.TicketSystem` (Jira Cloud, ServiceNow)
or in the local store.
"""
