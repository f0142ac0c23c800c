"""Codebook exchange: REFI-QDA .qdc and CSV exports, their round trip through the import, and the
import's problems reported with row and column (all or nothing)."""

import csv
import io

import pytest
from lxml import etree

from wpsnap.analysis.codebook_io import ImportProblems, export_csv
from wpsnap.analysis.models import Code
from wpsnap.analysis.qdc import NAMESPACE, code_guid, export_qdc, parse_description
from wpsnap.analysis.services.codebook import import_codebook, merge_code, save_code

FIELDS = ["key", "label_en", "label_km", "definition_en", "definition_km", "examples_en",
          "examples_km", "keywords"]
NS = {"q": NAMESPACE}


def snapshot(plan, archived=True):
    codes = Code.objects.filter(plan=plan).select_related("parent", "merged_into")
    if not archived:
        codes = codes.filter(archived_at__isnull=True)
    return {c.key: ({f: getattr(c, f) for f in FIELDS},
                    c.parent.key if c.parent_id else None,
                    c.archived_at is not None,
                    c.merged_into.key if c.merged_into_id else None) for c in codes}


@pytest.fixture
def edited(plan, codebook):
    """The seeded Codebook plus a hand-made sub-code with every field and awkward text."""
    code = Code(key="mines-farmland", label_en="Mines on farmland", label_km="គ្រាប់មីននៅដីស្រែ",
                definition_en="=HYPERLINK(\"http://evil\")\nSecond line, with a comma",
                definition_km="- ដីស្រែ\n+ ផ្លូវ", examples_en="@home\nOn the road",
                examples_km="ឧទាហរណ៍", keywords="mine\nមីន\n[wpsnap:key] not a marker",
                parent=codebook["landmines-erw"])
    save_code(plan, code)
    return code


def test_qdc_export_is_a_refi_qda_codebook_with_stable_guids(plan, edited):
    data = export_qdc(plan)
    root = etree.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}CodeBook"
    codes = root.findall(".//q:Code", NS)
    assert len(codes) == Code.objects.filter(plan=plan).count()
    assert all(c.get("isCodable") == "true" and c.get("name") for c in codes)
    guids = [c.get("guid") for c in codes]
    assert len(set(guids)) == len(guids)
    assert code_guid(plan, "mines-farmland") in guids
    assert export_qdc(plan) == data  # stable
    group = root.find("q:Codes/q:Code[@name='WPS pillars']", NS)
    assert {c.get("name") for c in group.findall("q:Code", NS)} >= {"Protection", "Prevention"}
    mine = root.find(f".//q:Code[@guid='{code_guid(plan, 'mines-farmland')}']", NS)
    assert mine.getparent().get("guid") == code_guid(plan, "landmines-erw")
    text = mine.find("q:Description", NS).text
    assert text.startswith("=HYPERLINK")
    assert parse_description(text)["label_km"] == "គ្រាប់មីននៅដីស្រែ"


def test_qdc_round_trip_into_an_empty_plan_and_into_the_same_plan(plan, other_plan, edited):
    data = export_qdc(plan)
    result = import_codebook(other_plan, "codebook.qdc", data)
    assert result.created == Code.objects.filter(plan=plan).count()
    assert snapshot(other_plan) == snapshot(plan)
    copy = Code.objects.get(plan=other_plan, key="landmines-erw")
    assert copy.security_issue and copy.security_issue.key == "landmines-erw"

    again = import_codebook(plan, "codebook.qdc", data)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == result.created


def test_qdc_leaves_merged_codes_out(plan, edited, codebook):
    merge_code(plan, codebook["prevention"], codebook["protection"])
    root = etree.fromstring(export_qdc(plan))
    assert code_guid(plan, "prevention") not in {c.get("guid") for c in root.iter(
        f"{{{NAMESPACE}}}Code")}


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti Win 23.4.0">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Protection" isCodable="true">
      <Description>Protection as our team reads it.</Description>
    </Code>
    <Code guid="2FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Safe markets" color="#46AA00"
          isCodable="true">
      <Code guid="3FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Lighting at night"
            isCodable="true"/>
    </Code>
    <Code guid="4FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="សុវត្ថិភាពផ្លូវ" isCodable="false"/>
  </Codes>
  <Sets/>
</CodeBook>"""


def test_a_foreign_qdc_updates_by_name_and_adds_the_rest(plan, codebook):
    result = import_codebook(plan, "team.qdc", FOREIGN.encode())
    assert (result.created, result.updated) == (3, 1)
    protection = Code.objects.get(plan=plan, key="protection")
    assert protection.definition_en == "Protection as our team reads it."
    assert protection.label_km == codebook["protection"].label_km  # not in the file: kept
    assert protection.parent is None  # the file puts it at the top
    lighting = Code.objects.get(plan=plan, label_en="Lighting at night")
    assert lighting.key == "lighting-at-night"
    assert lighting.parent.key == "safe-markets"
    khmer = Code.objects.get(plan=plan, label_km="សុវត្ថិភាពផ្លូវ")
    assert khmer.key  # a key is made up for a Khmer-only name
    again = import_codebook(plan, "team.qdc", FOREIGN.encode())
    assert again.created == 0


@pytest.mark.parametrize("data,line,column", [
    (b"<CodeBook><Codes><Code name='x'></Codes></CodeBook>", 1, None),
    (b"<?xml version='1.0'?>\n<Project/>", 2, None),
    (b"<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'aaaa'>]>\n<CodeBook/>", 1, None),
    (f"<CodeBook xmlns='{NAMESPACE}'><Codes>\n<Code guid='1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294'"
     f" name='ok' isCodable='true'/>\n<Code isCodable='true'/></Codes></CodeBook>".encode(),
     3, "name"),
    (f"<CodeBook xmlns='{NAMESPACE}'><Codes>\n<Code guid='nope' name='x' isCodable='true'/>"
     "</Codes></CodeBook>".encode(), 2, "guid"),
])
def test_bad_qdc_files_are_refused_with_their_line(plan, codebook, data, line, column):
    before = snapshot(plan)
    with pytest.raises(ImportProblems) as exc:
        import_codebook(plan, "bad.qdc", data)
    first = exc.value.problems[0]
    assert first["row"] == line and first["column"] == column and first["message"]
    assert snapshot(plan) == before


def read(data: bytes):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_export_has_a_bom_the_columns_and_no_live_formulas(plan, edited):
    data = export_csv(plan)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read(data)
    assert rows[0] == ["key", "parent", "label_en", "label_km", "definition_en", "definition_km",
                       "examples_en", "examples_km", "keywords", "archived", "merged_into"]
    mine = next(r for r in rows if r[0] == "mines-farmland")
    assert mine[1] == "landmines-erw"
    assert mine[3] == "គ្រាប់មីននៅដីស្រែ"
    assert mine[4].startswith("'=HYPERLINK")
    assert mine[5].startswith("'- ")
    assert mine[6].startswith("'@home")
    keys = [r[0] for r in rows[1:]]
    assert keys.index("landmines-erw") < keys.index("mines-farmland")  # parents first


def test_csv_round_trip_with_a_merged_code(plan, other_plan, edited, codebook):
    merge_code(plan, codebook["prevention"], codebook["protection"])
    data = export_csv(plan)
    prevention = next(r for r in read(data) if r[0] == "prevention")
    assert prevention[9:] == ["yes", "protection"]
    result = import_codebook(other_plan, "codebook.csv", data)
    assert result.created == Code.objects.filter(plan=plan).count()
    assert snapshot(other_plan) == snapshot(plan)
    assert Code.objects.get(plan=other_plan, key="mines-farmland").definition_en.startswith("=")
    again = import_codebook(plan, "codebook.csv", data)
    assert (again.created, again.updated, again.warnings) == (0, 0, [])


def test_csv_import_updates_adds_and_warns_about_archiving(plan, codebook):
    data = ("key,parent,label_en,label_km,archived\n"
            "protection,wps-pillars,Protection of women and girls,,\n"
            "safe-markets,protection,Safe markets,ផ្សារមានសុវត្ថិភាព,\n"
            "prevention,wps-pillars,Prevention,,yes\n").encode()
    result = import_codebook(plan, "codebook.csv", data)
    assert (result.created, result.updated) == (1, 2)
    assert [(w["row"], w["column"]) for w in result.warnings] == [(4, "archived")]
    protection = Code.objects.get(plan=plan, key="protection")
    assert protection.label_en == "Protection of women and girls"
    assert protection.label_km == ""  # given empty: cleared
    assert protection.definition_en == codebook["protection"].definition_en  # no column: kept
    assert Code.objects.get(plan=plan, key="safe-markets").parent == protection
    assert Code.objects.get(plan=plan, key="prevention").archived_at is None


@pytest.mark.parametrize("body,row,column", [
    ("key,label_en\nok-key,Fine\nbad key!,Bad\n", 3, "key"),
    ("key,parent,label_en\nnew-one,no-such-code,New\n", 2, "parent"),
    ("key,parent,label_en\nwps-pillars,protection,WPS pillars\n", 2, "parent"),  # a loop
    ("key,label_en\nnew-one,\n", 2, "label_en"),
    ("key,label_en\ndup,One\ndup,Two\n", 3, "key"),
    ("key,label_en,archived\nnew-one,New,maybe\n", 2, "archived"),
    ("key,label_en,archived,merged_into\nnew-one,New,yes,\n", 2, "merged_into"),
    ("label_en\nNew\n", 1, "key"),
])
def test_bad_csv_rows_are_reported_with_row_and_column_and_nothing_changes(
        plan, codebook, body, row, column):
    before = snapshot(plan)
    with pytest.raises(ImportProblems) as exc:
        import_codebook(plan, "codebook.csv", body.encode())
    assert (row, column) in [(p["row"], p["column"]) for p in exc.value.problems], \
        exc.value.problems
    assert snapshot(plan) == before


def test_csv_import_with_semicolons_and_a_merged_parent(plan, codebook):
    merge_code(plan, codebook["prevention"], codebook["protection"])
    data = "\ufeffkey;parent;label_en\nearly-warning;prevention;Early warning\n".encode()
    import_codebook(plan, "codebook.csv", data)
    assert Code.objects.get(plan=plan, key="early-warning").parent.key == "protection"


def test_an_unknown_file_type_is_refused(plan, codebook):
    with pytest.raises(ImportProblems):
        import_codebook(plan, "codebook.docx", b"PK\x03\x04")
