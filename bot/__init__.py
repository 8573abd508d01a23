"""opsdesk: the Slack incident and service-desk bot."""

__version__ = "0.1.0"
