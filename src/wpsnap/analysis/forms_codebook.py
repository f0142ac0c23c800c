"""Forms of the Codebook pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wpsnap.frameworks.models import Pillar, SecurityIssue

from .models import Code
from .queries.codebook import walk

NEW_CODE_SLOTS = 3


def tree_choices(plan, *, exclude=()) -> list[tuple[str, str]]:
    """The Plan's active Codes in tree order, indented by depth, as (id, label) choices."""
    codes = list(Code.objects.filter(plan=plan, archived_at__isnull=True))
    return [(str(code.pk), f"{'— ' * depth}{code.t('label')} ({code.key})")
            for code, depth in walk(codes) if code.pk not in exclude]


class CodeForm(forms.ModelForm):
    parent = forms.TypedChoiceField(label=_("Parent code"), required=False, coerce=int,
                                    empty_value=None,
                                    help_text=_("Where the Code sits in the tree; leave empty "
                                                "for the top."))

    class Meta:
        model = Code
        fields = ["key", "label_en", "label_km", "definition_en", "definition_km",
                  "examples_en", "examples_km", "keywords", "order", "pillar",
                  "security_issue"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in
                   ["definition_en", "definition_km", "examples_en", "examples_km", "keywords"]}

    field_order = ["key", "label_en", "label_km", "parent", "order", "definition_en",
                   "definition_km", "examples_en", "examples_km", "keywords", "pillar",
                   "security_issue"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        own = {self.instance.pk} if self.instance.pk else set()
        self.fields["parent"].choices = [("", _("(at the top)")),
                                         *tree_choices(plan, exclude=own)]
        if self.instance.pk and self.instance.parent_id and not self.is_bound:
            self.initial["parent"] = self.instance.parent_id
        self.fields["pillar"].queryset = Pillar.objects.order_by("cross_cutting", "order")
        self.fields["security_issue"].queryset = SecurityIssue.objects.order_by("category",
                                                                                "order")
        self.fields["order"].required = False
        for name in ("label_km", "definition_km", "examples_km"):
            self.fields[name].widget.attrs["lang"] = "km"

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def save(self, commit=False):
        code = super().save(commit=False)
        parent_id = self.cleaned_data.get("parent")
        code.parent = (Code.objects.filter(plan=self.plan, pk=parent_id).first()
                       if parent_id else None)
        return code


class MergeForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Merge into"), coerce=int,
                                    help_text=_("Every Coding moves to this Code; this Code is "
                                                "archived and its key keeps pointing at the "
                                                "one you choose."))

    def __init__(self, *args, code, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Choose a Code")), *tree_choices(
            code.plan, exclude={code.pk, *exclude})]


class SplitForm(forms.Form):
    """Up to NEW_CODE_SLOTS new Codes, then one select per Coding: stay, or go to new Code n."""

    def __init__(self, *args, codings, **kwargs):
        super().__init__(*args, **kwargs)
        self.codings = codings
        for n in range(NEW_CODE_SLOTS):
            number = n + 1
            self.fields[f"key_{n}"] = forms.SlugField(
                label=_("Key of new Code %(n)s") % {"n": number}, required=False,
                max_length=80)
            self.fields[f"label_en_{n}"] = forms.CharField(
                label=_("English label of new Code %(n)s") % {"n": number}, required=False,
                max_length=200)
            self.fields[f"label_km_{n}"] = forms.CharField(
                label=_("Khmer label of new Code %(n)s") % {"n": number}, required=False,
                max_length=200, widget=forms.TextInput(attrs={"lang": "km"}))
            self.fields[f"place_{n}"] = forms.ChoiceField(
                label=_("Place of new Code %(n)s") % {"n": number},
                choices=[("sibling", _("beside this Code (same parent)")),
                         ("child", _("under this Code"))], initial="sibling")
        targets = [("", _("stays"))] + [(str(n), _("new Code %(n)s") % {"n": n + 1})
                                        for n in range(NEW_CODE_SLOTS)]
        for coding in codings:
            self.fields[f"coding_{coding.pk}"] = forms.ChoiceField(
                label=_("Coding %(id)s") % {"id": coding.pk}, choices=targets, required=False)

    def slots(self):
        return [[self[f"key_{n}"], self[f"label_en_{n}"], self[f"label_km_{n}"],
                 self[f"place_{n}"]] for n in range(NEW_CODE_SLOTS)]

    def rows(self):
        return [(coding, self[f"coding_{coding.pk}"]) for coding in self.codings]

    def clean(self):
        data = super().clean()
        described = []
        for n in range(NEW_CODE_SLOTS):
            key = data.get(f"key_{n}") or ""
            label = (data.get(f"label_en_{n}") or "").strip()
            if key or label or (data.get(f"label_km_{n}") or "").strip():
                if not key:
                    self.add_error(f"key_{n}", _("Give the new Code a key."))
                if not label:
                    self.add_error(f"label_en_{n}", _("Give the new Code an English label."))
                described.append(n)
        if not described:
            raise forms.ValidationError(_("Describe at least one new Code (a key and an English "
                                          "label)."))
        for coding in self.codings:
            target = data.get(f"coding_{coding.pk}")
            if target not in (None, "") and int(target) not in described:
                self.add_error(f"coding_{coding.pk}", _(
                    "New Code %(n)s is not described above.") % {"n": int(target) + 1})
        data["described"] = described
        return data


class _UploadForm(forms.Form):
    max_bytes = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(_("The file is too large (at most %(mb)s MB).")
                                        % {"mb": self.max_bytes // (1024 * 1024)})
        return upload


class CodebookImportForm(_UploadForm):
    file = forms.FileField(label=_("Codebook file"),
                           help_text=_("A REFI-QDA codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA "
                                       "or QualCoder, or a CSV file with the columns of the CSV "
                                       "export."))


class CodingsImportForm(_UploadForm):
    max_bytes = 50 * 1024 * 1024
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns: text (required), language, codes (keys "
                                       "separated by ;), stakeholder_group, area, "
                                       "consultation."))
