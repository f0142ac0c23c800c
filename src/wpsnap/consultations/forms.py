from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wpsnap.frameworks.models import Area
from wpsnap.plans.forms import AreaChoiceField
from wpsnap.plans.models import Organisation

from .models import Consent, Consultation, ContactDetails, CoverageTarget, Participant, Statement

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def plan_areas(plan):
    return Area.objects.filter(country=plan.country).order_by("code")


class ConsultationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.slug} — {obj}"


class ConsultationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.slug} — {obj}"


class OrganisationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["slug", "kind", "title_en", "title_km", "date", "area", "language",
                  "facilitator", "organisations", "notes"]
        field_classes = {"area": AreaChoiceField, "organisations": OrganisationsField}
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 4}),
                   "organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan_areas(plan)
        self.fields["organisations"].queryset = Organisation.objects.filter(plan=plan)


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["sex", "age_band", "disability", "stakeholder_group", "organisation_type",
                  "area", "consultations", "is_group", "group_size"]
        field_classes = {"area": AreaChoiceField, "consultations": ConsultationsField}
        widgets = {"consultations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan_areas(plan)
        self.fields["consultations"].queryset = Consultation.objects.filter(plan=plan)

    def clean(self):
        data = super().clean()
        if data.get("group_size") and not data.get("is_group"):
            self.add_error("group_size", _("A group size is only for a group."))
        return data


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["given", "scope", "given_on"]
        widgets = {"given_on": DATE}


class ContactDetailsForm(forms.ModelForm):
    class Meta:
        model = ContactDetails
        fields = ["name", "phone", "email", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that this Participant has withdrawn consent."), required=True,
        error_messages={"required": _("Tick the box to confirm the withdrawal.")})


class EraseForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Type the Participant's code to confirm"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}))


class CoverageTargetForm(forms.ModelForm):
    class Meta:
        model = CoverageTarget
        fields = ["kind", "value", "area", "stakeholder_group"]
        field_classes = {"area": AreaChoiceField}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan_areas(plan)
        self.fields["value"].required = False


def _blank(choices, label=None):
    return [("", label or _("All")), *choices]


class ParticipantFilterForm(forms.Form):
    code = forms.CharField(label=pgettext_lazy("participant", "Code"), required=False,
                           max_length=20)
    sex = forms.ChoiceField(label=_("Sex"), required=False,
                            choices=_blank(Participant.Sex.choices))
    age_band = forms.ChoiceField(label=_("Age band"), required=False,
                                 choices=_blank(Participant.AgeBand.choices))
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), required=False,
                                          choices=_blank(Participant.StakeholderGroup.choices))
    organisation_type = forms.ChoiceField(label=_("Organisation type"), required=False,
                                          choices=_blank(Organisation.Type.choices))
    area = AreaChoiceField(label=_("Area"), required=False, queryset=Area.objects.none(),
                           to_field_name="code", empty_label=_("All"))
    consultation = ConsultationChoiceField(label=_("Consultation"), required=False,
                                           queryset=Consultation.objects.none(),
                                           to_field_name="slug", empty_label=_("All"))
    consent = forms.ChoiceField(label=_("Consent"), required=False, choices=_blank([
        ("active", _("Consent given")), ("not_given", _("Consent not given")),
        ("withdrawn", _("Consent withdrawn")), ("missing", _("No consent recorded"))]))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan_areas(plan)
        self.fields["consultation"].queryset = Consultation.objects.filter(plan=plan)


class StatementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200,
                        help_text=_("Khmer or English. Put a phrase in double quotes."),
                        widget=forms.TextInput(attrs={"type": "search"}))
    consultation = ConsultationChoiceField(label=_("Consultation"), required=False,
                                           queryset=Consultation.objects.none(),
                                           to_field_name="slug", empty_label=_("All"))
    kind = forms.ChoiceField(label=_("Consultation kind"), required=False,
                             choices=_blank(Consultation.Kind.choices))
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), required=False,
                                          choices=_blank(Participant.StakeholderGroup.choices))
    area = AreaChoiceField(label=_("Area"), required=False, queryset=Area.objects.none(),
                           to_field_name="code", empty_label=_("All"))
    sex = forms.ChoiceField(label=_("Sex"), required=False,
                            choices=_blank(Participant.Sex.choices))
    age_band = forms.ChoiceField(label=_("Age band"), required=False,
                                 choices=_blank(Participant.AgeBand.choices))
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=_blank(Statement.Language.choices))
    question = forms.CharField(label=_("Question"), required=False, max_length=255,
                               help_text=_("The question's name, as in the form."),
                               widget=forms.TextInput(attrs={"list": "question-list"}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan_areas(plan)
        self.fields["consultation"].queryset = Consultation.objects.filter(plan=plan)
