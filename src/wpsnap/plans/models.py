"""The Plan (tenant), its Members and their roles, and the Organisations it works with."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin


class Stage(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    CONSULTING = "consulting", _("Consulting")
    ANALYSING = "analysing", _("Analysing")
    VALIDATING = "validating", _("Validating")
    DRAFTING = "drafting", _("Drafting")
    ADOPTED = "adopted", _("Adopted")
    IMPLEMENTING = "implementing", _("Implementing")
    CLOSED = "closed", _("Closed")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ANALYST = "analyst", _("Analyst")
    FACILITATOR = "facilitator", _("Facilitator")
    FOCAL_POINT = "focal_point", _("Focal point")
    VIEWER = "viewer", _("Viewer")


ROLE_HELP = {
    Role.COORDINATOR: _("Runs the Plan: members, roles, Organisations, frameworks, audit trail."),
    Role.ANALYST: _("Imports and codes consultation data; writes Findings."),
    Role.FACILITATOR: _("Runs validation workshops."),
    Role.FOCAL_POINT: _("Reports progress for one Organisation."),
    Role.VIEWER: _("Reads the Plan; changes nothing."),
}

year_validators = [MinValueValidator(1990), MaxValueValidator(2100)]


class Plan(BilingualMixin, models.Model):
    slug = models.SlugField(
        _("short name"), max_length=60, unique=True,
        help_text=_("Lower-case letters, digits and hyphens; used in addresses."),
    )
    country = models.CharField(
        _("country"), max_length=2, default="KH",
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter ISO country code."))],
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_km = models.CharField(_("title (Khmer)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True,
                                                    validators=year_validators)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True,
                                                  validators=year_validators)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices,
                             default=Stage.PREPARING)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True) | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.t("title")

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year cannot be before the first.")})

    @property
    def period(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")

    def get_additional_data(self):
        return {"plan_id": self.pk}


class Organisation(BilingualMixin, models.Model):
    """A stakeholder institution the Plan works with (ministry, NGO, UN agency…)."""

    class Type(models.TextChoices):
        NATIONAL_GOVERNMENT = "national_government", _("National government")
        SUBNATIONAL_AUTHORITY = "subnational_authority", _("Sub-national authority")
        NGO_CSO = "ngo_cso", _("NGO / civil society")
        UN_AGENCY = "un_agency", _("UN agency")
        DEVELOPMENT_PARTNER = "development_partner", _("Embassy or development partner")
        ACADEMIC = "academic", _("Academic / research")
        COMMUNITY_GROUP = "community_group", _("Community group")
        SECURITY_SECTOR = "security_sector", _("Security sector")
        PRIVATE_SECTOR = "private_sector", _("Private sector")

    class Level(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        LOCAL = "local", _("District or commune")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="organisations")
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_km = models.CharField(_("name (Khmer)"), max_length=300, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices,
                             default=Level.NATIONAL)
    area = models.ForeignKey("frameworks.Area", null=True, blank=True, on_delete=models.PROTECT,
                             verbose_name=_("area"))
    institution = models.ForeignKey("frameworks.Institution", null=True, blank=True,
                                    on_delete=models.SET_NULL,
                                    verbose_name=_("reference institution"))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name_en"], name="organisation_name_per_plan"),
        ]

    def __str__(self) -> str:
        name = self.t("name")
        return f"{name} ({self.abbreviation})" if self.abbreviation else name

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Member(models.Model):
    """A user's role in one Plan. A focal point acts for one Organisation."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT,
        verbose_name=_("organisation"), help_text=_("Required for a focal point."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "role", "user__username"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="one_role_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.plan.slug})"

    def clean(self):
        if self.role == Role.FOCAL_POINT and not self.organisation_id:
            raise ValidationError({"organisation": _("A focal point acts for one Organisation.")})
        if self.organisation_id and self.organisation.plan_id != self.plan_id:
            raise ValidationError({"organisation": _("That Organisation is not in this Plan.")})

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(Plan)
auditlog.register(Organisation)
auditlog.register(Member)
