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
        if text[m.start() : end].lower().removeprefix("www.") not in _SERVICE_DOMAINS:
            spans.append((m.start(), end, "url"))
    for m in _DOB.finditer(text):
        spans.append((m.start("date"), m.end("date"), "date-of-birth"))
    for m in _POSTCODE.finditer(text):
        if m.group(1).upper() in _POSTCODE_AREAS:
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
    if area not in _POSTCODE_AREAS:
        return False
    cued = bool(
        _POSTCODE_CUE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        or _POSTCODE_CUE_AFTER.match(text[m.end() : m.end() + 12])
    )
    if cued:
        return True
    return code.isupper() and len(area) == 2 and area not in _POSTCODE_LOOKALIKES


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
                (k for k in range(i + 1, j + 1) if _joined(text, groups[i:k]) in _HELPLINES), None
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
            if not any(w in _FUNCTION or w in _TIME_WORDS for w in words):
                start = m.start("words") if pattern is _LIVES_ON else m.start()
                spans.append((start, m.end(), "address"))
    for m in _NAMED_STREET.finditer(text):
        words = m.group("words").split()
        while words and (words[0].lower() in _FUNCTION or words[0].lower() in _KEEP):
            words = words[1:]
        key = " ".join(words).lower()
        if words and key not in _GENERIC_STREETS and not _sentence_start_only(text, m, words):
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
        if toks[i].key not in _SCHOOL_WORDS:
            i += 1
            continue
        last = i
        while last + 1 < len(toks) and toks[last + 1].key in _SCHOOL_WORDS:
            if not _adjacent(text, toks[last], toks[last + 1]):
                break
            last += 1
        # Walk left over up to four words, then drop everyday words from the far end:
        # "harrow way academy" and "Bishop Fisher Catholic High" stay, "my new school" goes.
        first = i
        while first > 0 and i - first < 4 and _adjacent(text, toks[first - 1], toks[first], " -"):
            prev = toks[first - 1]
            if prev.key in _ROLE or (prev.key in _FUNCTION and prev.key not in _SCHOOL_JOINERS):
                break
            first -= 1
        while first < i and not _school_name_word(toks[first], lex):
            first += 1
        if first < i:
            spans.append((toks[first].start, toks[last].full_end, "school"))
        i = last + 1
    for i, tok in enumerate(toks[:-1]):  # "St Mary's" on its own, not a town like St Albans
        nxt = toks[i + 1]
        saint = tok.key in _SAINTS and tok.cap and nxt.cap and _adjacent(text, tok, nxt, " .")
        if saint and f"{tok.key} {nxt.key}" not in _TOWNS and nxt.key not in _LA_WORDS:
            spans.append((tok.start, nxt.full_end, "school"))
    return spans


def _school_name_word(tok: _Tok, lex: _Lexicon) -> bool:
    """A word that can start a school's name: capitalised, unusual, a saint or a place."""
    if tok.key in _GENERIC_SCHOOL or tok.key in _SCHOOL_JOINERS - _SAINTS:
        return False
    return tok.cap or lex.uncommon(tok.key) or tok.key in _LA_WORDS or tok.key in _TOWNS


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
    if i and (toks[i - 1].key in _TITLES or toks[i - 1].key in _ROLE):
        return 0
    for n in (3, 2):
        words = toks[i : i + n]
        if (
            len(words) == n
            and " ".join(t.key for t in words) in _TOWNS
            and all(_adjacent(text, a, b, " -") for a, b in itertools.pairwise(words))
        ):
            return n
    tok = toks[i]
    prev = toks[i - 1].key if i else ""
    if tok.key not in _TOWNS:
        return 0
    if not _lexicon().common(tok.key) or (tok.cap and prev in _PLACE_PREPS):
        return 1
    return 0


def _classify(text: str, toks: list[_Tok], i: int) -> str | None:
    """'name', 'place' or None for the token at i, from the words around it."""
    lex = _lexicon()
    tok = toks[i]
    key = tok.key
    plain = key in _FUNCTION or key in _KEEP or key in _ROLE or key in _LA_WORDS
    if plain and not (tok.cap and key in lex.ambiguous):
        return None  # but "Miss May", "his name is Will" go on, for the cues below
    prev = toks[i - 1] if i and _adjacent(text, toks[i - 1], tok, " .,:") else None
    prev2 = toks[i - 2] if prev and i > 1 and _adjacent(text, toks[i - 2], prev, " ,") else None
    p1 = prev.key if prev else ""
    p2 = prev2.key if prev2 else ""
    if p1 in _TITLES and prev is not None:
        if tok.cap or (len(key) == 1 and text[tok.start].isupper()):
            return "name"
        if p1 in _STRONG_TITLES or prev.cap:
            return "name" if lex.is_name(key, ambiguous=True) or lex.uncommon(key) else None
        return "name" if lex.is_name(key) or lex.uncommon(key) else None
    if len(key) < 2:
        return None
    name_s = p1 == "name" and prev is not None and prev.end < prev.full_end  # "her name's"
    if p1 in _NAME_CUES or (p2, p1) in _NAME_CUE_PAIRS or name_s:
        return "name"
    if p1 in _CALLED:
        strong = tok.cap or lex.is_name(key, ambiguous=True)
        return "name" if strong or lex.name_shaped(key) else None
    if p1 in _ROLE:
        if tok.cap or lex.is_name(key) or lex.name_shaped(key):
            return "name"
        # "my nan pat but...": an ambiguous name, when the clause goes on as after a name.
        return (
            "name" if lex.is_name(key, ambiguous=True) and _clause_goes_on(text, toks, i) else None
        )
    if p1 in ("is", "was") and p2 in _ROLE:
        cap_name = tok.cap and (lex.uncommon(key) or key in lex.ambiguous)
        return "name" if cap_name or lex.is_name(key) else None
    if _before_role(text, toks, i) and (tok.cap or lex.is_name(key) or lex.name_shaped(key)):
        return "name"
    if plain:
        return None
    if lex.is_name(key) or (tok.cap and not tok.first and lex.is_name(key, ambiguous=True)):
        return "name"
    if tok.cap and lex.uncommon(key) and p1 != "the":
        if p1 in _PLACE_PREPS:
            return "place"
        if not tok.first:
            return "name"
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if len(key) >= 3 and nxt is not None and not nxt.cap and _adjacent(text, tok, nxt):
            return "name"
    if p1 in _PLACE_PREPS and lex.name_shaped(key):
        return "place"
    return None


def _clause_goes_on(text: str, toks: list[_Tok], i: int) -> bool:
    if i + 1 == len(toks) or any(c in ".,!?;:" for c in text[toks[i].full_end : toks[i + 1].start]):
        return True
    return toks[i + 1].key in _AFTER_NAME


def _before_role(text: str, toks: list[_Tok], i: int) -> bool:
    """'kez is my sw', 'Dave, my social worker': the word is followed by my + a role."""
    j = i + 1
    if (
        j < len(toks)
        and toks[j].key in ("is", "was", "s")
        and _adjacent(text, toks[j - 1], toks[j])
    ):
        j += 1
    if j >= len(toks) or toks[j].key not in _POSSESSIVES:
        return False
    if not _adjacent(text, toks[j - 1], toks[j], " ,'’"):
        return False
    return any(t.key in _ROLE for t in toks[j + 1 : j + 3])


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
        self.everyday = frozenset(_dale_chall() | _EVERYDAY | _SLANG)
        self.known = frozenset(
            self.everyday
            | _FUNCTION
            | _ROLE
            | _KEEP
            | _LA_WORDS
            | _SCHOOL_WORDS
            | _TITLES
            | _TIME_WORDS
        )
        names = _FIRST_NAMES | _SURNAMES | _AMBIGUOUS_NAMES
        self.ambiguous = frozenset(
            n for n in names if self.common(n) or n in _AMBIGUOUS_NAMES or n in _KEEP
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
        if key in _FUNCTION or key in _KEEP or key in _ROLE or key in _LA_WORDS:
            return False
        if category == "place":
            return tok.cap
        if len(key) == 1:
            return tok.cap
        if self.is_name(key):
            return True
        return tok.cap and (self.uncommon(key) or key in _SURNAMES)


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


# --- word lists -------------------------------------------------------------------------------
# Lower case. Lists of single words are split on whitespace; lists of phrases on commas.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(",") if p.strip())


_FUNCTION = _words("""
a an the and or but so if then than that thats that's this these those there theres here
i me my mine myself we us our ours you your yours u ur he him his she her hers it its it's they
them their theirs im i'm ive i've id i'd ill i'll is am are was were be been being do does did
done has have had having will would shall should can could may might must not no yes yeah yh ye
yep nah to of in on at by for from with without about into onto over under up down out off
through after before since until till while when where what which who whom whose why how all
any some every each both either neither none nobody nothing someone somebody something anyone
anybody anything everyone everybody everything just only also too very really even still again
always never ever sometimes often like as because cos coz cuz bc said says say told tell asked
ask get got gets go goes went gone come came comes dont don't didnt didn't doesnt doesn't cant
can't wont won't isnt isn't wasnt wasn't ok okay please thanks thank sorry hi hello hey dear
whenever wherever though although unless whether more most less least much many lot lots
""")
_TITLES = _words("mr mrs ms mx miss dr sir mister missus prof mrs. mr. ms. dr. master")
_STRONG_TITLES = _words("mr mrs ms mx dr mister missus prof")
_ROLE = _words("""
worker workers sw sws keyworker carer carers mum mam mom mummy mommy mother dad daddy father
stepmum stepdad stepmom stepbrother stepsister brother bro bruv sister sis cousin auntie aunty
aunt uncle nan nana nanny gran granny grandma grandad grandpa grandmother grandfather friend
mate bestie bff bf gf boyfriend girlfriend partner teacher tutor iro advocate mentor pa adviser
advisor counsellor counselor therapist nurse doctor officer manager headteacher head senco coach
neighbour guardian son daughter niece nephew foster-mum foster-dad
""")
_POSSESSIVES = _words("my ma mah me our")
_NAME_CUES = _words("named names nicknamed aka")
_NAME_CUE_PAIRS = frozenset(
    [("name", "is"), ("name", "was"), ("names", "is"), ("known", "as"), ("goes", "by"),
     ("go", "by"), ("call", "her"), ("call", "him"), ("call", "them")]
)  # fmt: skip
_AFTER_NAME = _words("and but or is was who has had says said lives helps")
_CALLED = _words("called calld callled caled")
_PLACE_PREPS = _words("in from near nr around round outside")

# Words that look like names to the rules above but are services, brands, days, subjects...
_KEEP = _words("""
childline nspcc camhs ofsted iro iros nhs gp gps cafcass barnardos barnardo kooth shout samaritans
youngminds mind coram become voice catch22 mencap papyrus council police yot cla lac cin sen send
senco ehcp adhd asd ocd ptsd gcse gcses btec a-levels ucas ofqual dfe dwp hmrc dvla ao bbc itv
snapchat snap instagram insta tiktok youtube facebook whatsapp discord twitter reddit twitch
xbox playstation nintendo switch fortnite roblox minecraft fifa netflix spotify google zoom teams
iphone ipad android samsung apple mcdonalds maccies kfc nandos greggs tesco asda aldi lidl primark
christmas xmas easter eid ramadan diwali halloween hanukkah vaisakhi bonfire
monday tuesday wednesday thursday friday saturday sunday mon tues wed thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
english maths math science history geography french spanish german art music drama pe re ict
computing biology chemistry physics psychology sociology
britain british england scotland wales welsh scottish irish ireland uk europe european
poland polish romania romanian pakistan pakistani india indian bangladesh bangladeshi
afghanistan afghan syria syrian eritrea eritrean sudan sudanese albania albanian nigeria
nigerian ghana ghanaian somalia somali iran iranian iraq iraqi kurdish jamaica jamaican
vietnam vietnamese africa african asian arab arabic urdu punjabi bengali
muslim christian islam jesus god allah bible quran mosque church catholic jewish sikh hindu
covid corona lockdown ok okay tbh idk spain france italy germany portugal greece turkey
america usa canada australia china japan egypt morocco kenya zimbabwe congo ethiopia lithuania
latvia slovakia czech hungary bulgaria ukraine russia brazil mexico florida tenerife majorca
ibiza benidorm disneyland europe
""")
_LA_WORDS = _words("""
barking dagenham barnet barnsley bath somerset bedford bexley birmingham blackburn darwen
blackpool bolton bournemouth christchurch poole bracknell bradford brent brighton hove bristol
bromley buckinghamshire bury calderdale cambridgeshire camden bedfordshire cheshire chester
cornwall coventry croydon cumberland cumbria darlington derby derbyshire devon doncaster dorset
dudley durham ealing yorkshire sussex enfield essex gateshead gloucestershire greenwich hackney
halton hammersmith fulham hampshire haringey harrow hartlepool havering herefordshire
hertfordshire hillingdon hounslow wight scilly islington kensington chelsea kent hull kingston
kirklees knowsley lambeth lancashire leeds leicester leicestershire lewisham lincolnshire
liverpool luton manchester medway merton middlesbrough milton keynes newcastle newham norfolk
lincolnshire northamptonshire northumberland tyneside nottingham nottinghamshire oldham
oxfordshire peterborough plymouth portsmouth reading redbridge redcar cleveland richmond
rochdale rotherham rutland salford sandwell sefton sheffield shropshire slough solihull
gloucestershire southampton southend southwark helens staffordshire stockport stockton tees
stoke trent suffolk sunderland surrey sutton swindon tameside telford wrekin thurrock torbay
tower hamlets trafford wakefield walsall waltham wandsworth warrington warwickshire berkshire
westminster westmorland furness wigan wiltshire windsor maidenhead wirral wokingham
wolverhampton worcestershire york london midlands lancs yorks tyne wear
""")
_TOWNS = _phrases("""
huddersfield, halifax, keighley, dewsbury, batley, pontefract, castleford, ilkley, otley,
pudsey, morley, harehills, chapeltown, headingley, armley, beeston, seacroft, gipton, hunslet,
holbeck, bramley, horsforth, garforth, rothwell, wetherby, shipley, bingley, saltaire,
brighouse, todmorden, hebden bridge, elland, sowerby bridge, mirfield, holmfirth, ossett,
normanton, featherstone, hemsworth, knottingley, moss side, hulme, rusholme, longsight,
levenshulme, didsbury, chorlton, wythenshawe, ancoats, cheetham hill, crumpsall, gorton,
eccles, swinton, stretford, sale, altrincham, urmston, hyde, ashton-under-lyne, ashton,
stalybridge, middleton, heywood, radcliffe, farnworth, horwich, leigh, atherton, toxteth,
anfield, kirkby, huyton, bootle, birkenhead, wallasey, southport, widnes, runcorn, aston,
handsworth, small heath, sparkbrook, erdington, edgbaston, selly oak, kings heath, moseley,
balsall heath, northfield, sutton coldfield, smethwick, west bromwich, oldbury, tipton,
wednesbury, bilston, willenhall, bloxwich, stourbridge, halesowen, brierley hill, brixton,
peckham, tottenham, dalston, stratford, walthamstow, leyton, ilford, romford, streatham,
clapham, camberwell, deptford, woolwich, catford, edmonton, wembley, harlesden, kilburn,
holloway, finsbury park, whitechapel, poplar, canning town, east ham, west ham, plaistow,
southall, acton, byker, jarrow, hebburn, south shields, wallsend, whitley bay, cramlington,
blyth, ashington, billingham, thornaby, seaham, peterlee, consett, chester-le-street, bishop
auckland, scunthorpe, grimsby, cleethorpes, goole, selby, harrogate, ripon, scarborough,
whitby, skipton, mexborough, worksop, mansfield, chesterfield, ilkeston, long eaton, hucknall,
loughborough, hinckley, coalville, kettering, corby, wellingborough, rushden, daventry, banbury,
bicester, witney, abingdon, didcot, aylesbury, high wycombe, chesham, amersham, bletchley,
wolverton, dunstable, leighton buzzard, hitchin, stevenage, letchworth, harlow, basildon,
billericay, chelmsford, colchester, clacton, braintree, grays, tilbury, canvey, rayleigh,
margate, ramsgate, broadstairs, dover, folkestone, ashford, maidstone, gillingham, chatham,
rochester, sittingbourne, gravesend, dartford, sevenoaks, tonbridge, crawley, horsham, worthing,
bognor, chichester, eastbourne, hastings, bexhill, lewes, guildford, woking, camberley,
farnborough, aldershot, basingstoke, andover, winchester, eastleigh, fareham, gosport, havant,
waterlooville, ryde, salisbury, chippenham, trowbridge, yeovil, taunton, bridgwater,
weston-super-mare, clevedon, keynsham, glastonbury, frome, exmouth, barnstaple, newton abbot,
torquay, paignton, falmouth, truro, penzance, camborne, redruth, newquay, st austell, bodmin,
weymouth, dorchester, bridport, cheltenham, stroud, tewkesbury, cirencester, redditch,
bromsgrove, kidderminster, evesham, malvern, leominster, ludlow, oswestry, shrewsbury, crewe,
nantwich, macclesfield, congleton, northwich, winsford, ellesmere port, burnley, accrington,
colne, chorley, leyland, preston, lancaster, morecambe, fleetwood, lytham, skelmersdale,
ormskirk, barrow, kendal, workington, whitehaven, penrith, carlisle, rugby, nuneaton, bedworth,
leamington, warwick, stratford-upon-avon, tamworth, lichfield, cannock, burton, stafford,
newcastle-under-lyme, hanley, longton, burslem, kidsgrove, uttoxeter, buxton, glossop, matlock,
belper, ripley, swadlincote, grantham, boston, spalding, skegness, louth, gainsborough, stamford,
kings lynn, great yarmouth, lowestoft, ipswich, bury st edmunds, felixstowe, haverhill, thetford,
dereham, cromer, wisbech, march, huntingdon, st neots, ely, st ives, hemel hempstead, watford,
st albans, hatfield, welwyn, borehamwood, cheshunt, hoddesdon, bishops stortford, stanford,
bracknell, newbury, wokingham, maidenhead, thatcham, hastings, seacroft, beckhill, meanwood,
kirkstall, burley, hyde park, little london, lincoln green, belle isle, middleton, gildersome,
st helier, jaywick, gorleston, sheerness, whitstable, herne bay, deal, hythe, rye
""")
_SAINTS = _words("st st. saint")
_SCHOOL_WORDS = _words("""
academy academies primary secondary high college school grammar infants infant junior juniors
comprehensive prep pru university uni
""")
_SCHOOL_JOINERS = _words("st saint of c e ce rc and")
_GENERIC_SCHOOL = _words("""
new old big little local special boarding private state faith catholic church village girls
boys girl boy nursery sixth form normal mainstream other next last first same different current
previous another whole own real proper good bad best worst rubbish main free community
alternative residential independent secondary primary high junior infant middle upper lower
year term day night summer sunday
""")
_GENERIC_STREETS = _phrases("high, main, the high, the main")
_TIME_WORDS = _words("""
day days week weeks wk wks month months year years yr yrs hour hours hr hrs minute minutes min
mins second seconds sec secs time times night nights term terms fortnight fortnights decade
decades weekend weekends am pm o'clock oclock
""")
_POSTCODE_AREAS = _words("""
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH
EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M
ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS
ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
""")
_POSTCODE_LOOKALIKES = _words("PE CV HD CH TA GU")
# Help and emergency numbers, digits only: not personal, so never replaced.
_HELPLINES = _words("08001111 08088005000 116123 116111")
_SERVICE_DOMAINS = _words("""
childline.org.uk nspcc.org.uk gov.uk kooth.com youngminds.org.uk nhs.uk bbc.co.uk
samaritans.org barnardos.org.uk coramvoice.org.uk ofsted.gov.uk mind.org.uk
""")

# British, care-system and chat words missing from the (American) Dale-Chall list.
_EVERYDAY = _words("""
text channel channels profile username account accounts personal visitor visitors lodging hub youth centre centres unfortunately fortunately
mum mums mam mams nan telly mate mates rubbish reckon fortnight sorted gutted skint knackered
brilliant quid bloke lad lads lass lush mint carer carers foster fostering fostered placement
placements respite residential unit semi independent supported lodgings contact review reviews
meeting meetings plan pathway adopted adoption adoptive social services council counselling
counsellor therapy therapist anxiety anxious depression depressed autism autistic dyslexia
dyslexic harm harming overdose suicidal bullied bullying excluded exclusion isolation detention
behaviour exams revision homework timetable lessons uniform canteen deputy assistant diagnosis
medication meds appointment appointments referral referred assessment assessed court judge
solicitor magistrate probation hostel homeless bedsit keyworker advocacy honestly literally
basically actually probably definitely absolutely seriously anyway whatever stuff worried scared
upset lonely stressed annoyed frustrated confused ignored forgotten unfair rude horrible awful
amazing awesome weird boring embarrassed nervous unsafe supportive understand explain decide
decision opinion views choice changed apparently supposed promise promised cancelled
rearranged reschedule rescheduled late early months weeks ages forever phone phones laptop wifi
online internet texts texting messaged message messages email emails video calls cared caring
listened listening listens understood helpful unhelpful useful useless pointless stressful
difficult different struggle struggling struggled rang ringing mental health emotional trauma
safeguarding neglect abuse abused abusive violence violent domestic siblings sibling teenager
teenagers children kids kid child teen teens staff manager managers agency professionals
paperwork system waiting list lists delay delayed delays ongoing current previous
transition transfer moved moving move independence independent college university uni sixth
primary secondary academy nursery reception headteacher teaching assistant support worker
workers allowance pocket budget bus pass travel transport taxi driver lift lifts bedroom
brothers sisters sis bro grandparents relatives family families birth parents parent guardian
nephew niece cousin cousins auntie aunty uncle step stepmum stepdad stepbrother stepsister
halfbrother halfsister chat chatting chatted talk talked talking literally proper properly
""")
_SLANG = _words("""
dont didnt doesnt cant wont isnt wasnt arent werent couldnt wouldnt shouldnt aint havent hasnt
hadnt im ive id ill youre theyre theyve weve wed thats whats wheres hows whos lets cos coz cuz
bc bcos bcoz becuz becos becuase beacuse becasue tho thou tbh idk idc ngl rly realy relly alwys
allways nvr neva gonna gna gunna wanna gotta kinda sorta lol lmao omg pls plz ppl sum sumthing
smth sumone nuffin nothin nthn nthng evry evrything evryone ur u r y n wen wot wat ya yh ye
yeah yea yep nah nope innit init bruv fam defo proper dunno shud wud cud shudnt wudnt cudnt b4
gr8 m8 l8r k kk sry soz thx ty cba fr lowkey deadass srsly obvs prob probs wiv wid dat dis da
dem dey skool skl teachr techer sosial socail soshal wrker worka carers carer's mums dads
anyways alot abit aswell infact ofc tho thru sumtimes somtimes sometime nevr realise realised
realize realized favourite colour behaviour neighbour organised apologise apologised
smh wow ffs oml wtf idek hiya heya yo oi ahh aww meh ugh hmm um umm erm yeh ya'll yall bro bruh sis hun babe mate mates xx xxx lil
wasnt nobodys everyones somebodys ive'd dnt didnt wnt cnt shes hes theyd itll thatll
""")

_FIRST_NAMES = _words("""
olivia amelia isla ava mia ivy lily isabella sophia grace freya emily poppy ella evie charlotte
florence sophie isabelle daisy alice phoebe harper willow sienna matilda elsie rosie evelyn
millie ruby chloe jessica lucy holly megan hannah lauren amy ellie katie bethany abigail leah
molly eva erin emma jasmine zara maisie imogen esme darcey darcy scarlett georgia paige caitlin
courtney shannon jade chelsea kayleigh kayla jodie demi tia tilly lexi lacey layla lola maya
aisha amira fatima maryam zainab hafsa khadija sana nadia yasmin ayesha amina inaya hania aleena
anaya priya simran jaspreet gurpreet harleen navneet kiran pooja riya sara sarah laura rebecca
natalie gemma stacey kirsty leanne hayley jenna kerry claire karen julie michelle nicola lisa
joanne donna tracey tracy sharon samantha kelly kim jo jenny jennifer helen rachel louise
victoria zoe amber bella nevaeh aaliyah keira kiera tiana destiny shanice chantelle precious
blessing favour esther deborah ruth naomi miriam agnieszka zuzanna julia maja natalia oliwia
wiktoria kasia ana maria elena ioana andreea bianca fiona shona morag siobhan niamh aoife ciara
orla roisin sinead tegan ffion cerys seren carys nia bronwen sian anwen lowri mared elin eleri
alisha tamsin tamara nikita roxanne kimberley charlie frankie alex sam jess beth becky becca
abbie abby libby gracie mollie tillie nancy connie edie aria luna nova hallie remi mary margaret
susan linda patricia elizabeth barbara debbie debra wendy angela janet jane carol pauline
christine jackie jacqueline denise diane dawn beverley bev lorraine mandy maxine yvonne sandra
sally anne annie kate kathryn catherine katherine kath cath lynn lynne gill gillian heather
jill toni shelley kirsten kerrie leigh lindsey lindsay danielle natasha tasha tash vicky vikki
stephanie steph hollie keeley kelsey brooke brooklyn summer skye sky ellis esmae harriet
lydia martha beatrice ivy thea orla elise eliza francesca gabriella gabby hazel heidi iris
jemima juliet lara madison maddison maddie maddy megan mya naomi nina olive penelope pippa
rhianna rihanna savannah serena stella tallulah violet zoey zoya ayla aimee alesha alicia
annabelle antonia aurora autumn bonnie carla cassie clara darcie demi-leigh eden eloise emilia
gracie-mae halle imani jorja kacey kaci kadie lacie lilly lily-mae lucie mabel macie maisy
marnie mckenzie melissa mila nadine nell nicole paris piper rebekah renee rosa ruby-mae sadie
shania sofia sonia talia tanya tayla taylor tegan tiffany tyler-rose valentina vanessa zaynab
oliver george harry noah jack leo arthur muhammad mohammed mohammad mohamed oscar jacob thomas
henry william freddie alfie theo archie joshua james ethan lucas logan mason isaac alexander
max finley riley teddy dylan harrison jaxon jayden jaden kai tyler callum connor liam kyle ryan
jordan lewis luke nathan daniel matthew joseph samuel benjamin adam jamie reece rhys owen evan
louis toby zach zachary ben tom josh dan danny jake jay aaron ashley bradley carl craig darren
dean gary jason lee mark neil paul scott shaun shane stuart wayne kevin steven stephen michael
david john peter richard robert andrew anthony christopher chris simon martin ian colin keith
graham nigel barry derek trevor alan brian terry dave steve mike rob andy tony jim jimmy billy
bobby kian keiran kieran kane tyrone jermaine marcus devon dwayne leon kyron ibrahim yusuf omar
ali hassan hussain ahmed ahmad abdul abdullah bilal hamza zain zayn ayaan rayyan idris imran
usman umar amir arjun aarav rohan ravi raj sanjay vikram harpreet gurdeep jaspal manpreet
sukhdeep jakub kacper szymon filip mateusz piotr kamil oskar dawid adrian bogdan andrei mihai
alexandru ionut emeka chidi tunde kwame kofi kwabena tobi femi dami segun ade kayode ola obi
mustafa mehmet emre ahmet jamal tariq khalid faisal nasir rashid declan ciaran sean seamus
padraig cormac oisin rory fergus hamish angus euan ewan fraser dafydd gethin iwan rhodri emrys
aled alfred albert edward edd eddie elliot elliott ellis ezra felix frederick gabriel hugo
hunter jenson jude kayden kenzie kobe leighton lenny leon lincoln louie luca marley mateo
maximilian miles milo nathaniel ollie otis reggie rocco ronnie rowan ruben rufus sebastian
seb sonny stanley sullivan tommy vincent zac zack zak brandon brendan cameron charles charley
cody curtis dale damian damien darius deacon dexter dominic dougie duncan eli ellis emmanuel
ernest harvey jenson jesse joel jonah jonathan jon jonny johnny joe joey jonty kacper keegan
kenneth kyle lennon lennox leyton lucca malachi mitchell morgan myles nico niall ollie patrick
phil philip phillip quentin ralph raymond ricky robbie roman ross russell ryley sammy saul
sid spencer taylor ted teddy theodore timothy tim tobias travis troy tristan vinnie warren
wesley will william wilf xavier zachariah kez jaz bex jonno robbo gaz daz shaz baz mo lil em
liv soph izzy lizzie benny stevie jayjay kj dj tj
""")
_SURNAMES = _words("""
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke clark patel jackson wood
turner martin cooper hill ward morris moore lee king baker harrison morgan allen james scott
phillips watson davis parker price bennett young griffiths mitchell kelly cook carter
richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson
ellis adams singh begum wilkinson chapman powell webb rogers gray grey mason ali hunt hussain
campbell matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher
stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard
andrews stewart elliott reynolds saunders payne fox ford pearce brooks lawrence atkinson
bradley spencer gill dawson burton watts booth perry ryan grant wells armstrong francis rees
hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dunn woods
parsons berry stone reid holland hawkins harding porter robertson newton reed kennedy
williamson bird gardner shah dean lane cooke bates henderson parry burgess bishop walton burns
nicholson shepherd ross cross long freeman warren nicholls hamilton byrne sutton mcdonald yates
hodgson robson curtis hopkins o'connor harper coleman watkins moss mccarthy chambers o'neill
griffin sharp hardy wheeler potter osborne johnston gordon doyle wallace george jordan
hutchinson rowe burke pritchard gilbert willis higgins miah rahman islam uddin akhtar iqbal
mahmood hussein chaudhry choudhury malik mirza qureshi sheikh siddiqui bibi nowak kowalski
wisniewski wojcik kaminski lewandowski mensah okafor adeyemi okonkwo nguyen tran o'brien
o'sullivan mcgregor macdonald mackenzie fraser kowalczyk popescu ionescu osei boateng asante
adebayo oyelaran balogun abdi farah warsame hassan yilmaz demir kaya
""")
# Names that are also everyday words or place names; the lists above catch most by themselves.
_AMBIGUOUS_NAMES = _words("""
max amber ruby holly jade sky summer autumn paris india chelsea jordan miles hunter mason carter
parker cole frank sue don rob kit guy bob art hazel ivy faith harmony destiny honey angel star
sage misty crystal brooklyn sydney austin lincoln reading nelson sunny rocky rusty teddy duke mo
al ed di bo viv lil em will mark bill ray pat rose dawn penny carol storm river precious blessing
favour sonny taylor morgan kelly lee ellis dean grant hope joy grace chase young april may june
""")
