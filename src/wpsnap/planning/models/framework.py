"""The results framework: Goal → Outcomes → Outputs → Actions, and Indicators with Targets.

Keys are stable: given once when the object is created (`services.keys`) and never changed,
even when an Output moves to another Outcome or an Action to another Output:
Outcome "1", Output "1.2", Action "A-1.2.3", Indicator "I-12".
"""

from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin
from wpsnap.plans.models import year_validators


class Goal(BilingualMixin, models.Model):
    """The NAP's overall goal: one per Plan."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="nap_goal")
    title_en = models.CharField(_("goal (English)"), max_length=400, blank=True)
    title_km = models.CharField(_("goal (Khmer)"), max_length=400, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.t("title")

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Outcome(BilingualMixin, models.Model):
    """A change the NAP seeks, under one or more Pillars (cross-cutting ones included)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveIntegerField(_("number"))
    key = models.CharField(_("key"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=400, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    pillars = models.ManyToManyField("frameworks.Pillar", blank=True, related_name="outcomes",
                                     verbose_name=_("pillars"))
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="outcome_number_per_plan"),
            models.UniqueConstraint(fields=["plan", "key"], name="outcome_key_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.t('title')}"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Output(BilingualMixin, models.Model):
    """A product or service the Actions deliver towards an Outcome."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="outputs")
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="outputs",
                                verbose_name=_("outcome"))
    number = models.PositiveIntegerField(_("number"))  # within the Outcome it was created in
    key = models.CharField(_("key"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=400, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    alignments = models.ManyToManyField("frameworks.FrameworkItem", blank=True,
                                        related_name="aligned_outputs",
                                        verbose_name=_("alignments"))
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="output_key_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.t('title')}"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


quarter_validators = [MinValueValidator(1), MaxValueValidator(4)]


class Action(BilingualMixin, models.Model):
    """What will be done. Its lead and supporting Organisations are Responsibility rows."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="actions")
    output = models.ForeignKey(Output, on_delete=models.PROTECT, related_name="actions",
                               verbose_name=_("output"))
    number = models.PositiveIntegerField(_("number"))  # within the Output it was created in
    key = models.CharField(_("key"), max_length=24, help_text=_("Stable, e.g. A-2.1.3."))
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=400, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True,
                                                  validators=year_validators)
    start_quarter = models.PositiveSmallIntegerField(_("start quarter"), null=True, blank=True,
                                                     validators=quarter_validators)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True,
                                                validators=year_validators)
    end_quarter = models.PositiveSmallIntegerField(_("end quarter"), null=True, blank=True,
                                                   validators=quarter_validators)
    national = models.BooleanField(_("national"), default=False,
                                   help_text=_("Carried out nationwide rather than in the "
                                               "provinces listed."))
    areas = models.ManyToManyField("frameworks.Area", blank=True, related_name="actions",
                                   verbose_name=_("areas"))
    findings = models.ManyToManyField("analysis.Finding", blank=True, related_name="actions",
                                      verbose_name=_("findings it responds to"))
    alignments = models.ManyToManyField("frameworks.FrameworkItem", blank=True,
                                        related_name="aligned_actions",
                                        verbose_name=_("alignments"))
    order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="action_key_per_plan"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="action_timeframe_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.t('title')}"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}

    @property
    def years(self) -> list[int]:
        """The calendar years of the timeframe ([] when it is not set)."""
        if not self.start_year:
            return []
        return list(range(self.start_year, (self.end_year or self.start_year) + 1))


class Currency(models.TextChoices):
    KHR = "KHR", _("Riel (KHR)")
    USD = "USD", _("US dollar (USD)")


class BudgetLine(BilingualMixin, models.Model):
    """Money for an Action from one source; `year` empty means spread over the timeframe."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budget_lines")
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices,
                                default=Currency.USD)
    source_en = models.CharField(_("source (English)"), max_length=300, blank=True)
    source_km = models.CharField(_("source (Khmer)"), max_length=300, blank=True)
    secured = models.BooleanField(_("secured"), default=False,
                                  help_text=_("The money is committed, not only hoped for."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            validators=year_validators)

    class Meta:
        ordering = ["action", "year", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def get_additional_data(self):
        return {"plan_id": self.action.plan_id}


class BudgetSettings(models.Model):
    """How the budget summary converts currencies: the coordinator's rate."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE,
                                related_name="budget_settings")
    khr_per_usd = models.DecimalField(_("riel per US dollar"), max_digits=10, decimal_places=2,
                                      default=Decimal("4100"),
                                      validators=[MinValueValidator(Decimal("0.01"))])
    report_currency = models.CharField(_("report totals in"), max_length=3,
                                       choices=Currency.choices, default=Currency.USD)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("budget settings")
        verbose_name_plural = _("budget settings")

    def __str__(self) -> str:
        return f"1 USD = {self.khr_per_usd} KHR"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class IndicatorType(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")
    QUALITATIVE = "qualitative", _("Qualitative")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")
    MAINTAIN = "maintain", _("Maintain")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    SEMI_ANNUAL = "semi_annual", _("Every six months")
    ANNUAL = "annual", _("Yearly")
    MID_TERM_AND_FINAL = "mid_term_and_final", _("At mid-term and end")


DISAGGREGATIONS = {
    "sex": _("Sex"),
    "age_band": _("Age band"),
    "area": _("Area"),
}


class IndicatorTemplate(BilingualMixin, models.Model):
    """An entry of the indicator library (shared by all Plans): picked, then adapted."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    pillar = models.ForeignKey("frameworks.Pillar", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="indicator_templates",
                               verbose_name=_("pillar"))
    framework_item = models.ForeignKey("frameworks.FrameworkItem", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+",
                                       verbose_name=_("source in the reference library"))
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=400, blank=True)
    type = models.CharField(_("type"), max_length=12, choices=IndicatorType.choices,
                            default=IndicatorType.NUMBER)
    unit_en = models.CharField(_("unit (English)"), max_length=80, blank=True)
    unit_km = models.CharField(_("unit (Khmer)"), max_length=80, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.INCREASE)
    data_source_en = models.CharField(_("data source (English)"), max_length=400, blank=True)
    data_source_km = models.CharField(_("data source (Khmer)"), max_length=400, blank=True)
    disaggregation = models.JSONField(default=list, blank=True)
    source_note = models.CharField(_("where it comes from"), max_length=300, blank=True)
    uncertain = models.BooleanField(_("needs expert review"), default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("indicator library entry")
        verbose_name_plural = _("indicator library")

    def __str__(self) -> str:
        return self.t("title")


class Indicator(BilingualMixin, models.Model):
    """A measure on an Outcome or on an Output (exactly one), with a baseline and Targets."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveIntegerField(_("number"))
    key = models.CharField(_("key"), max_length=20, help_text=_("Stable, e.g. I-12."))
    outcome = models.ForeignKey(Outcome, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="indicators", verbose_name=_("outcome"))
    output = models.ForeignKey(Output, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="indicators", verbose_name=_("output"))
    template = models.ForeignKey(IndicatorTemplate, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="indicators",
                                 verbose_name=_("adapted from"))
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    title_km = models.CharField(_("title (Khmer)"), max_length=400, blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_km = models.TextField(_("definition (Khmer)"), blank=True)
    type = models.CharField(_("type"), max_length=12, choices=IndicatorType.choices,
                            default=IndicatorType.NUMBER)
    unit_en = models.CharField(_("unit (English)"), max_length=80, blank=True)
    unit_km = models.CharField(_("unit (Khmer)"), max_length=80, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.INCREASE)
    # number / percentage: the value; yes/no: 1 (yes) or 0 (no); qualitative: baseline_text.
    baseline_value = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4,
                                         null=True, blank=True)
    baseline_text_en = models.TextField(_("baseline, in words (English)"), blank=True)
    baseline_text_km = models.TextField(_("baseline, in words (Khmer)"), blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True,
                                                     validators=year_validators)
    baseline_source_en = models.CharField(_("baseline source (English)"), max_length=400,
                                          blank=True)
    baseline_source_km = models.CharField(_("baseline source (Khmer)"), max_length=400,
                                          blank=True)
    disaggregation = models.JSONField(
        _("disaggregation"), default=list, blank=True,
        help_text=_("Any of: sex, age band, area."))
    data_source_en = models.CharField(_("data source (English)"), max_length=400, blank=True)
    data_source_km = models.CharField(_("data source (Khmer)"), max_length=400, blank=True)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices,
                                 blank=True)
    responsible = models.ForeignKey("plans.Organisation", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="indicators",
                                    verbose_name=_("responsible organisation"))
    alignments = models.ManyToManyField("frameworks.FrameworkItem", blank=True,
                                        related_name="aligned_indicators",
                                        verbose_name=_("alignments"))
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="indicator_number_per_plan"),
            models.UniqueConstraint(fields=["plan", "key"], name="indicator_key_per_plan"),
            models.CheckConstraint(
                condition=(Q(outcome__isnull=False) & Q(output__isnull=True))
                | (Q(outcome__isnull=True) & Q(output__isnull=False)),
                name="indicator_on_outcome_or_output",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.t('title')}"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Target(BilingualMixin, models.Model):
    """The value an Indicator should reach in one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True,
                                blank=True)
    text_en = models.TextField(_("target, in words (English)"), blank=True)
    text_km = models.TextField(_("target, in words (Khmer)"), blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.year}"

    def get_additional_data(self):
        return {"plan_id": self.indicator.plan_id}


class Revision(models.Model):
    """One version of the wording of a Goal, Outcome, Output, Action or Indicator.

    `data` holds the bilingual text fields as they were after the change (e.g.
    {"title_en": …, "title_km": …, "description_en": …}). Number 1 is the first wording."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE,
                             related_name="framework_revisions")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    element = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("number"))
    data = models.JSONField(default=dict)
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["content_type", "object_id", "number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"],
                                    name="framework_revision_number_once"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"r{self.number}"


auditlog.register(Goal)
auditlog.register(Outcome, m2m_fields={"pillars"})
auditlog.register(Output, m2m_fields={"alignments"})
auditlog.register(Action, m2m_fields={"areas", "findings", "alignments"})
auditlog.register(BudgetLine)
auditlog.register(BudgetSettings)
auditlog.register(Indicator, m2m_fields={"alignments"})
auditlog.register(Target)
