"""The indicator library: loading is idempotent, every entry is bilingual, links to the UN 1325
global indicators' items resolve, and the load_reference command loads it."""

from io import StringIO

import pytest
from django.core.management import call_command

from ..models import IndicatorTemplate
from ..models.framework import DISAGGREGATIONS
from ..services.library import LibraryError, load_library, read_entries
from .fixtures_indicators import *  # noqa: F403


def test_the_file_is_bilingual_and_well_formed():
    entries = read_entries()
    assert 25 <= len(entries) <= 45
    for entry in entries:
        for name in ("title", "data_source"):
            assert entry[name]["en"].strip(), (entry["key"], name)
            assert entry[name]["km"].strip(), (entry["key"], name)
            # Khmer text is written in the Khmer script (U+1780–U+17FF).
            assert any("\u1780" <= ch <= "\u17ff" for ch in entry[name]["km"]), entry["key"]
        unit = entry.get("unit") or {}
        assert bool((unit.get("en") or "").strip()) == bool((unit.get("km") or "").strip()), \
            entry["key"]
        if entry.get("type") in ("number", "percentage"):
            assert unit["en"], entry["key"]
        assert entry.get("pillar"), entry["key"]
        assert set(entry.get("disaggregation") or ()) <= set(DISAGGREGATIONS)
        assert entry.get("source_note"), entry["key"]
    assert len({e["key"] for e in entries}) == len(entries)
    # Both halves are there: the global indicators' examples and typical NAP indicators.
    assert sum(1 for e in entries if e.get("framework_item")) >= 10
    assert sum(1 for e in entries if not e.get("framework_item")) >= 10


def test_load_is_idempotent_and_links_the_reference(reference):
    first = load_library()
    count = IndicatorTemplate.objects.count()
    assert first.counts["created"] == count == len(read_entries())
    assert not first.warnings
    second = load_library()
    assert second.counts["unchanged"] == count
    assert second.counts["created"] == second.counts["updated"] == 0
    assert IndicatorTemplate.objects.count() == count
    for template in IndicatorTemplate.objects.all():
        assert template.title_en and template.title_km, template.key
        assert template.pillar_id is not None, template.key
    linked = IndicatorTemplate.objects.filter(framework_item__isnull=False)
    assert {t.framework_item.framework.key for t in linked} == {"un-1325-global-indicators"}
    parliament = IndicatorTemplate.objects.get(key="gi-women-in-parliament")
    assert parliament.framework_item.key == "gi-participation-2"
    assert parliament.uncertain  # the reference marks this example uncertain
    assert not IndicatorTemplate.objects.get(key="gi-prevalence-sexual-violence").uncertain


def test_changed_entries_are_updated_not_duplicated(reference, tmp_path):
    import yaml

    from ..services.library import DEFAULT_FILE

    load_library()
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["entries"][0]["title"]["en"] = "Changed title"
    path = tmp_path / "library.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = load_library(path)
    assert report.counts["updated"] == 1
    assert IndicatorTemplate.objects.get(key=data["entries"][0]["key"]).title_en == \
        "Changed title"
    assert IndicatorTemplate.objects.count() == len(data["entries"])


def test_without_the_reference_it_warns(db):
    report = load_library()
    assert report.warnings
    assert IndicatorTemplate.objects.filter(pillar__isnull=True).count() == \
        IndicatorTemplate.objects.count()


@pytest.mark.parametrize("content", [
    "entries: []",
    "entries:\n  - key: a\n    title: {en: A}\n",
    "entries:\n  - key: a\n    title: {en: A, km: ក}\n    type: ratio\n",
    ":\n - not yaml: [",
])
def test_a_bad_file_is_refused(db, tmp_path, content):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LibraryError):
        load_library(path)
    assert not IndicatorTemplate.objects.exists()


def test_load_reference_command_loads_the_library(db):
    out = StringIO()
    call_command("load_reference", stdout=out, stderr=StringIO())
    assert "Indicator library:" in out.getvalue()
    assert IndicatorTemplate.objects.count() == len(read_entries())
    assert IndicatorTemplate.objects.filter(framework_item__isnull=False).exists()
