"""Response headers for every page: no third parties, no framing, nothing cached."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def set_headers(response: Response) -> Response:
    """Add the security headers; chat and staff pages are never stored by the browser."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault(
        "Permissions-Policy", "geolocation=(), camera=(), microphone=(), browsing-topics=()"
    )
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
    if current_app.config["APP_ENV"] == "production" and request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    """Attach the headers to every response."""
    app.after_request(set_headers)
