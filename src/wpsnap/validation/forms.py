"""Forms of the Workshop set-up (back office)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wpsnap.consultations.models import Consultation
from wpsnap.frameworks.models import Area
from wpsnap.plans.forms import AreaChoiceField

from .models import Workshop
from .services.setup import MAX_CHOICES, RULE_SETTINGS, SETTINGS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkshopForm(forms.Form):
    """A Workshop's titles, its Consultation (chosen, or created here) and its settings.

    `can_set_rule`: only a coordinator sets the validation rule (threshold and minimum votes);
    for anyone else those fields are disabled, so a posted value is ignored."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=250)
    title_km = forms.CharField(label=_("Title (Khmer)"), max_length=250, required=False)
    consultation = forms.ModelChoiceField(
        label=_("Validation workshop (Consultation)"), queryset=Consultation.objects.none(),
        required=False, empty_label=_("— create a new one below —"),
        help_text=_("The Consultation of kind “Validation workshop” this session belongs to."))
    new_consultation_title_en = forms.CharField(
        label=_("New Consultation: title (English)"), max_length=250, required=False)
    new_consultation_title_km = forms.CharField(
        label=_("New Consultation: title (Khmer)"), max_length=250, required=False)
    new_consultation_date = forms.DateField(label=_("New Consultation: date"), required=False,
                                            widget=DATE)
    new_consultation_area = AreaChoiceField(label=_("New Consultation: area"), required=False,
                                            queryset=Area.objects.none())
    named_attendance = forms.BooleanField(
        label=_("Named attendance"), required=False,
        help_text=_("Ask Attendees for their name. Leave off for anonymous attendance."))
    results_hidden = forms.BooleanField(
        label=_("Hide results until an item closes"), required=False, initial=True,
        help_text=_("Avoids group-think: votes are shown only once voting on an item closes."))
    moderate_comments = forms.BooleanField(
        label=_("Moderate comments"), required=False, initial=True,
        help_text=_("Comments and Amendments are shown only after a facilitator approves "
                    "them."))
    navigation = forms.ChoiceField(label=_("Navigation"), choices=Workshop.Navigation.choices,
                                   initial=Workshop.Navigation.FOLLOW, widget=forms.RadioSelect)
    priority_points = forms.IntegerField(
        label=_("Priority points"), min_value=0, max_value=100, initial=0,
        help_text=_("Points each Attendee spreads over the priorities; 0 for no priority "
                    "step."))
    priority_target = forms.ChoiceField(label=_("Priorities over"),
                                        choices=Workshop.PriorityTarget.choices,
                                        initial=Workshop.PriorityTarget.FINDINGS)
    validation_threshold = forms.DecimalField(
        label=_("Validation threshold"), min_value=Decimal("0.5"), max_value=Decimal("1"),
        decimal_places=3, initial=Decimal("0.667"),
        help_text=_("A Finding is validated when at least this share of the votes agree or "
                    "agree with changes (0.667 = two thirds)."))
    minimum_votes = forms.IntegerField(
        label=_("Minimum votes"), min_value=1, max_value=10000, initial=5,
        help_text=_("Below this number of votes no outcome is proposed."))

    def __init__(self, *args, plan, can_set_rule: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_set_rule = can_set_rule
        self.fields["consultation"].queryset = Consultation.objects.filter(
            plan=plan, kind=Consultation.Kind.VALIDATION_WORKSHOP).order_by("-date", "slug")
        self.fields["new_consultation_area"].queryset = Area.objects.filter(
            country=plan.country).order_by("code")
        if not can_set_rule:
            for name in RULE_SETTINGS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Set by the coordinator: a facilitator cannot change the validation rule.")

    def clean(self):
        data = super().clean()
        if not data.get("consultation") and not data.get("new_consultation_title_en"):
            self.add_error("consultation", _("Choose the validation workshop this session "
                                             "belongs to, or give a title to create one."))
        return data

    def settings(self) -> dict:
        """The Workshop settings to save (without the rule unless the user may set it)."""
        d = self.cleaned_data
        return {name: d[name] for name in SETTINGS
                if self.can_set_rule or name not in RULE_SETTINGS}

    @classmethod
    def initial_for(cls, workshop: Workshop) -> dict:
        names = ["title_en", "title_km", "named_attendance", "results_hidden",
                 "moderate_comments", "navigation", "priority_points", "priority_target",
                 "validation_threshold", "minimum_votes"]
        return {"consultation": workshop.consultation_id,
                **{n: getattr(workshop, n) for n in names}}


class AddFindingsForm(forms.Form):
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one Finding.")})

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = queryset
        self.fields["findings"].to_field_name = "key"

    def ordered(self):
        """The chosen Findings in the Plan's order of Findings."""
        return sorted(self.cleaned_data["findings"], key=lambda f: (f.order, f.number))


CHOICE_ROWS = range(1, MAX_CHOICES + 1)


class QuestionForm(forms.Form):
    question_en = forms.CharField(label=_("Question (English)"), max_length=500,
                                  widget=forms.TextInput)
    question_km = forms.CharField(label=_("Question (Khmer)"), max_length=500,
                                  required=False, widget=forms.TextInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in CHOICE_ROWS:
            self.fields[f"choice_{n}_en"] = forms.CharField(
                label=_("Choice %(n)d (English)") % {"n": n}, max_length=200, required=False)
            self.fields[f"choice_{n}_km"] = forms.CharField(
                label=_("Choice %(n)d (Khmer)") % {"n": n}, max_length=200, required=False)

    def clean(self):
        data = super().clean()
        filled = [n for n in CHOICE_ROWS
                  if data.get(f"choice_{n}_en") or data.get(f"choice_{n}_km")]
        if len(filled) < 2:
            raise ValidationError(_("Give at least two choices (up to %(max)d), each in "
                                    "English and Khmer.") % {"max": MAX_CHOICES})
        return data

    def choice_rows(self):
        """[(English field, Khmer field)] for the template."""
        return [(self[f"choice_{n}_en"], self[f"choice_{n}_km"]) for n in CHOICE_ROWS]

    def choices(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        return [(d.get(f"choice_{n}_en", ""), d.get(f"choice_{n}_km", "")) for n in CHOICE_ROWS]

    @classmethod
    def initial_for(cls, item) -> dict:
        initial = {"question_en": item.question_en, "question_km": item.question_km}
        for n, choice in enumerate(item.choices or [], start=1):
            initial[f"choice_{n}_en"] = choice.get("label_en", "")
            initial[f"choice_{n}_km"] = choice.get("label_km", "")
        return initial


class BreakoutForm(forms.Form):
    theme_en = forms.CharField(label=_("Theme (English)"), max_length=250,
                               help_text=_("e.g. Women in peace processes; Conflict prevention "
                                           "and resolution; Lessons learned and good "
                                           "practices."))
    theme_km = forms.CharField(label=_("Theme (Khmer)"), max_length=250, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=250, required=False,
                               help_text=_("Leave empty for the Workshop's title and the "
                                           "theme."))
    title_km = forms.CharField(label=_("Title (Khmer)"), max_length=250, required=False)
