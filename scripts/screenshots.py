"""Walk the demo conversation in real Chromium at a phone's size, JavaScript off, and save PNGs.

Usage: python scripts/screenshots.py http://127.0.0.1:5000 screenshots/
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

PHONE = {"width": 390, "height": 844}


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


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], Path(sys.argv[2])))
