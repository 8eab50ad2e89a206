"""CRD analysts: set up consultations, open and close them, and print their poster."""

from __future__ import annotations

from typing import Any

import segno
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from .. import areas, clock
from ..dao import consultations as dao
from ..dialogue import registry
from ..i18n import language_name
from ..models import CLOSED, DRAFT, OPEN, SETTINGS, Consultation
from . import bp
from .access import ANALYST, allow, signed_in
from .forms import ActionForm, ConsultationForm, add_error, options, text


def consultation_or_404(consultation_id: int) -> Consultation:
    """A consultation by id, or the staff area's 404 page."""
    consultation = dao.fetch_consultation(consultation_id)
    if consultation is None:
        abort(404)
    return consultation


def _form(obj: Consultation | None = None) -> ConsultationForm:
    form = ConsultationForm(obj=obj)
    form.conversation.choices = options(
        (f"{c.id}:{c.version}", f"{c.title} (version {c.version})")
        for c in registry.all_conversations()
    )
    form.area_code.choices = options(areas.choices())
    form.languages.choices = options(
        (code, language_name(code) if code == "en" else f"{language_name(code)} ({code})")
        for code in current_app.config["LANGUAGES"]
    )
    if obj is not None and not form.is_submitted():
        form.conversation.data = f"{obj.conversation_id}:{obj.conversation_version}"
        form.setting.data = obj.setting or ""
    elif not form.is_submitted():
        form.languages.data = ["en"]
    return form


def _fields(form: ConsultationForm) -> dict[str, Any]:
    conversation_id, _sep, version = text(form.conversation).partition(":")
    chosen = form.languages.data or []
    return {
        "slug": text(form.slug),
        "title": text(form.title),
        "conversation_id": conversation_id,
        "conversation_version": int(version),
        "area_code": text(form.area_code),
        "setting": text(form.setting) or None,
        "languages": [code for code in current_app.config["LANGUAGES"] if code in chosen],
        "opens_on": form.opens_on.data,
        "closes_on": form.closes_on.data,
    }


def _problems(form: ConsultationForm, consultation: Consultation | None) -> bool:
    """Checks that need the database or the conversations: a taken link name, and languages
    the chosen conversation has not been translated into."""
    found = False
    other = dao.fetch_consultation_by_slug(text(form.slug))
    if other is not None and other is not consultation:
        add_error(form.slug, "That link name is taken. Choose another.")
        found = True
    conversation_id, _sep, version = text(form.conversation).partition(":")
    conversation = registry.get(conversation_id, int(version))
    missing = [
        c for c in form.languages.data or [] if conversation and c not in conversation.languages
    ]
    if missing:
        names = ", ".join(language_name(code) for code in missing)
        add_error(form.languages, f"This conversation is not translated into {names} yet")
        found = True
    return found


@bp.get("/consultations")
@allow(ANALYST)
def consultations() -> str:
    """Every consultation, newest first."""
    return render_template(
        "staff/consultations.html",
        consultations=dao.list_consultations(),
        area_name=areas.area_name,
        today=clock.today(),
    )


@bp.route("/consultations/new", methods=["GET", "POST"])
@allow(ANALYST)
def new_consultation() -> Response | str:
    """Set up a consultation. It starts as a draft: children cannot start it until opened."""
    form = _form()
    if form.validate_on_submit() and not _problems(form, None):
        consultation = dao.save_consultation(
            **_fields(form), today=clock.today(), status=DRAFT, by=signed_in()
        )
        flash("Consultation saved as a draft. Open it when it is ready.", "success")
        return redirect(url_for("staff.consultation", consultation_id=consultation.id), code=303)
    return render_template("staff/consultation_form.html", form=form, consultation=None)


@bp.route("/consultations/<int:consultation_id>", methods=["GET", "POST"])
@allow(ANALYST)
def consultation(consultation_id: int) -> Response | str:
    """See and change a consultation. Once children have answered, its questions stay fixed."""
    consultation = consultation_or_404(consultation_id)
    form = _form(consultation)
    locked = dao.has_submissions(consultation)
    if form.validate_on_submit() and not _problems(form, consultation):
        fields = _fields(form)
        pinned = (consultation.conversation_id, consultation.conversation_version)
        if locked and (fields["conversation_id"], fields["conversation_version"]) != pinned:
            add_error(
                form.conversation,
                "Children have already answered, so the conversation cannot change.",
            )
        elif locked and fields["slug"] != consultation.slug:
            add_error(form.slug, "Children have the link already, so it cannot change.")
        else:
            dao.update_consultation(consultation, signed_in(), **fields)
            flash("Changes saved.", "success")
            return redirect(url_for("staff.consultation", consultation_id=consultation_id), 303)
    return render_template(
        "staff/consultation_form.html",
        form=form,
        consultation=consultation,
        locked=locked,
        area=areas.area_name(consultation.area_code),
        action=ActionForm(),
        today=clock.today(),
    )


STATUS_CHANGES = {
    "open": (OPEN, "The consultation is open to children within its dates."),
    "close": (CLOSED, "The consultation is closed to new conversations."),
}


@bp.post("/consultations/<int:consultation_id>/<any(open, close):change>")
@allow(ANALYST)
def consultation_status(consultation_id: int, change: str) -> Response:
    """Open it to children (within its dates), or close it to new conversations; ones
    already started may still be finished and sent."""
    consultation = consultation_or_404(consultation_id)
    status, done = STATUS_CHANGES[change]
    dao.set_status(consultation, status, signed_in())
    flash(done, "success")
    return redirect(url_for("staff.consultation", consultation_id=consultation_id), code=303)


@bp.get("/consultations/<int:consultation_id>/poster")
@allow(ANALYST)
def poster(consultation_id: int) -> str:
    """An A4 poster: a QR code of the link, the link in words, and an invitation."""
    consultation = consultation_or_404(consultation_id)
    link = url_for("chat.chat", slug=consultation.slug, _external=True)
    qr = segno.make(link, error="q").svg_inline(
        omitsize=True, title="QR code: scan it with your phone's camera to open the chat"
    )
    invitations = []
    for code in consultation.languages:
        with force_locale(code):
            invitations.append(
                (
                    code,
                    _(
                        "Tell us what you think about the help you get. You don’t have to "
                        "give your name. Scan the code with your phone's camera, or type "
                        "the link."
                    ),
                )
            )
    return render_template(
        "staff/poster.html",
        consultation=consultation,
        link=link,
        you_said=url_for("chat.you_said", slug=consultation.slug, _external=True),
        qr=qr,
        invitations=invitations,
        settings=SETTINGS,
    )
