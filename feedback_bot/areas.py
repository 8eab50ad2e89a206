"""Areas a consultation can be for: England, or one local authority with children's services.

The list is data (``data/local_authorities.yaml``), with its source and date in the file,
so a reorganisation is a data change, reviewed like any other.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from .models import ENGLAND

ENGLAND_NAME = "England"


@functools.cache
def _data() -> dict[str, Any]:
    text = (resources.files("feedback_bot") / "data" / "local_authorities.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def local_authorities() -> dict[str, str]:
    """ONS code -> name, for every local authority in the list, by name."""
    rows = sorted(_data()["authorities"], key=lambda row: str(row["name"]))
    return {str(row["code"]): str(row["name"]) for row in rows}


def source() -> str:
    """Where the list comes from, and the date it is correct for."""
    data = _data()
    return f"{data['source']}, as of {data['as_of']}"


def area_name(code: str) -> str | None:
    """England, a local authority's name, or None for a code not in the list."""
    if code == ENGLAND:
        return ENGLAND_NAME
    return local_authorities().get(code)


def choices() -> list[tuple[str, str]]:
    """(code, name) for a select: England first, then authorities by name."""
    return [(ENGLAND, ENGLAND_NAME), *local_authorities().items()]
