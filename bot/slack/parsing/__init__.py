"""Pure parsing of what Slack sends: button values (:mod:`.actions`), ``/incident`` text (:mod:`.commands`)
and alert messages posted in channels (:mod:`.channel_alerts`). No I/O; refusals are typed errors."""
