"""Checks every HTML page must pass, applied to every page the test client receives."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from werkzeug.test import TestResponse


def check_page(response: TestResponse) -> BeautifulSoup:
    """One h1, a language, unique ids, labels, CSRF in every POST form; on children's pages,
    help, exit and privacy links."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    where = f"{response.request.method} {response.request.path} ({response.status_code})"
    html = soup.find("html")
    assert html is not None and html.get("lang"), f"{where}: <html> has no lang"
    assert html.get("dir") in ("ltr", "rtl"), f"{where}: <html> has no dir"
    assert soup.title and soup.title.get_text(strip=True), f"{where}: no <title>"
    assert len(soup.find_all("h1")) == 1, f"{where}: expected exactly one <h1>"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"{where}: duplicate ids {duplicates}"
    for form in soup.find_all("form"):
        if str(form.get("method", "get")).lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), f"{where}: a form has no CSRF"
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        labelled = field.get("id") and soup.find("label", attrs={"for": field["id"]})
        assert labelled or field.get("aria-label"), f"{where}: {field.get('name')} has no label"
    if response.request.path.startswith("/staff"):
        assert soup.find("a", href="/staff/") or "sign-in" in response.request.path, (
            f"{where}: no way home"
        )
        return soup
    assert soup.find("a", href=lambda h: bool(h) and h.startswith("/help")), (
        f"{where}: no help link"
    )
    assert soup.find("a", href="/exit"), f"{where}: no exit link"
    privacy = soup.find("a", href=lambda h: bool(h) and h.startswith("/privacy"))
    assert privacy, f"{where}: no privacy link"
    assert "Traceback" not in soup.get_text(), f"{where}: shows a traceback"
    return soup
