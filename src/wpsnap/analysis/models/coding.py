from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Coding(models.Model):
    """A Code applied to a Statement, whole or a span.

    `start`/`end` are offsets in characters (Python str indices) of the Statement's original
    text; the whole Statement is 0..len(text). A Coding with `sample` set belongs to one coder's
    blind layer of an AgreementSample and is seen by nobody else until the sample is resolved;
    every other Coding (sample empty) is the Plan's coding, used by matrices, Evidence and the
    assistant's training.
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("Coded by hand")
        SUGGESTION = "suggestion", _("Accepted suggestion")
        IMPORT = "import", _("Imported")
        RESOLUTION = "resolution", _("Resolved from double coding")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="codings")
    statement = models.ForeignKey("consultations.Statement", on_delete=models.CASCADE,
                                  related_name="codings", verbose_name=_("statement"))
    code = models.ForeignKey("analysis.Code", on_delete=models.PROTECT, related_name="codings",
                             verbose_name=_("code"))
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="codings",
                              verbose_name=_("coder"))
    sample = models.ForeignKey("analysis.AgreementSample", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="codings",
                               verbose_name=_("double-coding sample"))
    start = models.PositiveIntegerField(_("start"), default=0)
    end = models.PositiveIntegerField(_("end"))
    memo = models.TextField(_("memo"), blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices,
                              default=Source.MANUAL)
    confidence = models.FloatField(_("confidence"), null=True, blank=True,
                                   help_text=_("The assistant's confidence, for an accepted "
                                               "suggestion."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement_id", "start", "code_id"]
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="coding_span_order"),
            models.UniqueConstraint(fields=["statement", "code", "start", "end"],
                                    condition=Q(sample__isnull=True), name="coding_once"),
            models.UniqueConstraint(fields=["sample", "coder", "statement", "code", "start", "end"],
                                    condition=Q(sample__isnull=False),
                                    name="coding_once_per_coder_in_sample"),
        ]
        indexes = [models.Index(fields=["plan", "code"]),
                   models.Index(fields=["plan", "statement"])]

    def __str__(self) -> str:
        return f"{self.code.key} @ S-{self.statement_id} [{self.start}:{self.end}]"

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end >= len(self.statement.text)

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(Coding, exclude_fields=["confidence"])
