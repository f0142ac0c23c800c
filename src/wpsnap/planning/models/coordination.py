"""The coordination mechanism: Bodies, their Memberships, and Responsibilities on the framework.

A Body's chair and secretariat are its Memberships with those roles (one chair per Body), not
fields of their own, so the diagram, the matrix and the gaps read one source.
"""

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin


class Body(BilingualMixin, models.Model):
    class Kind(models.TextChoices):
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")
        TECHNICAL_WORKING_GROUP = "technical_working_group", _("Technical working group")
        PILLAR_SUBGROUP = "pillar_subgroup", _("Pillar sub-group")
        PROVINCIAL_WORKING_GROUP = "provincial_working_group", _("Provincial working group")
        SECRETARIAT = "secretariat", _("Secretariat")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        LOCAL = "local", _("District or commune")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        SEMI_ANNUAL = "semi_annual", _("Every six months")
        ANNUAL = "annual", _("Yearly")
        AS_NEEDED = "as_needed", _("As needed")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="bodies")
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_km = models.CharField(_("name (Khmer)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices,
                             default=Level.NATIONAL)
    area = models.ForeignKey("frameworks.Area", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("area"))
    pillar = models.ForeignKey("frameworks.Pillar", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("pillar"))
    mandate_en = models.TextField(_("mandate (English)"), blank=True)
    mandate_km = models.TextField(_("mandate (Khmer)"), blank=True)
    meeting_frequency = models.CharField(_("meets"), max_length=12, choices=Frequency.choices,
                                         blank=True)
    reports_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="reporting_bodies",
                                   verbose_name=_("reports to"))
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name_en"], name="body_name_per_plan"),
            models.CheckConstraint(condition=~Q(reports_to=models.F("id")),
                                   name="body_not_reporting_to_itself"),
        ]

    def __str__(self) -> str:
        return self.t("name")

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        MEMBER = "member", _("Member")
        SECRETARIAT = "secretariat", _("Secretariat")
        OBSERVER = "observer", _("Observer")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("plans.Organisation", on_delete=models.PROTECT,
                                     related_name="body_memberships",
                                     verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["body", "role", "organisation__name_en"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["body", "organisation"], name="membership_once"),
            models.UniqueConstraint(fields=["body"], condition=Q(role="chair"),
                                    name="one_chair_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"

    def get_additional_data(self):
        return {"plan_id": self.body.plan_id}


class Responsibility(models.Model):
    """An Organisation's role on one Action or one Output (exactly one of the two)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        SUPPORT = "support", _("Support")
        CONSULTED = "consulted", _("Consulted")
        INFORMED = "informed", _("Informed")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE,
                             related_name="responsibilities")
    organisation = models.ForeignKey("plans.Organisation", on_delete=models.PROTECT,
                                     related_name="responsibilities",
                                     verbose_name=_("organisation"))
    action = models.ForeignKey("planning.Action", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="responsibilities")
    output = models.ForeignKey("planning.Output", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="responsibilities")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["plan", "organisation__name_en", "id"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.CheckConstraint(
                condition=(Q(action__isnull=False) & Q(output__isnull=True))
                | (Q(action__isnull=True) & Q(output__isnull=False)),
                name="responsibility_on_action_or_output",
            ),
            models.UniqueConstraint(fields=["organisation", "action"],
                                    condition=Q(action__isnull=False),
                                    name="responsibility_once_per_action"),
            models.UniqueConstraint(fields=["organisation", "output"],
                                    condition=Q(output__isnull=False),
                                    name="responsibility_once_per_output"),
            models.UniqueConstraint(fields=["action"],
                                    condition=Q(role="lead") & Q(action__isnull=False),
                                    name="one_lead_per_action"),
            models.UniqueConstraint(fields=["output"],
                                    condition=Q(role="lead") & Q(output__isnull=False),
                                    name="one_lead_per_output"),
        ]
        indexes = [models.Index(fields=["plan", "organisation"])]

    def __str__(self) -> str:
        target = self.action or self.output
        return f"{self.organisation} — {self.get_role_display()} — {getattr(target, 'key', '')}"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(Body)
auditlog.register(Membership)
auditlog.register(Responsibility)
