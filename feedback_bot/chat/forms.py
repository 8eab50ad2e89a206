"""Forms a child posts. Labels live in templates; the engine checks answers against the node."""

from __future__ import annotations

from wtforms import HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired

from ..forms import BaseForm


class StartForm(BaseForm):
    """The "Start" button: only a CSRF token."""


class TurnForm(BaseForm):
    """One turn: which node it answers, which button was pressed, and the answer."""

    class Meta:
        # CSRFProtect (extensions.py) has checked this post's token before the view runs;
        # a second check here would make and sign a new token on every turn for nothing.
        csrf = False

    node = HiddenField(validators=[InputRequired()])
    action = StringField()  # the pressed button's value: answer, skip, back, next
    change = StringField()  # on the review page: the question to go back to
    answer = SelectMultipleField(validate_choice=False)
    # No length cap here: the view checks the node's max_length and shows the words back
    # with a friendly message; MAX_CONTENT_LENGTH bounds the whole request.
    text = TextAreaField()
