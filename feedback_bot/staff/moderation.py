"""CRD analysts moderate children's cleaned free text: confirm or change its themes, redact
more, and approve it as a quote for inspectors or reject it. Only approved quotes ever
leave these pages. Every decision is audit-logged (never the words removed)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..dao import consultations as consultation_dao
from ..dao import quotes as dao
from ..dao.quotes import REMOVED, AlreadyDecided
from ..models import APPROVED, PENDING, REJECTED, Quote
from ..themes import Codebook
from . import bp
from .access import ANALYST, allow, signed_in
from .forms import QueueFilterForm, QuoteForm, add_error, options

STATUS_NAMES = {PENDING: "Waiting", APPROVED: "Approved", REJECTED: "Rejected"}
DECISIONS = ("themes", "redact", "approve", "reject")
DONE = {
    "themes": "Themes saved.",
    "redact": "Words removed.",
    "approve": "Approved as a quote. Inspectors can now see it.",
    "reject": "Rejected. Nobody outside moderation will see it.",
}


def _codebook() -> Codebook:
    codebook: Codebook | None = current_app.extensions["themes"]
    if codebook is None:
        abort(404)
    return codebook


def _theme_names() -> dict[str, str]:
    return {t.id: t.name for t in _codebook().themes.values()}


@bp.get("/moderation")
@allow(ANALYST)
def moderation() -> str:
    """The queue: newest first, by status, consultation and theme; help-shown items marked."""
    names = _theme_names()
    consultations = consultation_dao.list_consultations()
    form = QueueFilterForm(request.args)
    form.status.choices = options(STATUS_NAMES.items())
    form.consultation.choices = options(
        [("", "Any consultation"), *((str(c.id), c.title) for c in consultations)]
    )
    form.theme.choices = options([("", "Any theme"), *names.items()])
    if not form.validate():
        problem = next(iter(form.errors))
        abort(400, description=f"There is no such {problem} to filter by. Choose from the list.")
    page = request.args.get("page", "1")
    found = dao.queue(
        form.status.data or PENDING,
        int(form.consultation.data) if form.consultation.data else None,
        form.theme.data or None,
        page=int(page) if page.isdigit() and len(page) < 7 else 1,
    )
    return render_template(
        "staff/moderation.html",
        form=form,
        found=found,
        counts=dao.counts(),
        theme_names=names,
        titles={c.id: c.title for c in consultations},
        status_names=STATUS_NAMES,
    )


def _quote_or_404(quote_id: int) -> Quote:
    quote = dao.fetch(quote_id)
    if quote is None:
        abort(404)
    return quote


def _form(quote: Quote) -> QuoteForm:
    form = QuoteForm()
    form.themes.choices = options(_theme_names().items())
    if not form.is_submitted():
        form.version.data = quote.version
        form.themes.data = list(quote.themes)
    return form


@bp.route("/moderation/<int:quote_id>", methods=["GET", "POST"])
@allow(ANALYST)
def quote(quote_id: int) -> Response | tuple[str, int] | str:
    """One quote and the decisions on it."""
    item = _quote_or_404(quote_id)
    form = _form(item)
    if form.is_submitted():
        decision = request.form.get("decision", "")
        if decision not in DECISIONS:
            abort(400, description="Choose one of the buttons on the page.")
        unknown = set(request.form.getlist("themes")) - _codebook().ids
        if unknown:
            abort(400, description="There is no such theme. Choose from the list.")
        if form.validate():
            changes = _changes(item, form, decision)
            if changes is not None:
                detail, values = changes
                try:
                    dao.decide(quote_id, form.version.data or 0, signed_in(), detail, **values)
                except AlreadyDecided as moved:
                    return _moved_on(moved.quote)
                flash(DONE[decision], "success")
                return redirect(_next(quote_id, decision), code=303)
    return _quote_page(item, form)


def _quote_page(item: Quote, form: QuoteForm, moved_on: str | None = None) -> str:
    consultation = consultation_dao.fetch_consultation(item.consultation_id)
    return render_template(
        "staff/quote.html",
        quote=item,
        form=form,
        theme_names=_theme_names(),
        status_names=STATUS_NAMES,
        title=consultation.title if consultation else "",
        moved_on=moved_on,
    )


def _changes(item: Quote, form: QuoteForm, decision: str) -> tuple[str, dict[str, object]] | None:
    """(audit detail, column changes) for the decision, or None with the problem on the form."""
    chosen = sorted(form.themes.data or [])
    if decision == "themes":
        return f"themes: {', '.join(chosen) or 'none'}", {"themes": chosen}
    if decision == "redact":
        phrase = form.phrase.data or ""
        changed = dao.redacted(item.text, phrase) if phrase else None
        if not phrase:
            add_error(form.phrase, "Copy the words to remove into the box")
        elif changed is None:
            add_error(form.phrase, "Those words are not in the quote. Copy them exactly.")
        elif not changed.replace(REMOVED, "").strip(" .,!?;:-"):
            add_error(form.phrase, "That would remove everything. Reject the quote instead.")
        else:
            return f"redacted {len(phrase)} characters", {"text": changed}
        return None
    if decision == "approve":
        if not chosen:
            add_error(form.themes, "Choose at least one theme, so inspectors can find it")
            return None
        return f"approved; themes: {', '.join(chosen)}", {"status": APPROVED, "themes": chosen}
    return "rejected", {"status": REJECTED}


def _moved_on(current: Quote | None) -> tuple[str, int]:
    """Someone else decided first: say so, and show the quote as it is now."""
    message = (
        "Someone else moderated this quote while you had it open, so your choice was not "
        "saved. Here it is as it is now."
        if current is not None
        else "This quote has been deleted (it reached the end of its retention period)."
    )
    if current is None:
        abort(404, description=message)
    return _quote_page(current, _form(current), message), 409


def _next(quote_id: int, decision: str) -> str:
    """After approving or rejecting, the next waiting quote; otherwise the same one."""
    if decision in ("approve", "reject"):
        later = [q for q in dao.queue(PENDING, per_page=2).items if q.id != quote_id]
        return (
            url_for("staff.quote", quote_id=later[0].id) if later else url_for("staff.moderation")
        )
    return url_for("staff.quote", quote_id=quote_id)
