"""``{% cache %}``: parts of a page rendered once per process and reused.

A chat page is mostly the same from one child to the next: the header, the footer and
the question's own words and buttons depend only on the language, the consultation's
address and the question. Rendering them costs more than the rest of a turn together
(docs/performance.md), so a template can mark such a part::

    {% cache "footer", page_language, slug %} ... {% endcache %}

The part is rendered the first time, and later pages with the same keys reuse it. The keys
must name everything the part reads: a value left out of them would show one child's page
to another. So a cached part never holds a CSRF token, a child's words or an error, and
tests/test_fragments.py renders every question of every conversation in every language
with and without the cache and compares them byte for byte.

The cache lives in the Jinja environment, so each app has its own, and it holds at most
``FRAGMENT_CACHE_SIZE`` parts (emptied when full: a few hundred are in use). It is off
while templates reload on change (debug), so an edited template shows at once.

The pattern is Jinja's own example extension (jinja.palletsprojects.com, "Extensions"),
kept in memory without expiry: a part is a pure function of its keys and of files that do
not change while the app runs. Flask-Caching's tag would add a dependency, pickling and
timeouts for no gain here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Final

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

FRAGMENT_CACHE_SIZE: Final = 2000


class FragmentCache(Extension):
    """The ``{% cache key, ... %}...{% endcache %}`` tag."""

    tags = {"cache"}  # noqa: RUF012  (Jinja's Extension declares it so)

    def __init__(self, environment: object) -> None:
        super().__init__(environment)  # type: ignore[arg-type]
        self.parts: dict[tuple[Hashable, ...], Markup] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_part", [nodes.Tuple(keys, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _part(self, keys: tuple[Hashable, ...], caller: Callable[[], Markup]) -> Markup:
        if self.environment.auto_reload:
            return caller()
        found = self.parts.get(keys)
        if found is None:
            if len(self.parts) >= FRAGMENT_CACHE_SIZE:
                self.parts.clear()
            found = self.parts[keys] = caller()
        return found
