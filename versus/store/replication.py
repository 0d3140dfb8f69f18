"""Durability across a failover: wait for replicas to have a change before acting on it.

Redis replicates asynchronously. Without waiting, a primary that dies right after a write can take it
with it: the promoted replica never saw the incident that intake already answered 2xx. With
`redis.min_replicas_to_ack: n`, every script is followed, on the same connection, by `WAIT n timeout`,
which returns how many replicas have acknowledged everything that connection wrote. Fewer than `n`:
- intake answers 503 with Retry-After. The incident may well exist on the primary, but Alertmanager
  retries 5xx, and a retry is idempotent by identity (the group's identity key maps it to the same
  incident), so the worst case is one more `updated` notification, never a lost or second incident;
- a worker that has already claimed work logs it and does the work: paging late or twice is worse than
  a claim record that a failover might lose, and every provider call carries an idempotency key.
WAIT does not make Redis strongly consistent (a replica that acknowledged can still lose a race for
promotion to one that did not); with one replica per primary it closes the window that matters.
"""

import logging
from dataclasses import dataclass

from redis.exceptions import RedisError

log = logging.getLogger("versus.store")


class ReplicasDidNotAcknowledge(RedisError):
    """Too few replicas confirmed a change within the timeout; the primary may have it, they may not."""


@dataclass(frozen=True)
class ReplicaAck:
    replicas: int = 0
    timeout_ms: int = 1000

    def check(self, what: str, acknowledged: int, *, strict: bool) -> None:
        if acknowledged >= self.replicas:
            return
        message = f"{what}: {acknowledged} of {self.replicas} replica(s) acknowledged within {self.timeout_ms} ms"
        if strict:
            raise ReplicasDidNotAcknowledge(message)
        log.warning("%s; going on", message)
