"""The errors of the Slack surface: work not carried out, and ``str()`` says why.

::

    OpsdeskError (bot.errors)
    └── SlackError          Slack work not carried out
        ├── BadAction       a click whose value is not opsdesk's or was altered (bot.slack.parsing.actions)
        ├── CommandError    ``/incident`` with wrong or missing arguments (bot.slack.parsing.commands)
        ├── Refused         refused on the server: no such incident, no role, wrong state, or Slack said no
        ├── PostNotSent     an incident's message could not be sent yet; its timer tries again
        └── IncidentBusy    an incident's lease stayed held by another holder too long

The first three are told to the person who made the request; the last two go to the log.
"""

from __future__ import annotations

from bot.errors import OpsdeskError


class SlackError(OpsdeskError):
    """A Slack request not carried out; ``str()`` is the explanation for the person."""


class BadAction(SlackError, ValueError):
    """A click that cannot be honoured."""


class CommandError(SlackError, ValueError):
    """Wrong or missing arguments to ``/incident``."""


class Refused(SlackError):
    """A request refused on the server after it was understood."""


class PostNotSent(SlackError):
    """The incident has a channel but its message could not be sent: the timer tries again later."""


class IncidentBusy(SlackError):
    """An incident's lease stayed held by another holder for longer than the wait allows."""
