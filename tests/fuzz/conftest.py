"""Fuzzing: hostile values, every route, bounded so the whole folder runs in about a minute."""

from ..staff.conftest import accounts, frozen, staff

__all__ = ["accounts", "frozen", "staff"]
