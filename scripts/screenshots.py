"""Walk the demo conversation in real Chromium at a phone's size, JavaScript off, and save PNGs.

Usage: python scripts/screenshots.py [http://127.0.0.1:5000] screenshots/

Without a URL it serves the app itself, on a free port with a throwaway SQLite database.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from feedback_bot import create_app

PHONE = {"width": 390, "height": 844}


@contextmanager
def serve_the_app() -> Iterator[str]:
    """The app with the demo consultation, on 127.0.0.1 while the block runs."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/screenshots.db"})
        with app.app_context():
            upgrade()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        seeded = app.test_cli_runner().invoke(args=["seed-demo"])
        if seeded.exit_code != 0:
            raise SystemExit(f"seed-demo failed: {seeded.output}")
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()


def shoot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    print(f"{folder / name}.png")


def main(base: str, folder: Path) -> int:
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
        browser.close()
    return 0


def run(args: list[str]) -> int:
    """With a URL, photograph that server; without one, serve the app and photograph it."""
    if len(args) == 2:
        return main(args[0], Path(args[1]))
    if len(args) == 1:
        with serve_the_app() as base:
            return main(base, Path(args[0]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
