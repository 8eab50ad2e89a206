""" "You said": what children told a consultation, and what is being done about it, on a
public page in child-friendly words. Numbers pass disclosure control; nothing is shown
before the minimum base is reached."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import format_number, pgettext
from flask_babel import lazy_gettext as _l

from ..results.aggregate import headline, results
from ..results.disclosure import Rules
from . import bp
from .views import consultation_or_404

TOP_THEMES = 3
# Each headline measure in a child's words: "about N in 10", from the published percentage.
SAID = {
    "listened_to": _l(
        "About %(tenths)s in 10 children said the adults who help them listen to them."
    ),
    "help_in_time": _l("About %(tenths)s in 10 children said help came in time."),
    "help_useful": _l("About %(tenths)s in 10 children said the help they got was useful."),
}


@bp.get("/c/<slug>/you-said")
def you_said(slug: str) -> str:
    """What children said (headline measures, top themes) and what we are doing about it."""
    consultation, conversation = consultation_or_404(slug)
    rules = Rules.from_config(current_app.config)
    codebook = current_app.extensions["themes"]
    names = (
        [(t.id, pgettext(f"theme:{t.id}", t.child_name)) for t in codebook.themes.values()]
        if codebook
        else []
    )
    found = results([consultation.id], conversation, "all", consultation.languages, rules, names)
    said = []
    for measure in found.measures:
        value = headline(measure)
        if isinstance(value, int) and measure.id in SAID:
            said.append(SAID[measure.id] % {"tenths": format_number(round(value / 10))})
    column = found.themes.columns[0] if found.themes.columns else None
    ranked = (
        sorted(
            (
                (count, name)
                for name, count in zip(found.themes.rows, column.counts, strict=True)
                if isinstance(count, int) and count > 0
            ),
            reverse=True,
        )
        if column is not None and column.shown
        else []
    )
    return render_template(
        "chat/you_said.html",
        consultation=consultation,
        conv=conversation,
        enough=found.state == "ok",
        said=said,
        themes=[name for _count, name in ranked[:TOP_THEMES]],
    )
