"""Runbooks: front matter (causes, alerts, services, actions) turned into next steps by rule."""
