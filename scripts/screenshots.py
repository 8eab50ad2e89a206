"""Walk the demo conversation in real Chromium at a phone's size and save PNGs: every step
with JavaScript off, then the chat with it on (bubbles), in English and in Arabic.

Usage: python scripts/screenshots.py [http://127.0.0.1:5000] screenshots/

Without a URL it serves the app itself, on a free port with a throwaway SQLite database,
and also photographs the staff pages (an analyst account is made for the purpose).
Each language's age question and faces question are saved as lang-<code>-*.png.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyotp
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from feedback_bot import create_app

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("en", "cy", "pl", "ur", "ar", "ro", "bn", "so")
ANALYST = "analyst@example.gov.uk"


@contextmanager
def serve_the_app() -> Iterator[tuple[str, tuple[str, str, str]]]:
    """The app with the demo consultation, on 127.0.0.1 while the block runs."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/screenshots.db"})
        with app.app_context():
            upgrade()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        seeded = app.test_cli_runner().invoke(args=["seed-demo"])
        if seeded.exit_code != 0:
            raise SystemExit(f"seed-demo failed: {seeded.output}")
        data = app.test_cli_runner().invoke(
            args=["demo-data", "--consultation", "demo", "--conversations", "3000"]
        )
        if data.exit_code != 0:
            raise SystemExit(f"demo-data failed: {data.output}")
        password = "pebble marigold ferry"  # noqa: S105  (a throwaway account)
        made = app.test_cli_runner().invoke(
            args=["create-staff", "--email", ANALYST, "--role", "analyst"], input=password + "\n"
        )
        secret = re.search(r"^totp-secret: (\S+)$", made.output, re.M)
        if made.exit_code != 0 or secret is None:
            raise SystemExit(f"create-staff failed: {made.output}")
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", (ANALYST, password, secret.group(1))
        finally:
            server.shutdown()
            server.server_close()


def shoot(page: Page, folder: Path, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)
    print(f"{folder / name}.png")


def main(base: str, folder: Path, staff_account: tuple[str, str, str] | None = None) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-sync"],
        )
        context = browser.new_context(
            viewport=PHONE,
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=False,
        )
        page = context.new_page()
        page.goto(f"{base}/c/demo")
        shoot(page, folder, "01-start")
        page.get_by_role("button", name="Start the chat").click()
        shoot(page, folder, "02-welcome")
        page.get_by_role("button", name="Next").click()
        shoot(page, folder, "03-age")
        page.get_by_role("button", name="8 to 11").click()
        shoot(page, folder, "04-faces")
        page.get_by_role("button", name="Sometimes").click()
        page.get_by_role("button", name="Yes", exact=True).click()
        page.get_by_role("button", name="No", exact=True).click()
        shoot(page, folder, "05-multi")
        page.get_by_label("A friend").check()
        page.get_by_role("button", name="Continue").click()
        shoot(page, folder, "06-text")
        page.get_by_role("textbox").fill("ask me what i think " * 30)
        page.get_by_role("button", name="Continue").click()
        shoot(page, folder, "06-text-error")
        page.get_by_role("textbox").fill("my dad hits me when nobody is home")
        page.get_by_role("button", name="Continue").click()
        shoot(page, folder, "07-help-now")
        page.get_by_role("button", name="Carry on with the chat").click()
        page.get_by_role("button", name="Change your answer to: What would help").click()
        page.get_by_role("textbox").fill("Ask me what I think. My number is 07700 900123")
        page.get_by_role("button", name="Continue").click()
        shoot(page, folder, "08-review")
        page.get_by_role("button", name="Send my answers").click()
        shoot(page, folder, "09-thanks")
        page.goto(f"{base}/help?c=demo")
        shoot(page, folder, "10-help")
        for language in LANGUAGES:  # by form controls, not words: they are translated
            page.goto(f"{base}/c/demo?lang={language}")
            page.locator("form[action$='/start'] button").click()
            page.locator("button[name=action][value=next]").click()
            shoot(page, folder, f"lang-{language}-age")
            page.locator("button[name=answer]").first.click()
            shoot(page, folder, f"lang-{language}-faces")
            page.locator("form.stop button").click()
        context.close()
        for language in ("en", "ar"):
            chat_with_javascript(browser, base, folder, language)
        if staff_account:
            staff_pages(browser, base, folder, *staff_account)
        browser.close()
    return 0


def chat_with_javascript(browser: Browser, base: str, folder: Path, language: str) -> None:
    """A few answers with JavaScript on: the chat so far as bubbles, the screen a child sees."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",  # no fade caught halfway
    )
    page = context.new_page()
    page.goto(f"{base}/c/demo?lang={language}")
    page.locator("form[action$='/start'] button").click()
    page.locator("button[name=action][value=next]").click()
    for n, answer in enumerate(("8-11", "sometimes"), start=1):
        page.locator(f"button[name=answer][value='{answer}']").click()
        page.wait_for_function(  # swapped in, and the new words told to screen readers
            "n => document.querySelectorAll('.history .bubble--child').length === n"
            " && document.getElementById('chat-news').textContent !== ''",
            arg=n,
        )
    suffix = "" if language == "en" else f"-{language}"
    shoot(page, folder, f"11-chat-javascript{suffix}", full_page=False)
    context.close()


def staff_pages(
    browser: Browser, base: str, folder: Path, email: str, password: str, secret: str
) -> None:
    """An analyst signs in and sets up a consultation; the form, its page and the poster."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{base}/staff/sign-in")
    shoot(page, folder, "staff-1-sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/staff/consultations/new")
    page.get_by_label("Title").fill("Leeds: being listened to")
    page.get_by_label("Link name").fill("leeds")
    page.get_by_label("Opens on").fill("2027-01-31")
    page.get_by_label("Closes on").fill("2026-12-01")
    page.get_by_role("button", name="Save as draft").click()
    shoot(page, folder, "staff-2-form-errors")
    page.get_by_label("Area").select_option(label="Leeds")
    page.get_by_label("Closes on").fill("2027-03-31")
    for language in ("Cymraeg (cy)", "Polski (pl)", "اردو (ur)"):
        page.get_by_label(language).check()
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Open to children").click()
    shoot(page, folder, "staff-3-consultation")
    page.get_by_role("link", name="Print the poster").click()
    page.emulate_media(media="print")
    shoot(page, folder, "staff-4-poster")
    page.emulate_media(media="screen")
    page.goto(f"{base}/staff/consultations/1/results")
    shoot(page, folder, "staff-5-results", full_page=False)
    page.goto(f"{base}/staff/consultations/1/results?by=age")
    shoot(page, folder, "staff-6-results-by-age", full_page=False)


def run(args: list[str]) -> int:
    """With a URL, photograph that server; without one, serve the app and photograph it."""
    if len(args) == 2:
        return main(args[0], Path(args[1]))
    if len(args) == 1:
        with serve_the_app() as (base, staff_account):
            return main(base, Path(args[0]), staff_account)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
