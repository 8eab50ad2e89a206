"""The inspector's view of one local authority, and its printable summary."""

from __future__ import annotations

import secrets

from flask import abort, current_app, render_template

from .. import areas, clock
from ..dao import consultations as consultation_dao
from ..dao import quotes as quote_dao
from ..dialogue import registry
from ..models import ENGLAND
from ..results.aggregate import MEASURE_NAMES
from ..results.disclosure import Rules, fewer_than
from ..results.inspection import inspection
from ..results.tables import option_label, question_text
from . import bp
from .access import ANALYST, INSPECTOR, allow
from .results import theme_names

QUOTES_PER_THEME = 3  # on the page; the printed summary shows fewer
PRINTED_QUOTES_PER_THEME = 1
PRINTED_THEMES = 5


def _view(code: str, quotes_per_theme: int) -> dict[str, object]:
    place = areas.area_name(code)
    if place is None:
        abort(400, description="There is no such area. Choose England or a local authority.")
    everywhere = consultation_dao.list_consultations()
    latest = {c.conversation_id: registry.latest(c.conversation_id) for c in everywhere}
    rules = Rules.from_config(current_app.config)
    names = theme_names()
    found = inspection(
        code,
        everywhere,
        {k: v for k, v in latest.items() if v is not None},
        current_app.config["LANGUAGES"],
        rules,
        names,
    )
    here = [c.id for c in everywhere if code in (ENGLAND, c.area_code)]
    quotes = quote_dao.approved(
        here, [theme for theme, _name in names], quotes_per_theme, secrets.randbits(32)
    )
    quoted = [(name, quotes[theme]) for theme, name in names if quotes[theme]]
    return {
        "place": place,
        "code": code,
        "found": found,
        "quoted": quoted[:PRINTED_THEMES]
        if quotes_per_theme == PRINTED_QUOTES_PER_THEME
        else quoted,
        "fewer_than": fewer_than(rules),
        "measure_names": MEASURE_NAMES,
        "wait_labels": [option_label(found.wait.node, c) for c in found.wait.codes]
        if found.wait
        else [],
        "question_text": question_text,
        "today": clock.today(),
        "england": code == ENGLAND,
    }


@bp.get("/areas/<code>")
@allow(ANALYST, INSPECTOR)
def inspection_page(code: str) -> str:
    """Headline measures against England, themes and their trend, how long help took, and
    approved quotes (a few per theme, in a new order each time)."""
    return render_template("staff/inspection.html", printing=False, **_view(code, QUOTES_PER_THEME))


@bp.get("/areas/<code>/summary")
@allow(ANALYST, INSPECTOR)
def inspection_summary(code: str) -> str:
    """The same, cut down to fit one or two A4 pages when printed."""
    return render_template(
        "staff/inspection.html", printing=True, **_view(code, PRINTED_QUOTES_PER_THEME)
    )
