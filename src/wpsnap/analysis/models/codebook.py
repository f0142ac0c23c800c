from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin


class Code(BilingualMixin, models.Model):
    """A theme of the Plan's Codebook (a tree), with definition and examples in both languages.

    Seeded Codes carry the reference id as key (`protection`, `landmines-erw`) and point at their
    Pillar or Security issue. A merged Code is kept, archived, with `merged_into` set, so an old
    key still resolves (e.g. in a codings import) and nothing is lost.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="codes")
    key = models.SlugField(_("key"), max_length=80,
                           help_text=_("A stable short name, e.g. landmines-erw."))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent code"))
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_km = models.CharField(_("label (Khmer)"), max_length=200, blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_km = models.TextField(_("definition (Khmer)"), blank=True)
    examples_en = models.TextField(_("examples (English)"), blank=True,
                                   help_text=_("One example per line."))
    examples_km = models.TextField(_("examples (Khmer)"), blank=True,
                                   help_text=_("One example per line."))
    keywords = models.TextField(_("keywords"), blank=True,
                                help_text=_("Words or phrases in either language, one per line; "
                                            "the assistant starts from them."))
    pillar = models.ForeignKey("frameworks.Pillar", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="codes",
                               verbose_name=_("pillar"))
    security_issue = models.ForeignKey("frameworks.SecurityIssue", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="codes",
                                       verbose_name=_("security issue"))
    order = models.PositiveIntegerField(_("order"), default=0)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="merged_codes", verbose_name=_("merged into"))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="code_key_per_plan"),
        ]

    def __str__(self) -> str:
        return self.t("label")

    @property
    def category(self) -> str:
        """traditional / non_traditional / emerging when the Code is about a Security issue."""
        return self.security_issue.category if self.security_issue_id else ""

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


auditlog.register(Code)
