"""One line for a filesystem error that reached a command line: which file, and what the system said."""


def describe(error: OSError) -> str:
    """`out/x: Not a directory`, `a and b: …` for a two-path error, or the bare message without a path."""
    message = error.strerror or str(error)
    if error.filename is None:
        return message
    where = str(error.filename) + (f" and {error.filename2}" if error.filename2 is not None else "")
    return f"{where}: {message}"


def describe_decode(error: UnicodeDecodeError) -> str:
    """What to say about a file that is not UTF-8 text (the caller names the file)."""
    return f"not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start})"
