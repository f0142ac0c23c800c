"""Writes the demo Consult into a Plan: Consultations, Participants with Consent, Statements,
and two files imported through the real importer. Idempotent: rows are keyed by slug and source
key, only missing ones are created, and a file already imported is not imported again."""

import datetime as dt
import hashlib
import json
from pathlib import Path

from django.db import transaction

from wpsnap.core.text import search_text
from wpsnap.frameworks.models import Area
from wpsnap.plans.models import Organisation

from ..models import Consent, Consultation, Dataset, Participant, Statement
from ..services import next_participant_numbers, participant_code
from .content import (
    KOBO_CONSULTATION,
    PROVINCES,
    SOURCE_PREFIX,
    TRANSCRIPT_CONSULTATION,
    ConsultationSpec,
    generate,
)

DATA = Path(__file__).resolve().parent / "data"
KOBO_FILE = DATA / "provincial_survey_kobo.xlsx"
KOBO_FORM = DATA / "provincial_survey_form.xlsx"
KOBO_MAPPING = DATA / "provincial_survey_mapping.json"
TRANSCRIPT_FILE = DATA / "fgd_transcript_anlong_veng.docx"
WITHDRAWN_AT = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)

# What the facilitator's attendance sheet says about the transcript's speakers (filled in after
# the import, only where the importer left the default).
TRANSCRIPT_SPEAKERS = {
    "P01": {"sex": "female", "age_band": "45_59", "stakeholder_group": "women",
            "disability": "no"},
    "P02": {"sex": "female", "age_band": "35_44", "stakeholder_group": "women",
            "disability": "no"},
    "P03": {"sex": "female", "age_band": "25_34", "stakeholder_group": "civil_society",
            "disability": "no", "organisation_type": "ngo_cso"},
    "P04": {"sex": "female", "age_band": "35_44", "stakeholder_group": "community_leader",
            "disability": "no"},
    "P05": {"sex": "female", "age_band": "45_59", "stakeholder_group": "women",
            "disability": "no"},
    "P06": {"sex": "female", "age_band": "18_24", "stakeholder_group": "youth",
            "disability": "no"},
    "P07": {"sex": "female", "age_band": "60_plus", "stakeholder_group": "marginalised",
            "disability": "yes"},
}


class DemoDataError(Exception):
    """The demo data cannot be loaded (e.g. the reference library is missing)."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _organisations(plan) -> dict[str, Organisation]:
    out = {}
    for org in Organisation.objects.filter(plan=plan):
        out.setdefault(org.name_en, org)
        if org.abbreviation:
            out.setdefault(org.abbreviation, org)
    return out


def _consultation(plan, spec: ConsultationSpec, areas, orgs) -> tuple[Consultation, bool]:
    values = {"kind": spec.kind, "title_en": spec.title_en, "title_km": spec.title_km,
              "date": spec.date, "area": areas.get(spec.area) if spec.area else None,
              "language": spec.language, "facilitator": spec.facilitator, "notes": spec.notes}
    consultation = Consultation.objects.filter(plan=plan, slug=spec.slug).first()
    created = consultation is None
    if created:
        consultation = Consultation.objects.create(plan=plan, slug=spec.slug, **values)
    else:
        changed = [name for name, value in values.items()
                   if getattr(consultation, name) != value]
        if changed:
            for name in changed:
                setattr(consultation, name, values[name])
            consultation.save(update_fields=[*changed, "updated_at"])
    wanted = {orgs[name].pk for name in spec.organisations if name in orgs}
    have = set(consultation.organisations.values_list("pk", flat=True))
    if wanted - have:
        consultation.organisations.add(*(wanted - have))
    return consultation, created


@transaction.atomic
def load_direct(plan) -> dict:
    """The Consultations, Participants, Consent and Statements created directly."""
    areas = {a.code: a for a in Area.objects.filter(country="KH", code__in=PROVINCES)}
    if len(areas) < len(PROVINCES):
        raise DemoDataError("The provinces are missing: load the reference library first "
                            "(wpsnap load_reference).")
    orgs = _organisations(plan)
    specs, people, said = generate()
    consultations, new_consultations = {}, 0
    for spec in [*specs, KOBO_CONSULTATION, TRANSCRIPT_CONSULTATION]:
        consultations[spec.slug], created = _consultation(plan, spec, areas, orgs)
        new_consultations += created

    # Participants, in a stable order; new ones continue the Plan's P-codes.
    existing = dict(Participant.objects.filter(
        plan=plan, source_key__startswith=SOURCE_PREFIX).values_list("source_key", "id"))
    missing = [p for p in people if p.key not in existing]
    numbers = next_participant_numbers(plan, len(missing)) if missing else []
    new = [Participant(
        plan=plan, code=participant_code(number), sex=p.sex, age_band=p.age_band,
        disability=p.disability, stakeholder_group=p.stakeholder_group,
        organisation_type=p.organisation_type, area=areas[p.area], is_group=p.is_group,
        group_size=p.group_size, source_key=p.key,
        attributes={"synthetic": True})
        for p, number in zip(missing, numbers, strict=True)]
    Participant.objects.bulk_create(new, batch_size=500)
    if new and any(p.pk is None for p in new):  # databases that do not return ids
        existing = dict(Participant.objects.filter(
            plan=plan, source_key__startswith=SOURCE_PREFIX).values_list("source_key", "id"))
    else:
        existing.update({p.source_key: p.pk for p in new})

    # Consent: given at the Consultation; two Participants withdrew it later.
    with_consent = set(Consent.objects.filter(participant_id__in=existing.values())
                       .values_list("participant_id", flat=True))
    consents = [Consent(
        participant_id=existing[p.key], given=True, scope=p.consent_scope,
        given_on=p.consent_date, withdrawn_at=WITHDRAWN_AT if p.withdrawn else None)
        for p in people if existing[p.key] not in with_consent]
    Consent.objects.bulk_create(consents, batch_size=500)

    # Who attended what.
    through = Participant.consultations.through
    pairs = {(existing[p.key], consultations[slug].pk)
             for p in people for slug in [p.consultation, *p.also_in]}
    have = set(through.objects.filter(participant_id__in=existing.values()).values_list(
        "participant_id", "consultation_id"))
    through.objects.bulk_create(
        [through(participant_id=a, consultation_id=b) for a, b in sorted(pairs - have)],
        batch_size=1000, ignore_conflicts=True)

    # Statements.
    have_statements = set(Statement.objects.filter(
        plan=plan, source_key__startswith=SOURCE_PREFIX).values_list(
        "consultation_id", "source_key"))
    statements = []
    for s in said:
        consultation = consultations[s.consultation]
        if (consultation.pk, s.key) in have_statements:
            continue
        statements.append(Statement(
            plan=plan, consultation=consultation, participant_id=existing[s.person],
            question=s.question, question_label_en=s.question_label_en,
            question_label_km=s.question_label_km, text=s.text, language=s.language,
            translation=s.translation, search_text=search_text(f"{s.text} {s.translation}"),
            source_key=s.key))
    Statement.objects.bulk_create(statements, batch_size=500)
    return {"consultations_new": new_consultations, "participants_new": len(new),
            "statements_new": len(statements),
            "consultations": dict(consultations)}


def _import(plan, consultation, path: Path, **options) -> dict:
    """Import `path` once: a file already imported into `consultation` is not read again."""
    from ..importing import import_file

    done = Dataset.objects.filter(consultation=consultation, filename=path.name,
                                  status=Dataset.Status.IMPORTED)
    if done.filter(sha256__in=[_sha256(path), ""]).exists():
        return {"status": "already_imported", "participants_new": 0, "statements_new": 0}
    report = import_file(plan, consultation, path, filename=path.name, **options).to_json()
    if report["status"] == "rejected" or report.get("errors"):
        messages = "; ".join(e.get("message", "") for e in report.get("errors", []))
        raise DemoDataError(f"The demo file {path.name} was not imported: {messages}")
    return report


def _describe_transcript_speakers(plan, consultation) -> None:
    """Attendance-sheet facts and consent for the transcript's speakers (only where missing)."""
    area = Area.objects.filter(country="KH", code=TRANSCRIPT_CONSULTATION.area).first()
    for participant in Participant.objects.filter(plan=plan, consultations=consultation):
        facts = TRANSCRIPT_SPEAKERS.get((participant.attributes or {}).get("speaker", ""))
        if not facts:
            continue
        changed = []
        for name, value in facts.items():
            default = Participant._meta.get_field(name).get_default()
            if getattr(participant, name) in (default, "") and getattr(participant,
                                                                       name) != value:
                setattr(participant, name, value)
                changed.append(name)
        if participant.area_id is None and area is not None:
            participant.area = area
            changed.append("area")
        if changed:
            participant.save(update_fields=changed)
        Consent.objects.get_or_create(participant=participant, defaults={
            "given": True, "scope": Consent.Scope.QUOTE_ANONYMOUSLY,
            "given_on": TRANSCRIPT_CONSULTATION.date})


def load_imports(plan, consultations: dict) -> dict:
    kobo = _import(plan, consultations[KOBO_CONSULTATION.slug], KOBO_FILE,
                   form_path=KOBO_FORM,
                   mapping=json.loads(KOBO_MAPPING.read_text(encoding="utf-8")))
    transcript_consultation = consultations[TRANSCRIPT_CONSULTATION.slug]
    transcript = _import(plan, transcript_consultation, TRANSCRIPT_FILE)
    _describe_transcript_speakers(plan, transcript_consultation)
    return {"kobo": kobo, "transcript": transcript}


def load(plan, *, stdout=None) -> dict:
    direct = load_direct(plan)
    imported = load_imports(plan, direct.pop("consultations"))
    counts = {
        "consultations": Consultation.objects.filter(plan=plan).count(),
        "participants": Participant.objects.filter(plan=plan).count(),
        "statements": Statement.objects.filter(plan=plan).count(),
        "consultations_new": direct["consultations_new"],
        "participants_new": direct["participants_new"] + sum(
            r["participants_new"] for r in imported.values()),
        "statements_new": direct["statements_new"] + sum(
            r["statements_new"] for r in imported.values()),
        "imported": {name: {k: r.get(k) for k in ("status", "participants_new",
                                                   "statements_new")}
                     for name, r in imported.items()},
    }
    if stdout is not None:
        stdout.write(
            f"Demo Consult: {counts['consultations']} consultations, "
            f"{counts['participants']} participants, {counts['statements']} statements "
            f"({counts['participants_new']} participants and {counts['statements_new']} "
            f"statements new; Kobo survey {imported['kobo']['status']}, transcript "
            f"{imported['transcript']['status']}).\n")
    return counts
