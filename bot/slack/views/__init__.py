"""Pure builders of what the Slack surface shows: the incident post's Block Kit (:mod:`.blocks`, fitted and
checked by :mod:`.limits`), replies to one person (:mod:`.replies`), thread notes and channel texts
(:mod:`.notes`). No I/O."""
