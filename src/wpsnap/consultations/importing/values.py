"""Value normalisers: answers as exported -> the fixed vocabularies of Participant, Areas,
consent, and clean text. Each normaliser returns the vocabulary value, or None when the answer
matches nothing (the caller keeps it as a raw attribute and warns once)."""

from __future__ import annotations

import re
import unicodedata

from ..models import Participant

_X_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SPACES = re.compile(r"[\s_\-–—.,/()]+")


def clean_text(value: str) -> str:
    """Undo Excel's `_xHHHH_` escapes (Kobo's `_x000D_` for CR), make every line end `\\n`,
    strip the ends."""
    if "_x" in value:
        value = _X_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


# Khmer spelling variants (see `provinces_notes` in frameworks/data/wps_frameworks.yaml):
# subscript DA written for subscript TA (ឧត្ដរ/ឧត្តរ), the optional final mark ៍ (ពោធិ៍សាត់),
# zero-width spaces and joiners.
_KHMER_FOLD = {
    "\u17d2\u178a": "\u17d2\u178f",  # ្ដ -> ្ត
}
_DROP_RE = re.compile("[\u17cd\u200b\u200c\u200d\ufeff]")


def fold(value: str) -> str:
    """The form of a word used for matching: NFC, case-folded, Khmer variants unified, and
    spaces, underscores, hyphens and punctuation removed (so "Siem Reap" == "siemreap" ==
    "siem_reap")."""
    value = _DROP_RE.sub("", unicodedata.normalize("NFC", str(value))).casefold()
    for variant, canonical in _KHMER_FOLD.items():
        value = value.replace(variant, canonical)
    return _SPACES.sub("", value)


def _table(pairs: dict[str, list[str]]) -> dict[str, str]:
    out = {}
    for target, words in pairs.items():
        out[fold(target)] = target
        for word in words:
            out[fold(word)] = target
    return out


SEX = _table({
    Participant.Sex.FEMALE: ["f", "woman", "women", "girl", "femme", "ស្រី", "នារី", "ស្ត្រី",
                             "ភេទស្រី"],
    Participant.Sex.MALE: ["m", "man", "men", "boy", "homme", "ប្រុស", "បុរស", "ភេទប្រុស"],
    Participant.Sex.OTHER: ["another identity", "another", "non-binary", "nonbinary", "third",
                            "ផ្សេងទៀត", "ផ្សេងៗ"],
    Participant.Sex.UNKNOWN: ["not stated", "prefer not to say", "no answer", "n/a", "na",
                              "unknown", "មិនបញ្ជាក់"],
})
DISABILITY = _table({
    Participant.Disability.YES: ["y", "true", "1", "disabled", "with disability", "បាទ", "ចាស",
                                 "បាទ/ចាស", "មាន", "person with disability", "pwd"],
    Participant.Disability.NO: ["n", "false", "0", "none", "no disability", "ទេ", "គ្មាន", "អត់"],
    Participant.Disability.UNKNOWN: ["not stated", "prefer not to say", "unknown", "don't know",
                                     "dont know"],
})
STAKEHOLDER = _table({
    "women": ["woman", "women and girls", "community women", "community_women", "girls",
              "ស្ត្រី", "ស្ត្រីសហគមន៍", "នារី"],
    "youth": ["young people", "young", "youth group", "យុវជន", "យុវនារី"],
    "marginalised": ["marginalized", "marginalised groups", "person with disability",
                     "persons with disabilities", "pwd", "ethnic minority", "indigenous",
                     "lgbt", "lgbtiq", "ជនមានពិការភាព", "ជនជាតិដើមភាគតិច"],
    "government": ["government official", "official", "national official", "ministry",
                   "មន្ត្រីរាជការ", "មន្ត្រី"],
    "subnational": ["sub-national authority", "subnational authority", "local official",
                    "local authority", "commune official", "district official",
                    "provincial official", "មន្ត្រីមូលដ្ឋាន", "អាជ្ញាធរមូលដ្ឋាន"],
    "civil_society": ["civil society", "cso", "ngo", "ngo staff", "civil society / ngo",
                      "បុគ្គលិកអង្គការមិនមែនរដ្ឋាភិបាល", "អង្គការសង្គមស៊ីវិល"],
    "un_partner": ["un", "un agency", "development partner", "un or development partner",
                   "donor"],
    "academic": ["academia", "research", "researcher", "university", "academic / research"],
    "community_leader": ["community leader", "village chief", "religious leader", "មេភូមិ"],
    "security_sector": ["police", "military", "army", "security", "ប៉ូលិស", "កងទ័ព"],
    "private_sector": ["business", "private", "company", "ឯកជន"],
    "other": ["others", "ផ្សេងទៀត"],
})
YES = {fold(w) for w in ("yes", "y", "1", "true", "agree", "agreed", "consent", "i agree",
                         "បាទ", "ចាស", "បាទ/ចាស", "យល់ព្រម")}

AGE_BANDS = [
    (0, 17, Participant.AgeBand.UNDER_18), (18, 24, Participant.AgeBand.A18_24),
    (25, 34, Participant.AgeBand.A25_34), (35, 44, Participant.AgeBand.A35_44),
    (45, 59, Participant.AgeBand.A45_59), (60, 130, Participant.AgeBand.A60_PLUS),
]
_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_NUMBER = re.compile(r"^\d{1,3}(?:\.0+)?$")
_RANGE = re.compile(r"^(\d{1,3})\s*(?:-|–|—|to|_|ដល់)\s*(\d{1,3})$")
_PLUS = re.compile(r"^(?:(\d{1,3})\s*(?:\+|and over|and above|or over|or older|plus)"
                   r"|(?:over|above|>=?)\s*(\d{1,3}))$")
_UNDER = re.compile(r"^(?:under|below|less than|<)\s*(\d{1,3})$")


def _band_of(age: int) -> str | None:
    for low, high, band in AGE_BANDS:
        if low <= age <= high:
            return band
    return None


def age_band(value: str) -> str | None:
    """Ages as numbers become bands; band codes and labels ("18-24", "60+", "under 18") too."""
    text = " ".join(str(value).translate(_KHMER_DIGITS).casefold().split())
    if not text:
        return Participant.AgeBand.UNKNOWN
    if text in Participant.AgeBand.values:
        return text
    if _NUMBER.match(text):
        return _band_of(int(float(text)))
    if match := _RANGE.match(text):
        low, high = int(match.group(1)), int(match.group(2))
        for a, b, band in AGE_BANDS:
            if (a, b) == (low, high) or (band == Participant.AgeBand.A60_PLUS and low == 60):
                return band
        return None
    if match := _PLUS.match(text):
        return Participant.AgeBand.A60_PLUS if int(match.group(1) or match.group(2)) == 60 \
            else None
    if match := _UNDER.match(text):
        return Participant.AgeBand.UNDER_18 if int(match.group(1)) == 18 else None
    return {fold("not stated"): Participant.AgeBand.UNKNOWN,
            fold("unknown"): Participant.AgeBand.UNKNOWN}.get(fold(text))


def sex(value: str) -> str | None:
    return SEX.get(fold(value)) if str(value).strip() else Participant.Sex.UNKNOWN


def disability(value: str) -> str | None:
    return DISABILITY.get(fold(value)) if str(value).strip() else Participant.Disability.UNKNOWN


def stakeholder_group(value: str) -> str | None:
    return STAKEHOLDER.get(fold(value)) if str(value).strip() else ""


def is_yes(value: str, yes: str | None = None) -> bool:
    if yes is not None and str(yes).strip():
        return fold(value) == fold(yes)
    return fold(value) in YES


_PREFIXES = [fold(p) for p in ("province", "capital", "khaet", "ខេត្ត", "រាជធានី", "ក្រុង")]


class AreaMatcher:
    """Areas by official code, English name, alias, or Khmer name (full or short), folded so
    that case, spaces, hyphens and Khmer spelling variants do not matter."""

    def __init__(self, areas=None):
        from wpsnap.frameworks.models import Area

        self.table: dict[str, object] = {}
        for area in areas if areas is not None else Area.objects.filter(country="KH"):
            self.table.setdefault(fold(area.code), area)
            if area.code.isdigit():
                self.table.setdefault(fold(f"kh{area.code}"), area)
            for name in [area.name_en, area.name_km, area.name_km_short, *(area.aliases or [])]:
                if name:
                    self.table.setdefault(fold(name), area)
                    self.table.setdefault(self._strip(fold(name)), area)

    @staticmethod
    def _strip(key: str) -> str:
        for prefix in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                return key[len(prefix):]
            if key.endswith(prefix) and len(key) > len(prefix):
                return key[:-len(prefix)]
        return key

    def match(self, value: str):
        text = str(value).strip().translate(_KHMER_DIGITS)
        if not text:
            return None
        if re.fullmatch(r"\d{1,2}(?:\.0+)?", text):
            text = f"{int(float(text)):02d}"
        key = fold(text)
        return self.table.get(key) or self.table.get(self._strip(key))


# --- legacy (non-Unicode) Khmer fonts ---------------------------------------------------------
#
# Limon and similar fonts put Khmer glyphs on Latin code points, so text typed with them and
# exported is Latin "gibberish" such as "RksYgkic©karnaCn )anpþl;esva". The heuristic (used only
# when the Consultation or the form is Khmer) looks at the words of an answer written without
# any Khmer letter and counts the words that English (or French, or romanised Khmer) never
# produces:
#   * an upper-case letter right after a lower-case one inside the word ("RksYg", "esvaCUn"),
#   * a symbol between two letters other than ' - . & ("pþl;esva", "e)aH"),
#   * a Latin-1 symbol or rare letter that Limon uses for glyphs (© ¬ þ ñ ú … "kic©").
# An answer of at least 3 words of which 40 % or more are such words is reported as legacy
# font text.

_CASE_SWITCH = re.compile(r"[a-z][A-Z]")
_INNER_SYMBOL = re.compile(r"[A-Za-z][^\sA-Za-z0-9'\-.&’][A-Za-z]")
_LIMON_CHARS = re.compile(r"[\u00a1-\u00bf\u00d7\u00f7\u00fe\u00de\u00f1\u00fa\u00e0-\u00e5]")
_KHMER = re.compile(r"[\u1780-\u17ff]")
_LATIN = re.compile(r"[A-Za-z]")


# Any of the three signs anywhere in the text: a word has one only if the text has one (the
# signs lie inside a word, between letters, and never span whitespace), so a text without any
# is not legacy font text and needs no look at its words.
_ANY_SIGN = re.compile(f"{_CASE_SWITCH.pattern}|{_INNER_SYMBOL.pattern}|{_LIMON_CHARS.pattern}")


def looks_like_legacy_khmer(text: str) -> bool:
    if _KHMER.search(text) or not _ANY_SIGN.search(text):
        return False
    words = [w.strip(".,;:!?\"'()[]") for w in text.split()]
    words = [w for w in words if len(w) >= 2 and _LATIN.search(w)]
    if len(words) < 3:
        return False
    odd = sum(1 for w in words if _CASE_SWITCH.search(w) or _INNER_SYMBOL.search(w)
              or _LIMON_CHARS.search(w))
    return odd / len(words) >= 0.4


# --- language ---------------------------------------------------------------------------------

def statement_language(text: str) -> str:
    """A Statement's language: `wpsnap.core.text.detect_language`, and "other" for text
    without letters."""
    from wpsnap.core.text import detect_language

    return detect_language(text) or "other"
