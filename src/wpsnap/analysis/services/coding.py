"""Writes of the coding workspace: apply a Code to a Statement (whole or a span), remove it,
keep a memo, and add or correct a Statement's translation.

Offsets are Python str indices (code points) of the Statement's original text. A Coding goes
into the coder's blind layer of a double-coding sample (`Coding.sample`) when the coder is one of
the two coders of an OPEN AgreementSample holding the Statement; otherwise into the Plan's final
layer. Applying the same Code to the same span twice records one Coding.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wpsnap.consultations.queries import visible_statements

from ..models import AgreementSample, Code, Coding

MEMO_MAX = 5000
TRANSLATION_MAX = 20000


def blind_sample(plan, statement, user):
    """The OPEN double-coding sample in which `user` codes `statement` blind, or None."""
    if user is None or not getattr(user, "pk", None):
        return None
    return (AgreementSample.objects
            .filter(plan=plan, status=AgreementSample.Status.OPEN, statements=statement)
            .filter(Q(coder_a=user) | Q(coder_b=user))
            .order_by("created_at", "id").first())


def resolve_code(plan, code) -> Code:
    """The Code to apply: `code` (a Code or a key) of this Plan, following merges to the Code
    that lives on; archived Codes (not merged) cannot be applied."""
    if isinstance(code, Code):
        if code.plan_id != plan.pk:
            raise ValidationError({"code": _("This Code is not in the Plan's Codebook.")})
    else:
        key = str(code or "").strip()
        if not key:
            raise ValidationError({"code": _("Choose a Code.")})
        code = Code.objects.filter(plan=plan, key=key).first()
        if code is None:
            raise ValidationError({"code": _("There is no Code “%(key)s” in the Plan's "
                                             "Codebook.") % {"key": key[:80]}})
    seen = set()
    while code.merged_into_id and code.pk not in seen:
        seen.add(code.pk)
        code = Code.objects.get(pk=code.merged_into_id)
        if code.plan_id != plan.pk:  # defensive: a merge never crosses Plans
            raise ValidationError({"code": _("This Code is not in the Plan's Codebook.")})
    if code.archived_at is not None:
        raise ValidationError({"code": _("The Code “%(label)s” is archived and cannot be "
                                         "applied.") % {"label": code.t("label")}})
    return code


def _check_span(statement, start, end) -> tuple[int, int]:
    length = len(statement.text)
    try:
        start = int(start) if start not in (None, "") else 0
        end = int(end) if end not in (None, "") else length
    except (TypeError, ValueError):
        raise ValidationError({"start": _("The selection is not a pair of whole numbers.")}) \
            from None
    if not 0 <= start <= end <= length:
        raise ValidationError({"start": _(
            "The selection must lie inside the Statement's text (characters 0 to %(n)s), "
            "its start before its end.") % {"n": length}})
    if start == end and length:
        raise ValidationError({"start": _("The selection is empty: select some text, or code "
                                          "the whole Statement.")})
    return start, end


def _check_statement(plan, statement) -> None:
    if statement.plan_id != plan.pk:
        raise ValidationError(_("This Statement is not in the Plan."))
    if not visible_statements(plan).filter(pk=statement.pk).exists():
        raise ValidationError(_("This Statement's Participant has withdrawn consent; it "
                                "cannot be coded."))


def add_coding(plan, statement, code, *, by, start=0, end=None, memo="",
               source=Coding.Source.MANUAL, confidence=None) -> Coding:
    """Apply `code` to `statement[start:end]` (the whole Statement when end is None).

    Idempotent: the same Code on the same span of the same layer returns the existing Coding
    (a new non-empty memo replaces its memo). Raises ValidationError (translated) on bad input;
    nothing is changed then."""
    _check_statement(plan, statement)
    code = resolve_code(plan, code)
    start, end = _check_span(statement, start, end)
    memo = (memo or "").strip()
    if len(memo) > MEMO_MAX:
        raise ValidationError({"memo": _("The memo is too long (at most %(n)s characters).")
                               % {"n": MEMO_MAX}})
    sample = blind_sample(plan, statement, by)
    coder = by if getattr(by, "pk", None) else None
    lookup = {"statement": statement, "code": code, "start": start, "end": end}
    if sample is not None:
        lookup.update(sample=sample, coder=coder)
    else:
        lookup.update(sample__isnull=True)
    defaults = {"plan": plan, "coder": coder, "memo": memo, "source": source,
                "confidence": confidence}
    with transaction.atomic():
        coding, created = Coding.objects.get_or_create(**lookup, defaults=defaults)
        if not created and memo and memo != coding.memo:
            coding.memo = memo
            coding.save(update_fields=["memo"])
    return coding


def _check_may_change(coding, by) -> None:
    if coding.sample_id and coding.coder_id != getattr(by, "pk", None):
        raise ValidationError(_("Only its coder can change a Coding of a double-coding sample."))
    if coding.sample_id and coding.sample.status != AgreementSample.Status.OPEN:
        raise ValidationError(_("This double-coding sample is resolved; its Codings are kept "
                                "as they were."))


def remove_coding(coding, *, by) -> None:
    """Remove a Coding. A blind-layer Coding only by its own coder while the sample is open."""
    _check_may_change(coding, by)
    with transaction.atomic():
        Coding.objects.filter(pk=coding.pk).delete()


def set_memo(coding, memo: str, *, by) -> Coding:
    """Replace a Coding's memo (empty clears it)."""
    _check_may_change(coding, by)
    memo = (memo or "").strip()
    if len(memo) > MEMO_MAX:
        raise ValidationError({"memo": _("The memo is too long (at most %(n)s characters).")
                               % {"n": MEMO_MAX}})
    if memo != coding.memo:
        coding.memo = memo
        coding.save(update_fields=["memo"])
    return coding


def set_translation(plan, statement, translation: str, *, by) -> None:
    """Add or correct a Statement's translation (the original text never changes, so stored
    offsets stay valid)."""
    _check_statement(plan, statement)
    translation = (translation or "").strip()
    if len(translation) > TRANSLATION_MAX:
        raise ValidationError({"translation": _("The translation is too long (at most %(n)s "
                                                "characters).") % {"n": TRANSLATION_MAX}})
    if translation != statement.translation:
        statement.translation = translation
        statement.save()
