"""Forms of the web import: upload a file, map its columns, replace the mapping with a JSON file.

The mapping is the JSON the import engine reads::

    {"participant": {"sex": COL, "age_band": COL, "area": COL, "stakeholder_group": COL,
                     "disability": COL},
     "consent": {"column": COL, "yes": VALUE},
     "statements": [COL, ...],
     "values": {"area": {"kh12": "12"}, "sex": {"f": "female"}}}

COL is a column `key` of the engine's Inspection. Parts of a mapping that the form does not edit
(e.g. "values") are kept as they are.
"""

import hashlib
import json
import uuid
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Consultation, Dataset

DATA_EXTENSIONS = (".xlsx", ".csv", ".zip", ".docx", ".txt")
FORM_EXTENSIONS = (".xlsx",)
MAPPING_MAX_BYTES = 1024 * 1024

PARTICIPANT_FIELDS = [
    ("sex", _("Sex")),
    ("age_band", _("Age band")),
    ("area", _("Area")),
    ("stakeholder_group", _("Stakeholder group")),
    ("disability", _("Disability")),
]


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def _check_upload(upload, extensions) -> None:
    if _extension(upload.name) not in extensions:
        raise ValidationError(
            gettext("This kind of file cannot be imported. Choose a file ending in %(list)s.")
            % {"list": ", ".join(extensions)})
    limit = settings.WPSNAP_IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            gettext("The file is %(size)s; files of at most %(limit)s can be imported.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)})
    if upload.size == 0:
        raise ValidationError(gettext("The file is empty."))


class UploadForm(forms.Form):
    consultation = forms.ModelChoiceField(
        queryset=Consultation.objects.none(), required=False, label=_("Consultation"),
        empty_label=_("— create a new consultation below —"))
    new_slug = forms.SlugField(
        label=_("Short name"), max_length=80, required=False,
        help_text=_("Letters, numbers and hyphens, e.g. fgd-kampot-2026."))
    new_kind = forms.ChoiceField(label=_("Kind"), required=False,
                                 choices=[("", "—"), *Consultation.Kind.choices])
    new_title = forms.CharField(label=_("Title (English)"), max_length=250, required=False)
    data_file = forms.FileField(
        label=_("Data file"),
        help_text=_("A KoboToolbox or ODK export (XLSX, CSV or ZIP), a spreadsheet or CSV, "
                    "or a transcript (DOCX or TXT)."))
    form_file = forms.FileField(
        label=_("XLSForm (optional)"), required=False,
        help_text=_("The form the survey was built from, as XLSX. It gives the questions' "
                    "labels in both languages."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["consultation"].queryset = plan.consultations.order_by("slug")
        self.fields["data_file"].widget.attrs["accept"] = ",".join(DATA_EXTENSIONS)
        self.fields["form_file"].widget.attrs["accept"] = ",".join(FORM_EXTENSIONS)

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        _check_upload(upload, DATA_EXTENSIONS)
        return upload

    def clean_form_file(self):
        upload = self.cleaned_data.get("form_file")
        if upload:
            _check_upload(upload, FORM_EXTENSIONS)
        return upload

    def clean(self):
        data = super().clean()
        new = [data.get("new_slug"), data.get("new_kind"), data.get("new_title")]
        if data.get("consultation"):
            if any(new):
                raise ValidationError(gettext(
                    "Choose an existing consultation or create a new one, not both."))
            return data
        if "consultation" in self.errors:
            return data
        labels = {"new_slug": _("Give the new consultation a short name."),
                  "new_kind": _("Choose the kind of the new consultation."),
                  "new_title": _("Give the new consultation a title.")}
        if not any(new):
            self.add_error("consultation", gettext(
                "Choose a consultation, or create a new one below."))
            return data
        for name, message in labels.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        slug = data.get("new_slug")
        if slug and self.plan.consultations.filter(slug=slug).exists():
            self.add_error("new_slug", gettext(
                "This Plan already has a consultation with this short name."))
        return data

    @transaction.atomic
    def save(self, user) -> Dataset:
        data = self.cleaned_data
        consultation = data.get("consultation")
        if consultation is None:
            consultation = Consultation.objects.create(
                plan=self.plan, slug=data["new_slug"], kind=data["new_kind"],
                title_en=data["new_title"])
        upload = data["data_file"]
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        dataset = Dataset(plan=self.plan, consultation=consultation, status=Dataset.Status.PENDING,
                          filename=PurePath(upload.name).name[:255], size=upload.size,
                          sha256=digest.hexdigest(), uploaded_by=user)
        # Stored under a random name: a file name may carry a person's name.
        dataset.file.save(f"{uuid.uuid4().hex}{_extension(upload.name)}", upload, save=False)
        form_upload = data.get("form_file")
        if form_upload:
            dataset.form_file.save(f"{uuid.uuid4().hex}{_extension(form_upload.name)}",
                                   form_upload, save=False)
        dataset.save()
        return dataset


def column_label(column: dict) -> str:
    header = str(column.get("header") or column.get("key") or "")
    label = str(column.get("label") or "")
    text = f"{header} — {label}" if label and label != header else header
    if column.get("repeat"):
        text = gettext("%(column)s (repeat: %(repeat)s)") % {"column": text,
                                                             "repeat": column["repeat"]}
    return text


# Columns that are never a Participant field or a Statement: one 0/1 column per option of a
# select_multiple (its summary column is offered instead), notes, and Kobo/ODK metadata.
NOT_MAPPABLE = {"select_multiple_option", "note", "meta"}


def is_free_text(column: dict) -> bool:
    return str(column.get("type") or "").lower() == "text"


def _choices(columns: list[dict], refs) -> list[tuple[str, str]]:
    """Choices for the mapping form; a reference of the mapping that is not a column key (the
    engine also accepts headers and labels) is kept as a choice of its own."""
    choices = [(c["key"], column_label(c)) for c in columns
               if c.get("key") and c.get("type") not in NOT_MAPPABLE and not c.get("option_of")]
    known = {key for key, _label in choices}
    for ref in refs:
        if isinstance(ref, str) and ref and ref not in known:
            known.add(ref)
            choices.append((ref, gettext("%(column)s (as named in the mapping)")
                            % {"column": ref}))
    return choices


class MappingForm(forms.Form):
    """One select per Participant field, the consent column and value, the Statement columns."""

    consent_column = forms.ChoiceField(label=_("Consent column"), required=False)
    consent_yes = forms.CharField(
        label=_("Answer that means consent was given"), max_length=200, required=False,
        help_text=_("Rows with another answer are skipped. Leave empty to accept the usual "
                    "answers for yes (yes, 1, agree, បាទ/ចាស)."))
    statements = forms.MultipleChoiceField(
        label=_("Columns to import as Statements"), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, columns: list[dict], mapping: dict | None, **kwargs):
        self.columns = columns
        self.base = mapping if isinstance(mapping, dict) else {}
        participant = self.base.get("participant")
        participant = participant if isinstance(participant, dict) else {}
        consent = self.base.get("consent")
        consent = {"column": consent} if isinstance(consent, str) else consent
        consent = consent if isinstance(consent, dict) else {}
        statements = self.base.get("statements")
        if statements is None:  # nothing chosen yet: tick the free-text columns
            statements = [c["key"] for c in columns if is_free_text(c)]
        statements = [statements] if isinstance(statements, str) else list(statements or [])
        refs = [*participant.values(), consent.get("column"), *statements]
        choices = _choices(columns, refs)
        none = [("", gettext("— not in this file —"))]
        initial = {f"participant_{name}": participant.get(name) or ""
                   for name, _label in PARTICIPANT_FIELDS}
        yes = consent.get("yes")
        initial.update(consent_column=consent.get("column") or "",
                       consent_yes="" if yes is None else str(yes), statements=statements)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        fields = {}
        for name, label in PARTICIPANT_FIELDS:
            fields[f"participant_{name}"] = forms.ChoiceField(label=label, required=False,
                                                              choices=none + choices)
        fields.update(self.fields)
        self.fields = fields
        self.fields["consent_column"].choices = none + choices
        self.fields["statements"].choices = choices

    def participant_fields(self):
        return [self[f"participant_{name}"] for name, _label in PARTICIPANT_FIELDS]

    def to_mapping(self) -> dict:
        data = self.cleaned_data
        mapping = json.loads(json.dumps(self.base))  # a deep copy; keeps parts not edited here
        participant = mapping.get("participant")
        participant = dict(participant) if isinstance(participant, dict) else {}
        for name, _label in PARTICIPANT_FIELDS:
            column = data.get(f"participant_{name}")
            if column:
                participant[name] = column
            else:
                participant.pop(name, None)
        mapping["participant"] = participant
        if data.get("consent_column"):
            consent = {"column": data["consent_column"]}
            if str(data.get("consent_yes") or "").strip():
                consent["yes"] = data["consent_yes"].strip()
            mapping["consent"] = consent
        else:
            mapping.pop("consent", None)
        mapping["statements"] = list(data.get("statements") or [])
        if not isinstance(mapping.get("values"), dict):
            mapping["values"] = {}
        return mapping


class MappingUploadForm(forms.Form):
    """A mapping JSON file; `check(mapping)` returns its problems against the file (the engine
    decides what a column reference means). Nothing is applied when there is one."""

    mapping_file = forms.FileField(label=_("Mapping file (JSON)"))

    def __init__(self, *args, check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check
        self.fields["mapping_file"].widget.attrs["accept"] = ".json,application/json"

    def clean_mapping_file(self):
        upload = self.cleaned_data["mapping_file"]
        if upload.size > MAPPING_MAX_BYTES:
            raise ValidationError(gettext("A mapping file is at most 1 MB."))
        try:
            mapping = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ValidationError(gettext("This is not a JSON file.")) from exc
        if not isinstance(mapping, dict):
            raise ValidationError(gettext(
                "A mapping must be a JSON object, such as {\"participant\": {…}}."))
        problems = self.check(mapping) if self.check else []
        if problems:
            raise ValidationError(problems)
        return mapping
