"""Monitoring and analytics: Prometheus metrics, CloudWatch EMF lines and the on-call report.

Every number comes from the event stream (`{prefix}events`) that the store's Lua scripts append to in
the same atomic step as each state change, so metrics and reports count facts, never guesses.
"""
