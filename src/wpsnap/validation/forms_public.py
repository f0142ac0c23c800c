"""Forms of the public front (Attendees). The services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wpsnap.consultations.models import Participant

NOT_SAID = _("Prefer not to say")


def _blank(choices):
    return [("", NOT_SAID), *[(k, v) for k, v in choices if k != "unknown"]]


class AttendeeForm(forms.Form):
    """Language and the optional profile (asked when joining, changeable on "About you")."""

    language = forms.ChoiceField(
        label=_("Language"), choices=[("km", "ខ្មែរ"), ("en", "English")],
        widget=forms.RadioSelect, initial="km")
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    stakeholder_group = forms.ChoiceField(
        label=_("You are here as (optional)"), required=False,
        choices=_blank(Participant.StakeholderGroup.choices))
    sex = forms.ChoiceField(label=_("Sex (optional)"), required=False,
                            choices=_blank(Participant.Sex.choices))
    age_band = forms.ChoiceField(label=_("Age (optional)"), required=False,
                                 choices=_blank(Participant.AgeBand.choices))
    area = forms.ChoiceField(label=_("Province you live in (optional)"), required=False)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        from wpsnap.core.bilingual import pick
        from wpsnap.frameworks.models import Area

        areas = Area.objects.filter(
            country=workshop.plan.country,
            level__in=[Area.Level.CAPITAL, Area.Level.PROVINCE]).order_by("code")
        self.fields["area"].choices = [("", NOT_SAID),
                                       *[(str(a.pk), pick(a, "name").text) for a in areas]]
        if not workshop.named_attendance:
            del self.fields["name"]

    def profile(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("language", None)
        return data
