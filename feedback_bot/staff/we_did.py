"""Analysts write "what we are doing about it" for a consultation's public "You said" page,
save it as a draft, publish it, or take it down."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..dao import consultations as dao
from . import bp
from .access import ANALYST, allow, signed_in
from .consultations import consultation_or_404
from .forms import ActionForm, WeDidForm

DONE = {
    "save": "Draft saved. Children cannot see it until you publish it.",
    "publish": "Published. Children can read it on the “You said” page now.",
}


@bp.route("/consultations/<int:consultation_id>/you-said", methods=["GET", "POST"])
@allow(ANALYST)
def we_did(consultation_id: int) -> Response | str:
    """The text, as a draft and as published, with what children will see beside it."""
    consultation = consultation_or_404(consultation_id)
    form = WeDidForm()
    if not form.is_submitted():
        form.we_did.data = consultation.we_did_draft or consultation.we_did or ""
    if form.is_submitted():
        decision = request.form.get("decision", "")
        if decision not in DONE:
            abort(400, description="Choose one of the buttons on the page.")
        if form.validate():
            text = (form.we_did.data or "").replace("\r\n", "\n")
            dao.save_we_did(consultation, text, decision == "publish", signed_in())
            flash(DONE[decision], "success")
            return redirect(url_for("staff.we_did", consultation_id=consultation_id), code=303)
    return render_template(
        "staff/we_did.html", consultation=consultation, form=form, action=ActionForm()
    )


@bp.post("/consultations/<int:consultation_id>/you-said/unpublish")
@allow(ANALYST)
def unpublish_we_did(consultation_id: int) -> Response:
    """Take the text off the public page; the draft is kept."""
    consultation = consultation_or_404(consultation_id)
    if not ActionForm().validate():
        abort(400)
    dao.unpublish_we_did(consultation, signed_in())
    flash("Taken off the “You said” page. Your draft is kept.", "success")
    return redirect(url_for("staff.we_did", consultation_id=consultation_id), code=303)
