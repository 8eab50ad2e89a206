"""The help numbers are exactly right, in print and as tel: links."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from feedback_bot import helplines
from feedback_bot.helplines import CHILDLINE, EMERGENCY, NSPCC, Helpline


@pytest.mark.parametrize(
    ("line", "number", "tel"),
    [
        (EMERGENCY, "999", "999"),
        (CHILDLINE, "0800 1111", "08001111"),
        (NSPCC, "0808 800 5000", "08088005000"),
    ],
)
def test_numbers_are_exact(line: Helpline, number: str, tel: str) -> None:
    assert line.number == number
    assert line.tel == tel


@pytest.mark.parametrize("line", helplines.ALL)
def test_tel_is_the_number_without_spaces(line: Helpline) -> None:
    assert line.tel.isdigit()
    assert line.tel == line.number.replace(" ", "")


def test_names_and_who_they_are_for() -> None:
    assert [str(line.name) for line in helplines.ALL] == [
        "Emergency services",
        "Childline",
        "NSPCC Helpline",
    ]
    assert str(NSPCC.who) == "adults worried about a child"
    assert all(str(line.who).strip() for line in helplines.ALL)


def test_names_are_marked_for_translation() -> None:
    """lazy_gettext strings are translated when shown, in the child's language."""
    for line in helplines.ALL:
        assert type(line.name).__name__ == "LazyString"
        assert type(line.who).__name__ == "LazyString"


def test_last_checked_is_a_real_date() -> None:
    assert helplines.LAST_CHECKED == "2026-11-24"
    assert datetime.date.fromisoformat(helplines.LAST_CHECKED)


def test_helplines_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CHILDLINE.number = "0800 0000"  # type: ignore[misc]
