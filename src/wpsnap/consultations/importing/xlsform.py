"""The XLSForm, read with pyxform: question paths, types, labels and choices in every language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .report import ImportRejected, entry

TYPE_NAMES = {
    "select one": "select_one", "select_one": "select_one",
    "select all that apply": "select_multiple", "select_multiple": "select_multiple",
    "select one external": "select_one", "select_one_from_file": "select_one",
    "select_multiple_from_file": "select_multiple",
    "start": "meta", "end": "meta", "today": "meta", "deviceid": "meta", "username": "meta",
    "simserial": "meta", "subscriberid": "meta", "phonenumber": "meta", "audit": "meta",
    "email": "meta", "start-geopoint": "meta", "background-audio": "meta",
}
LANG_KM = re.compile(r"khmer|\(km\)|^km$", re.IGNORECASE)
LANG_EN = re.compile(r"english|\(en\)|^en$", re.IGNORECASE)


def label_key(text: str) -> str:
    """How labels (and choice values) are compared: trimmed, case-folded, spaces collapsed."""
    return " ".join(str(text).split()).casefold()


@dataclass
class Question:
    name: str
    path: str  # group path, e.g. "session/province"
    type: str  # "text", "select_one", "select_multiple", "integer", "date", "meta", "note"…
    labels: dict = field(default_factory=dict)  # language -> label ("" for a form in one language)
    choices: dict = field(default_factory=dict)  # choice name -> {language: label}
    repeat: str | None = None  # the innermost repeat's path, if inside one

    def label_in(self, lang: str) -> str:
        return pick_label(self.labels, lang)

    def choice_lookup(self) -> dict:
        """label_key(name or any label) -> choice name."""
        out = {}
        for name, labels in self.choices.items():
            for text in labels.values():
                if text:
                    out.setdefault(label_key(text), name)
        for name in self.choices:
            out[label_key(name)] = name
        return out


def pick_label(labels: dict, lang: str) -> str:
    """The label in `lang` ("en" or "km"), or "" when the form has none in that language."""
    if not labels:
        return ""
    pattern = LANG_KM if lang == "km" else LANG_EN
    for key, text in labels.items():
        if key and pattern.search(key) and text:
            return text
    if "" in labels:  # one-language form: its labels count as English unless written in Khmer
        from wpsnap.core.text import detect_language

        text = labels[""]
        return text if (detect_language(text) == "km") == (lang == "km") else ""
    return ""


@dataclass
class Form:
    title: str = ""
    questions: dict = field(default_factory=dict)  # path -> Question
    repeats: list = field(default_factory=list)  # repeat paths
    languages: list = field(default_factory=list)

    def by_name(self, name: str) -> list[Question]:
        return self._names.get(name, [])

    def by_label(self, text: str) -> list[Question]:
        return self._labels.get(label_key(text), [])

    def index(self) -> Form:
        self._names: dict[str, list[Question]] = {}
        self._labels: dict[str, list[Question]] = {}
        for q in self.questions.values():
            self._names.setdefault(q.name, []).append(q)
            for text in q.labels.values():
                if text:
                    bucket = self._labels.setdefault(label_key(text), [])
                    if q not in bucket:
                        bucket.append(q)
        return self

    @property
    def has_khmer(self) -> bool:
        return any(LANG_KM.search(lang) for lang in self.languages)


def _labels(value) -> dict:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if value:
        return {"": str(value)}
    return {}


def load_form(path: str | Path) -> Form:
    """Read an XLSForm (.xlsx, .xls, .csv, .md as pyxform accepts) into a Form."""
    from pyxform.xls2json import parse_file_to_json

    try:
        data = parse_file_to_json(str(path))
    except Exception as exc:  # pyxform raises many kinds; all mean "not a usable XLSForm"
        raise ImportRejected(entry(
            "bad_form", _("The XLSForm could not be read: %(reason)s") % {"reason": exc},
        )) from exc
    form = Form(title=str(data.get("title") or ""))
    languages: set[str] = set()

    def walk(children, prefix: str, repeat: str | None):
        for child in children or []:
            kind = str(child.get("type", ""))
            name = str(child.get("name", ""))
            if not name:
                continue
            path = f"{prefix}/{name}" if prefix else name
            labels = _labels(child.get("label"))
            languages.update(k for k in labels if k)
            if kind in ("group", "repeat"):
                if kind == "repeat":
                    form.repeats.append(path)
                walk(child.get("children"), path, path if kind == "repeat" else repeat)
                continue
            choices = {}
            for choice in child.get("choices") or []:
                choice_labels = _labels(choice.get("label"))
                languages.update(k for k in choice_labels if k)
                choices[str(choice.get("name"))] = choice_labels
            form.questions[path] = Question(
                name=name, path=path, type=TYPE_NAMES.get(kind, kind.replace(" ", "_")),
                labels=labels, choices=choices, repeat=repeat)

    walk(data.get("children"), "", None)
    if "meta" in (q.path.split("/")[0] for q in form.questions.values()):
        for path, q in list(form.questions.items()):
            if path.startswith("meta/"):
                q.type = "meta"
    form.languages = sorted(languages)
    return form.index()
