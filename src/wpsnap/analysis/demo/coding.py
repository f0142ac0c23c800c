"""The demo analysts' coding of the demo Consult: which Codes each demo Statement gets (in the
Plan's final layer), and the blind double coding of the pilot sample.

Everything is decided from a Statement's text and its stable source key (`roll`), never from
database ids or the order rows come in, so a second run decides exactly the same thing and
`bulk_create(ignore_conflicts=True)` adds nothing.
"""

import hashlib
import re
from dataclasses import dataclass, field

from wpsnap.consultations.demo.content import TRANSCRIPT_CONSULTATION
from wpsnap.consultations.demo.kobo import NEWLINE_ANSWER_KM
from wpsnap.consultations.demo.sentences import GENERAL, SENTENCES, WHAT_HELPS

from .annotations import (
    NEAR_MISS,
    NEWLINE_ANSWER_CODES,
    SENTENCE_CODES,
    TRANSCRIPT_CODES,
    WHAT_HELPS_CODES,
)

SEED = "wpsnap-demo-analysis-2026"
UNCODED_SHARE = 0.08  # left for the queue (besides answers with nothing to code)
SECOND_PILLAR_SHARE = 0.5  # two-part Statements whose parts speak to different Pillars
EXTRA_ISSUE_SHARE = 0.7  # a sentence's second Security issue is coded
SPAN_SHARE = 0.35  # two-part Statements coded part by part rather than whole
SAMPLE_TITLE = "Pilot double coding"
SAMPLE_SIZE = 60
# The second coder of the pilot: swaps a Code for its near miss, leaves one out, adds one.
B_SWAP, B_OMIT, B_ADD = 0.2, 0.06, 0.08

SLOT_RE = re.compile(r"\{\w+\}")


def roll(*parts: str) -> float:
    """A number in [0, 1) fixed by `parts` (and the seed): the same on every run and database."""
    digest = hashlib.sha256("|".join((SEED, *parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass(frozen=True)
class Span:
    code: str  # Code key
    start: int = 0
    end: int | None = None  # None: to the end of the text
    memo: str = ""


@dataclass
class Reading:
    """What an analyst reads in one Statement: its Codes, and the sentences it was built from."""

    spans: list[Span] = field(default_factory=list)
    sentences: tuple[int, ...] = ()  # indices into SENTENCES (empty: not from a sentence)
    kind: str = "sentence"  # sentence | what_helps | transcript

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(span.code for span in self.spans))


def _annotation(index: int) -> tuple[str, str | None]:
    english = SENTENCES[index][1]
    found = [value for fragment, value in SENTENCE_CODES.items() if fragment in english]
    if len(found) != 1:
        raise LookupError(f"sentence {index} has {len(found)} annotations: {english!r}")
    return found[0]


def _fragment(template: str, *, english: bool) -> str:
    """The longest fixed part of a sentence template (slots and a first letter whose case the
    renderer may change left out): found in every Statement rendered from it."""
    parts = SLOT_RE.split(template)
    if english and parts:
        parts[0] = parts[0][1:]
    return max((p.strip() for p in parts), key=len)


def _fragments() -> list[tuple[int, str]]:
    out = []
    for index, (_issue, english, khmer) in enumerate(SENTENCES):
        out.append((index, _fragment(english, english=True)))
        out.append((index, _fragment(khmer, english=False)))
    return out


FRAGMENTS = _fragments()


def sentences_in(text: str) -> list[tuple[int, int]]:
    """(position, sentence index) of each demo sentence found in `text`, in reading order."""
    found = {}
    for index, fragment in FRAGMENTS:
        position = text.find(fragment)
        if position >= 0 and (index not in found or position < found[index]):
            found[index] = position
    return sorted((position, index) for index, position in found.items())


def _part_start(text: str, position: int) -> int:
    """Where the sentence whose fixed part is at `position` begins: after the previous full
    stop (English or Khmer) and its space."""
    stops = [text.rfind(stop, 0, position) for stop in (". ", "។ ", "? ", "! ")]
    best = max(stops)
    return 0 if best < 0 else best + 2


def _sentence_reading(key: str, text: str, found: list[tuple[int, int]]) -> Reading:
    indices = [index for _position, index in found][:2]
    spans: list[Span] = []
    by_part = len(indices) == 2 and roll(key, "span") < SPAN_SHARE
    boundary = _part_start(text, found[1][0]) if len(indices) == 2 else len(text)
    pillars = []
    for number, index in enumerate(indices):
        issue = SENTENCES[index][0]
        pillar, extra = _annotation(index)
        pillars.append(pillar)
        start, end = ((0, boundary) if number == 0 else (boundary, None)) if by_part else (0, None)
        if issue != GENERAL:
            spans.append(Span(issue, start, end))
        if extra and roll(key, "extra", str(index)) < EXTRA_ISSUE_SHARE:
            spans.append(Span(extra, start, end))
    spans.append(Span(pillars[0]))
    if len(pillars) == 2 and pillars[1] != pillars[0] and roll(key, "pillar2") < (
            SECOND_PILLAR_SHARE):
        spans.append(Span(pillars[1]))
    unique = list(dict.fromkeys(spans))
    # The same Code on both parts of a two-part Statement: one whole-Statement coding.
    codes = [span.code for span in unique]
    unique = [span if codes.count(span.code) == 1 else Span(span.code) for span in unique]
    return Reading(spans=list(dict.fromkeys(unique)), sentences=tuple(indices))


def _what_helps(text: str) -> Reading | None:
    flat = " ".join(text.split())
    if flat == " ".join(NEWLINE_ANSWER_KM.split()):
        return Reading(spans=[Span(code) for code in NEWLINE_ANSWER_CODES], kind="what_helps")
    for english, khmer in WHAT_HELPS:
        if flat in (english, khmer):
            codes = WHAT_HELPS_CODES.get(english, ())
            return Reading(spans=[Span(code) for code in codes], kind="what_helps")
    return None


def _transcript(text: str) -> Reading | None:
    for opening, codings in TRANSCRIPT_CODES.items():
        answer = text.find(opening)
        if answer < 0:
            continue
        spans = []
        for code, words, memo in codings:
            start = text.find(words, answer) if words else answer
            spans.append(Span(code, max(start, answer), None, memo))
        return Reading(spans=spans, kind="transcript")
    return None


def read(statement) -> Reading | None:
    """How the demo analysts code `statement` (None: not a demo Statement they recognise)."""
    text = statement.text or ""
    if statement.consultation.slug == TRANSCRIPT_CONSULTATION.slug:
        return _transcript(text)
    found = sentences_in(text)
    if found:
        return _sentence_reading(statement.source_key or str(statement.pk), text, found)
    return _what_helps(text)


def second_coder(key: str, codes: list[str]) -> list[str]:
    """The second coder's Codes for a sample Statement the first coded `codes`: mostly the same,
    sometimes a near miss, a Code left out or one added."""
    out = []
    for code in codes:
        r = roll(key, "b", code)
        if r < B_SWAP and NEAR_MISS.get(code):
            out.append(NEAR_MISS[code])
        elif r < B_SWAP + B_OMIT and len(codes) > 1:
            continue
        else:
            out.append(code)
    if codes and roll(key, "b-add") < B_ADD and NEAR_MISS.get(codes[0]):
        out.append(NEAR_MISS[codes[0]])
    return list(dict.fromkeys(out))
