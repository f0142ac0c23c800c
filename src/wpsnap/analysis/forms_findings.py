"""Forms of the Findings pages."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import pick
from wpsnap.core.forms import CheckboxesMixin
from wpsnap.frameworks.models import FrameworkItem, Pillar, SecurityIssue

from .models import Finding

STRENGTH_CHOICES = [("", _("Any strength")), ("strong", _("Strong")),
                    ("moderate", _("Moderate")), ("weak", _("Weak"))]


class BilingualLabelMixin:
    def label_from_instance(self, obj):
        return pick(obj, "label").text


class PillarsField(BilingualLabelMixin, forms.ModelMultipleChoiceField):
    pass


class PillarField(BilingualLabelMixin, forms.ModelChoiceField):
    pass


class SecurityIssuesField(BilingualLabelMixin, forms.ModelMultipleChoiceField):
    pass


class AlignmentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.key} {pick(obj, 'label').text}"


def alignment_items(plan):
    """Framework items a Finding of this Plan may align with: the reference library's and the
    Plan's own national Frameworks'."""
    return (FrameworkItem.objects.filter(Q(framework__plan__isnull=True) | Q(framework__plan=plan))
            .select_related("framework").order_by("framework__order", "framework__key", "order",
                                                  "key"))


class FindingForm(CheckboxesMixin, forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    title_km = forms.CharField(label=_("Title (Khmer)"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Text (English)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))
    text_km = forms.CharField(label=_("Text (Khmer)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))
    kind = forms.ChoiceField(label=_("Kind"), choices=Finding.Kind.choices,
                             initial=Finding.Kind.FINDING)
    pillars = PillarsField(label=_("Pillars"), queryset=Pillar.objects.all(), required=False,
                           widget=forms.CheckboxSelectMultiple)
    security_issues = SecurityIssuesField(
        label=_("Security issues"), queryset=SecurityIssue.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The category (traditional, non-traditional, emerging) follows from the "
                    "issues chosen."))
    alignments = AlignmentsField(label=_("Alignments"), queryset=FrameworkItem.objects.none(),
                                 required=False, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note on this change"), required=False, max_length=500,
                           help_text=_("Optional: why the wording changed (kept with the "
                                       "Revision)."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["alignments"].queryset = alignment_items(plan)
        self.fields["title_km"].widget.attrs["lang"] = "km"
        self.fields["text_km"].widget.attrs["lang"] = "km"
        self.fields["title_en"].widget.attrs["lang"] = "en"
        self.fields["text_en"].widget.attrs["lang"] = "en"

    def clean(self):
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_km") or "").strip():
            self.add_error("title_en", _("Give the Finding a title in English or Khmer "
                                         "(or both)."))
        return data

    # Grouped choices for the template (checkbox groups) -------------------------------------

    def security_issue_groups(self):
        checked = self._checked("security_issues")
        groups = []
        for value, label in SecurityIssue.Category.choices:
            items = [(si, str(si.pk) in checked) for si in SecurityIssue.objects.filter(
                category=value).order_by("order")]
            if items:
                groups.append({"key": value, "label": label, "items": items})
        return groups

    def pillar_items(self):
        checked = self._checked("pillars")
        return [(p, str(p.pk) in checked) for p in Pillar.objects.all()]


class FindingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("Any kind")), *Finding.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *Finding.Status.choices])
    pillar = PillarField(label=_("Pillar"), required=False, queryset=Pillar.objects.all(),
                         empty_label=_("Any pillar"))
    category = forms.ChoiceField(label=_("Security-issue category"), required=False,
                                 choices=[("", _("Any category")),
                                          *SecurityIssue.Category.choices])
    strength = forms.ChoiceField(label=_("Strength"), required=False, choices=STRENGTH_CHOICES)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Finding.Status.choices)


class EvidenceSearchForm(forms.Form):
    q = forms.CharField(label=_("Find Statements to attach"), required=False, max_length=200)
