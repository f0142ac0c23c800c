"""Transcripts (DOCX, TXT): split into Statements by speaker turn, or by paragraph.

A turn starts with a speaker label and a colon (`P03: …`, `Sokha: …`, `អ្នកសម្របសម្រួល៖ …`) and
continues over the following paragraphs that have no label. When fewer than two paragraphs start
with a label, every paragraph is a Statement of the Consultation without Participant.

Speakers become Participants of the Consultation. A label that looks like a code (`P03`,
`R-12`, `Participant 4`) is kept in the Participant's attributes as `speaker`; any other label
may be a person's name and is stored nowhere: the Participant is found again through a hash of
the label (its `source_key`) and gets a new code. Facilitator turns ("Facilitator",
"Interviewer", "Q", "អ្នកសម្របសម្រួល"…) are not Statements: their last words become the `question`
of the answers that follow. A Statement's `source_key` is a hash of its speaker and text (and
how many times that pair occurred before), so importing the same transcript again adds nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wpsnap.core.text import detect_language, search_text

from ..models import Participant, Statement
from ..services import next_participant_numbers, participant_code
from .report import ImportReport, entry
from .values import fold, looks_like_legacy_khmer, statement_language

SPEAKER = re.compile(r"^\s*(?P<label>[^\s:：៖][^:：៖\n]{0,39}?)\s*[:：៖]\s*(?P<text>.*)$", re.S)
FACILITATOR_WORDS = ("facilitator", "interviewer", "moderator", "fac", "int", "q", "question",
                     "note taker", "notetaker", "អ្នកសម្របសម្រួល", "អ្នកសម្ភាសន៍", "អ្នកសម្ភាស",
                     "សំណួរ", "អ្នកសួរ")
FACILITATOR = re.compile(
    r"^({})\s*[-_#]?\s*\d{{0,3}}$".format("|".join(re.escape(w) for w in FACILITATOR_WORDS)),
    re.IGNORECASE)
CODE = re.compile(r"^[A-Za-z]{1,4}\s?[-_#.]?\s?\d{1,4}[A-Za-z]?$")
ROLE = re.compile(r"^(respondent|participant|interviewee|speaker|woman|man|female|male|youth|"
                  r"official|answer|a|r|p|អ្នកចូលរួម|អ្នកឆ្លើយ)\s*[-_#]?\s*\d{0,4}$", re.IGNORECASE)


def speaker_kind(label: str) -> str | None:
    """"facilitator", "code", "name", or None when `label` cannot be a speaker label."""
    label = label.strip()
    if not label or len(label.split()) > 4 or not any(ch.isalpha() for ch in label):
        return None
    if re.search(r"[.?!,;()\"/\\]|https?|www", label):
        return None
    if FACILITATOR.match(label):
        return "facilitator"
    if CODE.match(label) or ROLE.match(label):
        return "code"
    return "name"


@dataclass
class Turn:
    paragraph: int  # 1-based number of the paragraph the turn starts in
    label: str | None
    kind: str | None  # "facilitator", "code", "name", or None (paragraph mode)
    text: str
    question: str = ""


@dataclass
class Turns:
    turns: list = field(default_factory=list)  # answers (facilitator turns excluded)
    preface: list = field(default_factory=list)  # paragraph numbers before the first speaker
    speakers: bool = False


def split_turns(paragraphs: list[str]) -> Turns:
    labelled = []
    for number, text in enumerate(paragraphs, start=1):
        match = SPEAKER.match(text) if text else None
        kind = speaker_kind(match.group("label")) if match else None
        labelled.append((number, text, match, kind))
    out = Turns(speakers=sum(1 for *_x, kind in labelled if kind) >= 2)
    if not out.speakers:
        out.turns = [Turn(n, None, None, t) for n, t, _m, _k in labelled if t.strip()]
        return out
    current: Turn | None = None
    question = ""
    all_turns: list[Turn] = []
    for number, text, match, kind in labelled:
        if not text.strip():
            continue
        if kind:
            current = Turn(number, match.group("label").strip(), kind,
                           match.group("text").strip())
            all_turns.append(current)
        elif current is not None:
            current.text = f"{current.text}\n{text.strip()}".strip()
        else:
            out.preface.append(number)
    for turn in all_turns:
        if turn.kind == "facilitator":
            question = turn.text
        elif turn.text:
            turn.question = question
            out.turns.append(turn)
    return out


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def import_transcript(plan, consultation, paragraphs: list[str], report: ImportReport, *,
                      dataset=None, progress=None, khmer: bool = True) -> None:
    parsed = split_turns(paragraphs)
    report.rows = len(parsed.turns)
    for number in parsed.preface:
        report.skip(entry("no_speaker", _(
            "Paragraph %(row)d comes before the first speaker label; it was not imported.")
            % {"row": number}, row=number))
    # Participants: one per speaker label, found again through a hash of the label
    speakers: dict[str, tuple[str, str]] = {}  # fold(label) -> (source_key, kind)
    for turn in parsed.turns:
        if turn.label and fold(turn.label) not in speakers:
            speakers[fold(turn.label)] = (
                f"t{consultation.pk}:{_hash(fold(turn.label))[:40]}", turn.kind)
    by_key = dict(Participant.objects.filter(
        plan=plan, source_key__in=[k for k, _kind in speakers.values()]).exclude(
        source_key="").values_list(
        "source_key", "id"))
    missing = [(folded, key, kind) for folded, (key, kind) in speakers.items()
               if key not in by_key]
    if missing:
        first = next_participant_numbers(plan, 1)[0]
        labels = {fold(t.label): t.label for t in parsed.turns if t.label}
        new = [Participant(plan=plan, code=participant_code(first + i), source_key=key,
                           attributes={"speaker": labels[folded]} if kind == "code" else {})
               for i, (folded, key, kind) in enumerate(missing)]
        Participant.objects.bulk_create(new)
        by_key.update({p.source_key: p.pk for p in new})
        report.participants_new = len(new)
    report.participants_existing = len(speakers) - len(missing)
    through = Participant.consultations.through
    through.objects.bulk_create([through(participant_id=pk, consultation_id=consultation.pk)
                                 for pk in by_key.values()], ignore_conflicts=True)
    blocked = set(Participant.objects.filter(pk__in=by_key.values()).exclude(
        consent__isnull=True).exclude(consent__given=True, consent__withdrawn_at__isnull=True)
        .values_list("pk", flat=True))
    if speakers:
        report.warn(entry("no_consent_column", _(
            "No consent column is mapped: consent was not recorded. Set it for each "
            "Participant before quoting them.")))
    seen: Counter = Counter()
    statements = []
    legacy = 0
    for done, turn in enumerate(parsed.turns, start=1):
        if progress and done % max(len(parsed.turns) // 100, 1) == 0:
            progress(done, len(parsed.turns))
        label = fold(turn.label) if turn.label else ""
        seen[(label, turn.text)] += 1
        participant_id = by_key[speakers[label][0]] if label else None
        if khmer and looks_like_legacy_khmer(turn.text):
            legacy += 1
            report.skip(entry("legacy_khmer_font", _(
                "Paragraph %(row)d was skipped: it looks like Khmer typed with a legacy "
                "(non-Unicode) font such as Limon. Convert it to Unicode and import again.")
                % {"row": turn.paragraph}, row=turn.paragraph))
            continue
        if participant_id in blocked:
            report.skip(entry("consent_withdrawn", _(
                "Paragraph %(row)d: the speaker has withdrawn or refused consent; it was not "
                "imported.") % {"row": turn.paragraph}, row=turn.paragraph))
            continue
        question = turn.question
        km = detect_language(question) == "km" if question else False
        statements.append(Statement(
            plan=plan, consultation=consultation, dataset=dataset, participant_id=participant_id,
            question=question[:255], question_label_en="" if km else question[:500],
            question_label_km=question[:500] if km else "", text=turn.text,
            language=statement_language(turn.text),
            search_text=search_text(turn.text),
            source_key=f"t:{_hash(label, turn.text, str(seen[(label, turn.text)]))[:48]}"))
        report.rows_imported += 1
    have = set(Statement.objects.filter(
        consultation=consultation, source_key__in=[s.source_key for s in statements],
    ).exclude(source_key="").values_list("source_key", flat=True))
    new_statements = [s for s in statements if s.source_key not in have]
    Statement.objects.bulk_create(new_statements, batch_size=500)
    report.statements_new = len(new_statements)
    report.statements_existing = len(statements) - len(new_statements)
    if legacy:
        report.warn(entry("legacy_khmer_font", _(
            "%(count)d rows were skipped because their text looks like Khmer typed with a "
            "legacy font (such as Limon) rather than Unicode.") % {"count": legacy},
            count=legacy))
    if progress:
        progress(len(parsed.turns), len(parsed.turns))
