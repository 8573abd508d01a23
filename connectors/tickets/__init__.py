"""Ticket systems behind one Protocol: Jira Cloud (REST v3) and ServiceNow (Table API).

The embedded default keeps tickets in opsdesk's own store (``bot.store``), behind the same
Protocol, so the desk never knows which system it files into.
"""

from connectors.tickets.model import Ticket, TicketDraft, TicketError, TicketState, TicketSystem, Turn

__all__ = ["Ticket", "TicketDraft", "TicketError", "TicketState", "TicketSystem", "Turn"]
