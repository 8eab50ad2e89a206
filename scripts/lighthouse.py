"""Run Lighthouse (mobile) on the chat pages and check the scores against our targets.

Usage: python scripts/lighthouse.py [reports-folder]     (default: lighthouse/)

Serves the app itself, like scripts/screenshots.py: a throwaway SQLite database, the demo
consultation, werkzeug on a free port. Lighthouse (node_modules/.bin/lighthouse, from
`npm ci`) runs on Chromium: CHROME_PATH or CHROMIUM_PATH, else scripts/chromium.sh.

Lighthouse opens each URL with a fresh profile and cannot click, and a question is only
shown to a child with a draft in their session. So for the question page this script walks
the chat with plain HTTP requests (start, welcome, age) and hands Lighthouse the session
cookie with --extra-headers; the page it loads is the faces question, as a child sees it
(and likewise the welcome message, just after Start).

Prints performance, accessibility and best practices (0-100) per page and, for any
category under its target, the audits that lost points and the elements they name.
Exits 1 if any page is under target. Reports (HTML and JSON) are written per page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import serve_the_app  # a sibling script, found by the line above

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
NAMES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best pr.",
}


@dataclass
class Page:
    name: str  # the reports' file names
    path: str
    label: str  # for the table
    cookie: str | None = None


@dataclass
class Result:
    page: Page
    scores: dict[str, int | None]
    failing: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class _Form(HTMLParser):
    """The hidden fields and the first answer button of a chat page."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.first_answer: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name, value = a.get("name"), a.get("value")
        if tag == "input" and a.get("type") == "hidden" and name and value is not None:
            self.hidden.setdefault(name, value)
        if tag == "button" and name == "answer" and value and self.first_answer is None:
            self.first_answer = value


def _read(opener: urllib.request.OpenerDirector, url: str, data: dict[str, str] | None) -> _Form:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with opener.open(url, body, timeout=30) as response:
        form = _Form()
        form.feed(response.read().decode())
        return form


def question_cookie(base: str, slug: str = "demo", *, welcome_only: bool = False) -> str:
    """A session whose draft stands on the question after the age one (faces, for 8 to 11),
    or, with welcome_only, on the welcome message just after Start."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    chat = f"{base}/c/{slug}"
    start = _read(opener, chat, None)
    welcome = _read(opener, f"{chat}/start", {"csrf_token": start.hidden["csrf_token"]})
    if welcome_only:
        return "; ".join(f"{c.name}={c.value}" for c in jar)
    age = _read(opener, chat, {**welcome.hidden, "action": "next"})
    if age.first_answer is None:
        raise SystemExit("the demo chat has no choice question after the welcome")
    question = _read(opener, chat, {**age.hidden, "action": "answer", "answer": age.first_answer})
    if "node" not in question.hidden:
        raise SystemExit("the demo chat did not show a question after the age one")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def chromium() -> str:
    for variable in ("CHROME_PATH", "CHROMIUM_PATH"):
        if os.environ.get(variable):
            return os.environ[variable]
    found = subprocess.run(  # noqa: S603  (our own script, no arguments)
        [str(ROOT / "scripts" / "chromium.sh")], capture_output=True, text=True, check=False
    )
    if found.returncode != 0 or not found.stdout.strip():
        raise SystemExit(f"no Chromium: {found.stderr.strip()}")
    return found.stdout.strip()


def lighthouse(base: str, page: Page, folder: Path, chrome: str) -> dict[str, Any]:
    """Run Lighthouse on one page; write its HTML and JSON reports and return the JSON."""
    stem = folder / page.name
    command = [
        str(LIGHTHOUSE),
        base + page.path,
        "--chrome-flags=--headless --no-sandbox",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        "--output=html",
        f"--output-path={stem}",
        "--quiet",
    ]
    if page.cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": page.cookie}))
    ran = subprocess.run(  # noqa: S603  (node_modules' lighthouse, our arguments)
        command,
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        check=False,
    )
    report = stem.with_name(f"{page.name}.report.json")
    if ran.returncode != 0 or not report.exists():
        raise SystemExit(f"lighthouse failed on {page.label}:\n{ran.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(report.read_text())
    return data


def _elements(audit: dict[str, Any], limit: int = 4) -> list[str]:
    """Where an audit points: the elements' selectors and snippets, or the URLs."""
    items = (audit.get("details") or {}).get("items") or []
    found = []
    for item in items[:limit]:
        node = item.get("node") if isinstance(item, dict) else None
        if isinstance(node, dict):
            found.append(f"{node.get('selector', '')}  {node.get('snippet', '')}".strip())
        elif isinstance(item, dict) and item.get("url"):
            found.append(str(item["url"]))
        elif isinstance(item, dict) and item.get("description"):
            found.append(str(item["description"]))
        elif isinstance(item, dict) and item.get("issueType"):  # inspector-issues
            sub = (item.get("subItems") or {}).get("items") or []
            where = ", ".join(str(s.get("url", "")) for s in sub if isinstance(s, dict))
            found.append(f"{item['issueType']}: {where}" if where else str(item["issueType"]))
    if len(items) > limit:
        found.append(f"... and {len(items) - limit} more")
    return found


def summarise(page: Page, report: dict[str, Any]) -> Result:
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {page.label}: {report['runtimeError']}")
    categories, audits = report["categories"], report["audits"]
    result = Result(page, {}, warnings=list(report.get("runWarnings") or []))
    for key in CATEGORIES:
        score = categories[key]["score"]
        result.scores[key] = None if score is None else round(score * 100)
        if score is not None and round(score * 100) >= TARGETS[key]:
            continue
        lines = []
        for ref in categories[key]["auditRefs"]:
            audit = audits[ref["id"]]
            mode, value = audit.get("scoreDisplayMode"), audit.get("score")
            if mode in ("notApplicable", "manual", "informative") or value is None:
                continue
            if value >= (0.9 if key == "performance" else 1):
                continue
            shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"{ref['id']}: {audit['title']}{shown} [score {value:.2f}]")
            lines.extend(f"    {element}" for element in _elements(audit))
        result.failing[key] = lines
    return result


def print_table(results: list[Result]) -> None:
    width = max(len(r.page.label) for r in results)
    header = f"{'page':<{width}}  " + "  ".join(f"{NAMES[k]:>13}" for k in CATEGORIES)
    print(header)
    print("-" * len(header))
    for r in results:
        cells = []
        for key in CATEGORIES:
            score = r.scores[key]
            low = score is None or score < TARGETS[key]
            cells.append(f"{'-' if score is None else score:>11}{' !' if low else '  '}")
        print(f"{r.page.label:<{width}}  " + "  ".join(cells))
    print(
        f"targets: performance >= {TARGETS['performance']}, accessibility 100, best practices 100"
    )


def run(args: list[str]) -> int:
    if len(args) > 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(args[0] if args else ROOT / "lighthouse")
    folder.mkdir(parents=True, exist_ok=True)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --no-audit --no-fund`")
    version = subprocess.run(  # noqa: S603  (node_modules' lighthouse)
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    chrome = chromium()
    began = time.monotonic()
    results = []
    with serve_the_app() as (base, _staff):
        pages = [
            Page("start", "/c/demo", "/c/demo (start)"),
            Page("help", "/help?c=demo", "/help?c=demo"),
            Page("privacy", "/privacy?c=demo", "/privacy?c=demo"),
            Page(
                "welcome",
                "/c/demo",
                "/c/demo (welcome message)",
                question_cookie(base, welcome_only=True),
            ),
            Page("question", "/c/demo", "/c/demo (faces question)", question_cookie(base)),
        ]
        for page in pages:
            print(f"lighthouse {version}: {page.label} ...", file=sys.stderr, flush=True)
            results.append(summarise(page, lighthouse(base, page, folder, chrome)))
    print()
    print_table(results)
    failed = False
    for r in results:
        for key, lines in r.failing.items():
            failed = True
            print(f"\n{r.page.label}: {key} {r.scores[key]} (target {TARGETS[key]})")
            print("\n".join(f"  {line}" for line in lines) or "  (no single audit below 0.9)")
        for warning in r.warnings:
            print(f"\n{r.page.label}: warning: {warning}")
    print(
        f"\nLighthouse {version}, mobile, {len(results)} pages in "
        f"{time.monotonic() - began:.0f} s; reports in {folder}/"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
