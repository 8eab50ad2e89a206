"""The help numbers a child sees, kept in one place and checked digit by digit by a test.

Templates show ``number`` to read and use ``tel`` in ``href="tel:..."`` so a tap starts
the call. ``name`` and ``who`` are translated; the numbers never are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from flask_babel import lazy_gettext as _l

# When a person last confirmed these numbers at their source.
# Before launch, re-check Childline's number on childline.org.uk: so far it has been
# confirmed only from secondary sources (shared/research/privacy-and-safety.md, 4.1).
LAST_CHECKED: Final = "2026-11-24"


@dataclass(frozen=True)
class Helpline:
    """A service to call: its name, the number as written, the number for tel:, who it is for."""

    name: str
    number: str
    tel: str
    who: str


EMERGENCY: Final = Helpline(_l("Emergency services"), "999", "999", _l("anyone in danger now"))
CHILDLINE: Final = Helpline(
    _l("Childline"), "0800 1111", "08001111", _l("children and young people")
)
NSPCC: Final = Helpline(
    _l("NSPCC Helpline"), "0808 800 5000", "08088005000", _l("adults worried about a child")
)

ALL: Final = (EMERGENCY, CHILDLINE, NSPCC)
