"""Results pages (analysts and inspectors) and exports (analysts; each one audit-logged)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.wrappers import Response as WerkzeugResponse

from .. import areas, clock
from ..dao import audit
from ..dao import consultations as consultation_dao
from ..dialogue import registry
from ..dialogue.model import Conversation
from ..models import ENGLAND, Consultation
from ..results import exports
from ..results.aggregate import BREAKDOWNS, Results, headline, results
from ..results.disclosure import Rules, fewer_than
from ..results.tables import (
    RESPONSE_HEADER,
    aggregate_sheets,
    option_label,
    question_text,
    response_rows,
)
from . import bp
from .access import ANALYST, INSPECTOR, allow, signed_in
from .consultations import consultation_or_404

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json",
}


def _consultation(consultation_id: int) -> tuple[Consultation, Conversation]:
    consultation = consultation_or_404(consultation_id)
    conversation = registry.get(consultation.conversation_id, consultation.conversation_version)
    if conversation is None:
        abort(404)
    return consultation, conversation


def theme_names() -> list[tuple[str, str]]:
    """(id, name) of every theme in the codebook, in its order."""
    codebook = current_app.extensions["themes"]
    return [(t.id, t.name) for t in codebook.themes.values()] if codebook else []


def _breakdown() -> str:
    """The ?by= filter: one of the fixed breakdowns, or a clear 400."""
    by = request.args.get("by", "all")
    if by not in BREAKDOWNS:
        abort(400, description=f"Results can be broken down by {', '.join(BREAKDOWNS)} only.")
    return by


def _results(consultation: Consultation, conversation: Conversation, by: str) -> Results:
    return results(
        [consultation.id],
        conversation,
        by,
        consultation.languages,
        Rules.from_config(current_app.config),
        theme_names(),
    )


def _page(found: Results, **context: object) -> str:
    return render_template(
        "staff/results.html",
        results=found,
        breakdowns=BREAKDOWNS,
        headline=headline,
        fewer_than=fewer_than(found.rules),
        option_label=option_label,
        labels=lambda q: [option_label(q.node, code) for code in q.codes],
        question_text=question_text,
        today=clock.today(),
        **context,
    )


@bp.get("/consultations/<int:consultation_id>/results")
@allow(ANALYST, INSPECTOR)
def results_page(consultation_id: int) -> str:
    """Headline measures, then each question as a chart with its table; prints cleanly."""
    consultation, conversation = _consultation(consultation_id)
    by = _breakdown()
    return _page(
        _results(consultation, conversation, by),
        heading=f"Results: {consultation.title}",
        place=areas.area_name(consultation.area_code),
        consultation=consultation,
        by=by,
        choices=[],
    )


@bp.get("/areas")
@allow(ANALYST, INSPECTOR)
def areas_page() -> WerkzeugResponse | str:
    """Pick England or a local authority (the only areas results are shown for)."""
    code = request.args.get("code", "")
    if code:
        if areas.area_name(code) is None:
            abort(400, description="Choose England or a local authority from the list.")
        return redirect(url_for("staff.inspection_page", code=code))
    return render_template("staff/areas.html", choices=areas.choices())


@bp.get("/areas/<code>/results")
@allow(ANALYST, INSPECTOR)
def area_results(code: str) -> str:
    """All consultations for England, or for one local authority, one conversation at a time
    (questions differ between conversations; versions add up by their stable codes)."""
    place = areas.area_name(code)
    if place is None:
        abort(400, description="There is no such area. Choose England or a local authority.")
    everywhere = consultation_dao.list_consultations()
    here = [c for c in everywhere if code == ENGLAND or c.area_code == code]
    ids = sorted({c.conversation_id for c in here})
    chosen = request.args.get("conversation") or (ids[0] if ids else "")
    conversation = registry.latest(chosen) if chosen in ids else None
    if ids and conversation is None:
        abort(400, description=f"Choose one of the conversations asked here: {', '.join(ids)}.")
    by = _breakdown()
    languages = [
        lang for lang in current_app.config["LANGUAGES"] if any(lang in c.languages for c in here)
    ]
    chosen_here = [c.id for c in here if c.conversation_id == chosen]
    found = (
        results(
            chosen_here,
            conversation,
            by,
            languages,
            Rules.from_config(current_app.config),
            theme_names(),
        )
        if conversation is not None
        else None
    )
    if found is None:
        return render_template("staff/area_empty.html", place=place)
    return _page(
        found,
        heading=f"Results: {place}",
        place=f"{len(chosen_here)} consultation{'s' if len(chosen_here) != 1 else ''}",
        consultation=None,
        by=by,
        choices=[(i, registry.latest(i)) for i in ids],
        chosen=chosen,
    )


def _download(name: str, fmt: str, chunks: Iterator[str] | Iterator[bytes]) -> Response:
    response = Response(stream_with_context(chunks), mimetype=TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _stream(
    fmt: str, sheets: list[exports.Sheet], about: Mapping[str, object]
) -> Iterator[str] | Iterator[bytes]:
    if fmt == "csv":
        return exports.csv_stream(sheets)
    if fmt == "ods":
        return exports.ods_stream(sheets)
    return exports.json_stream(about, sheets)


@bp.get("/consultations/<int:consultation_id>/results.<any(csv, ods, json):fmt>")
@allow(ANALYST)
def results_export(consultation_id: int, fmt: str) -> Response:
    """The results page's tables, the same protected numbers, with a data dictionary."""
    consultation, conversation = _consultation(consultation_id)
    by = _breakdown()
    found = _results(consultation, conversation, by)
    audit.record(signed_in(), "export", consultation.slug, f"results by {by} as {fmt}")
    sheets = aggregate_sheets(found, consultation.title)
    about = {
        "consultation": consultation.slug,
        "breakdown": by,
        "generated_on": clock.today().isoformat(),
    }
    return _download(f"{consultation.slug}-results-{by}", fmt, _stream(fmt, sheets, about))


@bp.get("/consultations/<int:consultation_id>/responses.<any(csv, ods, json):fmt>")
@allow(ANALYST)
def responses_export(consultation_id: int, fmt: str) -> Response:
    """One row per answer (no free text), streamed: a million rows in flat memory."""
    consultation, conversation = _consultation(consultation_id)
    audit.record(signed_in(), "export", consultation.slug, f"responses as {fmt}")
    sheet = exports.Sheet("Responses", RESPONSE_HEADER, response_rows(consultation, conversation))
    about = {"consultation": consultation.slug, "generated_on": clock.today().isoformat(),
             "free_text": "left out until approved in moderation"}  # fmt: skip
    return _download(f"{consultation.slug}-responses", fmt, _stream(fmt, [sheet], about))
