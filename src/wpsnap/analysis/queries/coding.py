"""Reads of the coding workspace."""

from django.db.models import Q

from ..models import AgreementSample, Coding


def visible_codings(plan, user, statement):
    """The Codings of `statement` that `user` may see: the Plan's final layer plus the user's
    own blind-layer Codings of OPEN double-coding samples; never another coder's blind layer."""
    own_blind = Q(sample__isnull=False, sample__status=AgreementSample.Status.OPEN,
                  coder_id=getattr(user, "pk", None) or -1)
    return (Coding.objects.filter(plan=plan, statement=statement)
            .filter(Q(sample__isnull=True) | own_blind)
            .select_related("code", "coder", "sample")
            .order_by("start", "end", "code__order", "code__key", "id"))
