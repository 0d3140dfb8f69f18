"""The escalation suite's receiver and ack-link fixtures, reused: metrics need incidents that page and get acked."""

from tests.integration.escalation.conftest import oncall_receiver, signer

__all__ = ["oncall_receiver", "signer"]
