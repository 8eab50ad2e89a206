"""Simulated children: each opens the chat link, starts, answers every question with a
pause to read and think, checks the answers and sends them, through real form posts with
real CSRF tokens and its own cookie. Traffic goes to 127.0.0.1 only.

Like a child pressing "Try again", a child whose request was lost (the connection dropped,
a 503 page, a 429 page) sends the very same request again after a short wait, a bounded
number of times. Each child keeps what it saw acknowledged, for the checker to count.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from dataclasses import dataclass, field

import aiohttp

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
NODE = re.compile(r'id="node" name="node" type="hidden" value="([^"]+)"')
CHOICE = re.compile(
    r'<button class="button option[^"]*" type="submit" name="answer" value="([^"]+)"'
)
CHECKBOX = re.compile(r'type="checkbox" id="[^"]+" name="answer" value="([^"]+)"')
WORDS = [
    "they listen to me more now",
    "I wish my worker had more time",
    "it would help to be asked first",
    "school is better this year",
    "I want to know why things change",
]
ATTEMPTS = 8


@dataclass
class Stats:
    """What every child saw, added up."""

    requests: int = 0
    retries: int = 0
    connection_errors: int = 0
    server_errors: int = 0  # 5xx other than the friendly 503
    friendly_503: int = 0
    limited_429: int = 0
    stale_pages: int = 0
    lost_places: int = 0
    turn_seconds: list[float] = field(default_factory=list)


@dataclass
class Child:
    """One simulated child and what it saw acknowledged."""

    number: int
    address: str  # the school address it appears from (X-Forwarded-For, via one proxy hop)
    started: bool = False
    saw_sent: bool = False
    cookie: str | None = None  # the session cookie after Start: the checker finds the chat
    acknowledged: dict[str, tuple[tuple[str, ...], str | None, bool]] = field(default_factory=dict)
    gave_up: str = ""


class GaveUp(Exception):
    """The child stopped trying (counted, never silent)."""


async def _request(
    session: aiohttp.ClientSession,
    child: Child,
    stats: Stats,
    method: str,
    url: str,
    data: list[tuple[str, str]] | None = None,
) -> tuple[int, str, str]:
    """One request, sent again after a lost connection, a 503 or a 429 (like "Try again")."""
    headers = {"X-Forwarded-For": child.address}
    for attempt in range(ATTEMPTS):
        if attempt:
            stats.retries += 1
        stats.requests += 1
        try:
            async with session.request(
                method, url, data=data, headers=headers, allow_redirects=False
            ) as response:
                body = await response.text()
                status = response.status
                location = response.headers.get("Location", "")
                wait = response.headers.get("Retry-After")
        except (aiohttp.ClientError, TimeoutError):
            stats.connection_errors += 1
            await asyncio.sleep(min(8.0, 0.25 * 2**attempt) * random.uniform(0.5, 1.5))
            continue
        if status == 503 or status == 429:
            if status == 503:
                stats.friendly_503 += 1
            else:
                stats.limited_429 += 1
            await asyncio.sleep(min(float(wait or 1), 5.0) * random.uniform(0.5, 1.0))
            continue
        if status >= 500:
            stats.server_errors += 1
            await asyncio.sleep(0.5)
            continue
        return status, location, body
    raise GaveUp(f"{method} {url}: no answer after {ATTEMPTS} tries")


async def _think(seconds: tuple[float, float], scale: float) -> None:
    await asyncio.sleep(random.uniform(*seconds) * scale)


def _form(page: str, action: str) -> bool:
    return f'action="{action}"' in page


async def live(
    child: Child, base: str, slug: str, stats: Stats, connector: aiohttp.BaseConnector, scale: float
) -> None:
    """The whole conversation of one child, from opening the link to the thank-you page."""
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(
        connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout
    ) as session:
        try:
            await _converse(session, child, base, slug, stats, scale)
        except GaveUp as why:
            child.gave_up = str(why)


async def _converse(
    session: aiohttp.ClientSession, child: Child, base: str, slug: str, stats: Stats, scale: float
) -> None:
    chat = f"{base}/c/{slug}"
    status, _, page = await _request(session, child, stats, "GET", chat)
    for _step in range(60):  # far more than any conversation has: a stuck child stops
        token_match = TOKEN.search(page)
        if token_match is None:
            raise GaveUp(f"no form on a {status} page")
        token = html.unescape(token_match.group(1))
        if _form(page, f"/c/{slug}/start"):
            await _think((3, 10), scale)
            posted, acked = [("csrf_token", token)], None
            url = f"{chat}/start"
        elif _form(page, f"/c/{slug}/carry-on"):
            await _think((5, 15), scale)
            posted, acked, url = [("csrf_token", token)], None, f"{chat}/carry-on"
        elif _form(page, f"/c/{slug}/send"):
            await _think((5, 15), scale)
            posted, acked, url = [("csrf_token", token)], None, f"{chat}/send"
        else:
            posted, acked = _answer(page, token)
            url = chat
            # Reading and tapping on a phone; writing takes longer.
            await _think((15, 40) if 'name="text"' in page else (3, 10), scale)
        began = time.perf_counter()
        status, location, body = await _request(session, child, stats, "POST", url, posted)
        if status == 303:
            if url.endswith("/start"):
                child.started = True
                child.cookie = _session_cookie(session)
            if acked is not None:
                child.acknowledged[acked[0]] = acked[1]
            target = location if location.startswith("http") else f"{base}{location}"
            status, _, page = await _request(session, child, stats, "GET", target)
            stats.turn_seconds.append(time.perf_counter() - began)
            if url.endswith("/send") and status == 200:
                child.saw_sent = "/thanks" in target
                return
            continue
        if "lost your place" in body.lower():
            stats.lost_places += 1
            raise GaveUp("lost its place")
        stats.stale_pages += 1  # "carry on" to where the chat really is
        status, _, page = await _request(session, child, stats, "GET", chat)
    raise GaveUp("too many steps")


def _session_cookie(session: aiohttp.ClientSession) -> str | None:
    for cookie in session.cookie_jar:
        if cookie.key == "session":
            return cookie.value
    return None


def _answer(
    page: str, token: str
) -> tuple[list[tuple[str, str]], tuple[str, tuple[tuple[str, ...], str | None, bool]] | None]:
    """The form fields for this question page, and the answer it gives (None: a message)."""
    node_match = NODE.search(page)
    if node_match is None:
        raise GaveUp("a question page without its node")
    node = node_match.group(1)
    fields = [("csrf_token", token), ("node", node)]
    if 'name="action" value="next"' in page and 'name="action" value="skip"' not in page:
        return [*fields, ("action", "next")], None
    if random.random() < 0.1:
        return [*fields, ("action", "skip")], (node, ((), None, True))
    if 'name="text"' in page:
        words = random.choice(WORDS)
        return [*fields, ("action", "answer"), ("text", words)], (node, ((), words, False))
    boxes = CHECKBOX.findall(page)
    if boxes:
        picked = tuple(sorted(random.sample(boxes, k=min(len(boxes), random.randint(1, 2)))))
        posted = [*fields, ("action", "answer"), *(("answer", code) for code in picked)]
        return posted, (node, (picked, None, False))
    options = CHOICE.findall(page)
    if not options:
        raise GaveUp(f"no way to answer {node}")
    code = html.unescape(random.choice(options))
    return [*fields, ("answer", code)], (node, ((code,), None, False))
