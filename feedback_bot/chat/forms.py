"""Forms a child posts. Labels live in templates; the engine checks answers against the node."""

from __future__ import annotations

from wtforms import HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..dialogue.model import MAX_TEXT_LENGTH
from ..forms import BaseForm


class StartForm(BaseForm):
    """The "Start" button: only a CSRF token."""


class TurnForm(BaseForm):
    """One turn: which node it answers, which button was pressed, and the answer."""

    node = HiddenField(validators=[InputRequired()])
    action = StringField()  # the pressed button's value: answer, skip, back, next
    change = StringField()  # on the review page: the question to go back to
    answer = SelectMultipleField(validate_choice=False)
    # A generous hard cap; the node's own max_length is checked with a friendlier message.
    text = TextAreaField(validators=[Length(max=MAX_TEXT_LENGTH * 4)])
