"""The first chat screen is light enough for a cheap phone on patchy data."""

from __future__ import annotations

import gzip
import re

from flask.testing import FlaskClient

BUDGET = 30 * 1024  # bytes, compressed: HTML, CSS, JS, fonts and icons together
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def test_the_first_chat_screen_is_under_30_kb_compressed(client: FlaskClient) -> None:
    page = client.get("/c/sample")
    html = page.get_data()
    assets = sorted(set(ASSET.findall(html.decode())))
    assert any(a.endswith(".css") for a in assets), assets
    sizes = {"html": len(gzip.compress(html, 9))}
    for path in assets:
        response = client.get(path)
        assert response.status_code == 200, path
        sizes[path] = len(gzip.compress(response.get_data(), 9))
        response.close()
    total = sum(sizes.values())
    assert total < BUDGET, sizes


def test_the_page_loads_nothing_from_another_site(client: FlaskClient) -> None:
    html = client.get("/c/sample").get_data(as_text=True)
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html)
    assert 'rel="icon" href="data:,"' in html  # no favicon request either
