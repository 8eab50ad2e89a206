"""Languages: which one a child sees, and the conversation text in it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from babel import Locale, support
from flask import Flask, current_app, g, request, session
from flask_babel import get_locale, get_translations
from markupsafe import Markup

from .dialogue.model import Conversation
from .extensions import babel

RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he", "ps"})


def offered() -> list[str]:
    """Languages on offer here: the consultation's choice, else every one with a catalogue."""
    languages: list[str] = g.get("offered_languages") or current_app.config["LANGUAGES"]
    return languages


def offer(languages: list[str]) -> None:
    """Offer only these languages on this request (a consultation's choice), in app order."""
    g.offered_languages = [code for code in current_app.config["LANGUAGES"] if code in languages]


@functools.cache
def language_name(code: str) -> str:
    """A language's name in itself ("Cymraeg", "Polski", "اردو"), as a child looks for it."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def language_links() -> list[tuple[str, str, str]]:
    """(code, name, link) for the switcher: this page again, in each language on offer."""
    if request.method == "GET":
        path, args = request.path, request.args.to_dict()
    else:  # a form post: go back to the conversation, which picks up where the child is
        slug = g.get("consultation_slug")
        path, args = (f"/c/{slug}", {}) if slug else ("/", {})
    links = []
    for code in offered():
        query = urlencode({**{k: v for k, v in args.items() if k != "lang"}, "lang": code})
        links.append((code, language_name(code), f"{path}?{query}"))
    return links


def select_locale() -> str:
    """The child's explicit choice, then the browser's preference, then English."""
    choice = request.args.get("lang") or session.get("lang")
    if isinstance(choice, str) and choice in offered():
        return choice
    return (
        request.accept_languages.best_match(offered()) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def remember_choice() -> None:
    """Keep ``?lang=`` for this session only, so every page after it stays in that language."""
    choice = request.args.get("lang")
    if choice in offered():
        session["lang"] = choice


def text_direction(language: str) -> str:
    """'rtl' for right-to-left languages."""
    return "rtl" if language.split("_")[0] in RTL_LANGUAGES else "ltr"


def catalogue() -> support.NullTranslations:
    """This request's translations, found once per request and locale.

    Flask-Babel finds them again, through several lookups, for every string; a chat page
    has about two dozen strings.
    """
    locale = get_locale()
    found = g.get("_catalogue")
    if found is None or found[0] is not locale:
        found = g._catalogue = (locale, get_translations())
    translations: support.NullTranslations = found[1]
    return translations


def conversation_text(conv: Conversation, node_id: str, text: str, option: str = "") -> str:
    """A conversation's words in the child's language (context ``conversation:node[:option]``)."""
    context = f"{conv.id}:{node_id}{':' + option if option else ''}"
    return catalogue().upgettext(context, text)


def node_text(conv: Conversation, node_id: str) -> Callable[..., str]:
    """``conversation_text`` for one node: ``t(text, option="")`` in question.html (a plain
    function call, which Jinja makes faster than a macro's)."""
    return functools.partial(conversation_text, conv, node_id)


def conversation_title(conv: Conversation) -> str:
    """A conversation's title in the child's language (context ``conversation``)."""
    return catalogue().upgettext(conv.id, conv.title)


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with our locale choice and expose helpers to templates."""
    babel.init_app(app, locale_selector=select_locale)
    # As Flask-Babel installs them (its i18n extension adds this method), with the catalogue
    # found once per request.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.before_request(remember_choice)
    app.jinja_env.globals.update(
        conversation_text=conversation_text,
        conversation_title=conversation_title,
        node_text=node_text,
    )
    app.context_processor(_page_context)


def _page_context() -> dict[str, object]:
    from . import helplines

    language = str(get_locale() or "en")
    return {
        "page_language": language.replace("_", "-"),
        "page_direction": text_direction(language),
        "helplines": helplines,
        "language_links": language_links,
        "_": _page_gettext(catalogue()),
    }


def _page_gettext(translations: support.NullTranslations) -> Callable[..., Markup]:
    """``_()`` for one page, over the catalogue found once for it.

    It does what Jinja's "newstyle" gettext does with autoescaping on (always, here: see
    create_app): the translation as Markup, always %-formatted, so the variables are
    escaped. It only skips Jinja's two levels of context-passing calls and the catalogue
    lookup on each of a page's two dozen strings. Macros imported without context keep the
    extension's ``_``, which gives the same result.
    """

    def gettext(string: str, **variables: object) -> Markup:
        return Markup(translations.ugettext(string)) % variables  # noqa: S704  (our catalogues)

    return gettext
