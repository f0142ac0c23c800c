from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin


class Finding(BilingualMixin, models.Model):
    """A claim of the Situation Analysis, backed by Evidence. Its key (F-07) is stable.

    Strength is never stored: it is computed from the Evidence still visible (see
    `analysis.queries.findings.strength`), so withdrawn consent changes it at once.
    """

    class Kind(models.TextChoices):
        FINDING = "finding", _("Finding")
        LESSON_LEARNED = "lesson_learned", _("Lesson learned")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        RECOMMENDATION = "recommendation", _("Recommendation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PRESENTED = "presented", _("Presented")
        VALIDATED = "validated", _("Validated")
        AMENDED = "amended", _("Amended")
        REJECTED = "rejected", _("Rejected")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveIntegerField(_("number"))
    key = models.CharField(_("key"), max_length=20, help_text=_("Stable, e.g. F-07."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FINDING)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=300, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_km = models.TextField(_("text (Khmer)"), blank=True)
    pillars = models.ManyToManyField("frameworks.Pillar", blank=True, related_name="findings",
                                     verbose_name=_("pillars"))
    security_issues = models.ManyToManyField("frameworks.SecurityIssue", blank=True,
                                             related_name="findings",
                                             verbose_name=_("security issues"))
    alignments = models.ManyToManyField("frameworks.FrameworkItem", blank=True,
                                        related_name="aligned_findings",
                                        verbose_name=_("alignments"))
    order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="finding_number_per_plan"),
            models.UniqueConstraint(fields=["plan", "key"], name="finding_key_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.t('title')}"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Evidence(models.Model):
    """A Statement (optionally through one of its Codings) that supports a Finding."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    statement = models.ForeignKey("consultations.Statement", on_delete=models.CASCADE,
                                  related_name="evidence")
    coding = models.ForeignKey("analysis.Coding", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="evidence")
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["finding", "statement"], name="evidence_once"),
        ]

    def __str__(self) -> str:
        return f"S-{self.statement_id} for {self.finding_id}"

    def get_additional_data(self):
        return {"plan_id": self.finding.plan_id}


class Revision(models.Model):
    """One version of a Finding's wording; every wording change makes a new one."""

    class Source(models.TextChoices):
        EDIT = "edit", _("Edited")
        AMENDMENT = "amendment", _("Accepted amendment")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    title_en = models.CharField(max_length=300, blank=True)
    title_km = models.CharField(max_length=300, blank=True)
    text_en = models.TextField(blank=True)
    text_km = models.TextField(blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices,
                              default=Source.EDIT)
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["finding", "number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["finding", "number"], name="revision_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.finding.key} r{self.number}"


auditlog.register(Finding, m2m_fields={"pillars", "security_issues", "alignments"})
auditlog.register(Evidence)
