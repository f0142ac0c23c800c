"""Text helpers shared by the importer and the search: language detection and Khmer-aware
search tokens.

Khmer is written without spaces between words, so a plain LIKE on a word finds it anywhere but
"contains" on a sentence cannot tell word boundaries, and English tokenisers see one long word.
`search_text()` returns a normalised, space-separated token string: Khmer runs are segmented
into words with khmercut, everything is case-folded and Unicode-normalised (NFC), so that
`search_text(query)` tokens can be matched as whole words inside `search_text(statement)`.
"""

import re
import unicodedata
from functools import lru_cache

KHMER_RE = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]")
KHMER_RUN_RE = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF\u200B\u200C\u200D]+")
WORD_RE = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]+|[^\W_]+", re.UNICODE)
ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\ufeff]")


def drop_zero_width(text: str) -> str:
    """Without zero-width spaces and joiners (a regex: far faster than str.translate)."""
    return ZERO_WIDTH_RE.sub("", text) if ZERO_WIDTH_RE.search(text) else text


# Letters of other scripts: word characters that are neither digits, "_" nor Khmer.
OTHER_LETTER_RE = re.compile(r"[^\W\d_\u1780-\u17FF\u19E0-\u19FF]")


def _letter_counts(text: str) -> tuple[int, int]:
    return len(KHMER_RE.findall(text)), len(OTHER_LETTER_RE.findall(text))


def khmer_share(text: str) -> float:
    """The share of letters in `text` that are Khmer (0.0 – 1.0)."""
    khmer, other = _letter_counts(text)
    return khmer / (khmer + other) if khmer + other else 0.0


def detect_language(text: str) -> str:
    """"km" when the text is mostly Khmer script, else "en" (or "" for text without letters)."""
    khmer, other = _letter_counts(text)
    if not khmer + other:
        return ""
    return "km" if khmer >= other else "en"


def normalise(text: str) -> str:
    return drop_zero_width(unicodedata.normalize("NFC", text)).casefold()


@lru_cache(maxsize=4096)
def _segment_khmer(run: str) -> tuple[str, ...]:
    from khmercut import tokenize

    return tuple(t for t in tokenize(run) if t.strip())


def tokens(text: str) -> list[str]:
    """Words of `text`: Khmer runs segmented by khmercut, other scripts split on non-letters."""
    out: list[str] = []
    text = normalise(text)
    pos = 0
    for match in KHMER_RUN_RE.finditer(text):
        out.extend(WORD_RE.findall(text[pos:match.start()]))
        out.extend(_segment_khmer(drop_zero_width(match.group())))
        pos = match.end()
    out.extend(WORD_RE.findall(text[pos:]))
    return [t for t in out if t]


def search_text(text: str) -> str:
    """The tokens of `text` joined by single spaces and wrapped in spaces (" a b c "), so a
    whole-word match is `LIKE '% word %'` and a phrase match is `LIKE '% w1 w2 %'`."""
    words = tokens(text)
    return f" {' '.join(words)} " if words else ""
