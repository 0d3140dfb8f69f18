"""The report's output formats: a leaf module, so `versus`'s argument parser names them without importing
the report itself (its renderers, the schedule and Redis load only when `versus report` runs)."""

FORMATS = ("markdown", "html")
