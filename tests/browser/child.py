"""What a child does in a real browser: taps buttons by their visible names, ticks, writes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

# A walk is a list of steps: (what, argument). "tap" a button by its exact name, "tick" a
# checkbox by its label, "write" in the text box, "skip", "back", "continue", or "see" a text.
Step = tuple[str, str]


@dataclass
class Child:
    """A child on one page (tab), in one consultation."""

    page: Page
    slug: str

    def open(self) -> None:
        """Follow the chat link."""
        self.page.goto(f"/c/{self.slug}")

    def start(self) -> None:
        """Open the chat link and press Start, then read the welcome message."""
        self.open()
        self.submit(self.button("Start the chat"))

    def button(self, name: str) -> Locator:
        """The button with exactly this accessible name."""
        return self.page.get_by_role("button", name=name, exact=True)

    def submit(self, control: Locator) -> None:
        """Press a button that sends a form, and wait for the next page."""
        with self.page.expect_navigation():
            control.click(no_wait_after=True)  # expect_navigation does the waiting

    def tap(self, name: str) -> None:
        """Tap an answer, or any other button, by its visible name."""
        self.submit(self.button(name))

    def tick(self, label: str) -> None:
        """Tick a checkbox by its label."""
        self.page.get_by_role("checkbox", name=label, exact=True).check()

    def write(self, text: str) -> None:
        """Type in the free-text box."""
        self.page.get_by_role("textbox").fill(text)

    def heading(self) -> str:
        """The page's one h1."""
        return self.page.locator("h1").inner_text()

    def do(self, steps: Iterable[Step]) -> None:
        """Follow a walk."""
        for action, argument in steps:
            if action == "tap":
                self.tap(argument)
            elif action == "tick":
                self.tick(argument)
            elif action == "write":
                self.write(argument)
            elif action == "continue":
                self.tap("Continue")
            elif action == "skip":
                self.tap("Skip this question")
            elif action == "back":
                self.tap("Back")
            elif action == "see":
                expect(self.page.locator("main")).to_contain_text(argument)
            else:
                raise ValueError(f"unknown step {action!r}")

    def send(self) -> None:
        """Send the answers from the review page."""
        expect(self.page.locator("h1")).to_have_text("Check your answers")
        self.tap("Send my answers")

    def stop(self) -> None:
        """Stop and delete the answers."""
        self.tap("Stop and delete my answers")

    def exit_link(self) -> Locator:
        """The red "Exit this page" button in the bar."""
        return self.page.get_by_role("banner").get_by_role("link", name="Exit this page")
