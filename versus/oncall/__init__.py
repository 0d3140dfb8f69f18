"""On-call: the per-alert decision, the escalation scheduler, acknowledgement and paging providers."""
