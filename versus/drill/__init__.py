"""Fire drills: alerts that run the whole pipeline but, unless asked, only rehearse the page.

`marker` reads the drill flags from a request, `rehearsal` is what the escalation scheduler does instead
of calling the provider, and `scenarios` / `runner` / `report` are what `versus-gen drill` sends, follows
and prints.
"""
