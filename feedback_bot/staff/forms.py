"""Staff forms. Every one keeps what was typed and says next to the field what to fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from flask import current_app
from wtforms import (
    DateField,
    Field,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

# SelectChoice is WTForms 3.3's way to declare choices; types-WTForms does not have it yet.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import (
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from ..dao.consultations import SLUG
from ..forms import BaseForm
from ..models import SETTINGS
from .access import ROLE_NAMES
from .credentials import password_problem

EMAIL = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+\Z"


def options(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Choices for a select, radios or checkboxes, from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def add_error(field: Field, message: str) -> None:
    """Report a problem found after validation (a taken name, say) next to its field."""
    field.errors = [*field.errors, message]


def text(field: Field) -> str:
    """A text field's value after validation (empty if none)."""
    return str(field.data or "")


class SignInForm(BaseForm):
    """Email and password. Works with password managers: standard names and autocomplete."""

    email = StringField(
        "Email address",
        validators=[InputRequired("Enter your email address"), Length(max=254)],
        render_kw={"autocomplete": "username", "spellcheck": "false", "type": "email"},
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password"), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )


class CodeForm(BaseForm):
    """The 6-digit code from an authenticator app."""

    code = StringField(
        "Security code",
        validators=[
            InputRequired("Enter the 6-digit code from your authenticator app"),
            Regexp(r"^\s*(\d\s*){6}\Z", message="Enter the 6 digits from your authenticator app"),
        ],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token."""


class NewStaffForm(BaseForm):
    """An admin adds an account."""

    email = StringField(
        "Email address",
        validators=[
            InputRequired("Enter an email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Regexp(EMAIL, message="Enter an email address like name@example.gov.uk"),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "type": "email"},
    )
    role = RadioField(
        "Role",
        choices=options(ROLE_NAMES.items()),
        validators=[InputRequired("Choose a role")],
    )
    password = PasswordField(
        "Password",
        description="At least 12 characters. Give it to them in person or by phone, not email.",
        validators=[InputRequired("Enter a password")],
        render_kw={"autocomplete": "new-password"},
    )

    def validate_password(self, field: Any) -> None:
        problem = password_problem(
            field.data or "", self.email.data or "", current_app.config["STAFF_PASSWORD_MIN_LENGTH"]
        )
        if problem:
            raise ValidationError(problem)


class AuditFilterForm(BaseForm):
    """Filters on the audit log page (a GET form: no token needed)."""

    class Meta:
        csrf = False

    action = SelectField("Action", choices=[], validate_choice=True, validators=[Optional()])
    actor = StringField("Who (email address)", validators=[Optional(), Length(max=254)])
    on = DateField("On (date)", validators=[Optional()])


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConsultationForm(BaseForm):
    """What an analyst sets up: what is asked, of whom, where, in which languages, and when."""

    title = StringField(
        "Title",
        description="For staff only. Children see the conversation's own title.",
        validators=[
            InputRequired("Enter a title"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )
    slug = StringField(
        "Link name",
        description="The end of the children's link: lower-case letters, digits and dashes.",
        validators=[
            InputRequired("Enter a link name"),
            Length(max=64, message="Link name must be 64 characters or fewer"),
            Regexp(
                SLUG.pattern,
                message="Use only lower-case letters, digits and dashes, "
                "starting with a letter or digit",
            ),
        ],
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )
    conversation = SelectField("Conversation", choices=[], validators=[InputRequired()])
    area_code = SelectField("Area", choices=[], validators=[InputRequired("Choose an area")])
    setting = RadioField(
        "Which children",
        choices=options([("", "Any child"), *SETTINGS.items()]),
        default="",
        validate_choice=True,
    )
    languages = MultiCheckboxField("Languages offered", choices=[])
    opens_on = DateField("Opens on", validators=[Optional()])
    closes_on = DateField("Closes on", validators=[Optional()])

    def validate_languages(self, field: Any) -> None:
        if not field.data:
            raise ValidationError("Choose at least one language")
        if "en" not in field.data:
            raise ValidationError("English must be offered too")

    def validate_closes_on(self, field: Any) -> None:
        opens: dt.date | None = self.opens_on.data
        if field.data and opens and field.data < opens:
            raise ValidationError("The close date must be the same as or after the open date")


REDACT_MAX = 200  # a phrase to remove; longer means the quote should be rejected instead


class QuoteForm(BaseForm):
    """One moderation decision on one quote, made on the version the analyst saw."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    themes = MultiCheckboxField(
        "Themes",
        description="Tick every theme the quote is about.",
        choices=[],
        validate_choice=True,
    )
    phrase = StringField(
        "Words to remove",
        description="Copy the words exactly as they appear. Each time they appear, they are "
        "replaced with [removed].",
        validators=[
            Optional(),
            Length(
                max=REDACT_MAX,
                message=f"Remove at most {REDACT_MAX} characters at a time. If most of it "
                "should go, reject the quote instead.",
            ),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class QueueFilterForm(BaseForm):
    """Filters on the moderation queue (a GET form: no token needed)."""

    class Meta:
        csrf = False

    status = SelectField("Show", choices=[], validate_choice=True, validators=[Optional()])
    consultation = SelectField(
        "Consultation", choices=[], validate_choice=True, validators=[Optional()]
    )
    theme = SelectField("Theme", choices=[], validate_choice=True, validators=[Optional()])


WE_DID_MAX = 2000


class WeDidForm(BaseForm):
    """ "What we are doing about it": the words children read on the "You said" page."""

    we_did = TextAreaField(
        "What we are doing about it",
        description="Children read this on the “You said” page. Use short sentences and "
        "words a 10-year-old knows. Say what will change, who is doing it and when.",
        validators=[
            InputRequired("Write what you are doing about what children said"),
            Length(max=WE_DID_MAX, message=f"Keep it to {WE_DID_MAX} characters or fewer"),
        ],
        render_kw={"rows": 8},
    )
