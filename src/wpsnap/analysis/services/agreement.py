"""Writes for blind double coding: make a sample, resolve a Statement into the final coding,
close the sample.

Closing rule (stated on the page): a sample closes when every Statement on which the two coders
disagree has been resolved. Statements on which they agree in full are written to the final
coding on closing (their agreed Codes, source "resolution", by the person who closes). The
coordinator may close anyway (`force=True`) — e.g. when a coder left — then the unresolved
disagreements get no final coding from the sample and go back to the ordinary coding queue.
"""

import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wpsnap.consultations.queries import filter_statements, visible_statements
from wpsnap.plans.models import Member, Role

from ..models import AgreementSample, Code, Coding
from ..queries import agreement as q

CODER_ROLES = (Role.COORDINATOR, Role.ANALYST)
MAX_SIZE = 2000


def _check_coders(plan, coder_a, coder_b) -> None:
    errors = {}
    for name, user in (("coder_a", coder_a), ("coder_b", coder_b)):
        if user is None:
            errors[name] = _("Choose a coder.")
        elif not Member.objects.filter(plan=plan, user=user, role__in=CODER_ROLES).exists():
            errors[name] = _("%(name)s is not a coordinator or analyst of this Plan.") % {
                "name": user.get_username()}
    if not errors and coder_a.pk == coder_b.pk:
        errors["coder_b"] = _("Choose two different coders: agreement needs two people.")
    if errors:
        raise ValidationError(errors)


def _pick(plan, pool_ids: list[int], size: int, seed) -> list[int]:
    """`size` ids at random, preferring Statements without a final coding yet."""
    coded = set(Coding.objects.filter(plan=plan, sample__isnull=True, statement_id__in=pool_ids)
                .values_list("statement_id", flat=True))
    rng = random.Random(seed)
    fresh = [i for i in pool_ids if i not in coded]
    old = [i for i in pool_ids if i in coded]
    rng.shuffle(fresh)
    rng.shuffle(old)
    return (fresh + old)[:size]


def create_sample(plan, *, title, coder_a, coder_b, size, filters=None, statements=None, by,
                  seed=None) -> AgreementSample:
    """A double-coding sample of `size` visible Statements chosen at random (among those matching
    `filters`, the cleaned data of the Statements browser's filter form; or among `statements`),
    preferring Statements not yet coded in the final layer. Both coders must be coordinator or
    analyst Members of the Plan, and different. Raises ValidationError; nothing is made then."""
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the sample a title.")
    try:
        size = int(size)
    except (TypeError, ValueError):
        size = 0
    if not 1 <= size <= MAX_SIZE:
        errors["size"] = _("The size must be a whole number from 1 to %(max)s.") % {
            "max": MAX_SIZE}
    if errors:
        raise ValidationError(errors)
    _check_coders(plan, coder_a, coder_b)
    pool = visible_statements(plan)
    if statements is not None:
        pool = pool.filter(pk__in=[getattr(s, "pk", s) for s in statements])
    if filters:
        pool = filter_statements(pool, filters)
    pool_ids = sorted(pool.values_list("id", flat=True).distinct())
    if size > len(pool_ids):
        raise ValidationError({"size": _(
            "Only %(n)s Statements match: choose a size of at most %(n)s, or fewer filters.")
            % {"n": len(pool_ids)}})
    chosen = _pick(plan, pool_ids, size, seed)
    with transaction.atomic():
        sample = AgreementSample.objects.create(plan=plan, title=title[:200], coder_a=coder_a,
                                                coder_b=coder_b, created_by=by)
        sample.statements.add(*chosen)
    return sample


def _check_open(sample) -> None:
    if sample.status != AgreementSample.Status.OPEN:
        raise ValidationError(_("This sample is closed; its Statements are coded in the "
                                "ordinary coding workspace now."))


def _codes(plan, codes) -> list[Code]:
    from .coding import resolve_code  # follows merges, refuses archived Codes

    out = {}
    for code in codes:
        resolved = resolve_code(plan, code)
        out[resolved.pk] = resolved
    return list(out.values())


def _live_codes(plan, code_ids) -> list[Code]:
    """The Codes to write for these code ids: merged Codes followed to the one that lives on,
    archived ones left out."""
    from .coding import resolve_code

    out = {}
    for code in Code.objects.filter(plan=plan, pk__in=set(code_ids)).order_by("id"):
        try:
            code = resolve_code(plan, code)
        except ValidationError:
            continue
        out[code.pk] = code
    return list(out.values())


def _write_final(sample, statement, codes: list[Code], by) -> list[Coding]:
    """Make the Statement's final coding from the sample: each of `codes` on the whole
    Statement (source resolution, coder `by`), and withdraw an earlier resolution's Codes that
    are no longer chosen. Final Codings made otherwise (by hand, accepted suggestions) stay.

    Written directly, not through coding.add_coding: a coder of the open sample who resolves
    would otherwise land in their own blind layer."""
    end = len(statement.text)
    chosen = {c.pk for c in codes}
    Coding.objects.filter(plan=sample.plan, statement=statement, sample__isnull=True,
                          source=Coding.Source.RESOLUTION, start=0, end=end).exclude(
        code_id__in=chosen).delete()
    written = []
    for code in codes:
        coding, _created = Coding.objects.get_or_create(
            statement=statement, code=code, start=0, end=end, sample=None,
            defaults={"plan": sample.plan, "coder": by if getattr(by, "pk", None) else None,
                      "source": Coding.Source.RESOLUTION})
        written.append(coding)
    sample.resolved_statements.add(statement)
    return written


def resolve_statement(sample, statement, codes, by) -> list[Coding]:
    """Decide the final coding of one Statement of the sample: `codes` (Codes or keys; may be
    empty: "no Code applies") each on the whole Statement. Idempotent: resolving twice the same
    way records the Codings once; resolving again differently replaces the earlier decision."""
    _check_open(sample)
    if not q.sample_statements(sample).filter(pk=statement.pk).exists():
        raise ValidationError(_("This Statement is not in the sample (or its Participant has "
                                "withdrawn consent)."))
    codes = _codes(sample.plan, codes)
    with transaction.atomic():
        AgreementSample.objects.select_for_update().filter(pk=sample.pk).first()
        return _write_final(sample, statement, codes, by)


def close_sample(sample, by, *, force=False) -> AgreementSample:
    """Close the sample (see the module for the rule). Returns it, resolved."""
    _check_open(sample)
    with transaction.atomic():
        AgreementSample.objects.select_for_update().filter(pk=sample.pk).first()
        rows = q.statement_rows(sample)
        unresolved = [r for r in rows if r.disagrees and not r.resolved]
        if unresolved and not force:
            raise ValidationError(ngettext(
                "%(n)s Statement with a disagreement is not resolved yet. Resolve it, or "
                "close anyway.",
                "%(n)s Statements with a disagreement are not resolved yet. Resolve them, or "
                "close anyway.", len(unresolved)) % {"n": len(unresolved)})
        agreed = [r for r in rows if r.both_coded and not r.disagrees and not r.resolved]
        for row in agreed:
            _write_final(sample, row.statement, _live_codes(sample.plan, row.agreed), by)
        sample.status = AgreementSample.Status.RESOLVED
        sample.resolved_at = timezone.now()
        sample.save(update_fields=["status", "resolved_at"])
    return sample
