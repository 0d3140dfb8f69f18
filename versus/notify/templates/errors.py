"""The one exception a template problem raises, so callers catch a single type at start-up."""


class TemplateError(Exception):
    """A template that cannot be compiled: names the file (or template name), the line and the problem.

    Raised at start-up (load/compile), never while rendering: a render-time failure falls back to a
    built-in message instead, because an alert must always be delivered.
    """

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message
