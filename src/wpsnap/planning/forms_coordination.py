"""Forms of the coordination pages: a Body, a Membership, the matrix filter and the mechanism
question put to a Workshop. The forms only read input; services.coordination writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import pick
from wpsnap.frameworks.models import Area, Pillar
from wpsnap.plans.models import Organisation

from .models import Body, Membership, Outcome

QUESTION_CHOICE_ROWS = range(1, 6)  # 2 to 5 choices


class BilingualChoiceField(forms.ModelChoiceField):
    """Options labelled in the active language (name or label, whichever the model has)."""

    def label_from_instance(self, obj):
        for name in ("name", "label", "title"):
            text = pick(obj, name).text
            if text:
                return f"{obj.abbreviation} — {text}" if getattr(obj, "abbreviation", "") \
                    else text
        return str(obj)


class AreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {pick(obj, 'name').text}"


def _lang(form, *names):
    for name in names:
        form.fields[name].widget.attrs["lang"] = name.rsplit("_", 1)[-1]


class BodyForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    name_km = forms.CharField(label=_("Name (Khmer)"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices,
                             initial=Body.Kind.OTHER)
    level = forms.ChoiceField(label=_("Level"), choices=Body.Level.choices,
                              initial=Body.Level.NATIONAL)
    area = AreaField(label=_("Area"), queryset=Area.objects.none(), required=False,
                     help_text=_("For a provincial or local Body: the province it covers."))
    pillar = BilingualChoiceField(label=_("Pillar"), queryset=Pillar.objects.all(),
                                  required=False, help_text=_("For a pillar sub-group."))
    mandate_en = forms.CharField(label=_("Mandate (English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    mandate_km = forms.CharField(label=_("Mandate (Khmer)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    meeting_frequency = forms.ChoiceField(
        label=_("Meets"), required=False,
        choices=[("", _("Not decided yet")), *Body.Frequency.choices])
    reports_to = BilingualChoiceField(
        label=_("Reports to"), queryset=Body.objects.none(), required=False,
        empty_label=_("No other Body (the top of the mechanism)"))

    def __init__(self, *args, plan, body=None, **kwargs):
        if body is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name_en": body.name_en, "name_km": body.name_km, "kind": body.kind,
                "level": body.level, "area": body.area_id, "pillar": body.pillar_id,
                "mandate_en": body.mandate_en, "mandate_km": body.mandate_km,
                "meeting_frequency": body.meeting_frequency, "reports_to": body.reports_to_id,
            }
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(country=plan.country)
        others = Body.objects.filter(plan=plan)
        if body is not None:
            others = others.exclude(pk=body.pk)
        self.fields["reports_to"].queryset = others
        _lang(self, "name_en", "name_km", "mandate_en", "mandate_km")

    def clean(self):
        data = super().clean()
        if not (data.get("name_en") or "").strip():
            self.add_error("name_en", _("Give the Body a name in English (and in Khmer)."))
        return data

    def values(self) -> dict:
        d = self.cleaned_data
        values = {name: d.get(name) for name in (
            "name_en", "name_km", "kind", "level", "area", "pillar", "mandate_en", "mandate_km",
            "reports_to")}
        values["meeting_frequency"] = d.get("meeting_frequency") or ""
        return values


class MembershipForm(forms.Form):
    organisation = BilingualChoiceField(label=_("Organisation"),
                                        queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices,
                             initial=Membership.Role.MEMBER)

    def __init__(self, *args, plan, membership=None, **kwargs):
        if membership is not None and "initial" not in kwargs:
            kwargs["initial"] = {"organisation": membership.organisation_id,
                                 "role": membership.role}
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)


class MatrixFilterForm(forms.Form):
    show = forms.ChoiceField(label=_("Organisations"), required=False, choices=[
        ("all", _("All (those with a role first)")),
        ("responsible", _("Only those with a role")),
    ])
    type = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", _("Any type")), *Organisation.Type.choices])
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", _("All Outcomes"))] + [
            (o.key, f"{o.key} {pick(o, 'title').text}")
            for o in Outcome.objects.filter(plan=plan).order_by("order", "number")]

    def values(self) -> dict:
        if not self.is_valid():
            return {"show": "all", "outcome_key": "", "org_type": ""}
        d = self.cleaned_data
        return {"show": d.get("show") or "all", "outcome_key": d.get("outcome") or "",
                "org_type": d.get("type") or ""}


class MechanismQuestionForm(forms.Form):
    """Put alternative mechanism designs to a Workshop as an extra question (2 to 5 choices)."""

    workshop = forms.ModelChoiceField(label=_("Workshop"), queryset=None,
                                      empty_label=_("Choose a draft or open Workshop"))
    question_en = forms.CharField(label=_("Question (English)"), max_length=500,
                                  required=False)
    question_km = forms.CharField(label=_("Question (Khmer)"), max_length=500, required=False)

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].label_from_instance = (
            lambda w: f"{pick(w, 'title').text} ({w.get_state_display()})")
        for n in QUESTION_CHOICE_ROWS:
            self.fields[f"choice_{n}_en"] = forms.CharField(
                label=_("Choice %(n)d (English)") % {"n": n}, max_length=200, required=False)
            self.fields[f"choice_{n}_km"] = forms.CharField(
                label=_("Choice %(n)d (Khmer)") % {"n": n}, max_length=200, required=False)
        _lang(self, "question_en", "question_km",
              *(f"choice_{n}_{lang}" for n in QUESTION_CHOICE_ROWS for lang in ("en", "km")))

    def clean(self):
        data = super().clean()
        if not (data.get("question_en") or "").strip():
            self.add_error("question_en", _("Write the question in English (and in Khmer)."))
        filled = [n for n in QUESTION_CHOICE_ROWS
                  if (data.get(f"choice_{n}_en") or "").strip()
                  or (data.get(f"choice_{n}_km") or "").strip()]
        if len(filled) < 2:
            raise ValidationError(_("Give at least two choices (up to five), each in English "
                                    "and Khmer."))
        return data

    def choice_rows(self):
        return [(self[f"choice_{n}_en"], self[f"choice_{n}_km"]) for n in QUESTION_CHOICE_ROWS]

    def choices(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        return [(d.get(f"choice_{n}_en", ""), d.get(f"choice_{n}_km", ""))
                for n in QUESTION_CHOICE_ROWS]
