"""Writes about Findings: create (numbered F-01, F-02…), edit (a Revision for every wording
change), move through the statuses, attach and remove Evidence.

Every function checks its input and raises ValidationError with a translated message, changing
nothing, when something is wrong.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from wpsnap.consultations.queries import visible_statements
from wpsnap.plans.models import Member, Plan, Role

from ..models import Coding, Evidence, Finding, Revision

WORDING = ("title_en", "title_km", "text_en", "text_km")

# Which status may follow which; "coordinator" marks a move only a coordinator may make.
MOVES = {
    Finding.Status.DRAFT: {Finding.Status.PRESENTED: None},
    Finding.Status.PRESENTED: {
        Finding.Status.VALIDATED: None,
        Finding.Status.AMENDED: None,
        Finding.Status.REJECTED: None,
        Finding.Status.DRAFT: Role.COORDINATOR,
    },
}
WRITERS = (Role.COORDINATOR, Role.ANALYST)


def finding_key(number: int) -> str:
    """F-01 … F-99, then F-100 and so on."""
    return f"F-{number:02d}"


def _role(plan, user) -> str | None:
    if user is None:
        return None
    return Member.objects.filter(plan=plan, user=user).values_list("role", flat=True).first()


def _clean_wording(data: dict) -> dict:
    wording = {name: (data.get(name) or "").strip() for name in WORDING}
    errors = {}
    if not (wording["title_en"] or wording["title_km"]):
        errors["title_en"] = _("Give the Finding a title in English or Khmer (or both).")
    if len(wording["title_en"]) > 300:
        errors["title_en"] = _("The title is too long (at most 300 characters).")
    if len(wording["title_km"]) > 300:
        errors["title_km"] = _("The title is too long (at most 300 characters).")
    if errors:
        raise ValidationError(errors)
    return wording


def _clean_tags(plan, kind, alignments) -> None:
    if kind not in Finding.Kind.values:
        raise ValidationError({"kind": _("Choose a kind: finding, lesson learned, good practice "
                                         "or recommendation.")})
    for item in alignments or ():
        framework = item.framework
        if framework.plan_id not in (None, plan.pk):
            raise ValidationError({"alignments": _(
                "A Finding can only be aligned with the reference library or this Plan's own "
                "Frameworks.")})


def _set_tags(finding, pillars, security_issues, alignments) -> None:
    finding.pillars.set(pillars or ())
    finding.security_issues.set(security_issues or ())
    finding.alignments.set(alignments or ())


def _check_statement(plan, statement):
    """The Statement if it belongs to the Plan and is still visible; else ValidationError."""
    if statement is None or statement.plan_id != plan.pk:
        raise ValidationError({"statement": _("This Statement is not part of this Plan.")})
    if not visible_statements(plan).filter(pk=statement.pk).exists():
        raise ValidationError({"statement": _(
            "This Statement cannot be used: the person who said it withdrew consent.")})
    return statement


def _next_number(plan) -> int:
    return (Finding.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1


def create_finding(plan, *, by, title_en="", title_km="", text_en="", text_km="",
                   kind=Finding.Kind.FINDING, pillars=(), security_issues=(), alignments=(),
                   statement=None, note="") -> Finding:
    """A new draft Finding with the next key (F-NN) and Revision 1; with `statement`, that
    Statement becomes its first Evidence."""
    wording = _clean_wording({"title_en": title_en, "title_km": title_km, "text_en": text_en,
                              "text_km": text_km})
    _clean_tags(plan, kind, alignments)
    if statement is not None:
        _check_statement(plan, statement)
    # Two people saving at the same moment: the Plan row lock orders them (PostgreSQL); the
    # unique (plan, number) constraint catches anything else and we take the next number.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                Plan.objects.select_for_update().filter(pk=plan.pk).first()
                number = _next_number(plan)
                finding = Finding.objects.create(
                    plan=plan, number=number, key=finding_key(number), kind=kind,
                    order=number, created_by=by, **wording)
                _set_tags(finding, pillars, security_issues, alignments)
                Revision.objects.create(finding=finding, number=1, author=by,
                                        source=Revision.Source.EDIT, note=note, **wording)
                if statement is not None:
                    Evidence.objects.create(finding=finding, statement=statement, added_by=by)
                return finding
        except IntegrityError:
            continue
    raise ValidationError(_("The Finding could not be numbered because others were saving at "
                            "the same time. Please save again."))


def update_finding(finding, *, by, title_en=None, title_km=None, text_en=None, text_km=None,
                   kind=None, pillars=None, security_issues=None, alignments=None,
                   source=Revision.Source.EDIT, note="") -> Finding:
    """Change a Finding. A new Revision is written only when the wording (title or text, in
    either language) changed; tags and kind change without one. Arguments left None keep their
    value."""
    given = {"title_en": title_en, "title_km": title_km, "text_en": text_en, "text_km": text_km}
    wording = _clean_wording({k: getattr(finding, k) if v is None else v
                              for k, v in given.items()})
    kind = finding.kind if kind is None else kind
    _clean_tags(finding.plan, kind, alignments)
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        changed = any(getattr(finding, k) != v for k, v in wording.items())
        for k, v in wording.items():
            setattr(finding, k, v)
        finding.kind = kind
        finding.save()
        if pillars is not None:
            finding.pillars.set(pillars)
        if security_issues is not None:
            finding.security_issues.set(security_issues)
        if alignments is not None:
            finding.alignments.set(alignments)
        if changed:
            top = finding.revisions.aggregate(n=Max("number"))["n"] or 0
            Revision.objects.create(finding=finding, number=top + 1, author=by, source=source,
                                    note=note, **wording)
    return finding


def allowed_moves(finding, role) -> list[str]:
    """The statuses this role may move the Finding to now."""
    if role not in WRITERS:
        return []
    moves = MOVES.get(finding.status, {})
    return [status for status, only in moves.items() if only is None or only == role]


def set_status(finding, status, by) -> Finding:
    """Move a Finding: draft → presented → validated | amended | rejected; a coordinator may
    send a presented Finding back to draft. Anything else is refused."""
    if status not in Finding.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    role = _role(finding.plan, by)
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.status == status:
            return finding  # a double submit: already there
        if status not in allowed_moves(finding, role):
            current = Finding.Status(finding.status).label
            wanted = Finding.Status(status).label
            if status in MOVES.get(finding.status, {}) and role in WRITERS:
                msg = _("Only a coordinator can move a Finding from “%(current)s” back to "
                        "“%(wanted)s”.")
            else:
                msg = _("A Finding cannot move from “%(current)s” to “%(wanted)s”.")
            raise ValidationError({"status": msg % {"current": current, "wanted": wanted}})
        finding.status = status
        finding.save(update_fields=["status", "updated_at"])
    return finding


def attach_evidence(finding, statement, *, coding=None, by, note="") -> Evidence:
    """Attach a Statement (optionally through one of its Codings) as Evidence of a Finding.
    Attaching the same Statement again changes nothing (or adds the Coding if the Evidence had
    none). `evidence.created` tells whether it is new."""
    plan = finding.plan
    _check_statement(plan, statement)
    if coding is not None:
        if coding.statement_id != statement.pk or coding.plan_id != plan.pk:
            raise ValidationError({"coding": _("This Coding is not on that Statement.")})
        if coding.sample_id is not None:
            raise ValidationError({"coding": _(
                "A Coding of a double-coding sample cannot be evidence until the sample is "
                "resolved.")})
    note = (note or "").strip()
    try:
        with transaction.atomic():
            evidence, created = Evidence.objects.get_or_create(
                finding=finding, statement=statement,
                defaults={"coding": coding, "added_by": by, "note": note})
    except IntegrityError:  # the same click twice at once
        evidence, created = Evidence.objects.get(finding=finding, statement=statement), False
    if not created and coding is not None and evidence.coding_id is None:
        evidence.coding = coding
        evidence.save(update_fields=["coding"])
    evidence.created = created
    return evidence


def remove_evidence(evidence, *, by) -> None:
    """Detach a Statement from a Finding (the Statement itself stays)."""
    evidence.delete()


def finding_by_key(plan, key: str):
    return Finding.objects.filter(plan=plan).filter(Q(key__iexact=(key or "").strip())).first()


def coding_of_plan(plan, coding_id):
    try:
        return Coding.objects.filter(plan=plan).get(pk=int(coding_id))
    except (TypeError, ValueError, Coding.DoesNotExist):
        return None
