"""Is this a person's name? The speaker half of a talk heading.

A name is 1-4 capitalised name words, with lowercase particles (``de la``, ``van``, ``von``,
``bin``) allowed between them, Unicode letters, apostrophes and hyphens kept exactly as written.
Words of scripts without letter case (Han, Kana, Hangul, Arabic, Hebrew, Devanagari, Thai, and
Georgian, whose letters Unicode files as lowercase) count as name words; a run of 2-4 Han
characters or Hangul syllables is a whole name (``山田太郎``, ``王小明``, ``김민준``). A few
hundred common words that are capitalised in titles but are not names (``The``, ``Community``,
``Open``, ``Source``…) are refused, as are acronyms and words with digits.

The particles come from nameparser's table of name prefixes (a maintained, multilingual list:
``van der``, ``bin``, ``ibn``, ``dos``…); whether a phrase *is* a name is judged here, because no
library tells a person's name from "Linux Australia" or "the people who did ntop".
"""

from __future__ import annotations

import functools
import re
import unicodedata

from nameparser.config import CONSTANTS as _NAMEPARSER

from .casing import lowercase_post


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, as a set (for word lists written as prose)."""
    return frozenset(text.split())


#: Lowercase words that sit inside names: ``Jean-Luc de la Croix``, ``Ludwig van Beethoven``.
PARTICLES = frozenset({
    "de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "des", "di", "la", "le",
    "van", "von", "ten", "ter", "te", "bin", "binti", "bint", "ibn", "al", "el", "y", "e", "af",
    "zu", "op", "het", "dei", "lo",
    "ap", "ab", "ferch", "verch",  # Welsh patronymics (nameparser lacks them): ``Rhys ap Gwilym``
} | {p for p in _NAMEPARSER.prefixes if p.isalpha() and p.islower() and len(p) <= 8
     and p not in ("san", "santa", "st", "ste", "mac", "mc", "bar", "bat", "bon", "heer")})
#: Honorifics and suffixes written with a name; kept, but not counted as name words.
HONORIFICS = frozenset({"dr", "dr.", "prof", "prof.", "sir", "dame", "mr", "mr.", "mrs", "mrs.",
                        "ms", "ms.", "mx", "mx.", "rev", "rev.", "revd", "fr", "fr.", "rabbi"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "obe", "mbe",
                      "qc", "kc", "qso", "onzm", "mnzm", "am", "ao"})
APOSTROPHES = "'’ʼʻ"
HYPHENS = "-‐‑"
#: Capitalised words that are (almost) never part of a person's name.
NOT_NAME_WORDS = word_set("""
the a an of and or nor but in on at to for from with without into onto by via per as about over
under after before between through during than then so if is are was were be been being it its
this that these those my our your their his her me us them we you they i he she one all every
any some no not none each other another most new old better big great
open source free data science design default example community communities foundation
australia zealand aotearoa america europe asia africa linux inc ltd pty llc corp co gmbh group
groups team teams university uni council government institute labs lab cloud software hardware
systems system project projects association society corporation company services service
technologies technology tech network networks media consulting solutions studios studio trust
department ministry agency library libraries museum club conference conferences keynote talk
talks session sessions days morning afternoon evening night lunch break tea coffee panel
workshop tutorial lightning miniconf miniconference track tracks stream summit devroom symposium
seminar meetup plenary google microsoft amazon apple meta facebook github gitlab mozilla
debian ubuntu fedora redhat hat canonical atlassian xero catalyst ibm oracle intel suse netflix
spotify shopify cloudflare datadog hashicorp elastic grafana vmware cisco canva datacom
python rust java kubernetes docker internet web committee volunteers
volunteer users user people developers developer engineers engineer everyone everybody anyone
someone nobody code coding programming computer computers computing security
privacy policy standards standard stack server servers database databases devops ops
infrastructure platform platforms api apis app apps mobile desktop kernel distro distros
machine machines learning intelligence ai artificial numbers request demand accident nature
example consensus force
various several multiple assorted vs versus
monday tuesday wednesday thursday friday saturday sunday day week weekend yesterday today tomorrow
tonight january february march
july september october november december
vortrag vorträge referat charla ponencia conférence exposé présentation keynote
""")

_KANA = re.compile(r"[\u3040-\u30ff]")  # kana outside a "・" name: words, not names
_INNER_CAPITALS = re.compile(r"[^\W\d_](?<=[^\W\d_A-Z])[A-Z]{2,}")
#: Two initials used as a given name; acronyms (``UX``, ``IT``, ``OS``) almost never hold a J.
_INITIAL_PAIR = re.compile(r"[A-Z]J|J[A-Z]")
_INITIALS = re.compile(r"(?:[^\W\d_]\.[-‐‑]?)+")
_LOWER_PREFIX = re.compile(r"(?:d|l|al|el|ad|ar|as|at|az|an|ash|ben|bin|ibn|abu|da|de|di|du|mc)[" +
                           re.escape(APOSTROPHES + HYPHENS) + "]")
_NICKNAME = re.compile(r"[\"“‘'][^\s\"“”‘’']+[\"”’']")
_AFFILIATION = re.compile(r"(?P<name>.+?)\s*(?:\((?P<affiliation>[^()]*[^\W\d_][^()]*)\)"
                          r"|\[(?P<note>[^\[\]]*[^\W\d_][^\[\]]*)\])")  # "(Catalyst IT)", "[slides]"
#: Words joining the last two names of a list, in several languages (``und``, ``et``, ``и``…).
_AND = r"(?:and|with|und|et|och|og|и|та|і|és|oraz)"
_LIST_SPLIT = re.compile(rf"\s*[,，、;]\s*(?:(?:{_AND}|&)\s+)?|\s+(?:{_AND}|&)\s+|\s*&\s*|\s*[/+]\s*"
                         r"|\s*(?<=[\u3040-\u30ff\u4e00-\u9fff])[と和及](?=[\u3040-\u30ff\u4e00-\u9fff])\s*")
MAX_SPEAKERS = 8


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


#: Letters Unicode calls lowercase, though their script writes names without capitals (Georgian Mkhedruli).
_UNCASED_LOWER = re.compile(r"[\u10d0-\u10fa\u10fd-\u10ff]")


def _caseless(ch: str) -> bool:
    return ch.isalpha() and ((not ch.isupper() and not ch.islower() and unicodedata.category(ch) == "Lo")
                             or bool(_UNCASED_LOWER.match(ch)))


_HAN_OR_HANGUL = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7a3]")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{2,4}|[\uac00-\ud7a3]{2,4}")
_KANA_NAME = re.compile(r"[\u30a0-\u30ff]+(?:[・＝=][\u30a0-\u30ff]+)+")


def caseless_word(word: str) -> bool:
    """A word written in a script without letter case (Han, Kana, Hangul, Arabic, Devanagari…)."""
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(_caseless(ch) for ch in letters) and all(
        _is_letter(ch) or ch in APOSTROPHES + HYPHENS + "・＝=" for ch in word)


def whole_name_word(word: str) -> bool:
    """One word that is a whole name by itself: ``山田太郎``, ``김민준``, ``ジョン・スミス``."""
    return bool(_HAN_NAME.fullmatch(word) or _KANA_NAME.fullmatch(word))


#: One syllable of a romanised Korean or Chinese given name, written in lowercase after a hyphen
#: (``Min-jun``, ``Seo-yeon``, ``Xiao-ming``); an English word there (``On-call``) is no name's.
_ONE_SYLLABLE = re.compile(
    r"(?:g|kk|n|d|tt|r|m|b|pp|s|ss|j|jj|ch|k|t|p|h)?(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui"
    r"|a|e|o|u|i)(?:ng|k|n|t|l|m|p)?"
    r"|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|ai|ei|ao|ou|an"
    r"|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u)")


#: One syllable of a Korean given name as people spell their own (``Soo-ah``, ``Hyun-woo``, ``Ji-hoon``,
#: ``Hee-young``: ``oo``, ``ee``, ``ou``, ``ah``), believed only when the part before the hyphen is one too.
_SPELT_SYLLABLE = re.compile(r"(?:kk|ss|sh|ch|[gkndtrlmbpsjhyw])?(?:oo|ee|ou|ah|oh|ae|ye|eo|eu|yu|yo|ya|wa|wo"
                             r"|a|e|i|o|u)(?:ng|[knlmp])?")


#: The initials Wade-Giles and Cantonese spellings add to a first syllable (``Hsiao-mei``, ``Tsz-hin``).
_OTHER_INITIAL = re.compile(r"hs|ts|tz")


def _given_syllables(first: str, last: str) -> bool:
    """``Min-jun``, ``Soo-ah``: the parts of a hyphenated Korean or Chinese given name, each a
    syllable (``Opt-in``, ``Add-on``, ``Drop-in``: ``in`` and ``on`` are syllables, ``Opt`` is none)."""
    first = first.lower()
    plain = first[2:] if _OTHER_INITIAL.match(first) else first
    syllable = bool(_ONE_SYLLABLE.fullmatch(plain) or _SPELT_SYLLABLE.fullmatch(plain)
                    or (plain != first and re.fullmatch(r"z|[aeiouy]+(?:ng|[a-z])?", plain)))
    return syllable and (bool(_ONE_SYLLABLE.fullmatch(last)) or bool(
        _SPELT_SYLLABLE.fullmatch(last) and _SPELT_SYLLABLE.fullmatch(first)))


#: Last parts of hyphenated words that make them English compounds, not double-barrelled names
#: (``self-hosted``, ``spreadsheet-driven``, ``memory-safe``; ``on-call`` and ``opt-in`` end with an
#: everyday word); not ``-ing`` (``Beesley-Starling``) nor ``-med`` (``al-Mohammed``).
_COMPOUND_TAIL = re.compile(r"[a-z]{3,}[^\Wm]ed|driven|written|made|built|known|run|born|wide|aware|safe"
                            r"|based|free|friendly|ready|proof|first|native|specific|heavy|only")


def _capitalised(word: str) -> str:
    """A lowercase word as it would be written capitalised if it were a name's: ``kate`` as ``Kate``,
    ``brandt-hughes`` as ``Brandt-Hughes``, but ``on-call`` as ``On-call`` (still no name word)."""
    first, *rest = re.split(f"(?=[{HYPHENS}])", word)
    parts = [first[:1].upper() + first[1:]]
    for part in rest:
        tail = part[1:]
        keep = not tail or _COMPOUND_TAIL.fullmatch(tail) or _everyday_word(tail)
        parts.append(part if keep else part[0] + tail[:1].upper() + tail[1:])
    return "".join(parts)


def is_name_word(word: str) -> bool:
    """One capitalised word of a name: ``Seán``, ``O'Neil``, ``Mary-Jane``, ``Ó``, ``J.``, ``d'Arcy``."""
    word = unicodedata.normalize("NFC", word)
    if word[:1].islower() and word not in PARTICLES and lowercase_post():
        word = _capitalised(word)  # "kate", "brandt-hughes" in a post written in lowercase (:mod:`.casing`)
    if not word or word.casefold() in NOT_NAME_WORDS or re.search(r"[a-z][" + APOSTROPHES + "]s$", word):
        return False  # a common word, or a possessive ("Developer’s Certificate")
    if caseless_word(word):
        if _HAN_OR_HANGUL.search(word) and len(word) > 4:
            return False  # Han and Hangul names are 1-4 characters a word: "파이프라인" is a word
        return (len(word) <= 12 and not any(_KANA.match(ch) for ch in word)) or whole_name_word(word)
    if _INITIALS.fullmatch(word):
        return all(ch.isupper() for ch in word if ch.isalpha())
    if word in ("St.", "Ste."):
        return True  # "Anna St. Clair"
    if _INITIAL_PAIR.fullmatch(word):
        return True  # "AJ Kowalski", "KJ Ostrowski": given names written as two initials
    core = word.lstrip(APOSTROPHES)
    prefix = _LOWER_PREFIX.match(core)
    if prefix and len(core) > prefix.end():
        rest = core[prefix.end():]
        if not rest[0].isupper():
            return False
    elif not core or not (core[0].isupper() or unicodedata.category(core[0]) == "Lt"):
        return False
    previous_sep = True
    for ch in core:
        if _is_letter(ch):
            previous_sep = False
        elif ch in APOSTROPHES or ch in HYPHENS:
            if previous_sep:
                return False
            previous_sep = True
        else:
            return False
    if previous_sep:
        return False
    parts = re.split(f"[{HYPHENS}]", core)
    last_part = parts[-1]
    if last_part is not core and last_part[:1].islower() and not _given_syllables(parts[-2], last_part):
        return False  # "On-call", "Spreadsheet-driven", "Memory-safe": words; "Min-jun", "Xiao-ming": names
    letters = [ch for ch in core if ch.isalpha()]
    if _INNER_CAPITALS.search(core):
        return False  # a product's name: PostgreSQL, NixOS
    return not (len(letters) >= 2 and all(ch.isupper() for ch in letters))  # an acronym: NASA, AWS


#: Endings of English words that are not given names (``Handling Changes``, ``Ephemeral Abstraction``).
_NOT_GIVEN_NAME = re.compile(r"[a-z]*[b-df-hj-np-tv-xz]{2}ing|[a-z]{2,}[aeiou][bcdfkprstvz]ing"
                             r"|[a-z]{3,}(?:tion|sion|ment|ness|ity|ism|ics|ogy|ful|less|able|ible|ive"
                             r"|ical|eral|ural|ated|ized|ised|ages|ures)")


#: Common words that are also names after the first word (``Nguyễn Văn An``, ``Lê Văn Do``).
_LATER_NAME_WORDS = frozenset({"An", "Do"})


_GERUND = re.compile(r"[a-z]{3,}ing")
#: A word made of Pinyin syllables (``Xiaoming``, ``Zhiping``): a Chinese given name, not a gerund.
_PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao"
                     r"|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v))+")


#: A speaker known by a handle: ``@tinytables`` (any case), or a lowercase one that no word of
#: prose looks like, with an underscore or digits (``kofi_builds``, ``jdoe42``); never ``v2`` or ``node.js``.
_HANDLE = re.compile(r"@[^\W_][\w.-]{0,38}(?<![.-])|[a-z]+(?:_[a-z0-9]+)+|[a-z]{3,}[0-9]+")


def is_handle(word: str) -> bool:
    """``word`` is a handle a speaker goes by (``@tinytables``, ``kofi_builds``): one name word."""
    return bool(_HANDLE.fullmatch(word))


#: How common (wordfreq's Zipf frequency, log10 of uses per billion words) every word of a "name"
#: must be for it to be everyday English instead: ``home`` (5.8), ``time`` (6.3), ``next`` (5.7),
#: ``year`` (6.0); surnames that are words are rarer (``young`` 5.4, ``king`` 5.2, ``hill`` 4.8).
EVERYDAY_ZIPF = 5.5


@functools.lru_cache(maxsize=4096)
def _everyday_word(word: str) -> bool:
    from wordfreq import zipf_frequency  # lazy: loading its word list costs ~0.3 s

    return bool(zipf_frequency(word.casefold(), "en") >= EVERYDAY_ZIPF)


#: How common (Zipf frequency) every word of a title-case list item must be for the item to read as
#: a topic rather than a person: ``Home Automation`` (automation 3.8), ``Tiny Printers`` (3.6),
#: ``Spreadsheet Archaeology`` (3.3); a name nearly always has a rarer word (``Elif Yıldız``, ``Endo``).
TOPIC_ZIPF = 3.0


@functools.lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(word.casefold(), "en") >= TOPIC_ZIPF)


def common_words_only(name: str) -> bool:
    """Every word of ``name`` is a common English word (:data:`TOPIC_ZIPF`): ``Home Automation``,
    but also ``John Smith`` and ``Ben Harrow``, so :func:`reads_as_topics` asks for more; a word
    in a script without letter case never is."""
    words = [w for w in name.split() if w.casefold() not in HONORIFICS]
    return bool(words) and all(not caseless_word(w) and _common_word(w) for w in words)


#: How rare (Zipf frequency) a word of a lowercase name must be, one word at least, for the name to
#: be believed in a capitalised post: ``lena`` 3.6, ``mcintyre`` 3.1, but not ``both fine`` (5.8,
#: 5.2), nor ``mark king`` (5.1, 5.2), which a capital letter alone can tell from words.
RARE_ZIPF = 4.5


def has_rare_word(name: str) -> bool:
    """Some word of ``name`` is rare in English (:data:`RARE_ZIPF`), as most names have one."""
    from wordfreq import zipf_frequency

    return any(caseless_word(w) or zipf_frequency(w.casefold(), "en") < RARE_ZIPF for w in name.split())


def _topic_word(word: str) -> bool:
    """A word that a topic has and a person's name does not: a lowercase word (``for``), or an
    ending no given name has (``Automation``, ``Networking``, ``Accessible``, ``Archaeology``)."""
    if word[:1].islower():
        return True
    lowered = word.casefold()
    return bool(_NOT_GIVEN_NAME.fullmatch(lowered) or _GERUND.fullmatch(lowered))


def reads_as_topics(items: list[str]) -> bool:
    """A list of title-case items (under a lightning heading) names topics, not presenters: every
    word of every item is common English, and at least half the items have a word no name has
    (``Home Automation``, ``Tiny Printers``, ``Mesh Networking for Villages``). Names of common
    words (``John Smith``, ``Sarah Jones``, ``Ben Harrow``) have none of those words."""
    if not items or not all(common_words_only(item) for item in items):
        return False
    marked = sum(1 for item in items if any(_topic_word(w) for w in item.split()))
    return 2 * marked >= len(items)


def _topic_in_lowercase(words: list[str]) -> bool:
    """Lowercase words, every one common English, one with an ending no name has (``mesh networking``,
    ``error messages``, ``further reading``): a topic, where capitals can't tell (``mark king`` has no
    such ending; ``john fielding`` has, and in a post written in lowercase reads as a topic too)."""
    return common_words_only(" ".join(words)) and any(
        _NOT_GIVEN_NAME.fullmatch(w) or (_GERUND.fullmatch(w) and not _PINYIN.fullmatch(w)) for w in words)


def is_person_name(name: str, min_words: int = 2) -> bool:
    """``name`` reads as one person's name with at least ``min_words`` name words (at most 4); a
    handle (:func:`is_handle`) is a name of one word."""
    if min_words <= 1 and is_handle(name.strip()):
        return True
    words = [w for w in name.split() if not _NICKNAME.fullmatch(w)]
    if not words or len(words) > 8:
        return False
    while words and words[0].casefold() in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1].casefold() in SUFFIXES:
        words = words[:-1]
    if not words or words[0] in PARTICLES or words[-1] in PARTICLES:
        return False
    core = [w for w in words if w not in PARTICLES]
    if not all(is_name_word(w) or (number and w in _LATER_NAME_WORDS) for number, w in enumerate(core)):
        return False
    given = re.split(f"[{HYPHENS}]", core[0])[-1]  # "Self-hosting": the last part says it
    lowered = given[:1].lower() + given[1:]
    if len(core) >= 2 and (_NOT_GIVEN_NAME.fullmatch(lowered) or (
            _GERUND.fullmatch(lowered) and not _PINYIN.fullmatch(lowered))):
        return False  # "Scaling Grafana", but "Xiaoming Wu" (Pinyin syllables)
    if len(core) >= 2 and all(_everyday_word(w) for w in core):
        return False  # "Home Time", "Next Year": everyday words, not a name ("Will Young" is one)
    if lowercase_post() and all(w.islower() for w in core) and _topic_in_lowercase(core):
        return False  # "mesh networking", "further reading" in a post written in lowercase
    count = len(core) + sum(1 for w in core if whole_name_word(w))
    if not min_words <= count <= 5 or len(core) > 4:
        return False
    last_letters = [ch for ch in core[-1] if ch.isalpha()]
    if len(last_letters) == 1 and core[-1].endswith(".") and len(core) == 2:
        return len([ch for ch in core[0] if ch.isalpha()]) >= 2  # "Jane D.": a name and an initial
    return len(last_letters) >= 2 or caseless_word(core[-1])


#: One-letter "and"s that are also particles inside names (``José Ortega y Gasset``).
_SHORT_AND = re.compile(r"\s+(?:y|e|i|a|en|ja)\s+")


def _split_short_and(part: str) -> list[str]:
    """``Lucía Fernández y Pablo Ortega`` is two people when both sides are full names."""
    pieces = _SHORT_AND.split(part)
    if len(pieces) == 2 and all(is_person_name(p, 2) for p in pieces):
        return pieces
    return [part]


_BRACKETS = re.compile(r"\([^()]*\)")


def _split_outside_brackets(text: str) -> list[str]:
    """``text`` split into names, but not inside brackets (``Ari Lindqvist (they/them)``)."""
    kept: list[str] = []

    def hide(found: re.Match[str]) -> str:
        kept.append(found.group())
        return f"\x00{len(kept) - 1}\x00"

    masked = _BRACKETS.sub(hide, text)
    return [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], part)
            for part in _LIST_SPLIT.split(masked)]


def split_speakers(text: str, min_words: int = 2) -> list[str] | None:
    """The speakers named by ``text`` (``A``, ``A and B``, ``A, B and C``, ``A & B``), or None.

    Every part must be a person's name, optionally followed by an affiliation in brackets
    (``Jane Doe (Catalyst IT)``, which is not part of the name) or holding a quoted nickname
    (``Jon “maddog” Hall``); spelling (accents, apostrophes, hyphens) is kept exactly.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    parts = [piece for part in _split_outside_brackets(cleaned) for piece in _split_short_and(part.strip())]
    if not parts or len(parts) > MAX_SPEAKERS or any(not p for p in parts):
        return None
    names = []
    for part in parts:
        affiliation = _AFFILIATION.fullmatch(part)  # "Jane Doe (Catalyst IT)": the name is "Jane Doe"
        name = affiliation.group("name") if affiliation else part
        if not is_person_name(name, min_words):
            return None
        names.append(name)
    return names
