"""Logging without IP addresses: the development server's request log drops the address."""

from __future__ import annotations

import logging
import re

from flask import Flask

# werkzeug writes "<address> - - [<date>] <request line> ..." for each request.
_ADDRESS = re.compile(r"^\S+ - - ")


class NoAddressFilter(logging.Filter):
    """Replace the remote address at the start of werkzeug's request lines with '-'."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _ADDRESS.sub("- - - ", record.msg)
        return True


def init_app(app: Flask) -> None:
    """Attach the filter once; gunicorn's access log format (gunicorn.conf.py) has no address."""
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, NoAddressFilter) for f in werkzeug.filters):
        werkzeug.addFilter(NoAddressFilter())
