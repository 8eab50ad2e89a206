"""A child's conversation: start, answer turn by turn, review, send, or stop and delete.

Every POST redirects to a GET, so refreshing or pressing Back never sends anything twice.
Views stay thin: the engine decides where to go, the dao stores, templates speak.
"""

from __future__ import annotations

import datetime as dt

from flask import (
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_number, get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from .. import clock, themes
from ..dao import consultations as consultation_dao
from ..dao import submissions as dao
from ..dao.quotes import NewQuote
from ..dialogue import engine, registry
from ..dialogue.engine import SKIPPED, Given, TurnError
from ..dialogue.model import Conversation, Node
from ..i18n import offer
from ..models import Consultation, Submission
from ..privacy.scrub import scrub
from ..safeguarding import needs_help
from . import bp, replay
from .forms import StartForm, TurnForm

SESSION_KEY = "chat"

Page = str | tuple[str, int] | Response


def consultation_or_404(slug: str) -> tuple[Consultation, Conversation]:
    """The consultation at this address and its conversation, or 404; offers its languages."""
    return _with_conversation(consultation_dao.fetch_consultation_by_slug(slug))


def _with_conversation(consultation: Consultation | None) -> tuple[Consultation, Conversation]:
    if consultation is None:
        abort(404)
    g.consultation_slug = consultation.slug
    conversation = registry.get(consultation.conversation_id, consultation.conversation_version)
    if conversation is None:
        abort(404)
    offer_languages(consultation, conversation)
    return consultation, conversation


def offer_languages(consultation: Consultation, conversation: Conversation) -> None:
    """The consultation's languages that its conversation is translated into."""
    offer([code for code in consultation.languages if code in conversation.languages])


def _chat_or_404(slug: str) -> tuple[Consultation, Conversation, Submission | None]:
    """The consultation at this address, its conversation, and the child's unsent submission
    of it from the session token (looked up together), or 404; offers its languages."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or len(token) > 64:
        token = None
    found, draft = dao.fetch_consultation_and_draft(slug, token, clock.now())
    consultation, conversation = _with_conversation(found)
    if token is None:
        return consultation, conversation, None
    if draft is not None and dao.trail_of(draft)[-1] not in conversation.nodes:
        dao.delete_submission(draft)  # the conversation changed under it; start again
        return consultation, conversation, None
    session.modified = True  # keep the cookie alive while the child is chatting
    return consultation, conversation, draft


def _live_draft(slug: str) -> tuple[Consultation, Conversation, Submission]:
    """The consultation, its conversation and the child's draft, or the "lost your place" page."""
    consultation, conv, draft = _chat_or_404(slug)
    if draft is None:
        page = render_template("chat/lost.html", consultation=consultation)
        abort(make_response(page, 400))
    return consultation, conv, draft


def _here(slug: str) -> Response:
    return redirect(url_for("chat.chat", slug=slug), code=303)


def _closed(consultation: Consultation) -> str:
    return render_template("chat/closed.html", consultation=consultation, today=clock.today())


def _language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


@bp.get("/c/<slug>")
def chat(slug: str) -> Page:
    """Whatever the child should see now: the start, a question, or the review."""
    consultation, conv, draft = _chat_or_404(slug)
    if draft is None:
        if not consultation.is_open(clock.today()):
            return _closed(consultation)
        return render_template(
            "chat/start.html", consultation=consultation, conv=conv, form=StartForm()
        )
    if draft.help_pending:
        return render_template("chat/danger_help.html", consultation=consultation, form=StartForm())
    trail = dao.trail_of(draft)
    node = conv.nodes[trail[-1]]
    if node.kind == "end":
        return _review(consultation, conv, trail, dao.fetch_answers(draft))
    given = dao.fetch_answer(draft, node.id) if node.is_question else None
    return _question(consultation, conv, node, trail, given)


def _question(
    consultation: Consultation,
    conv: Conversation,
    node: Node,
    trail: list[str],
    given: Given | None,
    error: str | None = None,
    typed: str | None = None,
    status: int = 200,
    show_help: bool = False,
) -> tuple[str, int]:
    page = render_template(
        "chat/question.html",
        consultation=consultation,
        conv=conv,
        node=node,
        given=given or SKIPPED,
        can_go_back=len(trail) > 1,
        error=error,
        typed=typed if typed is not None else (given.text if given else None) or "",
        show_help=show_help,
    )
    return page, status


def _review(
    consultation: Consultation, conv: Conversation, trail: list[str], answers: dict[str, Given]
) -> str:
    return render_template(
        "chat/review.html",
        consultation=consultation,
        conv=conv,
        node=conv.nodes[trail[-1]],
        questions=engine.asked(conv, trail),
        answers=answers,
    )


@bp.post("/c/<slug>/start")
def start(slug: str) -> Page:
    """Begin a new, anonymous submission."""
    consultation, conv, draft = _chat_or_404(slug)
    if draft is not None:
        return _here(slug)
    if not StartForm().validate():
        abort(400)
    if not consultation.is_open(clock.today()):
        return _closed(consultation)
    hours = current_app.config["UNSENT_EXPIRY_HOURS"]
    draft = dao.create_submission(
        consultation,
        engine.first_node(conv),
        _language(),
        clock.today(),
        clock.to_the_hour(clock.now() + dt.timedelta(hours=hours)),
    )
    session[SESSION_KEY] = draft.id  # the cookie holds this random token and nothing else
    return _here(slug)


@bp.post("/c/<slug>")
def turn(slug: str) -> Page:
    """Answer, skip, go back, or change an answer from the review."""
    consultation, conv, draft = _live_draft(slug)
    form = TurnForm()
    trail = dao.trail_of(draft)
    valid = form.validate()
    if draft.help_pending or not valid or form.node.data != trail[-1]:
        if valid and replay.taken(conv, draft, trail, form):  # posted twice: already done
            return _here(slug)
        return render_template("chat/stale.html", consultation=consultation), 400
    node = conv.nodes[trail[-1]]
    if form.change.data:
        return _change(draft, trail, conv, form.change.data, slug)
    action = form.action.data or "answer"
    if action == "back":
        if len(trail) > 1:
            dao.save_trail(draft, trail[:-1])
        return _here(slug)
    if action not in ("answer", "skip", "next"):
        abort(400)
    given = SKIPPED if action == "skip" else _given(node, form)
    if given.text and len(given.text) > node.max_length:
        # Show the words back with a clear message; still signpost if they are worrying.
        return _question(
            consultation,
            conv,
            node,
            trail,
            None,
            error=_(
                "Please write %(max)s characters or fewer.", max=format_number(node.max_length)
            ),
            typed=given.text,
            status=400,
            show_help=needs_help(given.text, draft.language),
        )
    # Earlier answers matter only where a branch may follow (the rules read them).
    answers = dao.fetch_answers(draft) if engine.may_branch(conv, node) else {}
    try:
        target = engine.next_node(conv, node.id, given, answers)
    except TurnError:
        return render_template("chat/stale.html", consultation=consultation), 400
    if node.kind == "message":
        dao.save_trail(draft, [*trail, target])
    else:
        # Read the raw words for danger in memory only; they are scrubbed before storing.
        show_help = _worrying(node, given, draft.language)
        if given.text:
            given = Given(text=scrub(given.text))
        dao.save_turn(
            draft,
            node.id,
            given,
            [*trail, target],
            age_band=given.codes[0] if given.codes else None,
            records_age_band=node.records == "age_band",
            show_help=show_help,
        )
    return _here(slug)


def _worrying(node: Node, given: Given, language: str) -> bool:
    """Whether this answer should bring up the help screen next."""
    if given.text and needs_help(given.text, language):
        return True
    return any(option.help for option in node.options if option.code in given.codes)


@bp.post("/c/<slug>/carry-on")
def carry_on(slug: str) -> Page:
    """After the help screen, back to the chat where the child left it."""
    *_, draft = _live_draft(slug)
    if not StartForm().validate():
        abort(400)
    dao.clear_help_pending(draft)
    return _here(slug)


def _given(node: Node, form: TurnForm) -> Given:
    codes = tuple(str(code) for code in form.answer.data or ())
    text = form.text.data or None
    if node.kind == "text":
        return Given(text=text)
    return Given(codes=codes)


def _change(
    draft: Submission, trail: list[str], conv: Conversation, target: str, slug: str
) -> Page:
    """From the review, go back to an earlier question; later answers wait to be confirmed."""
    if target not in trail[:-1] or not conv.nodes[target].is_question:
        abort(400)
    dao.save_trail(draft, trail[: trail.index(target) + 1])
    return _here(slug)


@bp.post("/c/<slug>/send")
def send(slug: str) -> Page:
    """Share the answers with the people running the consultation."""
    consultation, conv, draft = _chat_or_404(slug)
    if draft is None:
        return replay.after_send(consultation, SESSION_KEY)
    trail = dao.trail_of(draft)
    end = trail[-1]
    if not StartForm().validate() or conv.nodes[end].kind != "end":
        return render_template("chat/stale.html", consultation=consultation), 400
    on_path = {n: g for n, g in dao.fetch_answers(draft).items() if n in trail}
    codebook = current_app.extensions["themes"]
    quoted = [
        NewQuote(
            node_id, given.text, themes.tag_text(codebook, given.text) if codebook else frozenset()
        )
        for node_id, given in on_path.items()
        if given.text
    ]
    # The options' themes, and the free text's (tagged once, above, for its quote too).
    raised = themes.tag_answers(conv, on_path).union(*(quote.themes for quote in quoted))
    dao.send_submission(draft, clock.today(), _language(), raised, quoted)
    session.pop(SESSION_KEY, None)
    return redirect(url_for("chat.thanks", slug=slug, end=end), code=303)


@bp.get("/c/<slug>/thanks")
def thanks(slug: str) -> Page:
    """The conversation's last words, after sending."""
    consultation, conv = consultation_or_404(slug)
    ends = [n for n in conv.nodes.values() if n.kind == "end"]
    node = conv.nodes.get(request.args.get("end", ""), ends[0])
    if node.kind != "end":
        node = ends[0]
    return render_template("chat/thanks.html", consultation=consultation, conv=conv, node=node)


@bp.post("/c/<slug>/stop")
def stop(slug: str) -> Page:
    """Delete everything of this conversation at once."""
    *_, draft = _chat_or_404(slug)
    if not StartForm().validate():
        abort(400)
    if draft is not None:
        dao.delete_submission(draft)
    session.pop(SESSION_KEY, None)
    return redirect(url_for("chat.stopped", slug=slug), code=303)


@bp.get("/c/<slug>/stopped")
def stopped(slug: str) -> Page:
    """Confirms that the answers are gone."""
    consultation, _conv = consultation_or_404(slug)
    return render_template("chat/stopped.html", consultation=consultation)
