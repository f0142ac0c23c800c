"""`wpsnap codings_import` on CSV files the tests write: Khmer and English, unknown keys, `;`
delimiter, byte-order mark, re-runs, the --json shape, and refusals."""

import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command

from wpsnap.analysis.models import Coding
from wpsnap.analysis.services.codebook import merge_code
from wpsnap.consultations.models import Consent, Dataset, Participant, Statement
from wpsnap.plans.models import Role

HEADER = ["text", "language", "codes", "stakeholder_group", "area", "consultation"]
ROWS = [
    ["គ្រាប់មីននៅតែរារាំងការធ្វើស្រែ", "km", "landmines-erw; protection", "women", "02", ""],
    ["Brokers promise jobs across the border.", "", "human-trafficking;no-such-code", "", "",
     ""],
    ["", "en", "protection", "", "", ""],
    ["ស្ត្រីត្រូវការផ្លូវមានភ្លើងបំភ្លឺ", "", "PROTECTION", "youth", "Battambang", ""],
    ["Said in the focus group.", "en", "participation", "", "", "fgd-battambang"],
    ["A row for a consultation that does not exist.", "en", "participation", "", "",
     "no-such-consultation"],
    ["Scam calls every night.", "klingon", "no-such-code;another-unknown", "nobody",
     "Atlantis", ""],
]


def write_csv(tmp_path, rows=ROWS, header=HEADER, delimiter=",", bom=False, name="codes.csv"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return path


def run(path, plan, coder, *extra):
    out = io.StringIO()
    call_command("codings_import", str(path), "--plan", plan.slug, "--coder", coder.username,
                 "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def ready(plan, members, codebook, consultation):
    return members[Role.ANALYST]


def test_import_creates_statements_codings_and_reports_the_rest(tmp_path, plan, ready):
    path = write_csv(tmp_path)
    report = run(path, plan, ready)

    assert set(report) == {"dataset", "rows", "statements_new", "codings_new", "unknown_codes",
                           "errors"}
    assert report["rows"] == 7
    assert report["statements_new"] == 5  # row 4 empty, row 7 unknown consultation
    assert report["codings_new"] == 5
    assert report["unknown_codes"] == {"another-unknown": [8], "no-such-code": [3, 8]}
    where = {(e["row"], e["column"]) for e in report["errors"]}
    assert {(4, "text"), (7, "consultation"), (8, "language"), (8, "stakeholder_group"),
            (8, "area")} <= where
    assert all(e["message"] for e in report["errors"])

    dataset = Dataset.objects.get(pk=report["dataset"])
    assert dataset.plan == plan and dataset.format == Dataset.Format.TABLE
    assert dataset.status == Dataset.Status.IMPORTED
    assert dataset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert dataset.statements_new == 5
    statements = {s.text: s for s in Statement.objects.filter(dataset=dataset)}
    assert len(statements) == 5
    khmer = statements[ROWS[0][0]]
    assert khmer.language == "km"
    assert statements[ROWS[3][0]].language == "km"  # detected
    assert statements[ROWS[1][0]].language == "en"  # detected
    assert statements[ROWS[4][0]].consultation.slug == "fgd-battambang"
    assert khmer.consultation.slug.startswith("codings-import-")
    assert khmer.consultation.kind == "workshop"

    codings = Coding.objects.filter(statement__dataset=dataset)
    assert all(c.sample_id is None and c.coder == ready and c.source == "import"
               and c.start == 0 and c.end == len(c.statement.text) for c in codings)
    assert {c.code.key for c in codings.filter(statement=khmer)} == {"landmines-erw",
                                                                     "protection"}
    assert {c.code.key for c in codings.filter(statement=statements[ROWS[3][0]])} == {
        "protection"}  # keys match whatever their case

    person = khmer.participant
    assert person.code.startswith("P-") and person.stakeholder_group == "women"
    assert person.area.code == "02"
    assert person.consent.given and person.consent.scope == Consent.Scope.DO_NOT_QUOTE
    assert statements[ROWS[3][0]].participant.area.code == "02"  # by English name
    assert statements[ROWS[1][0]].participant is None
    odd = statements[ROWS[6][0]].participant
    assert odd.attributes == {"stakeholder_group": "nobody", "area": "Atlantis"}


def test_importing_the_same_file_again_adds_nothing(tmp_path, plan, ready):
    path = write_csv(tmp_path)
    first = run(path, plan, ready)
    counts = (Statement.objects.count(), Coding.objects.count(), Participant.objects.count())
    second = run(path, plan, ready)
    assert second["dataset"] == first["dataset"]
    assert (second["statements_new"], second["codings_new"]) == (0, 0)
    assert second["unknown_codes"] == first["unknown_codes"]
    assert (Statement.objects.count(), Coding.objects.count(),
            Participant.objects.count()) == counts


def test_semicolons_and_a_byte_order_mark(tmp_path, plan, ready):
    path = write_csv(tmp_path, rows=ROWS[:2], delimiter=";", bom=True)
    report = run(path, plan, ready)
    assert report["statements_new"] == 2 and report["codings_new"] == 3
    assert Statement.objects.filter(text=ROWS[0][0]).exists()


def test_a_merged_key_counts_for_its_target(tmp_path, plan, ready, codebook):
    merge_code(plan, codebook["landmines-erw"], codebook["human-trafficking"])
    report = run(write_csv(tmp_path, rows=[ROWS[0]]), plan, ready)
    assert report["unknown_codes"] == {}
    statement = Statement.objects.get(text=ROWS[0][0])
    assert {c.code.key for c in statement.codings.all()} == {"human-trafficking", "protection"}


def test_the_summary_without_json(tmp_path, plan, ready):
    out = io.StringIO()
    call_command("codings_import", str(write_csv(tmp_path)), "--plan", plan.slug, "--coder",
                 ready.username, stdout=out)
    text = out.getvalue()
    assert "no-such-code: rows 3, 8" in text
    assert "row 4" in text and "column text" in text


@pytest.mark.parametrize("case", ["no_text_column", "unknown_coder", "viewer_coder",
                                  "unknown_plan", "not_utf8"])
def test_refusals_change_nothing(tmp_path, plan, members, codebook, case):
    coder = members[Role.ANALYST].username
    plan_slug = plan.slug
    path = write_csv(tmp_path)
    if case == "no_text_column":
        path = write_csv(tmp_path, header=["words", "codes"], rows=[["x", "protection"]])
    elif case == "unknown_coder":
        coder = "nobody-here"
    elif case == "viewer_coder":
        coder = members[Role.VIEWER].username
    elif case == "unknown_plan":
        plan_slug = "no-plan"
    else:
        path.write_bytes("text\nÉcole\n".encode("latin-1"))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("codings_import", str(path), "--plan", plan_slug, "--coder", coder,
                     "--json", stdout=out)
    assert exc.value.code == 1
    report = json.loads(out.getvalue())
    assert report["dataset"] is None and report["errors"][0]["message"]
    if case == "no_text_column":
        assert (report["errors"][0]["row"], report["errors"][0]["column"]) == (1, "text")
    assert not Statement.objects.exists() and not Dataset.objects.exists()
    assert not Coding.objects.exists()


def test_usual_column_names_labels_and_commas_are_understood(tmp_path, plan, ready, codebook):
    path = write_csv(tmp_path, header=["Statement", "Code", "Stakeholder group", "Province"],
                     rows=[["Mines again.", "landmines-erw, protection", "Women", "Battambang"],
                           ["ផ្លូវមិនមានសុវត្ថិភាព", codebook["protection"].label_km, "", ""],
                           ["Floods.", "Land mines, flood-thing", "", ""]])
    report = run(path, plan, ready)
    assert report["statements_new"] == 3
    first = Statement.objects.get(text="Mines again.")
    assert {c.code.key for c in first.codings.all()} == {"landmines-erw", "protection"}
    assert first.participant.stakeholder_group == "women"
    assert first.participant.area.code == "02"
    khmer = Statement.objects.get(text="ផ្លូវមិនមានសុវត្ថិភាព")
    assert [c.code.key for c in khmer.codings.all()] == ["protection"]
    assert report["unknown_codes"] == {"Land mines": [4], "flood-thing": [4]}
