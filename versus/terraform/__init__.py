"""Terraform for AWS Incident Manager: the bundled modules, a root module rendered from the team spec, offline
checks against the provider schema, and running Terraform through python-terraform."""
