"""The staff side at /staff: sign-in, accounts, the audit log and consultations.

Deny by default: ``access.guard`` runs before every request here and refuses any view
that has not declared who may use it.
"""

from __future__ import annotations

from flask import Blueprint, request

from .access import current_staff, guard

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(guard)


@bp.app_context_processor
def _staff_context() -> dict[str, object]:
    return {"staff_user": current_staff() if request.blueprint == "staff" else None}


from . import (  # noqa: E402,F401  (routes register on import)
    accounts,
    auth,
    consultations,
    inspection,
    moderation,
    results,
    we_did,
)
