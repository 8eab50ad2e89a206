"""The staff fixtures (a moved clock, accounts, someone signing in), for results pages."""

from ..staff.conftest import accounts, frozen, staff

__all__ = ["accounts", "frozen", "staff"]
