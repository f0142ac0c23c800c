"""Forms of the results framework editor: both languages side by side; long choice lists
(Findings, Framework items, provinces) as checkbox groups the template renders itself."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import pick
from wpsnap.core.forms import CheckboxesMixin
from wpsnap.frameworks.models import Area, FrameworkItem, Pillar
from wpsnap.plans.models import Organisation

from .models import Output
from .models.framework import Currency

QUARTERS = [("", "—"), (1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))]


class LabelField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class LabelsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def alignment_items(plan):
    """Framework items of the reference library and of the Plan's own national Frameworks."""
    return (FrameworkItem.objects.filter(Q(framework__plan__isnull=True) | Q(framework__plan=plan))
            .select_related("framework").order_by("framework__order", "framework__key", "order",
                                                  "key"))


def province_areas(plan):
    return Area.objects.filter(country=plan.country or "KH",
                               level__in=[Area.Level.CAPITAL, Area.Level.PROVINCE]).order_by(
        "code")


class CheckedMixin(CheckboxesMixin):
    def items_of(self, name):
        checked = self._checked(name)
        return [(obj, str(obj.pk) in checked) for obj in self.fields[name].queryset]


class WordingForm(CheckedMixin, forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=400, required=False)
    title_km = forms.CharField(label=_("Title (Khmer)"), max_length=400, required=False)
    description_en = forms.CharField(label=_("Description (English)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    description_km = forms.CharField(label=_("Description (Khmer)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(label=_("Note on this change"), required=False, max_length=500,
                           help_text=_("Optional: why the wording changed (kept with the "
                                       "Revision)."))
    require_title = True

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for name, field in self.fields.items():
            if name.endswith("_km"):
                field.widget.attrs["lang"] = "km"
            elif name.endswith("_en"):
                field.widget.attrs["lang"] = "en"

    def clean(self):
        data = super().clean()
        if self.require_title and not (data.get("title_en") or "").strip() and not (
                data.get("title_km") or "").strip():
            self.add_error("title_en", _("Give a title in English or Khmer (or both)."))
        return data

    def wording(self) -> dict:
        return {n: self.cleaned_data[n] for n in
                ("title_en", "title_km", "description_en", "description_km")
                if n in self.cleaned_data}


class GoalForm(WordingForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].label = _("Goal (English)")
        self.fields["title_km"].label = _("Goal (Khmer)")


class OutcomeForm(WordingForm):
    pillars = forms.ModelMultipleChoiceField(
        label=_("Pillars"), queryset=Pillar.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or more, the cross-cutting ones (e.g. coordination and M&E) "
                    "included."))

    def pillar_items(self):
        return self.items_of("pillars")


class OutputForm(WordingForm):
    outcome = LabelField(label=_("Outcome"), queryset=None, required=False,
                         help_text=_("Move the Output to another Outcome (its key stays)."))
    alignments = forms.ModelMultipleChoiceField(
        label=_("Alignments"), queryset=FrameworkItem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, moving=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alignments"].queryset = alignment_items(self.plan)
        if moving:
            self.fields["outcome"].queryset = self.plan.outcomes.order_by("order", "number")
            self.fields["outcome"].empty_label = None
        else:
            del self.fields["outcome"]


class ActionForm(WordingForm):
    """An Action. `coordinator=False` (a focal point of the lead Organisation) leaves out the
    lead, the supporting Organisations and the Output: those stay as they are."""

    output = LabelField(label=_("Output"), queryset=None, required=False,
                        help_text=_("Move the Action to another Output (its key stays)."))
    lead = LabelField(label=_("Lead organisation"), queryset=None, required=False,
                      empty_label=_("— no lead yet —"))
    supporting = LabelsField(label=_("Supporting organisations"), queryset=None,
                             required=False, widget=forms.CheckboxSelectMultiple)
    start_year = forms.IntegerField(label=_("Start year"), required=False, min_value=1990,
                                    max_value=2100)
    start_quarter = forms.TypedChoiceField(label=_("Start quarter"), choices=QUARTERS,
                                           coerce=int, empty_value=None, required=False)
    end_year = forms.IntegerField(label=_("End year"), required=False, min_value=1990,
                                  max_value=2100)
    end_quarter = forms.TypedChoiceField(label=_("End quarter"), choices=QUARTERS, coerce=int,
                                         empty_value=None, required=False)
    national = forms.BooleanField(label=_("National (nationwide)"), required=False,
                                  help_text=_("Or choose the provinces where it is carried "
                                              "out."))
    areas = forms.ModelMultipleChoiceField(label=_("Provinces"), queryset=Area.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings it responds to"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    alignments = forms.ModelMultipleChoiceField(
        label=_("Alignments"), queryset=FrameworkItem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, coordinator=True, moving=False, **kwargs):
        super().__init__(*args, **kwargs)
        from wpsnap.analysis.models import Finding

        plan = self.plan
        organisations = Organisation.objects.filter(plan=plan).order_by("name_en")
        self.coordinator = coordinator
        if coordinator:
            self.fields["lead"].queryset = organisations
            self.fields["supporting"].queryset = organisations
        else:
            del self.fields["lead"], self.fields["supporting"]
        if coordinator and moving:
            self.fields["output"].queryset = Output.objects.filter(plan=plan).order_by(
                "outcome__order", "outcome__number", "order", "number")
            self.fields["output"].empty_label = None
        else:
            del self.fields["output"]
        self.fields["areas"].queryset = province_areas(plan)
        self.fields["findings"].queryset = Finding.objects.filter(plan=plan).order_by("number")
        self.fields["alignments"].queryset = alignment_items(plan)
        if plan.period_start and plan.period_end:
            for name in ("start_year", "end_year"):
                self.fields[name].help_text = _("The Plan runs %(first)s–%(last)s.") % {
                    "first": plan.period_start, "last": plan.period_end}

    def clean(self):
        data = super().clean()
        lead, supporting = data.get("lead"), data.get("supporting") or []
        if lead is not None and any(org.pk == lead.pk for org in supporting):
            self.add_error("supporting", _("The lead cannot also be a supporting "
                                           "organisation."))
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        values = {**self.wording(), "start_year": d.get("start_year"),
                  "start_quarter": d.get("start_quarter"), "end_year": d.get("end_year"),
                  "end_quarter": d.get("end_quarter"), "national": d.get("national", False),
                  "areas": list(d.get("areas") or ()), "findings": list(d.get("findings") or ()),
                  "alignments": list(d.get("alignments") or ()), "note": d.get("note", "")}
        if "lead" in self.fields:
            values["lead"] = d.get("lead")
            values["supporting"] = list(d.get("supporting") or ())
        if "output" in self.fields and d.get("output") is not None:
            values["output"] = d["output"]
        return values

    def organisation_items(self):
        return self.items_of("supporting") if "supporting" in self.fields else []

    def area_items(self):
        return self.items_of("areas")

    def finding_items(self):
        return self.items_of("findings")


class BudgetLineForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=18, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices,
                                 initial=Currency.USD)
    source_en = forms.CharField(label=_("Source (English)"), max_length=300, required=False,
                                help_text=_("e.g. national budget, a development partner."))
    source_km = forms.CharField(label=_("Source (Khmer)"), max_length=300, required=False,
                                widget=forms.TextInput(attrs={"lang": "km"}))
    secured = forms.BooleanField(label=_("Secured (committed)"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100,
                              help_text=_("Leave empty for the whole timeframe."))

    def values(self) -> dict:
        return dict(self.cleaned_data)


def bilingual_label(obj, name="label") -> str:
    return pick(obj, name).text
