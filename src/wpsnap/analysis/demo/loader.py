"""Writes the demo Analyse into the demo Plan: the seeded Codebook (plus the analysts' own Code
for the cross-cutting pillar), the demo analysts' codings of the demo Statements, the pilot
double-coding sample, and the Findings with Evidence and Revisions.

Idempotent: Codings are decided from text and stable keys and written with
`bulk_create(ignore_conflicts=True)`; the sample and the Findings are written once (when the Plan
has none yet), so a second run adds nothing and leaves the analysts' later work alone.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from wpsnap.consultations.demo.content import (
    CONSULTATIONS,
    KOBO_CONSULTATION,
    TRANSCRIPT_CONSULTATION,
)
from wpsnap.consultations.demo.sentences import SENTENCES
from wpsnap.consultations.queries import visible_statements
from wpsnap.frameworks.models import FrameworkItem, Pillar, SecurityIssue

from ..models import AgreementSample, Code, Coding, Finding
from .annotations import IMPLEMENTATION_CODE
from .coding import SAMPLE_SIZE, SAMPLE_TITLE, UNCODED_SHARE, Reading, read, roll, second_coder
from .findings_content import FINDINGS, PRESENTED, FindingSpec

logger = logging.getLogger(__name__)

ANALYSTS = ("demo-analyst", "demo-analyst-2")
COORDINATOR = "demo-coordinator"
DEMO_CONSULTATIONS = tuple(spec.slug for spec in (*CONSULTATIONS, KOBO_CONSULTATION,
                                                   TRANSCRIPT_CONSULTATION))
REVISION_NOTE = "Wording tightened after the analysts' review of the evidence."


class DemoAnalysisError(Exception):
    """The demo Analyse cannot be loaded (e.g. the demo users or Statements are missing)."""


@dataclass
class Read:
    """A demo Statement and how the analysts read it."""

    statement: object
    reading: Reading
    codes: set[str] = field(default_factory=set)  # final-layer Code keys (after loading)


def _users():
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=[*ANALYSTS, COORDINATOR])}
    missing = [name for name in ANALYSTS if name not in users]
    if missing:
        raise DemoAnalysisError(f"The demo users {', '.join(missing)} are missing: run "
                                "`wpsnap load_demo`.")
    return [users[name] for name in ANALYSTS], users.get(COORDINATOR)


def _codebook(plan, analyst) -> tuple[dict[str, Code], int]:
    """Seed the Codebook; add the analysts' own implementation Code. {key: live Code}."""
    from ..services.codebook import seed_codebook

    created = seed_codebook(plan)
    spec = dict(IMPLEMENTATION_CODE)
    key = spec.pop("key")
    pillar = Pillar.objects.filter(key=spec.pop("pillar")).first()
    if not Code.objects.filter(plan=plan, key=key).exists():
        parent = Code.objects.filter(plan=plan, key="wps-pillars").first()
        order = Code.objects.filter(plan=plan, parent=parent).count()
        Code.objects.create(plan=plan, key=key, parent=parent, order=order, pillar=pillar,
                            created_by=analyst, **spec)
        created += 1
    codes = {code.pk: code for code in Code.objects.filter(plan=plan)}
    live = {}
    for code in codes.values():
        target, seen = code, set()
        while target.merged_into_id and target.pk not in seen:  # a demo Code merged later
            seen.add(target.pk)
            target = codes.get(target.merged_into_id, target)
        if target.archived_at is None:
            live[code.key] = target
    return live, created


def _statements(plan) -> list:
    return list(visible_statements(plan)
                .filter(consultation__slug__in=DEMO_CONSULTATIONS)
                .select_related("consultation").order_by("id"))


def _sample(plan, readings: list[Read], analysts, coordinator, codes) -> tuple[object, int]:
    """The pilot double-coding sample (made once): both coders finished, realistic
    disagreement, still open. Returns (sample, blind codings created)."""
    from ..services.agreement import create_sample

    sample = AgreementSample.objects.filter(plan=plan, title=SAMPLE_TITLE).first()
    if sample is not None:
        return sample, 0
    eligible = [r for r in readings if r.reading.kind == "sentence"
                and any(c in codes for c in r.reading.codes)]
    eligible.sort(key=lambda r: roll(r.statement.source_key or "", "sample"))
    chosen = eligible[:SAMPLE_SIZE]
    coder_a, coder_b = analysts
    sample = create_sample(plan, title=SAMPLE_TITLE, coder_a=coder_a, coder_b=coder_b,
                           size=len(chosen), statements=[r.statement for r in chosen],
                           by=coordinator, seed=2026)
    rows = []
    for r in chosen:
        statement, key = r.statement, r.statement.source_key or ""
        first = [c for c in r.reading.codes if c in codes]
        for coder, keys in ((coder_a, first), (coder_b, second_coder(key, first))):
            for code_key in keys:
                if code_key not in codes:
                    continue
                rows.append(Coding(plan=plan, statement=statement, code=codes[code_key],
                                   coder=coder, sample=sample, start=0,
                                   end=len(statement.text)))
    Coding.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return sample, len(rows)


def _final_codings(plan, readings: list[Read], analysts, codes, skip_ids: set[int]) -> int:
    """The final layer: most demo Statements coded, ~8% left for the queue."""
    rows = []
    for r in readings:
        statement = r.statement
        if statement.pk in skip_ids:
            continue
        key = statement.source_key or str(statement.pk)
        if r.reading.kind != "transcript" and roll(key, "uncoded") < UNCODED_SHARE:
            continue  # left for the queue (the transcript was coded in full)
        coder = analysts[0] if roll(statement.consultation.slug, "coder") < 0.55 else analysts[1]
        length = len(statement.text)
        for span in r.reading.spans:
            code = codes.get(span.code)
            if code is None:
                continue
            end = length if span.end is None else min(span.end, length)
            start = min(span.start, end)
            rows.append(Coding(plan=plan, statement=statement, code=code, coder=coder,
                               start=start, end=end, memo=span.memo,
                               source=Coding.Source.MANUAL))
    before = Coding.objects.filter(plan=plan, sample__isnull=True).count()
    Coding.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return Coding.objects.filter(plan=plan, sample__isnull=True).count() - before


# --- Findings -----------------------------------------------------------------------------------

def _indices(fragments) -> set[int]:
    """The demo sentences whose English text contains one of `fragments`."""
    return {i for i, (_issue, english, _km) in enumerate(SENTENCES)
            if any(fragment in english for fragment in fragments)}


def _says(r: Read, fragment: str) -> bool:
    """Was the Statement built from a sentence containing `fragment`, or does it contain it?"""
    return bool(_indices([fragment]) & set(r.reading.sentences)) or fragment in r.statement.text


def _evidence_for(spec: FindingSpec, number: int, readings: list[Read]) -> list[Read]:
    """The Statements the analysts attach: one for each point the Finding makes (`match`) first,
    then more of the same, spread over Consultations ("wide") or from as few as possible."""
    salt = f"finding-{number}"

    def order(r: Read) -> float:
        return roll(r.statement.source_key or "", salt)

    candidates = sorted((r for r in readings if r.codes & set(spec.codes)
                         and (not spec.consultations
                              or r.statement.consultation.slug in spec.consultations)),
                        key=order)
    chosen: list[Read] = []
    for fragment in spec.match:  # every point made has evidence
        first = next((r for r in candidates if r not in chosen and _says(r, fragment)), None)
        if first is not None:
            chosen.append(first)
    hits = [r for r in candidates if r not in chosen
            and (not spec.match or any(_says(r, f) for f in spec.match))]
    if spec.consultations:  # a few interviews: what matches, then the rest of what they said
        rest = [r for r in candidates if r not in chosen and r not in hits]
        return (chosen + hits + rest)[: spec.n]
    by_consultation: dict[str, list[Read]] = defaultdict(list)
    for r in hits:
        by_consultation[r.statement.consultation.slug].append(r)
    if spec.spread == "narrow":
        groups = sorted(by_consultation.values(),
                        key=lambda rs: (-len(rs), rs[0].statement.consultation.slug))
        for rs in groups:
            chosen += rs[: max(0, spec.n - len(chosen))]
        return chosen[: spec.n]
    queues = sorted(by_consultation.values(),
                    key=lambda rs: roll(rs[0].statement.consultation.slug, salt))
    while len(chosen) < spec.n and any(queues):
        for queue in queues:
            if queue and len(chosen) < spec.n:
                chosen.append(queue.pop(0))
    return chosen[: spec.n]


def _items(keys) -> list:
    found = {}
    for item in (FrameworkItem.objects.filter(key__in=list(keys), framework__plan__isnull=True)
                 .order_by("id")):
        found.setdefault(item.key, item)
    missing = [k for k in keys if k not in found]
    if missing:
        logger.warning("demo Findings: reference items not found: %s", ", ".join(missing))
    return [found[k] for k in keys if k in found]


def _findings(plan, readings: list[Read], analysts, codes) -> tuple[int, int]:
    """~20 Findings with Evidence (written once: not when the Plan has Findings already)."""
    from ..services.findings import attach_evidence, create_finding, set_status, update_finding

    if Finding.objects.filter(plan=plan).exists():
        return 0, 0
    final = defaultdict(dict)  # statement id → {code key: Coding}
    for coding in (Coding.objects.filter(plan=plan, sample__isnull=True)
                   .select_related("code").order_by("id")):
        final[coding.statement_id].setdefault(coding.code.key, coding)
    for r in readings:
        r.codes = set(final.get(r.statement.pk, {}))
    pillars = {p.key: p for p in Pillar.objects.all()}
    issues = {i.key: i for i in SecurityIssue.objects.all()}
    made = evidence = 0
    for number, spec in enumerate(FINDINGS, start=1):
        author = analysts[spec.author]
        first = spec.first_draft or spec.wording
        finding = create_finding(
            plan, by=author, kind=spec.kind,
            title_en=first.title_en, title_km=first.title_km,
            text_en=first.text_en, text_km=first.text_km,
            pillars=[pillars[k] for k in spec.pillars if k in pillars],
            security_issues=[issues[k] for k in spec.issues if k in issues],
            alignments=_items(spec.alignments))
        made += 1
        if spec.first_draft is not None:
            w = spec.wording
            finding = update_finding(finding, by=analysts[1 - spec.author], title_en=w.title_en,
                                     title_km=w.title_km, text_en=w.text_en, text_km=w.text_km,
                                     note=REVISION_NOTE)
        for r in _evidence_for(spec, number, readings):
            coding = next((final[r.statement.pk][k] for k in spec.codes
                           if k in final[r.statement.pk]), None)
            attach_evidence(finding, r.statement, coding=coding, by=author)
            evidence += 1
        if spec.status == PRESENTED:
            set_status(finding, PRESENTED, author)
    return made, evidence


def load(plan) -> dict:
    """Everything but the assistant's training (see `wpsnap.analysis.demo.load`)."""
    analysts, coordinator = _users()
    codes, codes_new = _codebook(plan, analysts[0])
    statements = _statements(plan)
    if not statements:
        raise DemoAnalysisError("The demo Plan has no demo Statements: load the demo Consult "
                                "first.")
    readings = []
    for statement in statements:
        reading = read(statement)
        if reading is not None and reading.spans:
            readings.append(Read(statement, reading))
    sample, blind_new = _sample(plan, readings, analysts, coordinator or analysts[0], codes)
    in_sample = set(sample.statements.values_list("id", flat=True))
    codings_new = _final_codings(plan, readings, analysts, codes, in_sample)
    findings_new, evidence_new = _findings(plan, readings, analysts, codes)
    coded_ids = set(Coding.objects.filter(plan=plan, sample__isnull=True)
                    .values_list("statement_id", flat=True))
    demo_ids = {s.pk for s in statements}
    return {
        "codes": Code.objects.filter(plan=plan).count(),
        "codes_new": codes_new,
        "coded_statements": len(coded_ids),
        "codings": Coding.objects.filter(plan=plan, sample__isnull=True).count(),
        "codings_new": codings_new,
        "sample_id": sample.pk,
        "sample_statements": len(in_sample),
        "blind_codings_new": blind_new,
        "findings": Finding.objects.filter(plan=plan).count(),
        "findings_new": findings_new,
        "evidence_new": evidence_new,
        "statements": len(statements),
        "uncoded": len(demo_ids - coded_ids - in_sample),
    }
