"""The first chat screens are light enough for a cheap phone on patchy data."""

from __future__ import annotations

import gzip
import re

import pytest
from flask.testing import FlaskClient

from .conftest import ChatActions

BUDGET = 30 * 1024  # bytes, compressed: HTML, CSS, JS, fonts and icons together
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def _weigh(client: FlaskClient, html: bytes) -> dict[str, int]:
    """Each part of a page gzipped at level 9: the HTML, and every file it loads from us."""
    assets = sorted(set(ASSET.findall(html.decode())))
    kinds = {a.rsplit(".", 1)[-1] for a in assets}
    assert {"css", "js"} <= kinds, assets  # the measuring would be hollow without them
    sizes = {"html": len(gzip.compress(html, 9))}
    for path in assets:
        response = client.get(path)
        assert response.status_code == 200, path
        sizes[path] = len(gzip.compress(response.get_data(), 9))
        response.close()
    return sizes


@pytest.mark.parametrize("screen", ["start", "first-message"])
def test_the_first_chat_screens_are_under_30_kb_compressed(
    client: FlaskClient, chat: ChatActions, screen: str
) -> None:
    if screen == "start":
        html = client.get("/c/sample").get_data()
    else:
        chat.start()
        html = client.get("/c/sample").get_data()
        assert b"bubble--bot" in html and b"read-aloud" in html
    sizes = _weigh(client, html)
    assert sum(sizes.values()) < BUDGET, sizes


def test_the_page_loads_nothing_from_another_site(client: FlaskClient) -> None:
    html = client.get("/c/sample").get_data(as_text=True)
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)
    assert 'rel="icon" href="data:,"' in html  # no favicon request either
