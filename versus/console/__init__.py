"""The web console (`/ui/`): incidents, on call and health, server-rendered, behind a login."""
