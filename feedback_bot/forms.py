"""The one base form every form in the app builds on."""

from __future__ import annotations

import functools
import re
from typing import Any

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path

# Control characters (NUL and friends) have no place in anything a person types;
# PostgreSQL refuses NUL outright. Tabs and new lines stay.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: Any) -> Any:
    return CONTROL.sub("", value).strip() if isinstance(value, str) else value


@functools.cache
def wtforms_translations(locale: str) -> support.NullTranslations:
    """WTForms' own messages in one language, read from disk once per process.

    Flask-WTF reads this catalogue again on every request; a chat turn builds a form on
    each of its two requests, so that was the largest single cost after the database.
    """
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class BaseForm(FlaskForm):  # type: ignore[misc]
    """Strips control characters and surrounding white space from every field; adds CSRF."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            # The unbound field is shared by every instance of the form: leave it as it is
            # (prepending to its own list added one more filter on every request).
            filters = [_clean, *unbound_field.kwargs.get("filters", ())]
            return unbound_field.bind(form=form, **{**options, "filters": filters})

        def get_translations(self, form: Any) -> Any:
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return None
            return wtforms_translations(str(get_locale() or "en"))
