"""Hostile values and requests for every route in Flask's URL map."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from werkzeug.routing import Rule

SCRIPT = "<script>fz(1)</script>"  # must never come back unescaped
NASTY = [
    "",
    " ",
    "x" * 5000,
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u200b\u2060\ufeff",  # RTL/LTR marks, zero-width space and joiners, BOM
    "e\u0301\u0301\u0301",  # stacked combining marks
    "😀" * 60,
    "𝕳𝖊𝖑𝖑𝖔",
    SCRIPT,
    '"><img src=x onerror=fz(2)>',
    "javascript:fz(3)",
    "'; DROP TABLE answers; --",
    "' OR 1=1 --",
    "1; SELECT pg_sleep(10)",
    '=HYPERLINK("http://x")',
    "+44 7700 900123",
    "../../etc/passwd",
    "%00%2e%2e%2f",
    "{{ 7*7 }}",
    "${7*7}",
    "\r\nSet-Cookie: x=1",
    "-1",
    "99999999999999999999999",
    "E92000001",
    "yes",
    "12-15",
    "welcome",
]
HOSTILE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.builds(lambda a, b: a + SCRIPT + b, st.text(max_size=10), st.text(max_size=10)),
)
FIELDS = [
    "csrf_token", "node", "action", "answer", "text", "change",  # the chat's forms
    "email", "password", "code", "role", "title", "slug", "conversation",  # staff forms
    "area_code", "setting", "languages", "opens_on", "closes_on", "actor", "on", "x",
]  # fmt: skip
QUERY = ["lang", "c", "end", "by", "code", "page", "conversation", "why", "action", "actor", "on"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples in every run: bounded and repeatable in CI
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def rules(app: Flask, prefix: str) -> list[Rule]:
    """The URL map's rules under a prefix (static files left out)."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and rule.rule.startswith(prefix)
    ]


PLACEHOLDER = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


@st.composite
def requests(draw: st.DrawFn, found: list[Rule], slugs: list[str]) -> dict[str, Any]:
    """A request to one of the rules, with hostile path values, fields, query and method."""
    rule = draw(st.sampled_from(found))
    path, end = "", 0
    for match in PLACEHOLDER.finditer(rule.rule):
        converter, arguments, name = match.groups()
        if converter == "int":
            value = str(draw(st.one_of(st.integers(0, 5), st.integers(-(2**70), 2**70))))
        elif converter == "any":
            items = [item.strip() for item in (arguments or "").split(",")]
            value = draw(st.sampled_from([*items, "x"]))
        elif name == "slug":
            value = draw(st.one_of(st.sampled_from(slugs), HOSTILE))
        else:
            value = draw(HOSTILE)
        path += rule.rule[end : match.start()] + quote(value or "x", safe="")
        end = match.end()
    path += rule.rule[end:]
    allowed = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    method = draw(st.one_of(st.sampled_from(allowed), st.sampled_from(METHODS)))
    fields = draw(st.dictionaries(st.sampled_from(FIELDS), HOSTILE, max_size=6))
    query = draw(st.dictionaries(st.sampled_from(QUERY), HOSTILE, max_size=3))
    return {"path": path, "method": method, "fields": fields, "query": query}
