"""Moderation: children's cleaned free text is queued on sending; analysts confirm themes,
redact, approve or reject; every decision is audit-logged, and none is made twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from feedback_bot import clock
from feedback_bot.dao import quotes
from feedback_bot.dao.consultations import fetch_consultation_by_slug
from feedback_bot.extensions import db
from feedback_bot.models import APPROVED, PENDING, REJECTED, AuditEvent, Quote

from ..conftest import ChatActions
from .conftest import Account, Clock, Staff, errors, token

SAID = "my social worker keeps changing and nobody tells me. ring me on 07700 900123 xq7marker"


def send_with_text(client: FlaskClient, said: str = SAID, slug: str = "demo") -> None:
    """A child on the 8-11 path of the demo writes ``said`` and sends."""
    chat = ChatActions(client, slug)
    chat.start()
    chat.next()
    chat.answer("8-11")
    chat.answer("no")
    for _ in range(12):
        if "Check your answers" in chat.client.get(f"/c/{slug}").get_data(as_text=True):
            break
        if chat.node() == "young_what_help":
            chat.write(said)
        else:
            chat.skip()
    assert chat.send().status_code == 303


def all_quotes(app: Flask) -> list[Quote]:
    with app.app_context():
        found = list(db.session.scalars(select(Quote).order_by(Quote.id)))
        db.session.expunge_all()
        return found


def moderation_events(app: Flask) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "moderation"))
        return [(e.actor, e.target, e.detail) for e in rows]


@pytest.fixture
def analyst(staff: Staff, accounts: dict[str, Account]) -> Staff:
    staff.sign_in(accounts["analyst"])
    return staff


@pytest.fixture
def queued(app: Flask) -> Quote:
    send_with_text(app.test_client())
    [quote] = all_quotes(app)
    return quote


def decide(analyst: Staff, quote_id: int, decision: str, **fields: object) -> object:
    page = analyst.client.get(f"/staff/moderation/{quote_id}")
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.get_data(as_text=True))
    assert version, "no version on the page"
    data = {"version": version.group(1), "decision": decision, **fields}
    return analyst.client.post(
        f"/staff/moderation/{quote_id}", data={"csrf_token": token(page), **data}
    )


def test_sending_queues_the_cleaned_free_text_with_its_themes(app: Flask, queued: Quote) -> None:
    assert queued.status == PENDING and queued.version == 1
    assert "07700" not in queued.text and "[phone]" in queued.text
    assert "social_worker_changes" in queued.themes
    assert queued.node_id == "young_what_help"
    assert queued.month == clock.today().replace(day=1)
    assert not queued.help_shown


def test_nothing_is_queued_when_the_child_writes_nothing_or_stops(app: Flask) -> None:
    chat = ChatActions(app.test_client(), "demo")
    chat.start()
    chat.next()
    chat.answer("8-11")
    chat.answer("no")
    chat.stop()
    assert all_quotes(app) == []


def test_the_queue_is_for_analysts_only(
    app: Flask, staff: Staff, accounts: dict[str, Account], queued: Quote
) -> None:
    staff.sign_in(accounts["inspector"])
    assert staff.client.get("/staff/moderation").status_code == 403
    assert staff.client.get(f"/staff/moderation/{queued.id}").status_code == 403


def test_the_queue_shows_cleaned_text_newest_first_and_filters(
    app: Flask, analyst: Staff, queued: Quote
) -> None:
    send_with_text(app.test_client(), "help came too late, months of waiting")
    body = analyst.client.get("/staff/moderation").get_data(as_text=True)
    assert "[phone]" in body and "07700" not in body
    assert body.index("help came too late") < body.index("[phone]")  # newest first
    only = analyst.client.get("/staff/moderation?theme=social_worker_changes")
    assert "[phone]" in only.get_data(as_text=True)
    assert "help came too late" not in only.get_data(as_text=True)
    none = analyst.client.get("/staff/moderation?status=approved").get_data(as_text=True)
    assert "[phone]" not in none


@pytest.mark.parametrize(
    "query", ["theme=no_such_theme", "consultation=99999", "status=published", "theme=police%00x"]
)
def test_unknown_filters_are_a_clear_400(analyst: Staff, query: str) -> None:
    response = analyst.client.get(f"/staff/moderation?{query}")
    assert response.status_code == 400
    assert "Choose from the list" in response.get_data(as_text=True)


def test_approving_needs_a_theme_then_shows_it_to_inspectors_and_is_audited(
    app: Flask, analyst: Staff, queued: Quote
) -> None:
    refused = decide(analyst, queued.id, "approve")
    assert refused.status_code == 200  # type: ignore[attr-defined]
    assert errors(refused) == ["Choose at least one theme, so inspectors can find it"]  # type: ignore[arg-type]
    assert all_quotes(app)[0].status == PENDING

    done = decide(analyst, queued.id, "approve", themes=["social_worker_changes", "listened_to"])
    assert done.status_code == 303  # type: ignore[attr-defined]
    [quote] = all_quotes(app)
    assert quote.status == APPROVED and quote.version == 2
    assert quote.themes == ["listened_to", "social_worker_changes"]
    [(actor, target, detail)] = moderation_events(app)
    assert actor == "analyst@example.gov.uk" and target == f"quote {queued.id}"
    assert detail == "approved; themes: listened_to, social_worker_changes"


def test_changing_themes_only_keeps_it_waiting(app: Flask, analyst: Staff, queued: Quote) -> None:
    decide(analyst, queued.id, "themes", themes=["police"])
    [quote] = all_quotes(app)
    assert quote.status == PENDING and quote.themes == ["police"]
    response = decide(analyst, queued.id, "themes", themes=["no_such_theme"])
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "There is no such theme" in response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert all_quotes(app)[0].themes == ["police"]


def test_redacting_replaces_every_occurrence_and_never_logs_the_words(
    app: Flask, analyst: Staff, queued: Quote
) -> None:
    response = decide(analyst, queued.id, "redact", phrase="NOBODY tells")
    assert response.status_code == 303  # type: ignore[attr-defined]
    [quote] = all_quotes(app)
    assert "nobody tells" not in quote.text.lower() and "[removed]" in quote.text
    [(_actor, _target, detail)] = moderation_events(app)
    assert detail == "redacted 12 characters" and "nobody" not in detail.lower()


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("not in it at all", "Those words are not in the quote. Copy them exactly."),
        ("x" * 201, "Remove at most 200 characters at a time."),
        ("", "Copy the words to remove into the box"),
    ],
)
def test_bad_redactions_are_refused_and_change_nothing(
    app: Flask, analyst: Staff, queued: Quote, phrase: str, problem: str
) -> None:
    response = decide(analyst, queued.id, "redact", phrase=phrase)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert errors(response)[0].startswith(problem)  # type: ignore[arg-type]
    assert all_quotes(app)[0].text == queued.text
    assert moderation_events(app) == []


def test_redacting_everything_is_refused(app: Flask, analyst: Staff) -> None:
    send_with_text(app.test_client(), "too late")
    [quote] = all_quotes(app)
    response = decide(analyst, quote.id, "redact", phrase="too late")
    assert errors(response) == ["That would remove everything. Reject the quote instead."]  # type: ignore[arg-type]


def test_a_quote_decided_by_someone_else_meanwhile_is_not_decided_twice(
    app: Flask, analyst: Staff, accounts: dict[str, Account], frozen: Clock, queued: Quote
) -> None:
    from .conftest import make_account

    other = Staff(app.test_client(), frozen)
    other.sign_in(make_account(app, "second@example.gov.uk", "analyst"))
    mine = analyst.client.get(f"/staff/moderation/{queued.id}")
    theirs = other.client.get(f"/staff/moderation/{queued.id}")
    base = {"version": "1", "themes": ["police"]}
    first = other.client.post(
        f"/staff/moderation/{queued.id}",
        data={"csrf_token": token(theirs), "decision": "reject", **base},
    )
    assert first.status_code == 303
    second = analyst.client.post(
        f"/staff/moderation/{queued.id}",
        data={"csrf_token": token(mine), "decision": "approve", **base},
    )
    assert second.status_code == 409
    assert "Someone else moderated this quote while you had it open" in second.get_data(
        as_text=True
    )
    [quote] = all_quotes(app)
    assert quote.status == REJECTED and quote.version == 2
    assert [e[0] for e in moderation_events(app)] == ["second@example.gov.uk"]


def test_an_unknown_decision_or_quote_is_refused(analyst: Staff, queued: Quote) -> None:
    page = analyst.client.get(f"/staff/moderation/{queued.id}")
    response = analyst.client.post(
        f"/staff/moderation/{queued.id}",
        data={"csrf_token": token(page), "version": "1", "decision": "publish"},
    )
    assert response.status_code == 400
    assert analyst.client.get("/staff/moderation/424242").status_code == 404


def test_purge_deletes_quotes_from_months_begun_before_the_cut_off(
    app: Flask, queued: Quote
) -> None:
    with app.app_context():
        assert quotes.delete_before(queued.month) == 0
        assert quotes.delete_before(queued.month + dt.timedelta(days=1)) == 1
    assert all_quotes(app) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Miss K said no", "miss k", "[removed] said no"),
        ("a b a", "a", "[removed] b [removed]"),
        ("École Saint-Jean", "école saint-jean", "[removed]"),
        ("cost (£5) each", "(£5)", "cost [removed] each"),
        ("nothing", "else", None),
        ("anything", "   ", None),
    ],
)
def test_redacted(text: str, phrase: str, expected: str | None) -> None:
    assert quotes.redacted(text, phrase) == expected


def test_the_queue_comes_in_pages_of_25_keeping_its_filters(app: Flask, analyst: Staff) -> None:
    with app.app_context():
        consultation = fetch_consultation_by_slug("demo")
        assert consultation is not None
        for i in range(30):
            db.session.add(
                Quote(
                    consultation_id=consultation.id, node_id="why_not", text=f"words {i:02}",
                    themes=["police"], help_shown=False, month=clock.today().replace(day=1),
                    status=PENDING, version=1,
                )
            )  # fmt: skip
        db.session.commit()
    first = analyst.client.get("/staff/moderation?theme=police").get_data(as_text=True)
    assert first.count('class="quote"') == 25 and "words 29" in first and "words 04" not in first
    assert "Page 1 of 2" in first
    older = re.search(r'<a href="([^"]+)">Older</a>', first)
    assert older and "theme=police" in older.group(1)
    second = analyst.client.get(older.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert second.count('class="quote"') == 5 and "words 00" in second
    assert analyst.client.get("/staff/moderation?page=99999999999").status_code == 200
