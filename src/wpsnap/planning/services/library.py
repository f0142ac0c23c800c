"""The indicator library: `load_library()` brings the IndicatorTemplate rows in line with
`data/indicator_library.yaml` (shared by every Plan; a Plan adopts an entry and adapts the copy).

Idempotent: entries are keyed on their `key`, so loading twice changes nothing and never
duplicates. Entries no longer in the file are kept (Indicators may remember them). A Pillar or a
global-indicator item that is not in the database (the reference library not loaded yet) is left
empty and reported as a warning; run `wpsnap load_reference`, which loads the library after the
reference data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from wpsnap.frameworks.models import FrameworkItem, Pillar
from wpsnap.frameworks.services import GLOBAL_INDICATORS

from ..models import IndicatorTemplate
from ..models.framework import DISAGGREGATIONS, Direction, IndicatorType

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "data" / "indicator_library.yaml"
BILINGUAL = ("title", "unit", "data_source")


class LibraryError(ValueError):
    """The library file is missing, not valid YAML, or an entry has the wrong shape."""


@dataclass
class LibraryReport:
    counts: Counter = field(default_factory=Counter)  # created / updated / unchanged
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"Indicator library: {self.counts['created']} created, "
                f"{self.counts['updated']} updated, {self.counts['unchanged']} unchanged.")


def read_entries(path: Path | str | None = None) -> list[dict]:
    """The entries of the library file, checked for shape (LibraryError when wrong)."""
    path = Path(path or DEFAULT_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LibraryError(f"{path}: {exc}") from exc
    entries = (data or {}).get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise LibraryError(f"{path}: needs a non-empty list 'entries'.")
    seen = set()
    for i, entry in enumerate(entries):
        where = f"{path.name}: entries[{i}]"
        if not isinstance(entry, dict) or not entry.get("key"):
            raise LibraryError(f"{where}: each entry is a mapping with a 'key'.")
        if entry["key"] in seen:
            raise LibraryError(f"{where}: key {entry['key']!r} appears twice.")
        seen.add(entry["key"])
        for name in BILINGUAL:
            value = entry.get(name) or {}
            if not isinstance(value, dict):
                raise LibraryError(f"{where} ({entry['key']}): '{name}' needs 'en' and 'km'.")
        if not (entry.get("title") or {}).get("en") or not (entry.get("title") or {}).get("km"):
            raise LibraryError(f"{where} ({entry['key']}): the title needs 'en' and 'km'.")
        if entry.get("type", IndicatorType.NUMBER) not in IndicatorType.values:
            raise LibraryError(f"{where} ({entry['key']}): unknown type {entry.get('type')!r}.")
        if entry.get("direction", Direction.INCREASE) not in Direction.values:
            raise LibraryError(f"{where} ({entry['key']}): unknown direction "
                               f"{entry.get('direction')!r}.")
        unknown = [d for d in entry.get("disaggregation") or () if d not in DISAGGREGATIONS]
        if unknown:
            raise LibraryError(f"{where} ({entry['key']}): unknown disaggregation {unknown}.")
    return entries


def _values(entry: dict, order: int, pillars: dict, items: dict, report: LibraryReport) -> dict:
    key = entry["key"]
    values = {"order": order, "type": entry.get("type", IndicatorType.NUMBER),
              "direction": entry.get("direction", Direction.INCREASE),
              "disaggregation": [d for d in DISAGGREGATIONS
                                 if d in (entry.get("disaggregation") or ())],
              "source_note": str(entry.get("source_note") or "").strip()[:300],
              "uncertain": entry.get("uncertain") is True}
    for name in BILINGUAL:
        text = entry.get(name) or {}
        values[f"{name}_en"] = str(text.get("en") or "").strip()
        values[f"{name}_km"] = str(text.get("km") or "").strip()
    pillar_key = entry.get("pillar")
    values["pillar_id"] = pillars.get(pillar_key)
    if pillar_key and values["pillar_id"] is None:
        report.warnings.append(f"{key}: Pillar {pillar_key!r} is not loaded.")
    item_key = entry.get("framework_item")
    values["framework_item_id"] = items.get(item_key)
    if item_key and values["framework_item_id"] is None:
        report.warnings.append(f"{key}: global-indicator item {item_key!r} is not loaded.")
    return values


@transaction.atomic
def load_library(path: Path | str | None = None) -> LibraryReport:
    """Create or update every entry of the library file (by key); return what happened."""
    entries = read_entries(path)
    report = LibraryReport()
    pillars = dict(Pillar.objects.values_list("key", "pk"))
    items = dict(FrameworkItem.objects.filter(framework__plan__isnull=True,
                                              framework__key=GLOBAL_INDICATORS)
                 .values_list("key", "pk"))
    existing = {t.key: t for t in IndicatorTemplate.objects.all()}
    for order, entry in enumerate(entries, 1):
        values = _values(entry, order, pillars, items, report)
        template = existing.get(entry["key"])
        if template is None:
            IndicatorTemplate.objects.create(key=entry["key"], **values)
            report.counts["created"] += 1
            continue
        changed = [name for name, value in values.items() if getattr(template, name) != value]
        if changed:
            for name in changed:
                setattr(template, name, values[name])
            template.save(update_fields=changed)
            report.counts["updated"] += 1
        else:
            report.counts["unchanged"] += 1
    return report
