"""The Sanic app: factory and HTTP routes. Behaviour lives in the domain packages, not here."""
