from django import forms
from django.utils.translation import gettext_lazy as _

from wpsnap.frameworks.models import Area

from .models import Member, Organisation, Plan, Role


class PlanCreateForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["slug", "country", "title_en", "title_km", "period_start", "period_end"]

    def clean_country(self):
        return self.cleaned_data["country"].upper()


class PlanEditForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title_en", "title_km", "description_en", "description_km", "period_start",
                  "period_end", "stage"]
        widgets = {"description_en": forms.Textarea(attrs={"rows": 4}),
                   "description_km": forms.Textarea(attrs={"rows": 4})}


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    username = forms.SlugField(
        label=_("Username"), required=False, max_length=150,
        help_text=_("For a new account. Leave empty to use the part of the address before @."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False,
        help_text=_("Required for a focal point."),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = plan.organisations.all()

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("organisation"):
            self.add_error("organisation", _("A focal point acts for one Organisation."))
        return data


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["role", "organisation"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.instance.plan.organisations.all()


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj}"


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name_en", "name_km", "abbreviation", "type", "level", "area"]
        field_classes = {"area": AreaChoiceField}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["area"].queryset = Area.objects.filter(country=plan.country)

    def clean_name_en(self):
        name = self.cleaned_data["name_en"].strip()
        clash = Organisation.objects.filter(plan=self.plan, name_en__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This Plan already has an Organisation with that name."))
        return name
