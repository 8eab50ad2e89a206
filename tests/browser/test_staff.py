"""The staff area in real Chromium: the whole "done when" walk, with axe on every page.

An admin made on the command line signs in with a TOTP code and adds an analyst and an
inspector; the analyst publishes a consultation for a local authority and prints its
poster; the inspector cannot reach analyst pages; every step is in the audit log.
"""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from feedback_bot.extensions import db
from feedback_bot.models import AuditEvent

from .conftest import DESKTOP, PHONE, Browsing, LiveServer
from .test_accessibility import TARGETS, _axe

pytestmark = pytest.mark.browser

ADMIN = ("head.admin@example.gov.uk", "saffron tugboat meadow")
ANALYST = ("crd.analyst@example.gov.uk", "copper lantern orchard")
INSPECTOR = ("ofsted.inspector@example.gov.uk", "granite willow parade")


STAFF_TARGET = 24  # CSS px, WCAG 2.5.8 (staff use laptops; children's pages aim for 44)


def accessible(page: Page, name: str) -> None:
    """axe finds nothing at a laptop's size or a phone's; targets are at least 24x24."""
    problems = [f"at 1280x800: {line}" for line in _axe(page)]
    page.set_viewport_size(PHONE)
    problems += [f"at 390x844: {line}" for line in _axe(page)]
    targets = page.evaluate(TARGETS)
    small = [t for t in targets if min(t["width"], t["height"]) < STAFF_TARGET]
    problems += [f"target under 24x24 CSS px (WCAG 2.5.8): {target}" for target in small]
    page.set_viewport_size(DESKTOP)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def sign_in(page: Page, email: str, password: str, secret: str) -> None:
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Hello")


def add_account(page: Page, email: str, password: str, role: str) -> str:
    page.goto("/staff/accounts/new")
    page.get_by_label("Email address").fill(email)
    page.get_by_label(role, exact=True).check()
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Add account").click()
    expect(page.locator("h1")).to_have_text("Account added")
    return page.locator(".secret code").inner_text()


# Every page that answers GET with HTML, and where an axe walk checks it (this file, or
# PAGES in test_accessibility.py). A new page fails the test below until it is walked here.
AXE_CHECKED = {
    "chat.index": "test_accessibility: index",
    "chat.chat": "test_accessibility: start, questions, review, closed, ...",
    "chat.help": "test_accessibility: help",
    "chat.privacy": "test_accessibility: privacy",
    "chat.thanks": "test_accessibility: thanks",
    "chat.stopped": "test_accessibility: stopped",
    "staff.sign_in": "sign-in",
    "staff.code": "code",
    "staff.home": "admin home",
    "staff.accounts": "accounts",
    "staff.new_account": "new account errors",
    "staff.audit_log": "audit log",
    "staff.consultations": "consultations",
    "staff.new_consultation": "new consultation",
    "staff.consultation": "consultation",
    "staff.poster": "poster",
    "staff.results_page": "results, empty / with numbers",
    "staff.areas_page": "areas",
    "staff.area_results": "area results",
    "staff.inspection_page": "test_themes: inspection view",
    "staff.inspection_summary": "test_themes: print summary",
    "staff.moderation": "test_themes: moderation queue",
    "staff.quote": "test_themes: a quote, with an error",
    "staff.we_did": "test_themes: we did",
    "chat.you_said": "test_themes: you said, English and Arabic",
}
NOT_HTML = {"static", "chat.exit", "chat.health", "staff.results_export", "staff.responses_export"}


def test_every_html_page_is_walked_by_axe(live_server: LiveServer) -> None:
    pages = {
        rule.endpoint
        for rule in live_server.app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint not in NOT_HTML
    }
    assert pages == set(AXE_CHECKED), "walk the new page with axe, then list it in AXE_CHECKED"


def test_admin_analyst_and_inspector(browsing: Browsing, live_server: LiveServer) -> None:
    result = live_server.app.test_cli_runner().invoke(
        args=["create-staff", "--email", ADMIN[0], "--role", "admin"], input=ADMIN[1] + "\n"
    )
    demo = live_server.app.test_cli_runner().invoke(
        args=["demo-data", "--consultation", "demo", "--conversations", "300"]
    )
    assert demo.exit_code == 0, demo.output
    found = re.search(r"^totp-secret: (\S+)$", result.output, re.M)
    assert result.exit_code == 0 and found, result.output
    page = browsing.page(js=True, viewport=DESKTOP, bypass_csp=True)  # axe needs scripts

    # The admin: a wrong password first, then the right one and a code.
    page.goto("/staff/sign-in")
    accessible(page, "sign-in")
    page.get_by_label("Email address").fill(ADMIN[0])
    page.get_by_label("Password").fill("not my password at all")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a correct email address")
    expect(page.get_by_label("Email address")).to_have_value(ADMIN[0])
    accessible(page, "sign-in error")
    page.get_by_label("Password").fill(ADMIN[1])
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Enter your security code")
    accessible(page, "code")
    page.get_by_label("Security code").fill(pyotp.TOTP(found.group(1)).now())
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Hello")
    accessible(page, "admin home")

    page.goto("/staff/accounts/new")
    page.get_by_role("button", name="Add account").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter an email address")
    accessible(page, "new account errors")
    analyst_secret = add_account(page, *ANALYST, "CRD analyst")
    accessible(page, "second factor shown once")
    inspector_secret = add_account(page, *INSPECTOR, "Inspector")
    page.goto("/staff/accounts")
    expect(page.locator("table")).to_contain_text(INSPECTOR[0])
    accessible(page, "accounts")
    page.goto("/staff/audit")
    expect(page.locator("table")).to_contain_text("account_created")
    accessible(page, "audit log")
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".banner")).to_contain_text("You have signed out.")

    # The analyst publishes a consultation for Leeds and prints its poster.
    sign_in(page, *ANALYST, analyst_secret)
    page.goto("/staff/consultations/new")
    accessible(page, "new consultation")
    page.get_by_label("Title").fill("Leeds: being listened to")
    page.get_by_label("Link name").fill("leeds-browser")
    page.get_by_label("Area").select_option(label="Leeds")
    page.get_by_label("Children in care").check()
    page.get_by_label("Opens on").fill("2026-01-01")
    page.get_by_label("Closes on").fill("2025-12-31")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".error-summary")).to_contain_text("The close date must be")
    expect(page.get_by_label("Link name")).to_have_value("leeds-browser")
    accessible(page, "consultation errors")
    page.get_by_label("Closes on").fill("2099-12-31")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".banner")).to_contain_text("saved as a draft")
    page.get_by_role("button", name="Open to children").click()
    expect(page.locator(".tag")).to_have_text("Open to children")
    accessible(page, "consultation")
    page.goto("/staff/consultations")
    accessible(page, "consultations")
    page.get_by_role("link", name="Leeds: being listened to", exact=True).click()
    page.get_by_role("link", name="Print the poster").click()
    expect(page.locator(".poster__link")).to_have_text(f"{live_server.url}/c/leeds-browser")
    accessible(page, "poster")
    page.emulate_media(media="print")
    expect(page.locator(".no-print")).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the poster fits one A4 page"
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Back to the consultation").click()
    page.get_by_role("link", name="See the results").click()
    expect(page.locator("main")).to_contain_text("No responses yet")
    accessible(page, "results, empty")
    page.goto("/staff/consultations/1/results?by=age")
    expect(page.locator("h2").first).to_have_text("Headline measures")
    accessible(page, "results with numbers, by age band")
    page.goto("/staff/areas")
    accessible(page, "areas")
    page.get_by_label("Area").select_option(label="Leeds")
    page.get_by_role("button", name="Show results").click()
    expect(page.locator("h1")).to_have_text("What children in Leeds told us")
    page.get_by_role("link", name="Every question, by age, language and period").click()
    expect(page.locator("h1")).to_have_text("Results: Leeds")
    accessible(page, "area results")
    page.get_by_role("button", name="Sign out").click()

    # A child can start it now.
    child = browsing.page(js=False)
    child.goto("/c/leeds-browser")
    expect(child.get_by_role("button", name="Start the chat")).to_be_visible()

    # The inspector cannot reach analyst or admin pages.
    sign_in(page, *INSPECTOR, inspector_secret)
    for path in (
        "/staff/consultations",
        "/staff/consultations/new",
        "/staff/accounts",
        "/staff/audit",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 403, path
    expect(page.locator("h1")).to_have_text("You cannot see this page")
    accessible(page, "refused")

    with live_server.app.app_context():
        logged = [
            (e.actor, e.action)
            for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]
    for step in [
        ("command line", "account_created"),
        (ADMIN[0], "sign_in_failed"),
        (ADMIN[0], "sign_in"),
        (ADMIN[0], "account_created"),
        (ADMIN[0], "sign_out"),
        (ANALYST[0], "sign_in"),
        (ANALYST[0], "consultation_created"),
        (ANALYST[0], "consultation_opened"),
        (ANALYST[0], "sign_out"),
        (INSPECTOR[0], "sign_in"),
        (INSPECTOR[0], "access_refused"),
    ]:
        assert step in logged, step
