from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Framework, FrameworkItem, Pillar


class PlanFrameworkForm(forms.ModelForm):
    """A Plan's own national Framework, e.g. "Neary Rattanak VI programmes"."""

    class Meta:
        model = Framework
        fields = ["key", "title_en", "title_km", "description_en", "description_km"]
        help_texts = {
            "key": _("Short name used in addresses: lower-case letters, digits and hyphens, "
                     "e.g. neary-rattanak-6."),
        }
        widgets = {"description_en": forms.Textarea(attrs={"rows": 4}),
                   "description_km": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        error = services.framework_key_error(self.plan, key, exclude_pk=self.instance.pk)
        if error:
            raise forms.ValidationError(error)
        return key

    def validate_unique(self):
        # Key uniqueness is checked in clean_key with a clearer message.
        pass


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.key} {obj.t('label')}"


class PillarChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.t("label")


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = FrameworkItem
        fields = ["key", "label_en", "label_km", "summary_en", "summary_km", "parent", "pillars",
                  "uncertain", "uncertainty_note"]
        field_classes = {"parent": ParentChoiceField, "pillars": PillarChoiceField}
        labels = {"parent": _("Part of"), "uncertainty_note": _("What needs review")}
        help_texts = {
            "key": _("The item's number or code in the framework, e.g. P1 or 2.3."),
            "parent": _("Leave empty for a top-level item."),
            "uncertain": _("Tick when this entry still has to be checked against the source."),
        }
        widgets = {"summary_en": forms.Textarea(attrs={"rows": 3}),
                   "summary_km": forms.Textarea(attrs={"rows": 3}),
                   "uncertainty_note": forms.Textarea(attrs={"rows": 2}),
                   "pillars": forms.CheckboxSelectMultiple}

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        parents = framework.items.order_by("order", "key")
        if self.instance.pk:
            excluded = {self.instance.pk} | services._descendant_pks(self.instance)
            parents = parents.exclude(pk__in=excluded)
        self.fields["parent"].queryset = parents
        self.fields["pillars"].queryset = Pillar.objects.order_by("cross_cutting", "order")

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        error = services.item_key_error(self.framework, key, exclude_pk=self.instance.pk)
        if error:
            raise forms.ValidationError(error)
        return key

    def validate_unique(self):
        pass
