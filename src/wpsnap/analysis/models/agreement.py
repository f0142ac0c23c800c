from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AgreementSample(models.Model):
    """Blind double coding: the coordinator gives the same Statements to two analysts; each codes
    them in a layer the other cannot see (Codings with `sample` set). Agreement is computed from
    the two layers; resolving turns them into the Plan's final Codings."""

    class Status(models.TextChoices):
        OPEN = "open", _("Coding")
        RESOLVED = "resolved", _("Resolved")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE,
                             related_name="agreement_samples")
    title = models.CharField(_("title"), max_length=200)
    coder_a = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("first coder"))
    coder_b = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("second coder"))
    statements = models.ManyToManyField("consultations.Statement", related_name="agreement_samples",
                                        verbose_name=_("statements"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    # Statements whose final coding was decided from the two layers (also when the decision
    # was "no Code applies", which leaves no Coding behind to tell).
    resolved_statements = models.ManyToManyField("consultations.Statement", blank=True,
                                                 related_name="+",
                                                 verbose_name=_("resolved statements"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("double-coding sample")
        verbose_name_plural = _("double-coding samples")
        constraints = [
            models.CheckConstraint(condition=~Q(coder_a=F("coder_b")),
                                   name="agreement_two_different_coders"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(AgreementSample, m2m_fields={"statements", "resolved_statements"})
