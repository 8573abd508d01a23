"""The Slack surface: the incident post, its buttons, ``/incident``, alerts from channels.

* :mod:`.app` assembles the Bolt app and serves ``/slack/events`` (:mod:`.socket_mode` for the websocket);
* :mod:`.handlers`: one listener module per surface, over :class:`.services.SlackServices`;
* :mod:`.parsing` and :mod:`.views`: pure parsing of what Slack sends, pure building of what it shows;
* :mod:`.publisher` posts and edits the incident post through :mod:`.poster`'s paced queues;
  :mod:`.roles` says who may act, :mod:`.coordination` what happens once or one at a time,
  :mod:`.runner` runs the work after the ack, :mod:`.client` is the Web API client and its errors,
  :mod:`.ephemeral` tells one person.

Errors (:mod:`.errors`): a request not carried out, explained to the person who made it::

    SlackError
    ├── BadAction     a click whose value is not opsdesk's or was altered
    ├── CommandError  ``/incident`` with wrong or missing arguments
    └── Refused       refused on the server: no such incident, no role, wrong state, or Slack said no
"""
