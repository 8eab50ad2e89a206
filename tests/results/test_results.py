"""Results: tallies kept in step with answers, the same protected numbers on the page and
in every export, fixed breakdowns only, and friendly empty states."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from feedback_bot import clock
from feedback_bot.dao import tallies
from feedback_bot.dao.consultations import fetch_consultation_by_slug
from feedback_bot.dialogue import registry
from feedback_bot.extensions import db
from feedback_bot.models import AuditEvent, Tally
from feedback_bot.results import demo

from ..conftest import ChatActions
from ..staff.conftest import Account, Staff

ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def load_demo(app: Flask, slug: str, count: int, seed: int = 7) -> int:
    with app.app_context():
        consultation = fetch_consultation_by_slug(slug)
        assert consultation is not None
        conv = registry.get(consultation.conversation_id, consultation.conversation_version)
        assert conv is not None
        demo.load(consultation, conv, count, seed, clock.today())
        return consultation.id


def tally_rows(app: Flask, consultation_id: int) -> set[tuple[Any, ...]]:
    with app.app_context():
        rows = db.session.scalars(
            select(Tally).where(
                Tally.consultation_id == consultation_id,
                Tally.measure.in_((tallies.ANSWER, tallies.ANSWERED, tallies.SENT, tallies.HELP)),
            )
        )
        return {
            (t.measure, t.node_id, t.option_code, t.age_band, t.language, t.month, t.count)
            for t in rows
        }


def test_tallies_kept_on_send_match_a_rebuild_from_the_answers(app: Flask) -> None:
    for age, listened, text in (
        ("8-11", "yes", "Ask me more"),
        ("12-15", "no", None),
        ("8-11", "yes", None),
    ):
        chat = ChatActions(app.test_client(), "demo")
        chat.start()
        chat.next()
        chat.answer(age)
        if age == "8-11":
            chat.answer(listened)
        for _ in range(12):
            node = chat.node()
            if node is None or "Check your answers" in chat.client.get("/c/demo").get_data(
                as_text=True
            ):
                break
            chat.write(text) if text and node == "young_help_more" else chat.skip()
        chat.send()
    stopper = ChatActions(app.test_client(), "demo")
    stopper.start()
    stopper.next()
    stopper.stop()
    with app.app_context():
        consultation = fetch_consultation_by_slug("demo")
        assert consultation is not None
        cid = consultation.id
    kept = tally_rows(app, cid)
    assert ("sent", "", "", "8-11", "en", clock.today().replace(day=1), 2) in kept
    with app.app_context():
        tallies.rebuild(cid)
        db.session.commit()
    assert tally_rows(app, cid) == kept
    with app.app_context():
        stopped = db.session.scalars(select(Tally).where(Tally.measure == tallies.STOPPED)).all()
        assert [(t.node_id, t.count) for t in stopped] == [("age", 1)]
        started = db.session.scalars(select(Tally).where(Tally.measure == tallies.STARTED)).all()
        assert sum(t.count for t in started) == 4


@pytest.fixture
def analyst(app: Flask, staff: Staff, accounts: dict[str, Account]) -> Staff:
    staff.sign_in(accounts["analyst"])
    return staff


def _page_numbers(body: str) -> dict[str, list[list[str]]]:
    """Question text -> rows of cell texts, from the results page's tables."""
    soup = BeautifulSoup(body, "html.parser")
    found = {}
    for section in soup.select("section.question"):
        title = section.h2.get_text(strip=True)
        rows = []
        for tr in section.select("tbody tr"):
            rows.append([td.get_text(strip=True) for td in tr.find_all(["th", "td"])])
        found[title] = rows
    return found


def _cell(count: Any, percent: Any) -> str:
    return f"{count} ({percent}%)" if isinstance(percent, int) else str(count)


@pytest.mark.parametrize("by", ["all", "age", "quarter"])
def test_the_page_and_every_export_show_the_same_protected_numbers(
    app: Flask, analyst: Staff, by: str
) -> None:
    cid = load_demo(app, "demo", 400)
    page = _page_numbers(
        analyst.client.get(f"/staff/consultations/{cid}/results?by={by}").get_data(as_text=True)
    )
    exported = json.loads(
        analyst.client.get(f"/staff/consultations/{cid}/results.json?by={by}").get_data(
            as_text=True
        )
    )
    raw_csv = analyst.client.get(f"/staff/consultations/{cid}/results.csv?by={by}").get_data(
        as_text=True
    )
    ods = zipfile.ZipFile(
        io.BytesIO(analyst.client.get(f"/staff/consultations/{cid}/results.ods?by={by}").data)
    )
    csv_rows = [row for row in csv.reader(io.StringIO(raw_csv.lstrip("\ufeff")))]
    content = ElementTree.fromstring(ods.read("content.xml"))  # noqa: S314  (our own export)
    ods_sheets = {
        table.get(f"{ODS}name"): [
            [_ods_value(cell) for cell in row.iter(f"{ODS}table-cell")]
            for row in table.iter(f"{ODS}table-row")
        ]
        for table in content.iter(f"{ODS}table")
    }
    checked = 0
    for sheet in exported["sheets"]:
        if not sheet["name"].startswith("Q "):
            continue
        question = sheet["rows"][0][0]
        page_rows = page[question]
        ods_rows = ods_sheets[sheet["name"]][1:]
        for row, page_row, ods_row in zip(
            sheet["rows"][:-1], page_rows[:-1], ods_rows[:-1], strict=True
        ):
            pairs = list(zip(row[3:-1:2], row[4:-1:2], strict=True))
            expected = [_cell(c, p) if c != ":" else "–" for c, p in pairs]
            assert page_row[1:] == expected, (question, page_row, row)
            assert [str(v) for v in ods_row[: len(row)]] == [str(v) for v in row]
            assert any(r[: len(row)] == [str(v) for v in row] for r in csv_rows)
            for count in row[3:-1:2]:
                assert not (isinstance(count, int) and 1 <= count <= 5), (question, row)
            checked += 1
    assert checked > 20


def _ods_value(cell: ElementTree.Element) -> Any:
    if cell.get(f"{OFFICE}value-type") == "float":
        value = float(cell.get(f"{OFFICE}value", "0"))
        return int(value) if value.is_integer() else value
    return "".join(p.text or "" for p in cell.iter(f"{TEXT}p"))


def test_exports_are_logged_and_only_for_analysts(
    app: Flask, staff: Staff, accounts: dict[str, Account]
) -> None:
    cid = load_demo(app, "demo", 50)
    staff.sign_in(accounts["inspector"])
    assert staff.client.get(f"/staff/consultations/{cid}/results").status_code == 200
    for url in (
        f"/staff/consultations/{cid}/results.csv",
        f"/staff/consultations/{cid}/responses.csv",
    ):
        assert staff.client.get(url).status_code == 403
    staff.sign_out()
    staff.clock.advance(seconds=30)
    staff.sign_in(accounts["analyst"])
    response = staff.client.get(f"/staff/consultations/{cid}/responses.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="demo-responses.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["consultation", "conversation", "conversation_version", "question"]
    assert len(rows) > 50 and all(len(r) == 9 for r in rows[1:])
    with app.app_context():
        logged = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
        assert [(e.actor, e.target, e.detail) for e in logged] == [
            ("analyst@example.gov.uk", "demo", "responses as csv")
        ]


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/staff/consultations/999/results", 404, "Page not found"),
        (
            "/staff/consultations/{cid}/results?by=week",
            400,
            "Results can be broken down by all, age",
        ),
        ("/staff/consultations/{cid}/results?by=2026-01-01..2026-02-01", 400, "broken down by"),
        ("/staff/consultations/{cid}/results.xlsx", 404, "Page not found"),
        ("/staff/consultations/{cid}/results.csv?by=postcode", 400, "broken down by"),
    ],
)
def test_bad_filters_and_formats_are_refused_clearly(
    app: Flask, analyst: Staff, url: str, status: int, words: str
) -> None:
    cid = load_demo(app, "demo", 20)
    response = analyst.client.get(url.format(cid=cid))
    assert response.status_code == status
    assert words in response.get_data(as_text=True)


def test_empty_and_small_consultations_say_so(app: Flask, analyst: Staff) -> None:
    with app.app_context():
        consultation = fetch_consultation_by_slug("help")
        assert consultation is not None
        cid = consultation.id
    body = analyst.client.get(f"/staff/consultations/{cid}/results").get_data(as_text=True)
    assert "No responses yet" in body and "<svg" not in body
    load_demo(app, "help", 7)
    body = analyst.client.get(f"/staff/consultations/{cid}/results").get_data(as_text=True)
    assert "fewer than 10 responses" in body and "<svg" not in body
    assert not re.search(r"<td>[1-9]\d*</td>", body)


def test_demo_data_command(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["demo-data", "--consultation", "demo", "--conversations", "30", "--seed", "2"]
    )
    assert result.exit_code == 0 and "added 30 conversations" in result.output
    missing = runner.invoke(args=["demo-data", "--consultation", "nope", "--conversations", "3"])
    assert missing.exit_code == 1 and "no consultation at /c/nope" in missing.output
    with app.app_context():
        sent = db.session.scalars(select(Tally).where(Tally.measure == tallies.SENT)).all()
        assert sum(t.count for t in sent) == 30


# --- groups hidden together, so "everyone" minus the shown groups reveals no small group ---


def test_a_lone_small_group_takes_the_next_smallest_with_it() -> None:
    from feedback_bot.results.aggregate import conceal
    from feedback_bot.results.disclosure import Rules

    columns = [("a", [3, 0], 3), ("b", [15, 5], 20), ("c", [6, 6], 12), ("d", [0, 0], 0)]
    assert conceal(columns, Rules()) == [
        ("a", [0, 0], 0), ("b", [15, 5], 20), ("c", [0, 0], 0), ("d", [0, 0], 0)
    ]  # fmt: skip
    assert conceal([("b", [15, 5], 20), ("d", [0, 0], 0)], Rules()) == [
        ("b", [15, 5], 20), ("d", [0, 0], 0)
    ], "an empty group reveals nothing"  # fmt: skip


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=8))
def test_hidden_groups_together_are_empty_or_big_enough(bases: list[int]) -> None:
    from feedback_bot.results.aggregate import conceal
    from feedback_bot.results.disclosure import Rules

    rules = Rules()
    columns = [(str(i), [b], b) for i, b in enumerate(bases)]
    out = conceal(columns, rules)
    hidden = sum(
        base for (_l, _c, base), (_l2, _c2, now) in zip(columns, out, strict=True) if now == 0
    )
    assert hidden == 0 or hidden >= rules.min_base or all(now == 0 for _l, _c, now in out)
    for (label, _counts, base), (label2, _counts2, now) in zip(columns, out, strict=True):
        assert label == label2 and (now == base or now == 0)
        assert base >= rules.min_base or now == 0, "a small group is always hidden"


# --- a local authority, and England ---------------------------------------------------------


def _consultation(app: Flask, slug: str, area: str, setting: str | None) -> None:
    from feedback_bot.dao.consultations import save_consultation

    with app.app_context():
        save_consultation(
            slug=slug, title=slug, conversation_id="listened-to", conversation_version=1,
            today=clock.today(), area_code=area, setting=setting, languages=["en", "cy"],
        )  # fmt: skip


def _sent(body: str) -> str:
    found = re.search(r"Conversations sent</th><td>([^<]+)</td>", body)
    assert found, body[:500]
    return found.group(1)


def test_a_local_authority_adds_up_its_consultations_by_setting(app: Flask, analyst: Staff) -> None:
    _consultation(app, "leeds-care", "E08000035", "in_care")
    _consultation(app, "leeds-cp", "E08000035", "child_protection")
    _consultation(app, "bristol", "E06000023", None)
    for slug, count in (("leeds-care", 60), ("leeds-cp", 40), ("bristol", 30)):
        load_demo(app, slug, count)
    leeds = analyst.client.get("/staff/areas/E08000035/results?by=setting").get_data(as_text=True)
    assert "Results: Leeds" in leeds and "2 consultations" in leeds
    assert _sent(leeds) == "100"
    assert '<th scope="col">Children in care</th>' in leeds
    assert '<th scope="col">Child protection</th>' in leeds
    england = analyst.client.get("/staff/areas/E92000001/results?conversation=listened-to")
    england = england.get_data(as_text=True)
    assert "Results: England" in england
    assert int(_sent(england)) in (130, 135, 125)  # the seeded demo consultations have none
    assert "Download these tables" not in england, "exports are per consultation"


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/staff/areas/E99999999/results", 400, "There is no such area"),
        ("/staff/areas/E99999999", 400, "There is no such area"),
        ("/staff/areas/%3Cscript%3E/summary", 400, "There is no such area"),
        (
            "/staff/areas/E92000001/results?conversation=nope",
            400,
            "Choose one of the conversations",
        ),
        ("/staff/areas/E92000001/results?by=school", 400, "broken down by"),
        ("/staff/areas/E06000001/results", 200, "There are no consultations here yet."),
        ("/staff/areas?code=W06000015", 400, "Choose England or a local authority"),
    ],
)
def test_area_pages_refuse_what_is_not_on_the_lists(
    analyst: Staff, url: str, status: int, words: str
) -> None:
    response = analyst.client.get(url)
    assert response.status_code == status
    assert words in response.get_data(as_text=True)


def test_choosing_an_area_goes_to_its_inspection_view(analyst: Staff) -> None:
    assert analyst.client.get("/staff/areas").status_code == 200
    response = analyst.client.get("/staff/areas?code=E08000035")
    assert response.status_code == 302 and response.location.endswith("/staff/areas/E08000035")


# --- themes raised, counted as conversations are sent ---------------------------------------


def test_sending_counts_the_themes_of_answers_and_free_text(app: Flask) -> None:
    chat = ChatActions(app.test_client(), "demo")
    chat.start()
    chat.next()
    chat.answer("8-11")
    chat.answer("no")  # young_listened: "No" is evidence of the listened_to theme
    for _ in range(12):
        if "Check your answers" in chat.client.get("/c/demo").get_data(as_text=True):
            break
        if chat.node() == "young_what_help":
            chat.write("my social worker keeps changing and nobody tells me")
        else:
            chat.skip()
    chat.send()
    with app.app_context():
        raised = {
            t.node_id: t.count
            for t in db.session.scalars(select(Tally).where(Tally.measure == tallies.THEME))
        }
    assert raised.get("listened_to") == 1
    assert raised.get("social_worker_changes") == 1


def test_the_results_page_lists_themes_under_disclosure_control(app: Flask, analyst: Staff) -> None:
    cid = load_demo(app, "demo", 200)
    body = analyst.client.get(f"/staff/consultations/{cid}/results").get_data(as_text=True)
    section = body.split("Themes children raised", 1)[1].split("Where children stopped", 1)[0]
    assert "Being listened to" in section or "listened" in section.lower()
    cells = re.findall(r"<td>([^<]*)</td>", section)
    assert cells, section
    for cell in cells:
        count = cell.split(" ")[0]
        assert count == "c" or count == "0" or int(count) > 5, cell
    exported = json.loads(
        analyst.client.get(f"/staff/consultations/{cid}/results.json").get_data(as_text=True)
    )
    assert any(sheet["name"] == "Themes" for sheet in exported["sheets"])
