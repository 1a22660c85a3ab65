"""A small JSON Schema (draft 2020-12) validator: the subset the inventory schema uses.

Keywords: ``type`` (a name or a list; "integer" accepts 3.0; booleans are not numbers), ``enum``,
``const``, ``properties``, ``required``, ``additionalProperties`` (false or a schema),
``minProperties``, ``items``, ``minItems``, ``maxItems``, ``minimum``, ``maximum``,
``exclusiveMinimum``, ``exclusiveMaximum``, ``minLength``, ``pattern``, ``oneOf``, ``anyOf``,
``$ref`` (``#/$defs/...`` within the same document). Annotations (``title``, ``description``,
``$comment``, ``default``, ``examples``) are ignored. As the specification says, a keyword applies
only to the instances of its type: ``minimum`` to numbers, ``properties`` to objects.

Errors are ``(json_path, message)`` pairs; the path is JSONPath-like: ``$.devices.rows[3].count``.
"""

from __future__ import annotations

import math
import re
from typing import Any, Dict, List, Tuple

Issue = Tuple[str, str]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def child_path(path: str, key: Any) -> str:
    """``$.a`` + ``"b"`` → ``$.a.b``; + ``3`` → ``$.a[3]``; odd keys are quoted: ``$.a["x y"]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENT.match(key):
        return f"{path}.{key}"
    return f"{path}[{_quote(key)}]"


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def type_name(value: Any) -> str:
    """The JSON type of a Python value read by ``json``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def show(value: Any, limit: int = 60) -> str:
    """A short rendering of a JSON value for messages."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_type(value: Any, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise ValueError(f"schema: unknown type {name!r}")


def json_equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true != 1."""
    if _number(a) and _number(b):
        return a == b
    if type_name(a) != type_name(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return a == b


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Validator:
    """Validates instances against one schema document (with its ``$defs``)."""

    def __init__(self, schema: Dict[str, Any]) -> None:
        self.schema = schema

    def _resolve(self, ref: str) -> Dict[str, Any]:
        if not ref.startswith("#/"):
            raise ValueError(f"schema: only local references are supported, got {ref!r}")
        node: Any = self.schema
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def validate(self, instance: Any, path: str = "$") -> List[Issue]:
        """Every problem of ``instance``, in document order."""
        out: List[Issue] = []
        self._check(instance, self.schema, path, out)
        return out

    def _check(self, value: Any, schema: Dict[str, Any], path: str, out: List[Issue]) -> None:
        if "$ref" in schema:
            self._check(value, self._resolve(schema["$ref"]), path, out)
        types = schema.get("type")
        if types is not None:
            names = [types] if isinstance(types, str) else list(types)
            if not any(_is_type(value, t) for t in names):
                out.append((path, f"expected {' or '.join(_article(t) for t in names)}, got "
                                  f"{_article(type_name(value))} ({show(value)})"))
                return
        if "const" in schema and not json_equal(value, schema["const"]):
            out.append((path, f"expected {show(schema['const'])}, got {show(value)}"))
            return
        if "enum" in schema and not any(json_equal(value, e) for e in schema["enum"]):
            out.append((path, f"expected one of {', '.join(show(e) for e in schema['enum'])}; got {show(value)}"))
            return
        if _number(value):
            self._check_number(value, schema, path, out)
        elif isinstance(value, str):
            if "minLength" in schema and len(value) < schema["minLength"]:
                out.append((path, "expected a non-empty string" if schema["minLength"] == 1
                            else f"expected at least {schema['minLength']} characters"))
            if "pattern" in schema and not re.search(schema["pattern"], value):
                out.append((path, f"{show(value)} does not match the pattern {schema['pattern']}"))
        elif isinstance(value, list):
            self._check_array(value, schema, path, out)
        elif isinstance(value, dict):
            self._check_object(value, schema, path, out)
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                self._check_alternatives(value, schema[keyword], keyword, path, out)

    def _check_number(self, value: float, schema: Dict[str, Any], path: str, out: List[Issue]) -> None:
        if isinstance(value, float) and not math.isfinite(value):
            out.append((path, f"expected a finite number, got {value}"))
            return
        if "minimum" in schema and value < schema["minimum"]:
            out.append((path, f"expected a number >= {schema['minimum']}, got {show(value)}"))
        if "maximum" in schema and value > schema["maximum"]:
            out.append((path, f"expected a number <= {schema['maximum']}, got {show(value)}"))
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            out.append((path, f"expected a number > {schema['exclusiveMinimum']}, got {show(value)}"))
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            out.append((path, f"expected a number < {schema['exclusiveMaximum']}, got {show(value)}"))

    def _check_array(self, value: List[Any], schema: Dict[str, Any], path: str, out: List[Issue]) -> None:
        if "minItems" in schema and len(value) < schema["minItems"]:
            out.append((path, f"expected at least {schema['minItems']} item(s), got {len(value)}"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            out.append((path, f"expected at most {schema['maxItems']} item(s), got {len(value)}"))
        if "items" in schema:
            for i, item in enumerate(value):
                self._check(item, schema["items"], child_path(path, i), out)

    def _check_object(self, value: Dict[str, Any], schema: Dict[str, Any], path: str, out: List[Issue]) -> None:
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                out.append((child_path(path, name), "required but missing"))
        if "minProperties" in schema and len(value) < schema["minProperties"]:
            out.append((path, f"expected at least {schema['minProperties']} entr{'y' if schema['minProperties'] == 1 else 'ies'}"))
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                self._check(item, props[key], child_path(path, key), out)
            elif extra is False:
                known = ", ".join(props) if props else "none"
                hint = _closest(key, list(props))
                out.append((child_path(path, key), f"unknown key {show(key)}{f' (did you mean {show(hint)}?)' if hint else ''}; "
                                                   f"known keys: {known}"))
            elif isinstance(extra, dict):
                self._check(item, extra, child_path(path, key), out)

    def _check_alternatives(self, value: Any, branches: List[Dict[str, Any]], keyword: str, path: str,
                            out: List[Issue]) -> None:
        results = []
        for branch in branches:
            errs: List[Issue] = []
            self._check(value, branch, path, errs)
            results.append(errs)
        matched = sum(1 for r in results if not r)
        titles = [b.get("title", f"alternative {i + 1}") for i, b in enumerate(branches)]
        if keyword == "oneOf" and matched == 1 or keyword == "anyOf" and matched >= 1:
            return
        if matched == 0:
            # Branches that only require keys: say which keys are expected. Otherwise report the
            # branch with the fewest problems.
            if all(set(b) <= {"title", "required", "description"} for b in branches):
                out.append((path, f"expected {'exactly ' if keyword == 'oneOf' else ''}one of: "
                                  f"{'; '.join(titles)}"))
            else:
                best = min(results, key=len)
                out.extend(best)
        else:
            which = [t for t, r in zip(titles, results) if not r]
            out.append((path, f"expected exactly one of: {'; '.join(titles)}; got {' and '.join(which)}"))


def _article(name: str) -> str:
    return {"integer": "an integer", "object": "an object", "array": "an array", "null": "null"}.get(name, f"a {name}")


def _closest(key: str, known: List[str]) -> str:
    import difflib

    m = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    return m[0] if m else ""
