"""The one base form every form in the app builds on."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm

# Control characters (NUL and friends) have no place in anything a person types;
# PostgreSQL refuses NUL outright. Tabs and new lines stay.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: Any) -> Any:
    return CONTROL.sub("", value).strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):  # type: ignore[misc]
    """Strips control characters and surrounding white space from every field; adds CSRF."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = unbound_field.kwargs.get("filters", [])
            unbound_field.kwargs["filters"] = [_clean, *filters]
            return unbound_field.bind(form=form, **options)
