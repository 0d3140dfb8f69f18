"""`${VAR}` and `${VAR:-default}` expansion inside the string values of a parsed YAML document.

Expansion runs after YAML parsing, on string scalars only, so a secret containing `:` or `#` can never
change the document's structure. `$$` is a literal `$`. An unset variable without a default is an error
that names the key path, because silently using an empty token or host is how outages start.
"""

import re
from collections.abc import Mapping
from typing import Any

_TOKEN = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{[^}]*\}?")


class ExpansionError(ValueError):
    """Raised with every unresolvable reference found, one per line."""


def expand(document: Any, env: Mapping[str, str]) -> Any:
    problems: list[str] = []
    result = _expand(document, env, "", problems)
    if problems:
        raise ExpansionError("\n".join(problems))
    return result


def referencing_paths(document: Any, path: str = "") -> frozenset[str]:
    """Key paths (as errors name them) of strings that hold a `${VAR}` reference: their expanded value is
    never repeated in an error, since environment variables are where secrets come from."""
    if isinstance(document, dict):
        return frozenset().union(*(referencing_paths(v, _join(path, str(k))) for k, v in document.items()))
    if isinstance(document, list):
        return frozenset().union(*(referencing_paths(v, f"{path}[{i}]") for i, v in enumerate(document)))
    return frozenset({path}) if isinstance(document, str) and "${" in document else frozenset()


def _expand(node: Any, env: Mapping[str, str], path: str, problems: list[str]) -> Any:
    if isinstance(node, dict):
        return {key: _expand(value, env, _join(path, str(key)), problems) for key, value in node.items()}
    if isinstance(node, list):
        return [_expand(item, env, f"{path}[{index}]", problems) for index, item in enumerate(node)]
    if isinstance(node, str) and "$" in node:
        return _expand_string(node, env, path, problems)
    return node


def _expand_string(text: str, env: Mapping[str, str], path: str, problems: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "$$":
            return "$"
        name, default = match.group(1), match.group(2)
        if name is None:
            problems.append(f"{path or '<root>'}: malformed reference {token!r}; write ${{NAME}} or ${{NAME:-default}}")
            return ""
        if name in env:
            return env[name]
        if default is not None:
            return default
        problems.append(
            f"{path or '<root>'}: environment variable {name} is not set (use ${{{name}:-}} to allow an empty value)"
        )
        return ""

    return _TOKEN.sub(replace, text)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
