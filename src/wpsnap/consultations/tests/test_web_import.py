"""The web import: upload → mapping → background import → report, with Django's test client.

The task runs inline (settings_test uses Django's ImmediateBackend). Uploaded files go to a
temporary MEDIA_ROOT.
"""

import io
import json

import openpyxl
import pytest
from django.urls import reverse

from wpsnap.conftest import KOBO_SAMPLES as SAMPLES  # noqa: E402
from wpsnap.consultations.models import Consultation, Dataset, Participant, Statement

SAMPLE_DATA = SAMPLES / "fgd_xml.xlsx"
SAMPLE_FORM = SAMPLES / "fgd_form.xlsx"
needs_samples = pytest.mark.skipif(not SAMPLE_DATA.exists(), reason="shared Kobo samples missing")

PERSONAL = "P-0001 is Sokha, phone 012 345 678"
IMPORTERS = ["coordinator", "analyst"]
REFUSED = ["facilitator", "focal_point", "viewer"]

KOBO_HEADER = ["start", "end", "consent", "province", "resp_sex", "resp_age", "resp_group",
               "what_works", "what_must_change", "_id", "_uuid", "_submission_time",
               "_validation_status", "_notes", "_status", "_submitted_by", "__version__",
               "_tags", "meta/rootUuid", "_index"]
KOBO_ROWS = [
    ("yes", "kampot", "female", "34", "community_women",
     "The women's group meets every week at the pagoda.",
     "Street lights on the road to the market."),
    ("yes", "siem_reap", "male", "52", "community_leader",
     "ភូមិយើងមានក្រុមការពារស្ត្រី។", ""),
    ("no", "kampot", "female", "19", "youth",
     "This answer must never be imported.", "Nor this one."),
    ("yes", "battambang", "female", "27", "women", "", "More female police officers."),
]


def kobo_workbook(rows=KOBO_ROWS) -> bytes:
    """A small KoboToolbox XLSX export (XML values and headers), as KPI writes one."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Household safety survey"
    sheet.append(KOBO_HEADER)
    for index, (consent, province, sex, age, group, works, change) in enumerate(rows, 1):
        uuid = f"00000000-0000-4000-8000-{index:012d}"
        sheet.append([
            "2026-03-04T09:00:00.000+07:00", "2026-03-04T09:30:00.000+07:00", consent, province,
            sex, age, group, works, change, 70000000 + index, uuid, "2026-03-04T02:31:00", None,
            None, "submitted_via_web", None, "vABCDEF123", None, f"uuid:{uuid}", index])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload_file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


@pytest.fixture
def areas(db):
    from wpsnap.frameworks.services import load_reference

    load_reference()


@pytest.fixture
def consultation(plan):
    return Consultation.objects.create(plan=plan, slug="survey-kampot", kind="survey",
                                       title_en="Household safety survey")


def url(name, plan, *args):
    return reverse(f"consult_import:{name}", args=[plan.slug, *args])


def do_upload(client, plan, *, data: bytes, name="safety survey.xlsx", form: bytes | None = None,
              consultation=None, **new):
    payload = {"data_file": upload_file(name, data)}
    if form is not None:
        payload["form_file"] = upload_file("form.xlsx", form)
    if consultation is not None:
        payload["consultation"] = consultation.pk
    else:
        payload.update({"new_slug": "fgd-2026", "new_kind": "focus_group",
                        "new_title": "Provincial focus groups", **new})
    return client.post(url("upload", plan), payload)


def form_data(form) -> dict:
    """The POST data a browser would send for `form` as shown (pre-filled values)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


def mapping_post(client, plan, dataset, *, action="import", change=None):
    page = client.get(url("mapping", plan, dataset.pk))
    assert page.status_code == 200
    form = page.context["form"]
    assert form is not None, page.content.decode()[:2000]
    data = {**form_data(form), **(change or {}), "action": action}
    return client.post(url("mapping", plan, dataset.pk), data)


def import_through_the_web(client, plan, **upload):
    response = do_upload(client, plan, **upload)
    assert response.status_code == 302, response.context["form"].errors
    dataset = Dataset.objects.latest("pk")
    assert response["Location"] == url("mapping", plan, dataset.pk)
    response = mapping_post(client, plan, dataset)
    assert response.status_code == 302
    assert response["Location"] == url("status", plan, dataset.pk)
    dataset.refresh_from_db()
    return dataset, client.get(response["Location"])


# --- the whole flow -------------------------------------------------------------------------

def test_generated_kobo_export_imports_then_reimports_nothing_new(client_as, plan, areas):
    client = client_as("analyst")
    content = kobo_workbook()
    response = do_upload(client, plan, data=content)
    dataset = Dataset.objects.get()
    assert dataset.status == Dataset.Status.PENDING
    assert dataset.filename == "safety survey.xlsx"
    assert dataset.size == len(content) and len(dataset.sha256) == 64
    assert dataset.uploaded_by.username == "analyst-user"
    # The file is stored under a random name; URLs carry only the dataset's id.
    assert "safety" not in dataset.file.name and dataset.file.name.endswith(".xlsx")
    assert "safety" not in response["Location"]
    consultation = Consultation.objects.get(plan=plan, slug="fgd-2026")
    assert consultation.kind == "focus_group" and dataset.consultation == consultation

    page = client.get(url("mapping", plan, dataset.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert "KoboToolbox" in text  # the detected format
    assert "what_works" in text and "resp_sex" in text
    form = page.context["form"]
    assert set(form["statements"].value()) >= {"what_works", "what_must_change"}
    assert Participant.objects.count() == 0  # looking changes nothing

    response = mapping_post(client, plan, dataset)
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.IMPORTED
    assert dataset.progress == 100 and dataset.finished_at is not None
    # One Participant per submission (counted for coverage); only the answers of those who
    # consented become Statements.
    assert Participant.objects.filter(plan=plan).count() == 4
    assert Participant.objects.filter(plan=plan, consent__given=False).count() == 1
    texts = set(Statement.objects.filter(consultation=consultation).values_list("text", flat=True))
    assert "The women's group meets every week at the pagoda." in texts
    assert "ភូមិយើងមានក្រុមការពារស្ត្រី។" in texts
    assert "This answer must never be imported." not in texts
    assert len(texts) == 4
    assert dataset.participants_new == 4 and dataset.statements_new == 4
    consultation.refresh_from_db()
    assert consultation.mapping == dataset.mapping  # saved for the next import

    report = client.get(url("status", plan, dataset.pk))
    body = report.content.decode()
    assert "The import is finished" in body and "hx-trigger" not in body
    assert report.context["report"]["skipped_count"] >= 1  # the row without consent

    # The same file again: nothing new, and the saved mapping is offered first.
    response = do_upload(client, plan, data=content, consultation=consultation)
    again = Dataset.objects.latest("pk")
    page = client.get(url("mapping", plan, again.pk))
    assert page.context["mapping_source"] == "consultation"
    assert "already imported into this consultation" in page.content.decode()
    mapping_post(client, plan, again)
    again.refresh_from_db()
    assert again.status == Dataset.Status.IMPORTED
    assert (again.participants_new, again.statements_new) == (0, 0)
    assert Participant.objects.filter(plan=plan).count() == 4
    assert Statement.objects.filter(consultation=consultation).count() == 4
    body = client.get(url("status", plan, again.pk)).content.decode()
    assert "Nothing new" in body

    listing = client.get(url("list", plan)).content.decode()
    assert listing.count("safety survey.xlsx") == 2 and "Imported" in listing


@needs_samples
def test_the_real_kobo_sample_with_its_xlsform(client_as, plan, areas):
    client = client_as("coordinator")
    data, form = SAMPLE_DATA.read_bytes(), SAMPLE_FORM.read_bytes()
    dataset, page = import_through_the_web(client, plan, data=data, name="fgd_xml.xlsx",
                                           form=form)
    assert dataset.form_file and dataset.format == "kobo"
    assert dataset.status == Dataset.Status.IMPORTED, dataset.report
    assert dataset.rows >= 40
    assert dataset.participants_new > 0 and dataset.statements_new >= 74
    consultation = dataset.consultation
    assert Statement.objects.filter(consultation=consultation).count() == dataset.statements_new
    assert Participant.objects.filter(plan=plan).count() == dataset.participants_new
    body = page.content.decode()
    assert "The import is finished" in body
    assert f">{dataset.statements_new}<" in body.replace(",", "")

    again, page = import_through_the_web(client, plan, data=data, name="fgd_xml.xlsx",
                                         form=form, consultation=consultation)
    assert again.status == Dataset.Status.IMPORTED
    assert (again.participants_new, again.statements_new) == (0, 0)
    assert Statement.objects.filter(consultation=consultation).count() == dataset.statements_new
    assert "Nothing new" in page.content.decode()


def test_a_truncated_xlsx_is_refused_clearly_and_changes_nothing(client_as, plan, consultation):
    client = client_as("analyst")
    content = kobo_workbook()
    do_upload(client, plan, data=content[: len(content) // 2], consultation=consultation)
    dataset = Dataset.objects.get()
    page = client.get(url("mapping", plan, dataset.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert "This file cannot be imported" in body
    assert "Upload another file" in body
    assert page.context.get("form") is None  # no way to go on
    response = client.post(url("mapping", plan, dataset.pk), {"action": "import"})
    assert response.status_code == 200
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.PENDING
    assert Participant.objects.count() == 0 and Statement.objects.count() == 0


def test_dry_run_shows_what_would_change_and_writes_nothing(client_as, plan, consultation, areas):
    client = client_as("analyst")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    response = mapping_post(client, plan, dataset, action="dry_run")
    assert response.status_code == 200
    body = response.content.decode()
    assert "What the import would do" in body and "nothing was written" in body
    assert response.context["dry_run"]["participants_new"] == 4
    assert response.context["dry_run"]["statements_new"] == 4
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.PENDING
    assert Participant.objects.count() == 0 and Statement.objects.count() == 0


def test_a_statement_column_left_unticked_is_not_imported(client_as, plan, consultation, areas):
    client = client_as("analyst")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    mapping_post(client, plan, dataset, change={"statements": ["what_must_change"]})
    dataset.refresh_from_db()
    assert dataset.mapping["statements"] == ["what_must_change"]
    texts = set(Statement.objects.values_list("text", flat=True))
    assert texts == {"Street lights on the road to the market.", "More female police officers."}


# --- mapping JSON ---------------------------------------------------------------------------

def test_mapping_json_download_and_upload_round_trip(client_as, plan, consultation):
    client = client_as("analyst")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    response = client.get(url("mapping_download", plan, dataset.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "safety" not in response["Content-Disposition"]  # not the uploaded file's name
    proposed = json.loads(response.content)
    assert "what_works" in proposed["statements"]

    changed = {**proposed, "statements": ["what_must_change"],
               "values": {"sex": {"f": "female"}}}
    body = json.dumps(changed).encode()
    response = client.post(url("mapping_upload", plan, dataset.pk),
                           {"mapping_file": upload_file("mine.json", body)})
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.mapping == changed
    page = client.get(url("mapping", plan, dataset.pk))
    assert page.context["mapping_source"] == "dataset"
    assert page.context["form"]["statements"].value() == ["what_must_change"]
    again = json.loads(client.get(url("mapping_download", plan, dataset.pk)).content)
    assert again == changed

    # The form keeps what it does not edit ("values").
    mapping_post(client, plan, dataset, action="dry_run")
    dataset.refresh_from_db()
    assert dataset.mapping["values"] == {"sex": {"f": "female"}}


@pytest.mark.parametrize("content,message", [
    (json.dumps({"statements": ["what_works", "no_such_column"]}), "no_such_column"),
    (json.dumps({"participant": {"sex": "gender"}}), "gender"),
    (json.dumps({"participant": {"colour": "province"}}), "colour"),
    (json.dumps({"consent": {"column": "agreed"}}), "agreed"),
    (json.dumps(["what_works"]), "must be a JSON object"),
    ("{not json", "not a JSON file"),
])
def test_a_bad_mapping_file_is_reported_and_nothing_is_applied(client_as, plan, consultation,
                                                               content, message):
    client = client_as("coordinator")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    response = client.post(url("mapping_upload", plan, dataset.pk),
                           {"mapping_file": upload_file("bad.json", content.encode())})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The mapping file was not used" in body
    assert message in body
    dataset.refresh_from_db()
    assert dataset.mapping == {}


# --- starting once, progress and the report -------------------------------------------------

def test_double_submit_starts_the_import_once(client_as, plan, consultation, areas, monkeypatch):
    from wpsnap.consultations import importing

    calls = []
    real = importing.import_file

    def counting(*args, **kwargs):
        calls.append(kwargs.get("dry_run", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "import_file", counting)
    client = client_as("analyst")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    page = client.get(url("mapping", plan, dataset.pk))
    data = {**form_data(page.context["form"]), "action": "import"}
    first = client.post(url("mapping", plan, dataset.pk), data)
    second = client.post(url("mapping", plan, dataset.pk), data)  # a second click / a reload
    assert first["Location"] == second["Location"] == url("status", plan, dataset.pk)
    assert calls == [False]
    assert Participant.objects.count() == 4
    follow = client.get(second["Location"])
    assert "already started" in follow.content.decode()


def test_only_one_claim_of_a_pending_dataset_wins(plan, consultation):
    from wpsnap.consultations.tasks import claim_dataset, import_dataset

    dataset = Dataset.objects.create(plan=plan, consultation=consultation, filename="x.csv")
    assert claim_dataset(dataset.pk, mapping={"statements": []}) is True
    assert claim_dataset(dataset.pk, mapping={"statements": ["other"]}) is False
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.RUNNING
    assert dataset.mapping == {"statements": []}
    # A task for a Dataset nobody claimed does nothing.
    other = Dataset.objects.create(plan=plan, consultation=consultation, filename="y.csv")
    assert import_dataset.call(other.pk) == {"status": "skipped"}
    other.refresh_from_db()
    assert other.status == Dataset.Status.PENDING


def test_a_crashing_import_ends_rejected_with_a_message(client_as, plan, consultation,
                                                        monkeypatch, caplog):
    from wpsnap.consultations import importing

    def boom(*args, **kwargs):
        raise RuntimeError(PERSONAL)  # its message must reach neither the page nor the log

    client = client_as("analyst")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    page = client.get(url("mapping", plan, dataset.pk))
    monkeypatch.setattr(importing, "import_file", boom)
    data = {**form_data(page.context["form"]), "action": "import"}
    response = client.post(url("mapping", plan, dataset.pk), data)
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.REJECTED and dataset.finished_at
    body = client.get(response["Location"]).content.decode()
    assert "The file was not imported" in body
    assert "unexpected error" in body and "Sokha" not in body
    assert "RuntimeError" in caplog.text and "Sokha" not in caplog.text


def test_progress_fragment_polls_while_running_and_answers_304_when_unchanged(
        client_as, plan, consultation):
    from wpsnap.consultations.tasks import ProgressWriter, claim_dataset

    client = client_as("analyst")
    dataset = Dataset.objects.create(plan=plan, consultation=consultation, filename="big.xlsx")
    claim_dataset(dataset.pk)
    writer = ProgressWriter(dataset)
    writer(1234, 10000)
    dataset.refresh_from_db()
    assert dataset.progress == 12 and dataset.rows == 10000

    response = client.get(url("progress", plan, dataset.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in body
    assert '<progress' in body and 'value="12"' in body
    assert "1,234 of 10,000 rows" in body
    etag = response["ETag"]
    assert etag
    unchanged = client.get(url("progress", plan, dataset.pk), HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304

    writer(5000, 10000)
    moved = client.get(url("progress", plan, dataset.pk), HTTP_IF_NONE_MATCH=etag)
    assert moved.status_code == 200 and "5,000 of 10,000 rows" in moved.content.decode()

    page = client.get(url("status", plan, dataset.pk)).content.decode()
    assert "5,000 of 10,000 rows" in page and "Refresh" in page

    Dataset.objects.filter(pk=dataset.pk).update(
        status=Dataset.Status.IMPORTED, rows=10000, participants_new=7, statements_new=9,
        report={"status": "ok", "rows": 10000, "participants_new": 7, "statements_new": 9,
                "skipped": [{"row": 14, "column": "consent", "code": "no_consent",
                             "message": "No consent: the row was skipped."}],
                "warnings": [], "errors": []})
    done = client.get(url("progress", plan, dataset.pk), HTTP_IF_NONE_MATCH=moved["ETag"])
    body = done.content.decode()
    assert done.status_code == 200
    assert "hx-trigger" not in body  # polling stops
    assert "The import is finished" in body and "No consent: the row was skipped." in body


def test_the_mapping_page_of_a_started_import_shows_its_status(client_as, plan, consultation):
    client = client_as("analyst")
    dataset = Dataset.objects.create(plan=plan, consultation=consultation, filename="a.xlsx",
                                     status=Dataset.Status.IMPORTED)
    response = client.get(url("mapping", plan, dataset.pk))
    assert response.status_code == 302 and response["Location"] == url("status", plan, dataset.pk)
    pending = Dataset.objects.create(plan=plan, consultation=consultation, filename="b.xlsx")
    response = client.get(url("status", plan, pending.pk))
    assert response["Location"] == url("mapping", plan, pending.pk)


# --- upload validation ----------------------------------------------------------------------

def test_upload_refuses_a_file_over_the_size_limit(client_as, plan, consultation, settings):
    settings.WPSNAP_IMPORT_MAX_BYTES = 100
    response = do_upload(client_as("analyst"), plan, data=kobo_workbook(),
                         consultation=consultation)
    assert response.status_code == 200
    assert "files of at most 100" in response.content.decode()
    assert Dataset.objects.count() == 0


@pytest.mark.parametrize("name", ["notes.pdf", "script.exe", "noextension"])
def test_upload_refuses_other_kinds_of_file(client_as, plan, consultation, name):
    response = do_upload(client_as("analyst"), plan, data=b"data", name=name,
                         consultation=consultation)
    assert "This kind of file cannot be imported" in response.content.decode()
    assert Dataset.objects.count() == 0


def test_upload_needs_a_consultation_and_a_unique_short_name(client_as, plan, consultation):
    client = client_as("analyst")
    response = client.post(url("upload", plan),
                           {"data_file": upload_file("a.csv", b"a,b\n1,2\n")})
    assert "Choose a consultation, or create a new one below." in response.content.decode()
    response = do_upload(client, plan, data=b"a,b\n1,2\n", name="a.csv",
                         new_slug=consultation.slug)
    assert "already has a consultation with this short name" in response.content.decode()
    response = do_upload(client, plan, data=b"a,b\n1,2\n", name="a.csv", new_title="")
    assert "Give the new consultation a title." in response.content.decode()
    assert Dataset.objects.count() == 0 and Consultation.objects.count() == 1


def test_upload_cannot_choose_a_consultation_of_another_plan(client_as, plan, other_plan):
    theirs = Consultation.objects.create(plan=other_plan, slug="theirs", kind="survey",
                                         title_en="Theirs")
    response = do_upload(client_as("analyst"), plan, data=b"a\n1\n", name="a.csv",
                         consultation=theirs)
    assert response.status_code == 200 and Dataset.objects.count() == 0


# --- permissions ----------------------------------------------------------------------------

@pytest.fixture
def dataset(plan, consultation):
    return Dataset.objects.create(plan=plan, consultation=consultation, filename="a.csv",
                                  status=Dataset.Status.IMPORTED,
                                  report={"status": "ok", "rows": 1})


def all_urls(plan, dataset):
    return [url("list", plan), url("upload", plan), url("mapping", plan, dataset.pk),
            url("mapping_download", plan, dataset.pk), url("status", plan, dataset.pk),
            url("progress", plan, dataset.pk)]


def test_anonymous_visitors_are_sent_to_log_in(client, plan, dataset):
    for address in [*all_urls(plan, dataset), url("mapping_upload", plan, dataset.pk)]:
        method = client.post if address.endswith("/mapping/upload/") else client.get
        response = method(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", REFUSED)
def test_other_roles_are_refused(client_as, plan, dataset, who):
    client = client_as(who)
    for address in all_urls(plan, dataset):
        assert client.get(address).status_code == 403, address
    assert client.post(url("mapping_upload", plan, dataset.pk)).status_code == 403
    assert client.post(url("upload", plan)).status_code == 403


def test_members_of_another_plan_get_404(client_as, plan, dataset):
    client = client_as("outsider")
    for address in all_urls(plan, dataset):
        assert client.get(address).status_code == 404, address


@pytest.mark.parametrize("who", IMPORTERS)
def test_importers_get_in_but_not_to_another_plans_datasets(client_as, plan, other_plan, dataset,
                                                           who):
    client = client_as(who)
    for address in all_urls(plan, dataset):
        assert client.get(address).status_code in (200, 302), address
    theirs = Dataset.objects.create(
        plan=other_plan, filename="theirs.csv",
        consultation=Consultation.objects.create(plan=other_plan, slug="x", kind="survey",
                                                 title_en="X"))
    for name in ["mapping", "mapping_download", "status", "progress"]:
        assert client.get(url(name, plan, theirs.pk)).status_code == 404
    assert client.post(url("mapping", plan, theirs.pk), {"action": "import"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Dataset.Status.PENDING


def test_progress_is_read_from_beside_the_upload_while_the_engine_holds_its_transaction(
        client_as, plan, consultation, areas, monkeypatch):
    """The engine imports in one transaction, so the Dataset row shows no progress until the
    end; the progress file next to the upload does, and it is removed when the import ends."""
    from wpsnap.consultations import importing
    from wpsnap.consultations.tasks import progress_path, read_progress

    client = client_as("analyst")
    do_upload(client, plan, data=kobo_workbook(), consultation=consultation)
    dataset = Dataset.objects.get()
    seen = []
    real = importing.import_file

    def watching(*args, progress=None, **kwargs):
        def spy(done, total):
            progress(done, total)
            running = Dataset.objects.get(pk=dataset.pk)
            seen.append((read_progress(running), progress_path(running).exists()))
        return real(*args, progress=spy, **kwargs)

    monkeypatch.setattr(importing, "import_file", watching)
    mapping_post(client, plan, dataset)
    assert seen and seen[-1] == ({"done": 4, "total": 4, "percent": 100}, True)
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.IMPORTED
    assert not progress_path(dataset).exists()


def test_the_fragment_shows_the_progress_file_of_a_running_import(client_as, plan,
                                                                  consultation):
    from django.core.files.base import ContentFile

    from wpsnap.consultations.tasks import ProgressWriter, claim_dataset

    dataset = Dataset(plan=plan, consultation=consultation, filename="big.csv")
    dataset.file.save("upload.csv", ContentFile(b"a\n1\n"), save=True)
    claim_dataset(dataset.pk)
    ProgressWriter(dataset)(250, 1000)
    Dataset.objects.filter(pk=dataset.pk).update(progress=0, rows=0, report={})  # not visible
    body = client_as("analyst").get(url("progress", plan, dataset.pk)).content.decode()
    assert "250 of 1,000 rows" in body and 'value="25"' in body
