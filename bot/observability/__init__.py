"""The bot's own signals: Prometheus metrics of intake and investigations, JSON log lines."""
