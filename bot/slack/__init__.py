"""The Slack app: the incident post, its buttons, ``/incident``, alerts from channels (DESIGN, issue "Slack").

:mod:`bot.slack.blocks` and :mod:`bot.slack.actions` are pure; :mod:`bot.slack.poster` paces the Web API;
:mod:`bot.slack.app` wires them into one Bolt ``AsyncApp`` mounted on the aiohttp server.
"""
