"""Small HTML tables for the ``_repr_html_`` of numresp's state objects in notebooks."""

import html
from typing import Any, Iterable, Tuple


def _cell(value: Any) -> str:
    if value is None:
        return "<i>none</i>"
    if isinstance(value, float):
        return f"{value:.6g}"
    return html.escape(str(value), quote=True)


def table(caption: str, rows: Iterable[Tuple[str, Any]]) -> str:
    """A two-column table (name, value) under a caption; every text is escaped."""
    body = "".join(f"<tr><th style=\"text-align:left\">{html.escape(name)}</th><td>{_cell(value)}</td></tr>"
                   for name, value in rows)
    return f"<table><caption style=\"text-align:left\"><b>{html.escape(caption)}</b></caption>{body}</table>"
