"""Intake: turn a webhook body into normalised alerts with an identity."""
