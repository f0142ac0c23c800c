"""Consult: Consultations, Participants (pseudonymous) with Consent, Datasets and Statements.

Do no harm: a Participant is known by a code (P-0042). Names and phone numbers, if kept at all,
live in ContactDetails, which only coordinators can read and which never appears in lists,
exports, logs or URLs. Withdrawn consent hides a Participant's Statements from analysis and
reports at once (see `queries.visible_statements`); erasing deletes them for real.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin
from wpsnap.plans.models import Organisation


class Consultation(BilingualMixin, models.Model):
    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Key-informant interview")
        FOCUS_GROUP = "focus_group", _("Focus group")
        SURVEY = "survey", _("Survey")
        WORKSHOP = "workshop", _("Workshop")
        VALIDATION_WORKSHOP = "validation_workshop", _("Validation workshop")

    class Language(models.TextChoices):
        KHMER = "km", _("Khmer")
        ENGLISH = "en", _("English")
        BOTH = "km_en", _("Khmer and English")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="consultations")
    slug = models.SlugField(_("short name"), max_length=80,
                            help_text=_("Used by the importer: --consultation SLUG."))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_km = models.CharField(_("title (Khmer)"), max_length=250, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    area = models.ForeignKey("frameworks.Area", null=True, blank=True, on_delete=models.PROTECT,
                             verbose_name=_("area"))
    language = models.CharField(_("language"), max_length=8, choices=Language.choices,
                                default=Language.KHMER)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True,
                                           verbose_name=_("organisations present"),
                                           related_name="consultations")
    notes = models.TextField(_("notes"), blank=True)
    mapping = models.JSONField(_("import mapping"), default=dict, blank=True,
                               help_text=_("Saved by the importer and reused on re-import."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "slug"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="consultation_slug_per_plan"),
        ]

    def __str__(self) -> str:
        return self.t("title")

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Participant(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Another identity")
        UNKNOWN = "unknown", _("Not stated")

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        A18_24 = "18_24", _("18–24")
        A25_34 = "25_34", _("25–34")
        A35_44 = "35_44", _("35–44")
        A45_59 = "45_59", _("45–59")
        A60_PLUS = "60_plus", _("60 and over")
        UNKNOWN = "unknown", _("Not stated")

    YOUTH_BANDS = (AgeBand.UNDER_18, AgeBand.A18_24)

    class Disability(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Not stated")

    class StakeholderGroup(models.TextChoices):
        WOMEN = "women", _("Women and girls")
        YOUTH = "youth", _("Youth")
        MARGINALISED = "marginalised", _("Marginalised groups")
        GOVERNMENT = "government", _("Government official")
        SUBNATIONAL = "subnational", _("Sub-national authority")
        CIVIL_SOCIETY = "civil_society", _("Civil society / NGO")
        UN_PARTNER = "un_partner", _("UN or development partner")
        ACADEMIC = "academic", _("Academic / research")
        COMMUNITY_LEADER = "community_leader", _("Community leader")
        SECURITY_SECTOR = "security_sector", _("Security sector")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        OTHER = "other", _("Other")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="participants")
    code = models.CharField(_("code"), max_length=20,
                            help_text=_("Pseudonymous code such as P-0042; never a name."))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices,
                                default=AgeBand.UNKNOWN)
    disability = models.CharField(_("disability"), max_length=10, choices=Disability.choices,
                                  default=Disability.UNKNOWN)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=20,
                                         choices=StakeholderGroup.choices, blank=True)
    organisation_type = models.CharField(_("organisation type"), max_length=30,
                                         choices=Organisation.Type.choices, blank=True)
    area = models.ForeignKey("frameworks.Area", null=True, blank=True, on_delete=models.PROTECT,
                             verbose_name=_("area"))
    attributes = models.JSONField(_("other attributes"), default=dict, blank=True)
    consultations = models.ManyToManyField(Consultation, blank=True, related_name="participants",
                                           verbose_name=_("consultations"))
    is_group = models.BooleanField(_("a group"), default=False,
                                   help_text=_("A focus group recorded as one voice."))
    group_size = models.PositiveIntegerField(_("group size"), null=True, blank=True)
    source_key = models.CharField(
        _("source key"), max_length=200, blank=True,
        help_text=_("The submission's key in the source (Kobo meta/rootUuid or _uuid, ODK KEY)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="participant_code_per_plan"),
            models.UniqueConstraint(fields=["plan", "source_key"], condition=~Q(source_key=""),
                                    name="participant_source_key_per_plan"),
        ]
        indexes = [models.Index(fields=["plan", "sex", "age_band"])]

    def __str__(self) -> str:
        return self.code

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Consent(models.Model):
    class Scope(models.TextChoices):
        QUOTE_ANONYMOUSLY = "quote_anonymously", _("May be quoted anonymously")
        DO_NOT_QUOTE = "do_not_quote", _("Use for analysis, do not quote")

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="consent")
    given = models.BooleanField(_("consent given"), default=False)
    scope = models.CharField(_("scope"), max_length=24, choices=Scope.choices,
                             default=Scope.QUOTE_ANONYMOUSLY)
    given_on = models.DateField(_("date"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.participant.code}: {self.get_scope_display()}"

    @property
    def active(self) -> bool:
        return self.given and self.withdrawn_at is None

    def get_additional_data(self):
        return {"plan_id": self.participant.plan_id}


class ContactDetails(models.Model):
    """Optional, separately protected: only coordinators read it; never in lists or exports."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="contact")
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:  # never the name: this may be logged or shown in the audit trail
        return f"contact details of {self.participant.code}"

    def get_additional_data(self):
        return {"plan_id": self.participant.plan_id}


class Dataset(models.Model):
    """One imported file and the record of its import."""

    class Format(models.TextChoices):
        KOBO = "kobo", _("KoboToolbox export")
        ODK = "odk", _("ODK Central export")
        TRANSCRIPT = "transcript", _("Transcript")
        TABLE = "table", _("Spreadsheet or CSV")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        IMPORTED = "imported", _("Imported")
        REJECTED = "rejected", _("Rejected")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="datasets")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="datasets")
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    form_file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # 0–100, for the progress bar
    report = models.JSONField(default=dict, blank=True)
    rows = models.PositiveIntegerField(default=0)
    participants_new = models.PositiveIntegerField(default=0)
    statements_new = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.filename

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class Statement(models.Model):
    """The unit of what was said or answered, in its original language."""

    class Language(models.TextChoices):
        KHMER = "km", _("Khmer")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="statements")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="statements")
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="statements")
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="statements")
    question = models.CharField(_("question"), max_length=255, blank=True,
                                help_text=_("The question's name or group path."))
    question_label_en = models.CharField(max_length=500, blank=True)
    question_label_km = models.CharField(max_length=500, blank=True)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    translation = models.TextField(_("translation"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    source_key = models.CharField(max_length=300, blank=True,
                                  help_text=_("Submission key, question path and repeat index."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "source_key"],
                                    condition=~Q(source_key=""),
                                    name="statement_source_key_per_consultation"),
        ]
        indexes = [models.Index(fields=["plan", "consultation"]),
                   models.Index(fields=["plan", "language"])]

    def __str__(self) -> str:
        return f"S-{self.pk}"

    def save(self, *args, **kwargs):
        from wpsnap.core.text import search_text

        self.search_text = search_text(f"{self.text} {self.translation}")
        super().save(*args, **kwargs)

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(Consultation, m2m_fields={"organisations"})
auditlog.register(Participant, exclude_fields=["attributes"])
auditlog.register(Consent)
# Contact details: record that they changed, never their values.
auditlog.register(ContactDetails, exclude_fields=["name", "phone", "email", "notes"])
auditlog.register(Dataset, exclude_fields=["report", "progress", "mapping"])
auditlog.register(Statement, exclude_fields=["search_text", "text", "translation"])


class CoverageTarget(models.Model):
    """A Coverage target the coordinator sets for the Plan (who must be consulted)."""

    class Kind(models.TextChoices):
        SHARE_WOMEN = "share_women", _("Share of women: at least this percentage is female")
        SHARE_YOUTH = "share_youth", _(
            "Share of young people: at least this percentage is under 25")
        AREA_COVERED = "area_covered", _("Area covered: at least one Participant from the area")
        MIN_GROUP = "min_group", _(
            "Stakeholder group: at least this number of Participants from the group")

    PERCENT_KINDS = (Kind.SHARE_WOMEN, Kind.SHARE_YOUTH)

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE,
                             related_name="coverage_targets")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=6, decimal_places=1, default=1,
                                help_text=_("A percentage for shares; a number of Participants "
                                            "otherwise."))
    area = models.ForeignKey("frameworks.Area", null=True, blank=True, on_delete=models.PROTECT,
                             verbose_name=_("area"),
                             help_text=_("Required for an area target; optional otherwise."))
    stakeholder_group = models.CharField(
        _("stakeholder group"), max_length=20, choices=Participant.StakeholderGroup.choices,
        blank=True, help_text=_("Required for a stakeholder group target; optional otherwise."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("coverage target")
        verbose_name_plural = _("coverage targets")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.value})"

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(CoverageTarget)
