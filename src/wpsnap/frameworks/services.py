"""Writes to the reference library: the YAML loader, and Plan-owned national Frameworks.

`load_reference()` reads `data/wps_frameworks.yaml` (or another file) and brings the shared tables
(Pillar, Framework + FrameworkItem with `plan = NULL`, SecurityIssue, Institution, Area and the
ReferenceMeta row) in line with it, inside one transaction. Rows are keyed on the stable ids of the
file, so loading twice changes nothing and never duplicates. Rows no longer in the file are kept
(Plans may align to them) and reported as warnings.

Khmer text is read from sibling keys (`label_km` next to `label`, …) when present.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Area,
    Framework,
    FrameworkItem,
    Institution,
    Pillar,
    ReferenceMeta,
    SecurityIssue,
)

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "wps_frameworks.yaml"

# Keys of the reference Frameworks made by the loader (stable: Plans align to their items).
UNSCR = "unscr-wps"
CEDAW_GR30 = "cedaw-gr30"
BPFA_E = "bpfa-area-e"
SDG = "sdg"
ASEAN_RPA = "asean-rpa-wps"
LOCALISATION = "asean-localisation-toolkit"
CAMBODIA_POLICIES = "cambodia-policies"
GLOBAL_INDICATORS = "un-1325-global-indicators"

# Top-level sections the loader needs, and the type each must have.
REQUIRED_SECTIONS = {
    "meta": dict,
    "resolutions": dict,
    "pillars": dict,
    "cedaw_gr30_areas": dict,
    "bpfa_area_e": dict,
    "sdg_targets": dict,
    "asean_rpa_wps": dict,
    "localisation_steps": dict,
    "security_issue_taxonomy": dict,
    "cambodia": dict,
    "global_1325_indicator_categories": dict,
}

TABLES = ("pillar", "framework", "framework_item", "security_issue", "institution", "area")


class ReferenceDataError(ValueError):
    """The reference file is missing, is not valid YAML, or does not have the expected shape."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def count(self, table: str, outcome: str) -> None:
        getattr(self, outcome)[table] += 1

    def summary(self) -> str:
        parts = [
            f"{table}: {self.created[table]} created, {self.updated[table]} updated"
            for table in TABLES
        ]
        return "; ".join(parts) + f"; {len(self.warnings)} warning(s)"


# --- Reading and checking the file -----------------------------------------------------------


def read_reference(path: str | Path | None = None) -> tuple[dict, str]:
    """Parse the file and its Khmer overlays; return (data, sha256).

    Khmer text may sit next to the English (`label_km` beside `label`) or in overlay files
    `km/*.yaml` beside the main file: `{source id: {label_km: …, summary_km: …}}`, with list
    entries that have no id addressed as `<parent id>/<index>`. Overlays only fill `_km` keys the
    main file leaves empty. Raises ReferenceDataError with a readable reason.
    """
    path = Path(path) if path else DEFAULT_FILE
    data, raw = _parse(path)
    check_structure(data, str(path))
    digest = hashlib.sha256(raw)
    overlay_dir = path.parent / "km"
    warnings: list[str] = []
    if overlay_dir.is_dir():
        for overlay_path in sorted(overlay_dir.glob("*.yaml")):
            overlay, overlay_raw = _parse(overlay_path)
            if overlay is None:
                continue
            if not isinstance(overlay, dict) or not all(isinstance(v, dict)
                                                        for v in overlay.values()):
                raise ReferenceDataError(
                    f"{overlay_path}: expected a mapping of ids to Khmer fields.")
            digest.update(overlay_raw)
            unmatched = merge_khmer(data, overlay)
            warnings += [f"{overlay_path.name}: id '{i}' matches nothing in the reference file."
                         for i in unmatched]
    if warnings:
        data[WARNINGS_KEY] = warnings
    return data, digest.hexdigest()


WARNINGS_KEY = "__read_warnings__"


def _parse(path: Path) -> tuple[Any, bytes]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"Reference file not found: {path}") from exc
    except OSError as exc:
        raise ReferenceDataError(f"Cannot read reference file {path}: {exc}") from exc
    try:
        return yaml.safe_load(raw.decode("utf-8")), raw
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path} is not UTF-8 text: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"{path} is not valid YAML: {exc}") from exc


def merge_khmer(data: dict, overlay: dict) -> list[str]:
    """Copy the `_km` fields of `overlay` ({id: {field_km: text}}) into the entries of `data`
    with that id (top-level sections count by name). Returns the ids that matched nothing."""
    targets: dict[str, list[dict]] = defaultdict(list)

    def walk(node: Any, node_id: str | None) -> None:
        if isinstance(node, dict):
            ids = {node_id, str(node.get("id") or "")} - {None, ""}
            for id_ in ids:
                targets[id_].append(node)
            for value in node.values():
                if isinstance(value, list):
                    for i, child in enumerate(value):
                        child_id = child.get("id") if isinstance(child, dict) else None
                        walk(child, str(child_id) if child_id not in (None, "") else
                             (f"{node_id}/{i}" if node_id else None))
                elif isinstance(value, dict):
                    child_id = value.get("id")
                    walk(value, str(child_id) if child_id not in (None, "") else None)

    for name, section in data.items():
        walk(section, name)
    unmatched = []
    for source_id, fields_ in overlay.items():
        entries = targets.get(str(source_id))
        if not entries:
            unmatched.append(str(source_id))
            continue
        for entry in entries:
            for key, value in fields_.items():
                if str(key).endswith("_km") and value not in (None, "") and not entry.get(key):
                    entry[key] = value
    return unmatched


def check_structure(data: Any, where: str = "reference data") -> None:
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{where}: expected a mapping of sections at the top level.")
    missing = [name for name in REQUIRED_SECTIONS if name not in data]
    if missing:
        raise ReferenceDataError(f"{where}: missing section(s): {', '.join(missing)}.")
    for name, kind in REQUIRED_SECTIONS.items():
        if not isinstance(data[name], kind):
            raise ReferenceDataError(f"{where}: section '{name}' must be a mapping.")


def _mapping(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise ReferenceDataError(f"{path}: expected a mapping, found {type(value).__name__}.")
    return value


def _list(value: Any, path: str, *, required: bool = True) -> list:
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise ReferenceDataError(f"{path}: expected a list, found {type(value).__name__}.")
    return value


def _entries(parent: dict, key: str, path: str, *, required: bool = True) -> list[tuple[str, dict]]:
    """The mappings of the list `parent[key]`, each with its path for error messages."""
    items = _list(parent.get(key), f"{path}.{key}", required=required)
    return [(f"{path}.{key}[{i}]", _mapping(item, f"{path}.{key}[{i}]"))
            for i, item in enumerate(items)]


def _id(entry: dict, path: str, key: str = "id") -> str:
    value = entry.get(key)
    if value in (None, ""):
        raise ReferenceDataError(f"{path}: missing '{key}'.")
    return str(value).strip()


def _text(entry: dict, key: str, path: str | None = None) -> str:
    """A text value (flattened and stripped). With `path`, the value is required."""
    value = entry.get(key)
    if value in (None, ""):
        if path is not None:
            raise ReferenceDataError(f"{path}: missing '{key}'.")
        return ""
    if isinstance(value, (dict, list)):
        raise ReferenceDataError(f"{path or key}: '{key}' must be text.")
    return " ".join(str(value).split())


def _bi(entry: dict, key: str, path: str | None = None) -> tuple[str, str]:
    """(English, Khmer) for `key` and its sibling `key_km`."""
    return _text(entry, key, path), _text(entry, f"{key}_km")


def _uncertainty(entry: dict) -> tuple[bool, str]:
    """`uncertain: true`, or any `<part>_uncertain: true`, marks the entry for expert review."""
    flags = [k for k, v in entry.items()
             if (k == "uncertain" or k.endswith("_uncertain")) and v is True]
    if not flags:
        return False, ""
    notes = [_text(entry, "uncertainty_note")] if entry.get("uncertainty_note") else []
    for flag in flags:
        if flag != "uncertain":
            part = flag.removesuffix("_uncertain").replace("_", " ")
            notes.append(f"Not confirmed: {part}.")
    return True, " ".join(notes)


def _year(*values: Any) -> int | None:
    for value in values:
        if isinstance(value, int) and 1900 <= value <= 2100:
            return value
        match = re.search(r"\b(19|20)\d{2}\b", str(value or ""))
        if match:
            return int(match.group(0))
    return None


def _rest(entry: dict, used: set[str]) -> dict:
    """The keys of `entry` the loader does not map to columns, kept in `extra`."""
    return {k: v for k, v in entry.items() if k not in used and not k.endswith("_km")}


# --- Writing rows ------------------------------------------------------------------------------


class _Loader:
    def __init__(self, data: dict, report: LoadReport):
        self.data = data
        self.report = report
        self.pillars: dict[str, Pillar] = {}
        self.items_by_id: dict[str, list[FrameworkItem]] = defaultdict(list)
        self.seen: dict[str, set] = defaultdict(set)
        self.framework_order = 0
        self._unchanged: tuple | None = None
        self._rows: dict = {}
        self._m2m: dict = {}

    # Generic upsert: update_or_create keyed on the stable id, but only writes (and only counts
    # as "updated") when a value actually changed.
    # Existing rows are read once per table (and links once per many-to-many field), so a
    # reload that changes nothing costs a handful of queries.
    SCOPES = {
        Framework: {"plan__isnull": True},
        FrameworkItem: {"framework__plan__isnull": True},
    }

    @staticmethod
    def _key(model, lookup: dict) -> tuple:
        parts = []
        for name, value in sorted(lookup.items()):
            attname = model._meta.get_field(name).attname
            parts.append((attname, value.pk if isinstance(value, models.Model) else value))
        return tuple(parts)

    def _existing(self, model, lookup: dict) -> dict:
        if model not in self._rows:
            attnames = [(name, model._meta.get_field(name).attname) for name in sorted(lookup)]
            rows = {}
            for obj in model.objects.filter(**self.SCOPES.get(model, {})):
                rows[tuple((att, getattr(obj, att)) for _name, att in attnames)] = obj
            self._rows[model] = rows
        return self._rows[model]

    def _links(self, obj, name: str) -> dict[int, set[int]]:
        model = type(obj)
        if (model, name) not in self._m2m:
            field_ = model._meta.get_field(name)
            through = field_.remote_field.through
            src, dst = field_.m2m_column_name(), field_.m2m_reverse_name()
            links: dict[int, set[int]] = defaultdict(set)
            for a, b in through.objects.values_list(src, dst):
                links[a].add(b)
            self._m2m[(model, name)] = links
        return self._m2m[(model, name)]

    # update_or_create keyed on the stable id, but only writes (and only counts as "updated")
    # when a value actually changed.
    def upsert(self, table: str, model, lookup: dict, values: dict, path: str):
        self._check_lengths(model, values, path)
        rows = self._existing(model, lookup)
        key = self._key(model, lookup)
        obj = rows.get(key)
        self._unchanged = None
        if obj is None:
            try:
                with transaction.atomic():
                    obj = model.objects.create(**lookup, **values)
            except IntegrityError as exc:
                raise ReferenceDataError(f"{path}: cannot be stored ({exc}).") from exc
            rows[key] = obj
            self.report.count(table, "created")
        else:
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                obj.save(update_fields=changed)
                self.report.count(table, "updated")
            else:
                self.report.count(table, "unchanged")
                self._unchanged = (table, obj)
        if obj.pk in self.seen[table]:
            raise ReferenceDataError(f"{path}: duplicate id; ids must be unique.")
        self.seen[table].add(obj.pk)
        return obj

    def set_m2m(self, table: str, obj, name: str, targets: list) -> None:
        """`obj.<name>.set(targets)` when different; a changed link makes the row "updated"."""
        links = self._links(obj, name)
        wanted = {t.pk for t in targets}
        if links.get(obj.pk, set()) == wanted:
            return
        getattr(obj, name).set(targets)
        links[obj.pk] = wanted
        if self._unchanged == (table, obj):
            self.report.unchanged[table] -= 1
            self.report.updated[table] += 1
            self._unchanged = None

    @staticmethod
    def _check_lengths(model, values: dict, path: str) -> None:
        for name, value in values.items():
            field_ = model._meta.get_field(name)
            if isinstance(field_, models.CharField) and isinstance(value, str) \
                    and field_.max_length and len(value) > field_.max_length:
                raise ReferenceDataError(
                    f"{path}: '{name}' is longer than {field_.max_length} characters.")

    def pillar_list(self, ids: Any, path: str) -> list[Pillar]:
        out = []
        for pid in _list(ids, path, required=False):
            pillar = self.pillars.get(str(pid))
            if pillar is None:
                self.report.warnings.append(f"{path}: unknown pillar '{pid}' ignored.")
            else:
                out.append(pillar)
        return out

    # ---- sections

    def run(self) -> None:
        self.load_pillars()
        self.load_resolutions()
        self.load_cedaw()
        self.load_bpfa()
        self.load_sdgs()
        self.load_asean_rpa()
        self.load_localisation()
        self.load_global_indicators()
        self.load_cambodia_policies()
        self.load_institutions()
        self.load_areas()
        self.load_security_issues()
        self.load_meta()
        self.report_stale()

    def load_pillars(self) -> None:
        section = self.data["pillars"]
        order = 0
        for list_key, cross in (("items", False), ("cross_cutting", True)):
            for path, entry in _entries(section, list_key, "pillars", required=not cross):
                key = _id(entry, path)
                label_en, label_km = _bi(entry, "label", path)
                definition_en, definition_km = _bi(entry, "definition")
                order += 1
                pillar = self.upsert("pillar", Pillar, {"key": key}, {
                    "label_en": label_en, "label_km": label_km,
                    "definition_en": definition_en, "definition_km": definition_km,
                    "cross_cutting": cross, "order": order,
                    "example_tags": list(entry.get("example_tags") or []),
                }, path)
                self.pillars[key] = pillar

    def framework(self, key: str, kind: str, path: str, *, title: tuple[str, str],
                  description: tuple[str, str] = ("", ""), adopted: str = "",
                  uncertain: tuple[bool, str] = (False, ""), extra: dict | None = None):
        self.framework_order += 1
        return self.upsert("framework", Framework, {"plan": None, "key": key}, {
            "kind": kind, "title_en": title[0], "title_km": title[1],
            "description_en": description[0], "description_km": description[1],
            "adopted": adopted, "uncertain": uncertain[0], "uncertainty_note": uncertain[1],
            "extra": extra or {}, "order": self.framework_order,
        }, path)

    def item(self, framework: Framework, key: str, path: str, *, label: tuple[str, str],
             summary: tuple[str, str] = ("", ""), order: int = 0, parent=None, year=None,
             date: str = "", pillars: list | None = None,
             uncertain: tuple[bool, str] = (False, ""), extra: dict | None = None):
        if not label[0]:
            raise ReferenceDataError(f"{path}: missing a label.")
        obj = self.upsert("framework_item", FrameworkItem, {"framework": framework, "key": key}, {
            "parent": parent, "label_en": label[0], "label_km": label[1],
            "summary_en": summary[0], "summary_km": summary[1], "year": year, "date": date,
            "uncertain": uncertain[0], "uncertainty_note": uncertain[1],
            "extra": extra or {}, "order": order,
        }, path)
        self.set_m2m("framework_item", obj, "pillars", pillars or [])
        self.items_by_id[key].append(obj)
        return obj

    def labelled_items(self, fw: Framework, section: dict, list_key: str, path0: str) -> None:
        """Items that are just an id, a label and a description (+ any extra keys kept)."""
        for i, (path, entry) in enumerate(_entries(section, list_key, path0), 1):
            self.item(
                fw, _id(entry, path), path, order=i,
                label=_bi(entry, "label", path), summary=_bi(entry, "description"),
                uncertain=_uncertainty(entry),
                extra=_rest(entry, {"id", "label", "description", "uncertain",
                                    "uncertainty_note"}),
            )

    def load_resolutions(self) -> None:
        section = self.data["resolutions"]
        fw = self.framework(
            UNSCR, Framework.Kind.RESOLUTIONS, "resolutions",
            title=("UN Security Council resolutions on Women, Peace and Security",
                   _text(section, "title_km")),
            description=_bi(section, "framework_note"),
            extra={"related_council_texts": section.get("related_council_texts") or []},
        )
        for i, (path, entry) in enumerate(_entries(section, "items", "resolutions"), start=1):
            key = _id(entry, path)
            tags = [str(t) for t in _list(entry.get("tags"), f"{path}.tags", required=False)]
            self.item(
                fw, key, path, order=i,
                label=_bi(entry, "short_theme", path), summary=_bi(entry, "summary"),
                year=_year(entry.get("year"), entry.get("adopted")),
                date=_text(entry, "adopted"),
                pillars=[self.pillars[t] for t in tags if t in self.pillars],
                uncertain=_uncertainty(entry),
                extra={"number": entry.get("number"), "family": entry.get("family", ""),
                       "tags": tags, "notes": _text(entry, "notes"),
                       "notes_km": _text(entry, "notes_km")},
            )

    def load_cedaw(self) -> None:
        section = self.data["cedaw_gr30_areas"]
        instrument = _mapping(section.get("instrument") or {}, "cedaw_gr30_areas.instrument")
        fw = self.framework(
            CEDAW_GR30, Framework.Kind.TREATY, "cedaw_gr30_areas",
            title=_bi(instrument, "title", "cedaw_gr30_areas.instrument"),
            description=_bi(section, "scope_note"), adopted=_text(instrument, "adopted"),
            extra={"id": instrument.get("id"), "symbol": instrument.get("symbol"),
                   "body": instrument.get("body"),
                   **_rest(section, {"instrument", "areas", "scope_note"})},
        )
        for i, (path, entry) in enumerate(_entries(section, "areas", "cedaw_gr30_areas"), 1):
            self.item(
                fw, _id(entry, path), path, order=i,
                label=_bi(entry, "label", path), summary=_bi(entry, "description"),
                uncertain=_uncertainty(entry),
                extra={"cedaw_articles": entry.get("cedaw_articles") or []},
            )

    def load_bpfa(self) -> None:
        section = self.data["bpfa_area_e"]
        instrument = _mapping(section.get("instrument") or {}, "bpfa_area_e.instrument")
        area = _text(section, "critical_area") or "E"
        title_en = (f"{_text(instrument, 'title', 'bpfa_area_e.instrument')} - critical area "
                    f"{area}: {_text(section, 'title')}")
        title_km = " - ".join(filter(None, [_text(instrument, "title_km"),
                                            _text(section, "title_km")]))
        fw = self.framework(
            BPFA_E, Framework.Kind.GLOBAL_PLAN, "bpfa_area_e",
            title=(title_en, title_km),
            adopted="1995",
            extra={"id": instrument.get("id"), "critical_area": area},
        )
        self.labelled_items(fw, section, "strategic_objectives", "bpfa_area_e")

    def load_sdgs(self) -> None:
        section = self.data["sdg_targets"]
        fw = self.framework(
            SDG, Framework.Kind.SDG, "sdg_targets",
            title=("Sustainable Development Goals: targets relevant to WPS",
                   _text(section, "title_km")),
            description=_bi(section, "note"),
        )
        for i, (path, entry) in enumerate(_entries(section, "items", "sdg_targets"), 1):
            key = _id(entry, path)
            if isinstance(entry.get("id"), float):
                self.report.warnings.append(
                    f"{path}: id {entry['id']!r} is a number, not text; quote it in the file.")
            self.item(
                fw, key, path, order=i,
                label=_bi(entry, "label", path), summary=_bi(entry, "description"),
                pillars=self.pillar_list(entry.get("wps_pillars"), f"{path}.wps_pillars"),
                uncertain=_uncertainty(entry),
                extra={"goal": entry.get("goal")},
            )

    def load_asean_rpa(self) -> None:
        section = self.data["asean_rpa_wps"]
        structure = _mapping(section.get("structure") or {}, "asean_rpa_wps.structure")
        numbering = _mapping(structure.get("numbering") or {}, "asean_rpa_wps.structure.numbering")
        fw = self.framework(
            ASEAN_RPA, Framework.Kind.REGIONAL, "asean_rpa_wps",
            title=_bi(section, "title", "asean_rpa_wps"),
            description=_bi(structure, "description"), adopted=_text(section, "adopted"),
            extra={
                "id": section.get("id"), "launched": _text(section, "launched"),
                "coordinating_bodies": section.get("coordinating_bodies") or [],
                "cross_pillar_sectoral_bodies_involved":
                    _text(section, "cross_pillar_sectoral_bodies_involved"),
                "numbering_scheme": _text(numbering, "scheme"),
                "thematic_scope_examples": structure.get("thematic_scope_examples") or [],
                "member_state_naps": section.get("member_state_naps") or [],
            },
        )
        order = 0
        matrices: dict[int, FrameworkItem] = {}
        for path, entry in _entries(structure, "matrices", "asean_rpa_wps.structure"):
            order += 1
            pillar_id = _text(entry, "pillar")
            pillar = self.pillars.get(pillar_id)
            position = entry.get("order_in_document") or order
            label_en, label_km = _bi(entry, "description")
            if not label_en:
                if pillar is None:
                    raise ReferenceDataError(f"{path}: needs a known pillar or a description.")
                label_en, label_km = pillar.label_en, pillar.label_km
            matrix = self.item(
                fw, _id(entry, path), path, order=order, label=(label_en, label_km),
                pillars=[pillar] if pillar else self.pillar_list([pillar_id], f"{path}.pillar"),
                uncertain=_uncertainty(entry),
                extra={"kind": "matrix", "order_in_document": position, "pillar": pillar_id},
            )
            matrices[int(position)] = matrix
        numbering_uncertain = _uncertainty(numbering)
        for path, entry in _entries(numbering, "known_examples",
                                    "asean_rpa_wps.structure.numbering", required=False):
            order += 1
            key = _id(entry, path)
            parent = None
            head = key.split(".")[0]
            if head.isdigit():
                parent = matrices.get(int(head))
            if parent is None:
                self.report.warnings.append(f"{path}: no matrix found for priority action {key}.")
            label_en, label_km = _bi(entry, "paraphrase", path)
            own = _uncertainty(entry)
            self.item(
                fw, key, path, order=order, parent=parent,
                label=(label_en, label_km),
                pillars=list(parent.pillars.all()) if parent else [],
                uncertain=(own[0] or numbering_uncertain[0],
                           " ".join(filter(None, [own[1], numbering_uncertain[1]]))),
                extra={"kind": "priority_action"},
            )
        for path, entry in _entries(section, "related_asean_instruments", "asean_rpa_wps",
                                    required=False):
            order += 1
            date = _text(entry, "adopted") or _text(entry, "date") or \
                _text(entry, "established") or _text(entry, "year")
            summary = _bi(entry, "gist")
            if not summary[0]:
                summary = _bi(entry, "note")
            self.item(
                fw, _id(entry, path), path, order=order,
                label=_bi(entry, "title", path), summary=summary,
                year=_year(entry.get("year"), entry.get("established"), date), date=date,
                uncertain=_uncertainty(entry),
                extra={"kind": "related_instrument",
                       **_rest(entry, {"id", "title", "gist", "adopted", "date", "year",
                                       "established", "uncertain", "uncertainty_note"})},
            )

    def load_localisation(self) -> None:
        section = self.data["localisation_steps"]
        toolkit = _mapping(section.get("toolkit") or {}, "localisation_steps.toolkit")
        uncertain, note = _uncertainty(section)
        source_status = _text(section, "source_status")
        fw = self.framework(
            LOCALISATION, Framework.Kind.GUIDANCE, "localisation_steps",
            title=_bi(toolkit, "title", "localisation_steps.toolkit"),
            description=_bi(section, "source_status"), adopted=_text(toolkit, "launched"),
            uncertain=(uncertain, note or (source_status if uncertain else "")),
            extra={"id": toolkit.get("id"), "developed_with": _text(toolkit, "developed_with"),
                   "stated_aims_of_launch_event": toolkit.get("stated_aims_of_launch_event") or []},
        )
        self.labelled_items(fw, section, "steps", "localisation_steps")

    def load_global_indicators(self) -> None:
        section = self.data["global_1325_indicator_categories"]
        fw = self.framework(
            GLOBAL_INDICATORS, Framework.Kind.INDICATORS, "global_1325_indicator_categories",
            title=("Global indicators for UNSCR 1325 (S/2010/498)", _text(section, "title_km")),
            description=_bi(section, "note"),
            adopted="2010-09-28",
            extra={"source": _text(section, "source"), "count": section.get("count")},
        )
        order = 0
        path0 = "global_1325_indicator_categories"
        for path, entry in _entries(section, "categories", path0):
            order += 1
            pillar_id = _text(entry, "pillar")
            pillars = self.pillar_list([pillar_id], f"{path}.pillar") if pillar_id else []
            label = _bi(entry, "label")
            if not label[0]:
                if not pillars:
                    raise ReferenceDataError(f"{path}: needs a label or a known pillar.")
                label = (f"{pillars[0].label_en} indicators", label[1])
            category = self.item(
                fw, _id(entry, path), path, order=order, label=label,
                summary=_bi(entry, "description"), pillars=pillars,
                uncertain=_uncertainty(entry), extra={"kind": "category"},
            )
            for n, (epath, example) in enumerate(_entries(entry, "examples", path,
                                                          required=False), 1):
                order += 1
                self.item(
                    fw, f"{category.key}-{n}", epath, order=order, parent=category,
                    label=_bi(example, "label", epath), pillars=pillars,
                    uncertain=_uncertainty(example),
                    extra={"kind": "example", "confirmed": example.get("confirmed") is True},
                )
        for path, entry in _entries(section, "related", path0, required=False):
            order += 1
            self.item(
                fw, _id(entry, path), path, order=order, label=_bi(entry, "title", path),
                summary=_bi(entry, "note"), year=_year(entry.get("id")),
                uncertain=_uncertainty(entry), extra={"kind": "related"},
            )

    def load_cambodia_policies(self) -> None:
        cambodia = self.data["cambodia"]
        fw = self.framework(
            CAMBODIA_POLICIES, Framework.Kind.NATIONAL, "cambodia",
            title=("Cambodia: national policies, plans and laws", _text(cambodia, "title_km")),
            description=_bi(cambodia, "policies_note"),
            extra={"country": "KH"},
        )
        order = 0
        children_lists = (("programmes", "programme"), ("strategies", "strategy"))
        for path, entry in _entries(cambodia, "policies", "cambodia"):
            order += 1
            key = _id(entry, path)
            summary = _bi(entry, "note")
            if not summary[0]:
                summary = _bi(entry, "structure")
            date = _text(entry, "period") or _text(entry, "year")
            used = {"id", "title", "period", "year", "uncertain", "uncertainty_note"}
            used |= {name for name, _kind in children_lists}
            policy = self.item(
                fw, key, path, order=order, label=_bi(entry, "title", path), summary=summary,
                year=_year(entry.get("year"), entry.get("launched"), entry.get("period")),
                date=date, uncertain=_uncertainty(entry),
                extra={"kind": "policy", **_rest(entry, used)},
            )
            for list_key, kind in children_lists:
                for cpath, child in _entries(entry, list_key, path, required=False):
                    order += 1
                    self.item(
                        fw, _id(child, cpath), cpath, order=order, parent=policy,
                        label=_bi(child, "label", cpath), summary=_bi(child, "description"),
                        uncertain=_uncertainty(child), extra={"kind": kind},
                    )

    def load_institutions(self) -> None:
        used = {"id", "name", "abbr", "role", "uncertain", "uncertainty_note"}
        for i, (path, entry) in enumerate(
                _entries(self.data["cambodia"], "institutions", "cambodia"), 1):
            name_en, name_km = _bi(entry, "name", path)
            role_en, role_km = _bi(entry, "role")
            uncertain, note = _uncertainty(entry)
            self.upsert("institution", Institution, {"key": _id(entry, path)}, {
                "country": "KH", "abbreviation": _text(entry, "abbr"),
                "name_en": name_en, "name_km": name_km, "role_en": role_en, "role_km": role_km,
                "uncertain": uncertain, "uncertainty_note": note,
                "extra": _rest(entry, used), "order": i,
            }, path)

    def load_areas(self) -> None:
        levels = {Area.Level.CAPITAL.value, Area.Level.PROVINCE.value}
        for path, entry in _entries(self.data["cambodia"], "provinces", "cambodia"):
            code = _id(entry, path, "code")
            level = _text(entry, "type") or Area.Level.PROVINCE
            if level not in levels:
                raise ReferenceDataError(f"{path}: type must be capital or province, not {level}.")
            self.upsert("area", Area, {"country": "KH", "code": code}, {
                "level": level, "parent": None,
                "name_en": _text(entry, "name_en_mef", path), "name_km": _text(entry, "name_km"),
                "name_km_short": _text(entry, "name_km_short"),
                "aliases": [str(a) for a in _list(entry.get("aliases_en"), f"{path}.aliases_en",
                                                  required=False)],
                "land_border_with": [str(c) for c in _list(entry.get("land_border_with"),
                                                           f"{path}.land_border_with",
                                                           required=False)],
                "coastal": entry.get("coastal") is True,
            }, path)

    def load_security_issues(self) -> None:
        section = self.data["security_issue_taxonomy"]
        order = 0
        for category in SecurityIssue.Category:
            for path, entry in _entries(section, category.value, "security_issue_taxonomy"):
                order += 1
                key = _id(entry, path)
                uncertain, note = _uncertainty(entry)
                issue = self.upsert("security_issue", SecurityIssue, {"key": key}, {
                    "category": category.value,
                    "label_en": _text(entry, "label", path), "label_km": _text(entry, "label_km"),
                    "description_en": _text(entry, "description"),
                    "description_km": _text(entry, "description_km"),
                    "context_en": _text(entry, "cambodia_context"),
                    "context_km": _text(entry, "cambodia_context_km"),
                    "uncertain": uncertain, "uncertainty_note": note, "order": order,
                }, path)
                pillars = self.pillar_list(entry.get("pillars"), f"{path}.pillars")
                items = []
                for ref in _list(entry.get("frameworks"), f"{path}.frameworks", required=False):
                    found = self.items_by_id.get(str(ref))
                    if not found:
                        self.report.warnings.append(
                            f"{path}.frameworks: '{ref}' matches no framework item.")
                        continue
                    if len(found) > 1:
                        self.report.warnings.append(
                            f"{path}.frameworks: '{ref}' matches {len(found)} items; all linked.")
                    items.extend(found)
                self.set_m2m("security_issue", issue, "pillars", pillars)
                self.set_m2m("security_issue", issue, "framework_items", items)

    def load_meta(self) -> None:
        meta = _mapping(self.data["meta"], "meta")
        cambodia = self.data["cambodia"]
        attribution = _list(meta.get("attribution_required"), "meta.attribution_required",
                            required=False)
        data = {
            "attribution_required": attribution,
            "conventions": meta.get("conventions") or {},
            "purpose": _text(meta, "purpose"),
            "first_user": _text(meta, "first_user"),
            "provinces_source": _text(cambodia, "provinces_source"),
            "provinces_notes": cambodia.get("provinces_notes") or [],
            "pillars_order_note": _text(self.data["pillars"], "order_note"),
            "wps_nap_status": cambodia.get("wps_nap_status") or {},
            "cedaw": cambodia.get("cedaw") or {},
            "nap_structure": (self.data.get("nap_practice") or {}).get(
                "typical_nap_structure") or [],
            "nap_structure_km": (self.data.get("nap_practice") or {}).get(
                "typical_nap_structure_km") or [],
            "sources": (self.data.get("sources") or {}).get("items") or [],
        }
        values = {"version": _text(meta, "version"), "title": _text(meta, "title"),
                  "status": _text(meta, "status"), "data": data}
        self._check_lengths(ReferenceMeta, values, "meta")
        ReferenceMeta.objects.update_or_create(pk=1, defaults=values)

    def report_stale(self) -> None:
        stale = [
            ("pillar", Pillar.objects.all()),
            ("framework", Framework.objects.filter(plan__isnull=True)),
            ("framework_item", FrameworkItem.objects.filter(framework__plan__isnull=True)),
            ("security_issue", SecurityIssue.objects.all()),
            ("institution", Institution.objects.all()),
            ("area", Area.objects.filter(country="KH", level__in=["capital", "province"])),
        ]
        for table, qs in stale:
            extra = qs.exclude(pk__in=self.seen[table])
            for obj in extra[:20]:
                key = getattr(obj, "key", None) or getattr(obj, "code", obj.pk)
                self.report.warnings.append(
                    f"{table} '{key}' is no longer in the file; kept (delete it by hand "
                    "if nothing uses it).")


def load_reference(path: str | Path | None = None, *, data: dict | None = None,
                   sha256: str = "") -> LoadReport:
    """Load the reference YAML into the tables (all or nothing). Returns counts and warnings.

    Pass `data` (already parsed, e.g. by a test fixture) to skip reading the file.
    """
    if data is None:
        data, sha256 = read_reference(path)
    else:
        check_structure(data)
    report = LoadReport(warnings=list(data.get(WARNINGS_KEY) or []))
    loader = _Loader(data, report)
    # The shared library is not Plan data: keep it out of the Plans' audit trails.
    with disable_auditlog(), transaction.atomic():
        try:
            loader.run()
        except (KeyError, TypeError, AttributeError) as exc:
            raise ReferenceDataError(f"Unexpected structure in the reference data: {exc!r}") \
                from exc
        ReferenceMeta.objects.filter(pk=1).update(sha256=sha256, loaded_at=timezone.now())
    return report


# --- Plan-owned national Frameworks ------------------------------------------------------------

ITEM_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def framework_key_error(plan, key: str, *, exclude_pk: int | None = None) -> str | None:
    """Why `key` cannot name a new national Framework of `plan`, or None when it can."""
    clash = Framework.objects.filter(key=key).filter(
        models.Q(plan=plan) | models.Q(plan__isnull=True))
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.filter(plan__isnull=True).exists():
        return _("The shared reference library already has a framework with this key.")
    if clash.exists():
        return _("This plan already has a framework with this key.")
    return None


def item_key_error(framework: Framework, key: str, *, exclude_pk: int | None = None) -> str | None:
    if not ITEM_KEY_RE.match(key):
        return _("Use letters, digits, dots, hyphens and underscores only, starting with a "
                 "letter or digit.")
    clash = framework.items.filter(key=key)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        return _("This framework already has an item with this key.")
    return None


def _own(framework: Framework, plan) -> None:
    if framework.plan_id is None or framework.plan_id != plan.pk:
        raise ValidationError(_("Only this plan's own frameworks can be changed here."))


@transaction.atomic
def save_plan_framework(plan, *, framework: Framework | None = None, key: str, title_en: str,
                        title_km: str = "", description_en: str = "",
                        description_km: str = "") -> Framework:
    """Create (or, with `framework`, edit) a national Framework owned by `plan`."""
    if framework is not None:
        _own(framework, plan)
    key = key.strip()
    error = framework_key_error(plan, key, exclude_pk=framework.pk if framework else None)
    if error:
        raise ValidationError({"key": error})
    if framework is None:
        order = (plan.frameworks.aggregate(models.Max("order"))["order__max"] or 0) + 1
        framework = Framework(plan=plan, kind=Framework.Kind.NATIONAL, order=order)
    framework.key = key
    framework.title_en = title_en.strip()
    framework.title_km = title_km.strip()
    framework.description_en = description_en.strip()
    framework.description_km = description_km.strip()
    framework.full_clean(validate_constraints=False)
    try:
        framework.save()
    except IntegrityError as exc:  # a double submit racing the check above
        raise ValidationError({"key": _("This plan already has a framework with this key.")}) \
            from exc
    return framework


def _descendant_pks(item: FrameworkItem) -> set[int]:
    found, frontier = set(), [item.pk]
    while frontier:
        children = list(FrameworkItem.objects.filter(parent_id__in=frontier)
                        .values_list("pk", flat=True))
        frontier = [pk for pk in children if pk not in found]
        found.update(frontier)
    return found


@transaction.atomic
def save_plan_item(plan, framework: Framework, *, item: FrameworkItem | None = None, key: str,
                   label_en: str, label_km: str = "", summary_en: str = "",
                   summary_km: str = "", parent: FrameworkItem | None = None,
                   pillars=(), uncertain: bool = False,
                   uncertainty_note: str = "") -> FrameworkItem:
    """Create (or, with `item`, edit) an item of a national Framework owned by `plan`."""
    _own(framework, plan)
    if item is not None and item.framework_id != framework.pk:
        raise ValidationError(_("That item belongs to another framework."))
    key = key.strip()
    error = item_key_error(framework, key, exclude_pk=item.pk if item else None)
    if error:
        raise ValidationError({"key": error})
    if parent is not None:
        if parent.framework_id != framework.pk:
            raise ValidationError({"parent": _("The parent must be an item of this framework.")})
        if item is not None and (parent.pk == item.pk or parent.pk in _descendant_pks(item)):
            raise ValidationError({"parent": _("An item cannot be placed under itself.")})
    if item is None:
        order = (framework.items.aggregate(models.Max("order"))["order__max"] or 0) + 1
        item = FrameworkItem(framework=framework, order=order)
    item.key = key
    item.label_en = label_en.strip()
    item.label_km = label_km.strip()
    item.summary_en = summary_en.strip()
    item.summary_km = summary_km.strip()
    item.parent = parent
    item.uncertain = bool(uncertain)
    item.uncertainty_note = uncertainty_note.strip() if uncertain else ""
    item.full_clean(validate_constraints=False)
    try:
        item.save()
    except IntegrityError as exc:
        raise ValidationError({"key": _("This framework already has an item with this key.")}) \
            from exc
    item.pillars.set(list(pillars))
    return item
