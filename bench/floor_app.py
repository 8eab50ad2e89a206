"""The least a chat turn can cost with this project's stack: a yardstick, bench only.

Served by bench/turn_app.py at /floor/, beside the product and the bare route, and walked by
the same wrk script (bench/turn.lua) as the product: a start page, start, sixteen questions
of four options each, a send page, send, thanks. Each turn does only what no version of the
product could leave out:

- the session cookie opened, checked and signed again (Flask's session, as the product's);
- a CSRF token made for each form and checked on each POST (Flask-WTF's CSRFProtect);
- the child's draft read (the conversation's state lives in the database, so that any app
  server can take the next turn), and each answer stored with the trail moved on, in one
  transaction (SQLAlchemy Core on the product's own tables and database);
- a page rendered from a Jinja template, with the answer posted checked against it.

It leaves out what the product does besides: translations, the rate limiter, security
headers, the help links and quick exit on every page, the conversation engine, and reading
typed words for danger. So the floor's requests/s is more than any version of the product
built on Flask, Flask-WTF, SQLAlchemy and Jinja could reach on the same server: what the
turn's goal is measured against.
"""

from __future__ import annotations

import datetime as dt
import json

from flask import Flask, abort, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFProtect
from jinja2 import DictLoader
from sqlalchemy import bindparam, create_engine, delete, insert, select, update
from werkzeug.wrappers import Response

from feedback_bot import clock
from feedback_bot.dao.submissions import new_submission_id
from feedback_bot.models import Answer, Consultation, Submission

QUESTIONS = [f"q{n}" for n in range(1, 17)]
OPTIONS = ("yes", "sometimes", "no", "not-sure")
END = "end"
SUBMISSIONS = Submission.__table__
ANSWERS = Answer.__table__
CONSULTATIONS = Consultation.__table__

_DRAFT = select(SUBMISSIONS.c.trail).where(
    SUBMISSIONS.c.id == bindparam("id"),
    SUBMISSIONS.c.sent_on.is_(None),
    SUBMISSIONS.c.expires_at > bindparam("now"),
)
_MOVE = (  # guarded as the product's turn is: no other request moved or sent it since
    update(SUBMISSIONS)
    .where(
        SUBMISSIONS.c.id == bindparam("claim_id"),
        SUBMISSIONS.c.trail == bindparam("old"),
        SUBMISSIONS.c.sent_on.is_(None),
    )
    .values(trail=bindparam("new"))
)
_FORGET = delete(ANSWERS).where(
    ANSWERS.c.submission_id == bindparam("id"), ANSWERS.c.node_id == bindparam("node")
)
_CONSULTATION = select(CONSULTATIONS.c.id).where(CONSULTATIONS.c.slug == bindparam("slug"))
_SEND = (
    update(SUBMISSIONS)
    .where(SUBMISSIONS.c.id == bindparam("claim_id"))
    .values(sent_on=bindparam("today"), expires_at=None)
)

LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }}</title>
</head><body><main>{% block main %}{% endblock %}</main></body></html>"""
START = """{% extends "layout.html" %}{% block main %}<h1>Hello</h1>
<form method="post" action="{{ url_for('start', slug=slug) }}">
<input name="csrf_token" type="hidden" value="{{ csrf_token() }}"><button>Start</button>
</form>{% endblock %}"""
QUESTION = """{% extends "layout.html" %}{% block main %}<h1>{{ title }}</h1>
<form method="post" action="{{ url_for('turn', slug=slug) }}">
<input name="csrf_token" type="hidden" value="{{ csrf_token() }}">
<input name="node" type="hidden" value="{{ node }}">
<fieldset><legend>{{ title }}</legend>
{% for option in options %}<label><input type="radio" name="answer" value="{{ option }}">
{{ option }}</label>{% endfor %}</fieldset><button>Next</button></form>{% endblock %}"""
SEND = """{% extends "layout.html" %}{% block main %}<h1>{{ title }}</h1>
<form method="post" action="{{ url_for('send', slug=slug) }}">
<input name="csrf_token" value="{{ csrf_token() }}" type="hidden"><button>Send</button>
</form>{% endblock %}"""
THANKS = """{% extends "layout.html" %}{% block main %}<h1>{{ title }}</h1>{% endblock %}"""


def create_floor_app(database_url: str, secret_key: str) -> Flask:
    """The yardstick app, on the product's database (made and seeded by the product)."""
    app = Flask(__name__)
    app.secret_key = secret_key
    app.jinja_loader = DictLoader(
        {
            "layout.html": LAYOUT,
            "start.html": START,
            "question.html": QUESTION,
            "send.html": SEND,
            "thanks.html": THANKS,
        }
    )
    CSRFProtect(app)
    engine = create_engine(database_url)

    def draft_trail(now: dt.datetime) -> list[str] | None:
        token = session.get("chat")
        if not isinstance(token, str):
            return None
        with engine.connect() as conn:
            trail = conn.execute(_DRAFT, {"id": token, "now": now}).scalar()
        return json.loads(trail) if trail is not None else None

    @app.get("/c/<slug>")
    def chat(slug: str) -> str:
        trail = draft_trail(clock.now())
        if trail is None:
            return render_template("start.html", title="Start", slug=slug)
        session.modified = True  # keep the cookie alive, as the product does
        node = trail[-1]
        if node == END:
            return render_template("send.html", title="Send", slug=slug)
        return render_template(
            "question.html", title=f"Question {node}", slug=slug, node=node, options=OPTIONS
        )

    @app.post("/c/<slug>/start")
    def start(slug: str) -> Response:
        token = new_submission_id()
        with engine.begin() as conn:
            consultation = conn.execute(_CONSULTATION, {"slug": slug}).scalar()
            if consultation is None:
                abort(404)
            conn.execute(
                insert(SUBMISSIONS),
                {
                    "id": token,
                    "consultation_id": consultation,
                    "conversation_id": "floor",
                    "conversation_version": 1,
                    "language": "en",
                    "started_on": clock.today(),
                    "expires_at": clock.now() + dt.timedelta(hours=1),
                    "trail": json.dumps([QUESTIONS[0]]),
                },
            )
        session["chat"] = token
        return redirect(url_for("chat", slug=slug), code=303)

    @app.post("/c/<slug>")
    def turn(slug: str) -> Response:
        token = session.get("chat")
        with engine.begin() as conn:
            old = conn.execute(_DRAFT, {"id": token, "now": clock.now()}).scalar()
            if old is None:
                abort(400)
            trail = json.loads(old)
            node, answer = request.form.get("node", ""), request.form.get("answer")
            skipped = request.form.get("action") == "skip"
            if node != trail[-1] or node not in QUESTIONS or not (skipped or answer in OPTIONS):
                abort(400)
            after = QUESTIONS.index(node) + 1
            new = json.dumps([*trail, QUESTIONS[after] if after < len(QUESTIONS) else END])
            if conn.execute(_MOVE, {"claim_id": token, "old": old, "new": new}).rowcount != 1:
                abort(409)
            conn.execute(_FORGET, {"id": token, "node": node})
            conn.execute(
                insert(ANSWERS),
                {
                    "submission_id": token,
                    "node_id": node,
                    "option_code": None if skipped else answer,
                    "skipped": skipped,
                },
            )
        return redirect(url_for("chat", slug=slug), code=303)

    @app.post("/c/<slug>/send")
    def send(slug: str) -> Response:
        with engine.begin() as conn:
            conn.execute(_SEND, {"claim_id": session.pop("chat", None), "today": clock.today()})
        return redirect(url_for("thanks", slug=slug), code=303)

    @app.get("/c/<slug>/thanks")
    def thanks(slug: str) -> str:
        return render_template("thanks.html", title="Thank you")

    return app
