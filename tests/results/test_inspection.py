"""The inspector's view of a local authority: measures against England, themes by quarter,
how long help took, approved quotes only (capped, shuffled), and a printable summary."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import update

from feedback_bot import clock
from feedback_bot.dao import quotes
from feedback_bot.dao.consultations import fetch_consultation_by_slug, save_consultation
from feedback_bot.dialogue import registry
from feedback_bot.extensions import db
from feedback_bot.models import APPROVED, REJECTED, Quote
from feedback_bot.results.aggregate import headline, results
from feedback_bot.results.disclosure import Rules

from ..staff.conftest import Account, Staff
from .test_results import load_demo

LEEDS = "E08000035"


@pytest.fixture
def inspector(staff: Staff, accounts: dict[str, Account]) -> Staff:
    staff.sign_in(accounts["inspector"])
    return staff


def _consultation(app: Flask, slug: str, conversation: str, area: str) -> None:
    with app.app_context():
        save_consultation(
            slug=slug, title=slug, conversation_id=conversation, conversation_version=1,
            today=clock.today(), area_code=area, languages=["en"],
        )  # fmt: skip


def _table(body: str, heading: str) -> list[list[str]]:
    soup = BeautifulSoup(body, "html.parser")
    title = soup.find("h2", string=re.compile(heading))
    assert title is not None, f"no {heading!r} section"
    table = title.find_next("table")
    return [[c.get_text(strip=True) for c in row.find_all(["th", "td"])] for row in table("tr")]


@pytest.fixture
def leeds(app: Flask) -> Flask:
    _consultation(app, "leeds-listened", "listened-to", LEEDS)
    _consultation(app, "leeds-help", "help-in-time", LEEDS)
    _consultation(app, "bristol-help", "help-in-time", "E06000023")
    for slug, count, seed in (
        ("leeds-listened", 80, 1),
        ("leeds-help", 90, 2),
        ("bristol-help", 300, 3),
    ):
        load_demo(app, slug, count, seed)
    return app


def _expected(app: Flask, slugs: list[str], conversation: str) -> list[object]:
    with app.app_context():
        ids = [c.id for s in slugs if (c := fetch_consultation_by_slug(s))]
        conv = registry.get(conversation, 1)
        assert conv is not None
        found = results(ids, conv, "all", ["en"], Rules.from_config(app.config))
        return [headline(m) for m in found.measures]


def test_measures_are_shown_against_england_through_disclosure_control(
    leeds: Flask, inspector: Staff
) -> None:
    body = inspector.client.get(f"/staff/areas/{LEEDS}").get_data(as_text=True)
    assert "What children in Leeds told us" in body
    rows = _table(body, "Headline measures")
    assert rows[0] == ["Measure", "Leeds", "England"]
    here = _expected(leeds, ["leeds-help"], "help-in-time") + _expected(
        leeds, ["leeds-listened"], "listened-to"
    )
    england = _expected(leeds, ["leeds-help", "bristol-help"], "help-in-time") + _expected(
        leeds, ["leeds-listened"], "listened-to"
    )
    shown = {row[0]: (row[1], row[2]) for row in rows[1:]}
    assert len(shown) == 3
    expected = {
        name: (f"{h}%" if isinstance(h, int) else h, f"{e}%" if isinstance(e, int) else e)
        for name, h, e in zip(
            ["Help came in time", "Help was useful", "Felt listened to"], here, england, strict=True
        )
    }
    assert shown == expected


def test_themes_by_quarter_wait_and_sent_are_protected(leeds: Flask, inspector: Staff) -> None:
    body = inspector.client.get(f"/staff/areas/{LEEDS}").get_data(as_text=True)
    themes = _table(body, "Themes children raised, by quarter")
    assert 2 <= len(themes[0]) <= 5 and all(re.fullmatch(r"\d{4}-Q[1-4]", q) for q in themes[0][1:])
    for row in themes[1:-1]:
        for cell in row[1:]:
            assert cell in ("–", "c", "k") or re.fullmatch(r"\d{1,3}%", cell), cell
    wait = _table(body, "How long children said help took")
    assert [row[0] for row in wait[1:-1]][:2] == ["Straight away", "A few days"]
    for row in wait[1:-1]:
        count = row[1].split(" ")[0]
        assert count in ("c", "0") or int(count) >= 6, row
    assert int(wait[-1][1]) % 5 == 0  # totals are rounded


def test_a_small_area_shows_nothing_but_fewer_than(app: Flask, inspector: Staff) -> None:
    _consultation(app, "tiny", "listened-to", LEEDS)
    load_demo(app, "tiny", 4)
    body = inspector.client.get(f"/staff/areas/{LEEDS}").get_data(as_text=True)
    assert "too few to show" in body
    assert "Headline measures" not in body and "In their own words" not in body


def test_only_approved_quotes_are_shown_a_few_per_theme(leeds: Flask, inspector: Staff) -> None:
    with leeds.app_context():
        leeds_ids = [
            c.id for s in ("leeds-listened", "leeds-help") if (c := fetch_consultation_by_slug(s))
        ]
        db.session.execute(
            update(Quote)
            .where(Quote.consultation_id.in_(leeds_ids))
            .values(status=APPROVED, themes=["help_in_time", "listened_to"])
        )
        db.session.add(
            Quote(
                consultation_id=leeds_ids[0], node_id="why_not", text="rejected words zq9",
                themes=["listened_to"], help_shown=False, month=clock.today().replace(day=1),
                status=REJECTED, version=2,
            )
        )  # fmt: skip
        db.session.commit()
    body = inspector.client.get(f"/staff/areas/{LEEDS}").get_data(as_text=True)
    own = body.split("In their own words", 1)[1]
    soup = BeautifulSoup(own, "html.parser")
    sections = soup.find_all("section", class_="quote-theme")
    assert [s.h3.get_text() for s in sections] == ["Being listened to", "Help came in time"]
    for section in sections:
        assert len(section.find_all("blockquote")) == 3  # capped; plenty were approved
    assert "rejected words zq9" not in body
    bristol = inspector.client.get("/staff/areas/E06000023").get_data(as_text=True)
    assert "No quotes have been approved for this area yet." in bristol


def test_approved_quotes_come_in_a_new_order_per_seed(app: Flask) -> None:
    with app.app_context():
        consultation = fetch_consultation_by_slug("demo")
        assert consultation is not None
        month = dt.date(2026, 11, 1)
        for i in range(30):
            db.session.add(
                Quote(
                    consultation_id=consultation.id, node_id="why_not", text=f"quote {i}",
                    themes=["listened_to"], help_shown=False, month=month, status=APPROVED,
                    version=2,
                )
            )  # fmt: skip
        db.session.commit()
        picks = {
            tuple(quotes.approved([consultation.id], ["listened_to"], 3, s)["listened_to"])
            for s in range(8)
        }
        assert len(picks) > 1
        assert all(len(p) == 3 for p in picks)
        assert quotes.approved([], ["listened_to"], 3, 1) == {"listened_to": []}


def test_the_summary_is_the_same_view_cut_down_for_print(leeds: Flask, inspector: Staff) -> None:
    full = inspector.client.get(f"/staff/areas/{LEEDS}").get_data(as_text=True)
    assert f'href="/staff/areas/{LEEDS}/summary"' in full
    summary = inspector.client.get(f"/staff/areas/{LEEDS}/summary").get_data(as_text=True)
    assert 'class="summary-print"' in summary and "<svg" not in summary
    assert _table(summary, "Headline measures") == _table(full, "Headline measures")


def test_admins_cannot_see_the_inspection_view(
    leeds: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    staff.sign_in(accounts["admin"])
    assert staff.client.get(f"/staff/areas/{LEEDS}").status_code == 403
    assert staff.client.get(f"/staff/areas/{LEEDS}/summary").status_code == 403
