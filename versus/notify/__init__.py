"""Notifications: the durable outbox, its channels (Slack, the paging provider) and message templates."""
