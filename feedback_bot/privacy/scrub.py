"""Replace personal data in a child's free text with typed placeholders, before it is stored.

Rules only: stdlib ``re`` and word lists, no language model. research/privacy-and-safety.md §6
measured a rule layer against Presidio + spaCy (about 400 MB); this is that rule layer, grown.
No pattern can backtrack without bound (repeats are bounded, or each repeat starts with a
character the one before cannot match), so matching stays linear in the length of the text.

Names are the hard part. A word is taken as a name when a cue says so (a title, a role word
such as "my social worker", "called", "her name is"), when it is on the list of first names and
surnames below, or when it is capitalised mid-sentence and is not an everyday word. "Everyday"
means the Dale-Chall list of about 3,000 familiar words, which textstat (a project dependency)
ships, plus the British, care-system and text-speak words listed here. Places smaller than a
local authority come from a list of towns and areas, or a capitalised unknown word after "in",
"from" or "near"; local-authority names are kept, because the consultation knows them anyway.

``scrub`` is what callers use. ``find`` reports the spans on text that ``clean`` has already
cleaned, so that the offsets match; the test report uses it.
"""

from __future__ import annotations

import html
import importlib.util
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bleach

from . import words as vocab

CATEGORIES: tuple[str, ...] = (
    "name",
    "phone",
    "email",
    "postcode",
    "address",
    "school",
    "handle",
    "url",
    "nhs-number",
    "date-of-birth",
    "place",
)
"""The kinds of personal data found; each is replaced by ``[kind]``, for example ``[phone]``."""

Span = tuple[int, int, str]

# Higher wins when two findings overlap.
_PRIORITY = {
    "email": 10,
    "url": 9,
    "handle": 8,
    "date-of-birth": 8,
    "phone": 7,
    "nhs-number": 7,
    "postcode": 6,
    "address": 5,
    "school": 4,
    "place": 3,
    "name": 2,
}


def placeholder(category: str) -> str:
    """The text that replaces personal data of this kind."""
    return f"[{category}]"


def clean(text: str) -> str:
    """Strip HTML tags (keeping their text), undo entities and normalise whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = bleach.clean(text, tags=set(), attributes={}, strip=True)
    text = html.unescape(text)
    text = _INVISIBLE.sub("", text)
    return _SPACE.sub(" ", text).strip()


def scrub(text: str) -> str:
    """Clean ``text`` and replace each piece of personal data with its typed placeholder."""
    text = clean(text)
    out: list[str] = []
    pos = 0
    for start, end, category in find(text):
        out.append(text[pos:start])
        out.append(placeholder(category))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def find(text: str) -> list[Span]:
    """Spans of personal data in already-cleaned text: sorted, non-overlapping, merged."""
    toks = _tokens(text)
    found = (
        _regex_spans(text)
        + _digit_spans(text)
        + _handle_spans(text)
        + _address_spans(text)
        + _school_spans(text, toks)
        + _name_and_place_spans(text, toks)
    )
    return _merge(text, _resolve(found, len(text)))


# --- cleaning ---------------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")

# --- regular expressions ----------------------------------------------------------------------

# Unbounded runs are safe here: each can only start where the previous character class ends,
# so the engine scans every run once. Bounded runs would let the tail of a long address leak.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_SPELT = re.compile(
    r"(?i)(?<![\w.])[\w+-]{1,64}(?:(?:\.| dot | ?\(dot\) ?| ?\[dot\] ?)[\w+-]{1,64}){0,3}"
    r" ?(?:\(at\)|\[at\]| at ) ?[\w-]{1,63}"
    r"(?: ?(?:\.|\(dot\)|\[dot\]| dot ) ?[\w-]{1,63}){0,3}"
    r" ?(?:\.|\(dot\)|\[dot\]| dot ) ?(?:com|org|net|co|uk|io|me)\b"
)
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,3}\.(?:com|co\.uk|org\.uk|org|net|uk|io|me|ly|gg|"
    r"tv|app|info)\b(?:/[^\s<>\"']*)?"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?:19|20)\d\d[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|\d{{1,2}} ?[/.-] ?\d{{1,2}}(?: ?[/.-] ?\d{{2,4}})?"
    rf"|\d{{1,2}} \d{{1,2}} \d{{4}}"
    rf"|\d{{1,2}}{_ORD} ?(?:of )?{_MONTH}\b(?:,? \d{{4}})?"
    rf"|{_MONTH} (?:the )?\d{{1,2}}{_ORD}(?:,? \d{{4}})?"
    rf"|(?:the )?\d{{1,2}}{_ORD}\b"
    rf"|(?:19|20)\d\d\b)"
)
_DOB = re.compile(
    r"(?i)\b(?:born|birthday|birth day|b-?day|b'day|dob|d\.o\.b\.?|date of birth|birth ?date)"
    r"(?P<gap>(?:[ :,=-]{1,3}(?:is|was|on|in|the|its|it's|it’s|s|'s|’s)\b){0,3}[ :,=-]{1,3})"
    rf"(?P<date>{_DATE})"
)
_POSTCODE = re.compile(r"(?i)\b([a-z]{1,2})(\d[a-z\d]?) ?(\d[a-z]{2})\b")
_OUTWARD = re.compile(r"(?i)\b([a-z]{1,2})(\d{1,2}[a-z]?)\b")


def _regex_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _EMAIL.finditer(text):
        spans.append((m.start(), m.end(), "email"))
    for m in _EMAIL_SPELT.finditer(text):
        spans.append((m.start(), m.end(), "email"))
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]'\"":
            end -= 1
        if text[m.start() : end].lower().removeprefix("www.") not in vocab.SERVICE_DOMAINS:
            spans.append((m.start(), end, "url"))
    for m in _DOB.finditer(text):
        spans.append((m.start("date"), m.end("date"), "date-of-birth"))
    for m in _POSTCODE.finditer(text):
        if m.group(1).upper() in vocab.POSTCODE_AREAS:
            spans.append((m.start(), m.end(), "postcode"))
    for m in _OUTWARD.finditer(text):
        if _is_outward_postcode(text, m):
            spans.append((m.start(), m.end(), "postcode"))
    return spans


_POSTCODE_CUE_BEFORE = re.compile(
    r"(?i)\b(?:in|from|near|nr|round|around|outside|postcode|post code|postcode is|area|live|lives)"
    r"[ :,-]{1,3}$"
)
_POSTCODE_CUE_AFTER = re.compile(r"(?i)^ (?:area|postcode|way)\b")


def _is_outward_postcode(text: str, m: re.Match[str]) -> bool:
    """An outward code alone ("LS6", "M1") needs capitals and, if short, a cue word."""
    area, code = m.group(1).upper(), m.group(0)
    if area not in vocab.POSTCODE_AREAS:
        return False
    cued = bool(
        _POSTCODE_CUE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        or _POSTCODE_CUE_AFTER.match(text[m.end() : m.end() + 12])
    )
    if cued:
        return True
    return code.isupper() and len(area) == 2 and area not in vocab.POSTCODE_LOOKALIKES


# --- digits: phones, NHS numbers, helplines ---------------------------------------------------

_DIGITS = re.compile(r"(?<![\w+])(?:\+ ?|00 ?)?\(?\d(?:[ ().-]{0,3}\d){5,}")
_DIGIT_GROUP = re.compile(r"\d+")
_PHONE_CUE = re.compile(
    r"(?i)\b(?:number|no|num|mob|mobile|phone|fone|call|ring|text|txt|whatsapp|tel|landline|"
    r"contact|digits|reach me)\b"
)
_NHS_CUE = re.compile(r"(?i)\bnhs\b|health (?:no|number)")


def _digit_spans(text: str) -> list[Span]:
    """Cut each run of digit groups into numbers of at most phone length, left to right."""
    spans: list[Span] = []
    for m in _DIGITS.finditer(text):
        groups = [(g.start() + m.start(), g.end() + m.start()) for g in _DIGIT_GROUP.finditer(m[0])]
        intl = m[0].startswith(("+", "00"))
        i = 0
        while i < len(groups):
            j, n, limit = i, 0, 15 if intl and i == 0 else 11
            while j < len(groups) and (j == i or n + groups[j][1] - groups[j][0] <= limit):
                n, j = n + groups[j][1] - groups[j][0], j + 1
            helpline = next(
                (k for k in range(i + 1, j + 1) if _joined(text, groups[i:k]) in vocab.HELPLINES),
                None,
            )
            if helpline is not None:  # "0800 1111" is kept; what follows is looked at afresh
                i = helpline
                continue
            span = _number_span(text, groups[i:j], m.start() if intl and i == 0 else None)
            if span is None:
                i += 1
            else:
                spans.append(span)
                i = j
    return spans


def _joined(text: str, groups: list[tuple[int, int]]) -> str:
    return "".join(text[s:e] for s, e in groups)


def _number_span(text: str, groups: list[tuple[int, int]], intl_start: int | None) -> Span | None:
    """A phone or NHS number made of these digit groups, or None."""
    digits = _joined(text, groups)
    n = len(digits)
    before = text[max(0, groups[0][0] - 30) : groups[0][0]]
    phone_cue, nhs_cue = bool(_PHONE_CUE.search(before)), bool(_NHS_CUE.search(before))
    if nhs_cue and 9 <= n <= 11:
        category = "nhs-number"
    elif intl_start is not None or (digits[0] == "0" and n >= 9):
        category = "phone"
    elif n == 10 and not phone_cue and (_nhs_checksum_ok(digits) or digits[0] != "7"):
        category = "nhs-number"
    elif n >= 9 or (phone_cue and n >= 6):
        category = "phone"
    else:
        return None
    start, end = groups[0][0], groups[-1][1]
    if intl_start is not None:
        start = intl_start
    elif text[start - 1 : start] == "(" and text[groups[0][1] : groups[0][1] + 1] == ")":
        start -= 1  # "(0113) 496 0000"
    if text[start:end].count("(") > text[start:end].count(")") and text[end : end + 1] == ")":
        end += 1
    return (start, end, category)


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


# --- social media handles ---------------------------------------------------------------------

_AT_HANDLE = re.compile(r"(?<![\w.@])@([A-Za-z0-9_.]{2,})")
_PLATFORM_HANDLE = re.compile(
    r"(?i)\b(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tik ?tok|tt|twitter|discord|fb|facebook|kik|"
    r"telegram|twitch|psn|xbox|gamertag|gamer tag|roblox|youtube|yt|threads|steam|username|"
    r"user name|handle)\b"
    r"(?: ?(?:user ?name|name|handle|id|tag|gamer ?tag|acc|account|channel|@))?"
    r"(?: ?(?:is|iz|=|:|-|–|its|it's|it’s)){0,2} {0,2}@?(?P<h>[A-Za-z0-9_.]{2,})"
)


def _handle_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _AT_HANDLE.finditer(text):
        handle = m.group(1).rstrip(".")
        if _looks_like_handle(handle) or _lexicon().is_name(handle.lower()):
            spans.append((m.start(), m.start() + 1 + len(handle), "handle"))
    for m in _PLATFORM_HANDLE.finditer(text):
        handle = m.group("h").rstrip(".")
        if _looks_like_handle(handle):
            spans.append((m.start("h"), m.start("h") + len(handle), "handle"))
    return spans


def _looks_like_handle(word: str) -> bool:
    """Digits, dots or underscores make a handle; a plain word must not be an everyday one."""
    if any(c.isdigit() or c in "._" for c in word):
        return True
    return _lexicon().uncommon(word.lower())


# --- street addresses -------------------------------------------------------------------------

_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|drive|crescent|cres|grove|gardens|gdns|terrace|mews|"
    r"close|walk|way)"
)
_STREET_CAP = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Drive|Crescent|Grove|Gardens|Terrace|Mews|Close|Walk|"
    r"Way|Court|Place|Park|Hill|Green|View|Rise|Row|Gate|Square|Vale|Mount|Estate|Heights|Towers|"
    r"House)"
)
_FLAT = re.compile(
    r"(?i)\b(?:flat|flt|apartment|apt|unit)\.? ?(?:no\.? ?|number )?(?:\d{1,4}[a-z]?\b|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
)
_NUMBERED_STREET = re.compile(
    rf"(?i)\b\d{{1,4}}[a-z]?,? (?P<words>(?:[a-z'’.-]{{2,20}} ){{1,3}})(?:{_STREET}\b|"
    rf"(?-i:{_STREET_CAP})\b)"
)
_LIVES_ON = re.compile(
    rf"(?i)\b(?:live|lives|living|livin|stay|stays|staying|moved|move|moving) (?:on|at|in|to) "
    rf"(?:the )?(?P<words>(?:[a-z'’-]{{2,20}} ){{1,3}}){_STREET}\b"
)
_NAMED_STREET = re.compile(rf"\b(?P<words>(?:[A-Z][a-z'’]{{1,20}} ){{1,3}}){_STREET_CAP}\b")
_ESTATE = re.compile(r"(?i)\b(?P<words>(?:[a-z'’-]{2,20} ){1,2})estate\b")


def _address_spans(text: str) -> list[Span]:
    spans: list[Span] = [(m.start(), m.end(), "address") for m in _FLAT.finditer(text)]
    lex = _lexicon()
    for pattern in (_NUMBERED_STREET, _LIVES_ON):
        for m in pattern.finditer(text):
            words = m.group("words").lower().split()
            if not any(w in vocab.FUNCTION or w in vocab.TIME_WORDS for w in words):
                start = m.start("words") if pattern is _LIVES_ON else m.start()
                spans.append((start, m.end(), "address"))
    for m in _NAMED_STREET.finditer(text):
        words = m.group("words").split()
        while words and (words[0].lower() in vocab.FUNCTION or words[0].lower() in vocab.KEEP):
            words = words[1:]
        key = " ".join(words).lower()
        if words and key not in vocab.GENERIC_STREETS and not _sentence_start_only(text, m, words):
            start = m.end("words") - len(" ".join(words)) - 1
            spans.append((start, m.end(), "address"))
    for m in _ESTATE.finditer(text):
        words = m.group("words").split()
        name = words[-1]
        if name[0].isupper() or lex.uncommon(name.lower()):
            start = m.start("words") + m.group("words").rfind(name)
            spans.append((start, m.end(), "address"))
    return spans


def _sentence_start_only(text: str, m: re.Match[str], words: list[str]) -> bool:
    """One everyday word starting a sentence ('Close', 'Walk') is Title Case, not a street."""
    if len(words) > 1 or _lexicon().uncommon(words[0].lower()):
        return False
    return _starts_sentence(text, m.end("words") - len(words[0]) - 1)


# --- words: tokens, schools, names and places -------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int  # end of the word itself, before a possessive 's
    full_end: int
    key: str  # lower case, straight apostrophe, possessive removed
    cap: bool  # Capitalised (not ALL CAPS), and capitals mean something in this text
    first: bool  # starts a sentence


def _tokens(text: str) -> list[_Tok]:
    raw = list(_WORD.finditer(text))
    words = [m.group(0) for m in raw]
    capitals = [w[0].isupper() and (len(w) == 1 or not w.isupper()) for w in words]
    # Title Case Or ALL CAPS messages say nothing through capitals; judge them by lists only.
    informative = (
        sum(c for c, w in zip(capitals, words, strict=True) if w != "I") * 5
        < 3 * max(len(words), 1)
        or len(words) < 4
    )
    toks: list[_Tok] = []
    for m, word, cap in zip(raw, words, capitals, strict=True):
        key = word.lower().replace("’", "'")
        end = m.end()
        if key.endswith("'s") and len(key) > 3:
            key, end = key[:-2], end - 2
        first = _starts_sentence(text, m.start())
        toks.append(_Tok(m.start(), end, m.end(), key, cap and informative, first))
    return toks


def _starts_sentence(text: str, start: int) -> bool:
    """Nothing but quotes or brackets between here and the start or the last full stop."""
    before = text[max(0, start - 8) : start].rstrip(" \"'“‘(")
    return before == "" or not (before[-1].isalnum() or before[-1] in ",;-&'’/")


def _adjacent(text: str, a: _Tok, b: _Tok, allow: str = " ") -> bool:
    gap = text[a.full_end : b.start]
    return 0 < len(gap) <= 2 and all(c in allow for c in gap)


def _school_spans(text: str, toks: list[_Tok]) -> list[Span]:
    """'St Mary's Primary', 'oakwood academy': name words, then a school word."""
    lex = _lexicon()
    spans: list[Span] = []
    i = 0
    while i < len(toks):
        if toks[i].key not in vocab.SCHOOL_WORDS:
            i += 1
            continue
        last = i
        while last + 1 < len(toks) and toks[last + 1].key in vocab.SCHOOL_WORDS:
            if not _adjacent(text, toks[last], toks[last + 1]):
                break
            last += 1
        # Walk left over up to four words, then drop everyday words from the far end:
        # "harrow way academy" and "Bishop Fisher Catholic High" stay, "my new school" goes.
        first = i
        while first > 0 and i - first < 4 and _adjacent(text, toks[first - 1], toks[first], " -"):
            prev = toks[first - 1]
            if prev.key in vocab.ROLE or (
                prev.key in vocab.FUNCTION and prev.key not in vocab.SCHOOL_JOINERS
            ):
                break
            first -= 1
        while first < i and not _school_name_word(toks[first], lex):
            first += 1
        if first < i:
            spans.append((toks[first].start, toks[last].full_end, "school"))
        i = last + 1
    for i, tok in enumerate(toks[:-1]):  # "St Mary's" on its own, not a town like St Albans
        nxt = toks[i + 1]
        saint = tok.key in vocab.SAINTS and tok.cap and nxt.cap and _adjacent(text, tok, nxt, " .")
        if saint and f"{tok.key} {nxt.key}" not in vocab.TOWNS and nxt.key not in vocab.LA_WORDS:
            spans.append((tok.start, nxt.full_end, "school"))
    return spans


def _school_name_word(tok: _Tok, lex: _Lexicon) -> bool:
    """A word that can start a school's name: capitalised, unusual, a saint or a place."""
    if tok.key in vocab.GENERIC_SCHOOL or tok.key in vocab.SCHOOL_JOINERS - vocab.SAINTS:
        return False
    return tok.cap or lex.uncommon(tok.key) or tok.key in vocab.LA_WORDS or tok.key in vocab.TOWNS


def _name_and_place_spans(text: str, toks: list[_Tok]) -> list[Span]:
    lex = _lexicon()
    spans: list[Span] = []
    i = 0
    while i < len(toks):
        town = _town_at(text, toks, i)
        if town:
            spans.append((toks[i].start, toks[i + town - 1].end, "place"))
            i += town
            continue
        category = _classify(text, toks, i)
        if category is None:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and j - i < 3 and toks[j].end == toks[j].full_end:
            nxt = toks[j + 1]
            if not _adjacent(text, toks[j], nxt) or not lex.extends(nxt, category):
                break
            j += 1
        spans.append((toks[i].start, toks[j].end, category))
        i = j + 1
    return spans


def _town_at(text: str, toks: list[_Tok], i: int) -> int:
    """How many tokens from i form a town or area name (0 if none)."""
    if i and (toks[i - 1].key in vocab.TITLES or toks[i - 1].key in vocab.ROLE):
        return 0
    for n in (3, 2):
        words = toks[i : i + n]
        if (
            len(words) == n
            and " ".join(t.key for t in words) in vocab.TOWNS
            and all(_adjacent(text, a, b, " -") for a, b in itertools.pairwise(words))
        ):
            return n
    tok = toks[i]
    prev = toks[i - 1].key if i else ""
    if tok.key not in vocab.TOWNS:
        return 0
    if not _lexicon().common(tok.key) or (tok.cap and prev in vocab.PLACE_PREPS):
        return 1
    return 0


def _classify(text: str, toks: list[_Tok], i: int) -> str | None:
    """'name', 'place' or None for the token at i, from the words around it."""
    lex = _lexicon()
    tok = toks[i]
    key = tok.key
    plain = key in vocab.FUNCTION or key in vocab.KEEP or key in vocab.ROLE or key in vocab.LA_WORDS
    if plain and not (tok.cap and key in lex.ambiguous):
        return None  # but "Miss May", "his name is Will" go on, for the cues below
    prev = toks[i - 1] if i and _adjacent(text, toks[i - 1], tok, " .,:") else None
    prev2 = toks[i - 2] if prev and i > 1 and _adjacent(text, toks[i - 2], prev, " ,") else None
    p1 = prev.key if prev else ""
    p2 = prev2.key if prev2 else ""
    if p1 in vocab.TITLES and prev is not None:
        if tok.cap or (len(key) == 1 and text[tok.start].isupper()):
            return "name"
        if p1 in vocab.STRONG_TITLES or prev.cap:
            return "name" if lex.is_name(key, ambiguous=True) or lex.uncommon(key) else None
        return "name" if lex.is_name(key) or lex.uncommon(key) else None
    if len(key) < 2:
        return None
    name_s = p1 == "name" and prev is not None and prev.end < prev.full_end  # "her name's"
    if p1 in vocab.NAME_CUES or (p2, p1) in vocab.NAME_CUE_PAIRS or name_s:
        return "name"
    if p1 in vocab.CALLED:
        strong = tok.cap or lex.is_name(key, ambiguous=True)
        return "name" if strong or lex.name_shaped(key) else None
    if p1 in vocab.ROLE:
        if tok.cap or lex.is_name(key) or lex.name_shaped(key):
            return "name"
        # "my nan pat but...": an ambiguous name, when the clause goes on as after a name.
        return (
            "name" if lex.is_name(key, ambiguous=True) and _clause_goes_on(text, toks, i) else None
        )
    if p1 in ("is", "was") and p2 in vocab.ROLE:
        cap_name = tok.cap and (lex.uncommon(key) or key in lex.ambiguous)
        return "name" if cap_name or lex.is_name(key) else None
    if _before_role(text, toks, i) and (tok.cap or lex.is_name(key) or lex.name_shaped(key)):
        return "name"
    if plain:
        return None
    if lex.is_name(key) or (tok.cap and not tok.first and lex.is_name(key, ambiguous=True)):
        return "name"
    if tok.cap and lex.uncommon(key) and p1 != "the":
        if p1 in vocab.PLACE_PREPS:
            return "place"
        if not tok.first:
            return "name"
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if len(key) >= 3 and nxt is not None and not nxt.cap and _adjacent(text, tok, nxt):
            return "name"
    if p1 in vocab.PLACE_PREPS and lex.name_shaped(key):
        return "place"
    return None


def _clause_goes_on(text: str, toks: list[_Tok], i: int) -> bool:
    if i + 1 == len(toks) or any(c in ".,!?;:" for c in text[toks[i].full_end : toks[i + 1].start]):
        return True
    return toks[i + 1].key in vocab.AFTER_NAME


def _before_role(text: str, toks: list[_Tok], i: int) -> bool:
    """'kez is my sw', 'Dave, my social worker': the word is followed by my + a role."""
    j = i + 1
    if (
        j < len(toks)
        and toks[j].key in ("is", "was", "s")
        and _adjacent(text, toks[j - 1], toks[j])
    ):
        j += 1
    if j >= len(toks) or toks[j].key not in vocab.POSSESSIVES:
        return False
    if not _adjacent(text, toks[j - 1], toks[j], " ,'’"):
        return False
    return any(t.key in vocab.ROLE for t in toks[j + 1 : j + 3])


# --- word knowledge ---------------------------------------------------------------------------

_SUFFIXES = (
    ("'s", ""),
    ("n't", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("er", ""),
    ("est", ""),
    ("d", ""),
    ("ness", ""),
    ("ful", ""),
)


def _stems(word: str) -> Iterator[str]:
    """Possible dictionary forms: 'listens' -> 'listen', 'stopped' -> 'stop', 'cried' -> 'cry'."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            yield stem + repl
            if suffix in ("ing", "ed", "er", "est") and len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]


_NOT_NAME_ENDINGS = (
    "ly", "ing", "ed", "s", "tion", "ment", "ness", "able", "ible", "ful", "less", "ous", "ive",
    "ise", "ize", "ity", "n't", "nt",
)  # fmt: skip


class _Lexicon:
    """Everyday words, names and the tests built on them."""

    def __init__(self) -> None:
        self.everyday = frozenset(_dale_chall() | vocab.EVERYDAY | vocab.SLANG)
        self.known = frozenset(
            self.everyday
            | vocab.FUNCTION
            | vocab.ROLE
            | vocab.KEEP
            | vocab.LA_WORDS
            | vocab.SCHOOL_WORDS
            | vocab.TITLES
            | vocab.TIME_WORDS
        )
        names = vocab.FIRST_NAMES | vocab.SURNAMES | vocab.AMBIGUOUS_NAMES
        self.ambiguous = frozenset(
            n for n in names if self.common(n) or n in vocab.AMBIGUOUS_NAMES or n in vocab.KEEP
        )
        self.names = frozenset(names - self.ambiguous)
        self.known |= self.ambiguous  # 'Grace', 'Hope': not unknown words either

    def common(self, word: str) -> bool:
        """Is this an everyday word, allowing for plurals, tenses and the like?"""
        if word in self.known or any(stem in self.known for stem in _stems(word)):
            return True
        return any(
            word.startswith(prefix)
            and len(word) > len(prefix) + 3
            and self.common(word[len(prefix) :])
            for prefix in ("un", "re", "dis", "mis", "over", "under")
        )

    def uncommon(self, word: str) -> bool:
        """A word of letters that is not everyday: on its own, a hint of a name or place."""
        return (
            len(word) >= 2
            and word.replace("-", "").replace("'", "").isalpha()
            and not (self.common(word))
        )

    def name_shaped(self, word: str) -> bool:
        """Uncommon and not shaped like an inflected English word (a misspelt verb, say)."""
        return self.uncommon(word) and len(word) <= 12 and not word.endswith(_NOT_NAME_ENDINGS)

    def is_name(self, word: str, ambiguous: bool = False) -> bool:
        """On the name lists; an ambiguous name ('Grace', 'Will') only when asked for."""
        return word in self.names or (ambiguous and word in self.ambiguous)

    def extends(self, tok: _Tok, category: str) -> bool:
        """Does this next word belong to the name or place just found ('Sarah Khan')?"""
        key = tok.key
        if key in vocab.FUNCTION or key in vocab.KEEP or key in vocab.ROLE or key in vocab.LA_WORDS:
            return False
        if category == "place":
            return tok.cap
        if len(key) == 1:
            return tok.cap
        if self.is_name(key):
            return True
        return tok.cap and (self.uncommon(key) or key in vocab.SURNAMES)


@cache
def _dale_chall() -> frozenset[str]:
    """The Dale-Chall familiar words that textstat ships (read from its file, not imported)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textstat is not installed; the scrubber needs its word list")
    folder = Path(next(iter(spec.submodule_search_locations)))
    words = (folder / "resources" / "en" / "easy_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in words.split())


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


# --- choosing between overlapping findings ----------------------------------------------------


def _resolve(spans: list[Span], length: int) -> list[Span]:
    """Join overlapping spans of one kind, then keep the higher-priority (then longer) one."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[2], s[0])):
        if joined and joined[-1][2] == span[2] and span[0] < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], span[1]), span[2])
        else:
            joined.append(span)
    chosen: list[Span] = []
    taken = bytearray(length)
    for start, end, category in sorted(joined, key=lambda s: (-_PRIORITY[s[2]], s[0] - s[1], s[0])):
        if start < end and 1 not in taken[start:end]:
            chosen.append((start, end, category))
            taken[start:end] = b"\x01" * (end - start)
    return sorted(chosen)


_JOIN = re.compile(r"[ ,]{0,2}")


def _merge(text: str, spans: list[Span]) -> list[Span]:
    """Join neighbours of one kind ('flat 3, 12 Oak Road' is one address)."""
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1][2] == span[2] and _JOIN.fullmatch(text[merged[-1][1] : span[0]]):
            merged[-1] = (merged[-1][0], span[1], span[2])
        else:
            merged.append(span)
    return merged
