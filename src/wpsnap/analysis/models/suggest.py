from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Suggester(models.Model):
    """One trained assistant for a Plan (the newest ready one is used), with its honest
    cross-validated quality figures in `metrics` (the `autocode evaluate` JSON shape)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        TRAINING = "training", _("Training")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="suggesters")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # 0–100, for the progress bar
    artifact = models.FileField(upload_to="suggesters/", blank=True)
    trained_on = models.PositiveIntegerField(_("codings used"), default=0)
    statements = models.PositiveIntegerField(_("statements used"), default=0)
    codes = models.PositiveIntegerField(_("codes learnt"), default=0)
    metrics = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggester")
        verbose_name_plural = _("suggesters")

    def __str__(self) -> str:
        return f"suggester {self.pk} ({self.status})"


class SuggestionDecision(models.Model):
    """An analyst's answer to one suggestion: accepted (a Coding was made by the analyst) or
    rejected (not suggested again for that Statement)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey("consultations.Statement", on_delete=models.CASCADE,
                                  related_name="suggestion_decisions")
    code = models.ForeignKey("analysis.Code", on_delete=models.CASCADE, related_name="+")
    suggester = models.ForeignKey(Suggester, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="decisions")
    confidence = models.FloatField(default=0)
    accepted = models.BooleanField()
    coding = models.ForeignKey("analysis.Coding", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("suggestion decision")
        verbose_name_plural = _("suggestion decisions")
        constraints = [
            models.UniqueConstraint(fields=["statement", "code"],
                                    name="one_decision_per_suggestion"),
        ]

    def __str__(self) -> str:
        verdict = "accepted" if self.accepted else "rejected"
        return f"{self.code_id} @ S-{self.statement_id}: {verdict}"
