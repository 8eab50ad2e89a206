"""Issue 6's "done when", in real Chromium with axe on every page: an analyst moderates
quotes and publishes a "we did" text; an inspector opens a local authority's view and prints
its summary (one or two A4 pages); children see the "You said" page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from feedback_bot import clock
from feedback_bot.dao.consultations import save_consultation
from feedback_bot.extensions import db
from feedback_bot.models import APPROVED, AuditEvent, Quote

from .conftest import DESKTOP, Browsing, LiveServer
from .test_staff import accessible, sign_in

pytestmark = pytest.mark.browser

ANALYST = ("themes.analyst@example.gov.uk", "bramble ferry pocket")
INSPECTOR = ("themes.inspector@example.gov.uk", "thistle copper harbour")
SLUG = "wakefield-themes"
WE_DID = "We are asking every social worker to phone back within one day."


def _staff(live_server: LiveServer, email: str, password: str, role: str) -> str:
    result = live_server.app.test_cli_runner().invoke(
        args=["create-staff", "--email", email, "--role", role], input=password + "\n"
    )
    found = re.search(r"^totp-secret: (\S+)$", result.output, re.M)
    assert result.exit_code == 0 and found, result.output
    return found.group(1)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _moderate(page: Page) -> None:
    page.goto("/staff/moderation")
    expect(page.locator("h1")).to_have_text("Moderation")
    accessible(page, "moderation queue")
    page.get_by_label("Consultation").select_option(label=SLUG)
    page.get_by_label("Theme").select_option(label="Changes of social worker")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=re.compile("^Moderate")).first.click()
    expect(page.locator("h1")).to_contain_text("Moderate quote")
    accessible(page, "a quote")
    words = page.locator(".quote__text--big").inner_text()
    assert words.strip()
    page.get_by_label("Words to remove").fill("zebra crossing")
    page.get_by_role("button", name="Remove these words").click()
    expect(page.locator(".error-summary")).to_contain_text("Those words are not in the quote")
    expect(page.get_by_label("Words to remove")).to_have_value("zebra crossing")
    accessible(page, "a quote, with an error")
    first = words.split()[0]
    page.get_by_label("Words to remove").fill(first)
    page.get_by_role("button", name="Remove these words").click()
    expect(page.locator(".banner")).to_contain_text("Words removed.")
    expect(page.locator(".quote__text--big")).to_contain_text("[removed]")
    page.get_by_role("button", name="Approve as a quote").click()
    expect(page.locator(".banner")).to_contain_text("Approved as a quote")


def test_analyst_inspector_and_child(browsing: Browsing, live_server: LiveServer) -> None:
    analyst_secret = _staff(live_server, *ANALYST, "analyst")
    inspector_secret = _staff(live_server, *INSPECTOR, "inspector")
    with live_server.app.app_context():
        save_consultation(
            slug=SLUG, title=SLUG, conversation_id="listened-to", conversation_version=1,
            today=clock.today(), area_code="E08000036", languages=["en", "ar"],
        )  # fmt: skip
    demo = live_server.app.test_cli_runner().invoke(
        args=["demo-data", "--consultation", SLUG, "--conversations", "400", "--seed", "6"]
    )
    assert demo.exit_code == 0, demo.output
    page = browsing.page(js=True, viewport=DESKTOP, bypass_csp=True)  # axe needs scripts

    # The analyst approves quotes (after removing a word) and publishes what is being done.
    sign_in(page, *ANALYST, analyst_secret)
    for _ in range(4):
        _moderate(page)
    page.goto("/staff/consultations")
    page.get_by_role("link", name=SLUG, exact=True).click()
    page.get_by_role("link", name="You said, we did").click()
    accessible(page, "we did")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".error-summary")).to_contain_text("Write what you are doing")
    page.get_by_label("What we are doing about it").fill(WE_DID)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".banner")).to_contain_text("Published")
    page.get_by_role("button", name="Sign out").click()

    # The inspector opens Wakefield and prints its summary.
    sign_in(page, *INSPECTOR, inspector_secret)
    page.goto("/staff/areas")
    page.get_by_label("Area").select_option(label="Wakefield")
    page.get_by_role("button", name="Show results").click()
    expect(page.locator("h1")).to_have_text("What children in Wakefield told us")
    expect(page.locator("main")).to_contain_text("[removed]")
    accessible(page, "inspection view")
    page.get_by_role("link", name="Print summary").click()
    accessible(page, "print summary")
    page.emulate_media(media="print")
    expect(page.locator(".no-print").first).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    assert 1 <= _pages(pdf) <= 2, f"the summary prints on {_pages(pdf)} A4 pages"
    page.emulate_media(media="screen")

    # A child reads "You said", in English and in Arabic (right to left).
    child = browsing.page(js=True, bypass_csp=True)
    child.goto(f"/c/{SLUG}/you-said")
    expect(child.locator("h1")).to_have_text("You said")
    expect(child.locator(".we-did")).to_have_text(WE_DID)
    expect(child.locator("main")).to_contain_text("in 10 children said")
    accessible(child, "you said")
    child.goto(f"/c/{SLUG}/you-said?lang=ar")
    expect(child.locator("html")).to_have_attribute("dir", "rtl")
    accessible(child, "you said, Arabic")

    with live_server.app.app_context():
        approved = db.session.scalars(select(Quote.text).where(Quote.status == APPROVED)).all()
        decisions = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "moderation")
        ).all()
    assert len(approved) == 4 and all("[removed]" in text for text in approved)
    assert len(decisions) == 8  # a redaction and an approval each
