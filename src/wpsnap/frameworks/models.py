"""The WPS reference library: Frameworks and their items, Pillars, Security issues, Areas.

Rows loaded from the packaged YAML have `plan = NULL` and are shared by every Plan; a
coordinator may add a national Framework (with items) that belongs to one Plan only.
"""

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin


class Pillar(BilingualMixin, models.Model):
    key = models.SlugField(_("key"), max_length=64, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_km = models.CharField(_("label (Khmer)"), max_length=200, blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_km = models.TextField(_("definition (Khmer)"), blank=True)
    cross_cutting = models.BooleanField(_("cross-cutting"), default=False)
    example_tags = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cross_cutting", "order"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self) -> str:
        return self.t("label")


class Framework(BilingualMixin, models.Model):
    class Kind(models.TextChoices):
        RESOLUTIONS = "resolutions", _("Security Council resolutions")
        TREATY = "treaty", _("Human-rights treaty guidance")
        GLOBAL_PLAN = "global_plan", _("Global platform")
        SDG = "sdg", _("Sustainable Development Goals")
        REGIONAL = "regional", _("Regional plan")
        NATIONAL = "national", _("National policy")
        INDICATORS = "indicators", _("Indicator set")
        GUIDANCE = "guidance", _("Guidance")

    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="frameworks",
        help_text=_("Empty for the shared reference library; set for a Plan's national Framework."),
    )
    key = models.SlugField(_("key"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_km = models.CharField(_("title (Khmer)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    adopted = models.CharField(_("adopted"), max_length=120, blank=True)
    uncertain = models.BooleanField(_("needs expert review"), default=False)
    uncertainty_note = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="framework_key_per_plan"),
            models.UniqueConstraint(fields=["key"], condition=Q(plan__isnull=True),
                                    name="framework_key_reference"),
        ]

    def __str__(self) -> str:
        return self.t("title")

    @property
    def is_reference(self) -> bool:
        return self.plan_id is None

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class FrameworkItem(BilingualMixin, models.Model):
    """One taggable provision of a Framework (a resolution, an SDG target, an RPA action…)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    key = models.CharField(_("key"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=400)
    label_km = models.CharField(_("label (Khmer)"), max_length=400, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_km = models.TextField(_("summary (Khmer)"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.CharField(_("date"), max_length=120, blank=True)
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="framework_items")
    uncertain = models.BooleanField(_("needs expert review"), default=False)
    uncertainty_note = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "key"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="item_key_per_framework"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.t('label')}"

    def get_additional_data(self):
        return {"plan_id": self.framework.plan_id if self.framework_id else None}


class SecurityIssue(BilingualMixin, models.Model):
    class Category(models.TextChoices):
        TRADITIONAL = "traditional", _("Traditional")
        NON_TRADITIONAL = "non_traditional", _("Non-traditional")
        EMERGING = "emerging", _("Emerging")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    label_en = models.CharField(_("label (English)"), max_length=300)
    label_km = models.CharField(_("label (Khmer)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_km = models.TextField(_("description (Khmer)"), blank=True)
    context_en = models.TextField(_("Cambodia context (English)"), blank=True)
    context_km = models.TextField(_("Cambodia context (Khmer)"), blank=True)
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="security_issues")
    framework_items = models.ManyToManyField(FrameworkItem, blank=True,
                                             related_name="security_issues")
    uncertain = models.BooleanField(_("needs expert review"), default=False)
    uncertainty_note = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category", "order"]
        verbose_name = _("security issue")
        verbose_name_plural = _("security issues")

    def __str__(self) -> str:
        return self.t("label")


class Area(BilingualMixin, models.Model):
    """An administrative area with its official code (provinces now; districts later)."""

    class Level(models.TextChoices):
        CAPITAL = "capital", _("Capital")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    country = models.CharField(_("country"), max_length=2, default="KH")
    code = models.CharField(_("official code"), max_length=16)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_km = models.CharField(_("name (Khmer)"), max_length=120, blank=True)
    name_km_short = models.CharField(max_length=120, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    land_border_with = models.JSONField(default=list, blank=True)
    coastal = models.BooleanField(default=False)

    class Meta:
        ordering = ["country", "code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="area_code_per_country"),
        ]

    def __str__(self) -> str:
        return self.t("name")


class Institution(BilingualMixin, models.Model):
    """A national institution named in the reference library (e.g. MoWA, CMAA, NCDM)."""

    country = models.CharField(max_length=2, default="KH")
    key = models.CharField(_("key"), max_length=80, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_km = models.CharField(_("name (Khmer)"), max_length=300, blank=True)
    role_en = models.TextField(_("role (English)"), blank=True)
    role_km = models.TextField(_("role (Khmer)"), blank=True)
    uncertain = models.BooleanField(_("needs expert review"), default=False)
    uncertainty_note = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.t("name")


class ReferenceMeta(models.Model):
    """What the last `load_reference` read: the file's version, status and notices.

    One row (pk 1). `data` keeps parts of the YAML that are not tables but must stay available,
    e.g. `attribution_required` (shown wherever the province list is shown) and `provinces_source`.
    """

    version = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reference library release")
        verbose_name_plural = _("reference library releases")

    def __str__(self) -> str:
        return f"{self.title} {self.version}".strip()

    @classmethod
    def current(cls) -> "ReferenceMeta":
        """The loaded release, or an empty unsaved one when nothing was loaded yet."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def attribution(self) -> list[dict]:
        return list(self.data.get("attribution_required") or [])


# Plan-owned national Frameworks are audited; the loader switches auditing off for the shared
# reference rows (see services.load_reference), so the trail holds only Plan edits.
# Reverse relations are left out: they carry no data, and a change key named "items" would shadow
# dict.items in templates that loop over `changes_dict.items`.
auditlog.register(Framework, exclude_fields=["items"])
auditlog.register(FrameworkItem, exclude_fields=["children", "security_issues"],
                  m2m_fields={"pillars"})
