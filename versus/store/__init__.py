"""State: the Redis connection (URL, host/TLS or an embedded server), the key schema and atomic scripts."""
