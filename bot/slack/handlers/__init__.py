"""One listener per Slack surface: the incident post's buttons (:mod:`.actions`), ``/incident``
(:mod:`.commands`) and alert messages in channels (:mod:`.channel_alerts`). Each acks at once and
does its work in the background (:mod:`bot.slack.runner`), over the shared services
(:class:`bot.slack.services.SlackServices`)."""
