"""The WSGI app the turn benchmark serves: the product, plus a bare Flask route. Bench only.

    gunicorn -c gunicorn.conf.py --no-control-socket "bench.turn_app:application"

``/bare/`` is a two-line Flask app mounted beside the real one, so both run in the same
gunicorn workers with the same settings; the product never has this route. ``/floor/`` is
bench/floor_app.py, the least a chat turn can cost with the product's stack, on the same
database.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bench.floor_app import create_floor_app
from feedback_bot import create_app

bare = Flask("bare")


@bare.get("/")
def ping() -> str:
    """The least a Flask route can do."""
    return "ok"


product = create_app()
floor = create_floor_app(product.config["SQLALCHEMY_DATABASE_URI"], product.config["SECRET_KEY"])
application = DispatcherMiddleware(
    product.wsgi_app, {"/bare": bare.wsgi_app, "/floor": floor.wsgi_app}
)

if os.environ.get("BENCH_PROFILE"):  # pyinstrument over every request of each worker
    import atexit

    from pyinstrument import Profiler

    _profiler = Profiler(interval=0.0005)
    _served = application

    def application(environ: dict[str, Any], start_response: Any) -> Any:  # type: ignore[no-redef]
        """The same app, sampled while it answers."""
        _profiler.start()
        try:
            return list(_served(environ, start_response))
        finally:
            _profiler.stop()

    def _write() -> None:
        path = f"{os.environ['BENCH_PROFILE']}.{os.getpid()}.txt"
        with open(path, "w", encoding="utf-8") as out:
            out.write(_profiler.output_text(unicode=False, color=False))

    atexit.register(_write)
