"""The help numbers shown to children, in one place, checked by a test.

Re-check Childline's number on childline.org.uk before each launch: the research behind
this list saw it only in secondary sources (see docs and shared research).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

LAST_CHECKED = "2026-11-24"


@dataclass(frozen=True)
class Helpline:
    """A number to call: how it is written, how a phone dials it, and who it is for."""

    name: object
    number: str
    tel: str
    who: object


EMERGENCY = Helpline(_l("Emergency services"), "999", "999", _l("anyone in danger now"))
CHILDLINE = Helpline(_l("Childline"), "0800 1111", "08001111", _l("children and young people"))
NSPCC = Helpline(
    _l("NSPCC Helpline"), "0808 800 5000", "08088005000", _l("adults worried about a child")
)
