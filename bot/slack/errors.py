"""The errors of the Slack surface: a request not carried out, and ``str()`` says why to the person who made it.

::

    OpsdeskError (bot.errors)
    └── SlackError        a Slack request not carried out; the message is for the person
        ├── BadAction     a click whose value is not opsdesk's or was altered (bot.slack.parsing.actions)
        ├── CommandError  ``/incident`` with wrong or missing arguments (bot.slack.parsing.commands)
        └── Refused       refused on the server: no such incident, no role, wrong state, or Slack said no
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
