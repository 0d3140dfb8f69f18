"""versus-gen: derive Alertmanager routing and the receiver's config from one team spec, and check them.

The spec is the single source of truth, so routing, receiver config and AWS cannot drift apart.
"""
