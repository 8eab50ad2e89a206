"""One gettext pipeline: every child-facing string is extracted, and every offered language
has a finished catalogue for it, with the same placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from feedback_bot.config import load_config
from feedback_bot.dialogue.schema import parse_file

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LANGUAGES = [code for code in load_config(str(ROOT / "instance"))["LANGUAGES"] if code != "en"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
CHILD_TEMPLATES = [*ROOT.glob("templates/*.html"), *ROOT.glob("templates/chat/*.html")]
SPOKEN_ATTRIBUTES = re.compile(r'\b(aria-label|title|alt|placeholder|data-[a-z-]+-text)="([^"]*)"')


@cache
def template_catalogue() -> Catalog:
    """What `make translations-extract` would write now."""
    with _extract() as path, path.open("rb") as fh:
        return read_po(fh)


class _extract:
    def __enter__(self) -> Path:
        import tempfile

        self.dir = tempfile.TemporaryDirectory()
        path = Path(self.dir.name) / "messages.pot"
        pybabel = Path(sys.executable).with_name("pybabel")
        subprocess.run(  # noqa: S603  (our own pybabel, fixed arguments)
            [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "_l",
             "-k", "lazy_pgettext:1c,2", "--no-location", "-o", str(path), "."],
            cwd=ROOT, check=True,
        )  # fmt: skip
        return path

    def __exit__(self, *exc: object) -> None:
        self.dir.cleanup()


def catalogue(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=language)


def test_every_language_of_the_issue_is_offered() -> None:
    assert LANGUAGES == ["cy", "pl", "ur", "ar", "ro", "bn", "so"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_finished_and_up_to_date(language: str) -> None:
    wanted = {(m.id, m.context) for m in template_catalogue() if m.id}
    po = catalogue(language)
    have = {(m.id, m.context) for m in po if m.id}
    assert not wanted - have, f"run `make translations-update`: missing {sorted(wanted - have)[:5]}"
    assert not have - wanted, f"stale entries: {sorted(have - wanted)[:5]}"
    unfinished = [m.id for m in po if m.id and (not m.string or m.fuzzy)]
    assert not unfinished, f"{language}: untranslated or fuzzy: {unfinished[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language: str) -> None:
    wrong = [
        (m.id, m.string)
        for m in catalogue(language)
        if m.id
        and sorted(set(PLACEHOLDER.findall(str(m.id))))
        != sorted(set(PLACEHOLDER.findall(str(m.string))))
    ]
    assert not wrong, wrong[:3]


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_numbers_are_never_translated_away(language: str) -> None:
    for message in catalogue(language):
        for number in ("999", "0800 1111", "0808 800 5000", "Childline"):
            if number in str(message.id):
                assert number in str(message.string), (language, message.id, message.string)


@pytest.mark.parametrize("path", CHILD_TEMPLATES, ids=lambda p: p.name)
def test_child_templates_have_no_words_outside_gettext(path: Path) -> None:
    text = path.read_text("utf-8")
    for name, value in SPOKEN_ATTRIBUTES.findall(text):
        bare = re.sub(r"\{\{.*?\}\}", "", value)
        assert not re.search(r"[^\W\d_]{2,}", bare), f"{path.name}: {name}={value!r}"
    for pattern in (
        r"\{#.*?#\}",
        r"\{%.*?%\}",
        r"\{\{.*?\}\}",
        r"<(script|style)\b.*?</\1>",
        r"<[^>]*>",
        r"&#?\w+;",
    ):
        text = re.sub(pattern, " ", text, flags=re.S)
    words = re.findall(r"[^\W\d_]{2,}", text)
    assert not words, f"{path.name}: words a translator never sees: {words[:10]}"


def test_every_conversation_text_is_extracted() -> None:
    extracted = {(m.context, m.id) for m in template_catalogue() if m.context}
    for path in ROOT.glob("conversations/*.v*.yaml"):
        conv, problems = parse_file(path)
        assert conv is not None and not problems
        assert (conv.id, conv.title) in extracted
        for node in conv.nodes.values():
            for suffix, text in node.texts():
                assert (f"{conv.id}:{node.id}{suffix}", text) in extracted, (path.name, text)
