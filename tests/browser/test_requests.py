"""The check behind "no request to any other origin" (conftest.py) really catches one."""

from __future__ import annotations

import pytest

from .conftest import Browsing

pytestmark = pytest.mark.browser

OTHER = "http://other-origin.invalid/pixel.png"


def test_a_request_to_another_origin_is_caught(browsing: Browsing) -> None:
    page = browsing.page(js=True, bypass_csp=True)  # the app's CSP would block it first
    page.goto("/c/demo")
    assert browsing.foreign == []
    with page.expect_request(OTHER):
        page.evaluate("url => { new Image().src = url; }", OTHER)
    assert browsing.foreign == [OTHER]
    browsing.foreign.clear()  # caught: this test itself must not fail for it
