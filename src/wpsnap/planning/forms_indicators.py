"""Forms of the Indicators pages: the Indicator with its Targets (one row per year of the Plan),
the list filter, and the choice of where an adopted library entry goes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wpsnap.analysis.forms_findings import AlignmentsField, alignment_items
from wpsnap.core.forms import CheckboxesMixin
from wpsnap.plans.models import Organisation

from .models.framework import DISAGGREGATIONS, Direction, Frequency, IndicatorType
from .queries import indicators as queries
from .queries.smart import INDICATOR_HINTS

TEXT_FIELDS = ("title_en", "title_km", "definition_en", "definition_km", "unit_en", "unit_km",
               "baseline_text_en", "baseline_text_km", "baseline_source_en", "baseline_source_km",
               "data_source_en", "data_source_km")


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def _place_field(plan, **kwargs):
    return forms.ChoiceField(
        label=_("On the Outcome or Output"), choices=[("", "---------"),
                                                      *queries.places(plan)], **kwargs)


class IndicatorForm(CheckboxesMixin, forms.Form):
    place = forms.ChoiceField(label=_("On the Outcome or Output"))
    title_en = forms.CharField(label=_("Title (English)"), max_length=400, required=False)
    title_km = forms.CharField(label=_("Title (Khmer)"), max_length=400, required=False)
    definition_en = forms.CharField(label=_("Definition (English)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    definition_km = forms.CharField(label=_("Definition (Khmer)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    type = forms.ChoiceField(label=_("Type"), choices=IndicatorType.choices,
                             initial=IndicatorType.NUMBER)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices,
                                  initial=Direction.INCREASE)
    unit_en = forms.CharField(label=_("Unit (English)"), max_length=80, required=False)
    unit_km = forms.CharField(label=_("Unit (Khmer)"), max_length=80, required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline value"), required=False, max_digits=18, decimal_places=4,
        help_text=_("Number or percentage: the value. Yes/no: 1 for yes, 0 for no. Qualitative: "
                    "describe the baseline in words below."))
    baseline_year = forms.IntegerField(label=_("Baseline year"), required=False,
                                       min_value=1990, max_value=2100)
    baseline_text_en = forms.CharField(label=_("Baseline in words (English)"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    baseline_text_km = forms.CharField(label=_("Baseline in words (Khmer)"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    baseline_source_en = forms.CharField(label=_("Baseline source (English)"), max_length=400,
                                         required=False)
    baseline_source_km = forms.CharField(label=_("Baseline source (Khmer)"), max_length=400,
                                         required=False)
    disaggregation = forms.MultipleChoiceField(
        label=_("Disaggregated by"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=list(DISAGGREGATIONS.items()))
    data_source_en = forms.CharField(label=_("Data source (English)"), max_length=400,
                                     required=False)
    data_source_km = forms.CharField(label=_("Data source (Khmer)"), max_length=400,
                                     required=False)
    frequency = forms.ChoiceField(label=_("Reporting frequency"), required=False,
                                  choices=[("", "---------"), *Frequency.choices])
    responsible = OrganisationField(label=_("Responsible Organisation"), required=False,
                                    queryset=Organisation.objects.none())
    alignments = AlignmentsField(label=_("Alignments"), queryset=None, required=False,
                                 widget=forms.CheckboxSelectMultiple)
    # Not an input: where the services' errors about the Targets are shown (by the table).
    targets = forms.CharField(required=False, widget=forms.HiddenInput, disabled=True)
    note = forms.CharField(label=_("Note on this change"), required=False, max_length=500,
                           help_text=_("Optional: why the wording changed (kept with the "
                                       "Revision)."))

    def __init__(self, *args, plan, target_years, structural=True, **kwargs):
        """`target_years`: one Target row per year. `structural=False` (a focal point): the
        place and the responsible Organisation are shown but cannot be changed."""
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["place"] = _place_field(plan, disabled=not structural)
        self.fields["responsible"].queryset = Organisation.objects.filter(plan=plan)
        self.fields["responsible"].disabled = not structural
        self.fields["alignments"].queryset = alignment_items(plan)
        for name in TEXT_FIELDS:
            self.fields[name].widget.attrs["lang"] = name[-2:]
        self.target_years = list(target_years)
        for year in self.target_years:
            self.fields[f"target_{year}_value"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year}, required=False, max_digits=18,
                decimal_places=4)
            self.fields[f"target_{year}_text_en"] = forms.CharField(
                label=_("Target %(year)s in words (English)") % {"year": year}, required=False,
                widget=forms.TextInput(attrs={"lang": "en"}))
            self.fields[f"target_{year}_text_km"] = forms.CharField(
                label=_("Target %(year)s in words (Khmer)") % {"year": year}, required=False,
                widget=forms.TextInput(attrs={"lang": "km"}))

    def clean(self):
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_km") or "").strip():
            self.add_error("title_en", _("Give the Indicator a title in English or Khmer "
                                         "(or both)."))
        return data

    # For the template -------------------------------------------------------------------------

    def target_rows(self):
        return [{"year": year, "value": self[f"target_{year}_value"],
                 "text_en": self[f"target_{year}_text_en"],
                 "text_km": self[f"target_{year}_text_km"]} for year in self.target_years]

    # For the view -----------------------------------------------------------------------------

    def values(self) -> dict:
        """Keyword arguments for services.indicators (place resolved by the view)."""
        d = self.cleaned_data
        values = {name: d.get(name) or "" for name in TEXT_FIELDS}
        values.update({
            "type": d["type"], "direction": d["direction"],
            "baseline_value": d.get("baseline_value"), "baseline_year": d.get("baseline_year"),
            "disaggregation": list(d.get("disaggregation") or ()),
            "frequency": d.get("frequency") or "",
            "responsible": d.get("responsible"),
        })
        return values

    def target_values(self) -> dict:
        d = self.cleaned_data
        return {year: {"value": d.get(f"target_{year}_value"),
                       "text_en": d.get(f"target_{year}_text_en") or "",
                       "text_km": d.get(f"target_{year}_text_km") or ""}
                for year in self.target_years}


def _plain(value):
    """A stored Decimal as the form shows it: 120.0000 → "120", 12.5000 → "12.5"."""
    from .templatetags.planning_indicators import number

    return None if value is None else number(value)


def initial_for(indicator) -> dict:
    """The IndicatorForm's initial values for an existing Indicator (targets prefetched)."""
    initial = {name: getattr(indicator, name) for name in TEXT_FIELDS}
    initial.update({
        "place": queries.place_value(indicator), "type": indicator.type,
        "direction": indicator.direction, "baseline_value": _plain(indicator.baseline_value),
        "baseline_year": indicator.baseline_year,
        "disaggregation": list(indicator.disaggregation or ()),
        "frequency": indicator.frequency, "responsible": indicator.responsible_id,
        "alignments": list(indicator.alignments.all()),
    })
    for target in indicator.targets.all():
        initial[f"target_{target.year}_value"] = _plain(target.value)
        initial[f"target_{target.year}_text_en"] = target.text_en
        initial[f"target_{target.year}_text_km"] = target.text_km
    return initial


class IndicatorFilterForm(forms.Form):
    hint = forms.ChoiceField(label=_("SMART hint"), required=False,
                             choices=[("", _("Any (show all)")), *INDICATOR_HINTS.items()])


class AdoptForm(forms.Form):
    place = forms.ChoiceField(label=_("Add it to"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(plan)
        self.fields["place"].label = _("Add it to")

