"""The Codebook pages for each role: reading, seeding, editing, merging, splitting, exchange and
the codings import page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wpsnap.analysis.models import Code, Coding
from wpsnap.consultations.models import Statement
from wpsnap.plans.models import Role


def url(name, plan, *args):
    return reverse(f"analyse:{name}", args=[plan.slug, *args])


def test_every_member_reads_the_codebook_but_only_the_workspace_edits(
        plan, codebook, client_as, code_statement, participants):
    code_statement(participants[0].statements.first(), "protection")
    page = client_as(Role.VIEWER).get(url("codebook", plan))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Landmines" in html and "landmines-erw" in html
    assert url("code_create", plan) not in html
    assert "&lt;5" in html  # small counts hidden outside the workspace
    page = client_as(Role.ANALYST).get(url("codebook", plan))
    html = page.content.decode()
    assert url("code_create", plan) in html and url("codings_import", plan) in html
    assert "&lt;5" not in html


def test_an_empty_codebook_offers_seeding_and_the_analyst_seeds_it(plan, members, client_as,
                                                                   areas):
    client = client_as(Role.ANALYST)
    page = client.get(url("codebook", plan))
    assert url("codebook_seed", plan) in page.content.decode()
    response = client.post(url("codebook_seed", plan))
    assert response.status_code == 302
    assert Code.objects.filter(plan=plan, key="landmines-erw").exists()
    again = client.post(url("codebook_seed", plan), follow=True)
    assert again.status_code == 200 and b"nothing was added" in again.content


def test_viewer_cannot_post_to_the_codebook(plan, codebook, client_as, members):
    client = client_as(Role.VIEWER)
    assert client.post(url("codebook_seed", plan)).status_code == 403
    merge = client.post(url("code_merge", plan, "prevention"),
                        {"target": codebook["protection"].pk})
    assert merge.status_code == 403
    assert client.post(url("code_create", plan), {"key": "x", "label_en": "X"}).status_code \
        == 403
    assert Code.objects.get(pk=codebook["prevention"].pk).archived_at is None
    assert client_as("outsider").get(url("codebook", plan)).status_code == 404


def test_analyst_adds_edits_and_cannot_make_a_loop(plan, codebook, client_as):
    client = client_as(Role.ANALYST)
    response = client.post(url("code_create", plan), {
        "key": "safe-markets", "label_en": "Safe markets", "label_km": "ផ្សារមានសុវត្ថិភាព",
        "parent": codebook["protection"].pk, "keywords": "market\nផ្សារ"})
    assert response.status_code == 302
    code = Code.objects.get(plan=plan, key="safe-markets")
    assert code.parent == codebook["protection"] and code.label_km == "ផ្សារមានសុវត្ថិភាព"
    page = client.get(url("code_detail", plan, "safe-markets"))
    assert page.status_code == 200 and "ផ្សារមានសុវត្ថិភាព" in page.content.decode()

    loop = client.post(url("code_edit", plan, "wps-pillars"), {
        "key": "wps-pillars", "label_en": "WPS pillars", "parent": codebook["protection"].pk})
    assert loop.status_code == 200
    assert "under itself" in loop.content.decode()
    assert Code.objects.get(pk=codebook["wps-pillars"].pk).parent is None

    empty = client.post(url("code_create", plan), {})
    assert empty.status_code == 200


def test_analyst_merges_and_the_old_key_leads_to_the_target(plan, codebook, client_as,
                                                           code_statement, participants):
    statement = participants[0].statements.first()
    code_statement(statement, "prevention")
    client = client_as(Role.ANALYST)
    form = client.get(url("code_merge", plan, "wps-pillars"))
    assert form.status_code == 200
    # a sub-code is not offered as a target
    assert f'value="{codebook["protection"].pk}"' not in form.content.decode()
    response = client.post(url("code_merge", plan, "prevention"),
                           {"target": codebook["protection"].pk})
    assert response.status_code == 302
    assert Coding.objects.get(statement=statement).code == codebook["protection"]
    page = client.get(url("codebook", plan)).content.decode()
    assert "merged into" in page
    detail = client.get(url("code_detail", plan, "prevention")).content.decode()
    assert url("code_detail", plan, "protection") in detail
    assert client.post(url("code_merge", plan, "participation"), {}).status_code == 200


def test_analyst_splits_a_code(plan, codebook, client_as, code_statement, participants):
    code = codebook["landmines-erw"]
    first = code_statement(participants[0].statements.first(), code)
    second = code_statement(participants[1].statements.first(), code)
    client = client_as(Role.ANALYST)
    page = client.get(url("code_split", plan, code.key))
    assert page.status_code == 200 and f"coding_{first.pk}" in page.content.decode()
    response = client.post(url("code_split", plan, code.key), {
        "key_0": "mines-farmland", "label_en_0": "Mines on farmland", "place_0": "child",
        "place_1": "sibling", "place_2": "sibling", f"coding_{first.pk}": "0"})
    assert response.status_code == 302
    new = Code.objects.get(plan=plan, key="mines-farmland")
    assert new.parent == code
    assert Coding.objects.get(pk=first.pk).code == new
    assert Coding.objects.get(pk=second.pk).code == code
    bad = client.post(url("code_split", plan, code.key), {
        "place_0": "sibling", "place_1": "sibling", "place_2": "sibling",
        f"coding_{second.pk}": "1"})
    assert bad.status_code == 200
    assert Coding.objects.get(pk=second.pk).code == code


def test_every_member_downloads_the_codebook(plan, codebook, client_as):
    client = client_as(Role.FOCAL_POINT)
    qdc = client.get(url("codebook_export_qdc", plan))
    assert qdc.status_code == 200 and qdc["Content-Type"].startswith("application/xml")
    assert b"urn:QDA-XML:codebook:1.0" in qdc.content
    assert "attachment" in qdc["Content-Disposition"]
    data = client.get(url("codebook_export_csv", plan))
    assert data.content.startswith(b"\xef\xbb\xbfkey,parent,label_en")


def test_the_import_page_lists_problems_or_imports(plan, codebook, client_as):
    client = client_as(Role.COORDINATOR)
    bad = SimpleUploadedFile("codebook.csv", b"key,label_en\nbad key,Bad\n", "text/csv")
    page = client.post(url("codebook_import", plan), {"file": bad})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nothing was imported" in html and "<code>key</code>" in html
    good = SimpleUploadedFile("codebook.csv", b"key,label_en\nsafe-markets,Safe markets\n",
                              "text/csv")
    assert client.post(url("codebook_import", plan), {"file": good}).status_code == 302
    assert Code.objects.filter(plan=plan, key="safe-markets").exists()
    assert client.post(url("codebook_import", plan), {}).status_code == 200
    assert client_as(Role.VIEWER).get(url("codebook_import", plan)).status_code == 403


@pytest.mark.parametrize("role", [Role.ANALYST, Role.COORDINATOR])
def test_the_codings_import_page(plan, codebook, client_as, members, role):
    body = (b"text,codes\n"
            b"Landmines block the rice fields.,landmines-erw;no-such-code\n")
    page = client_as(role).post(url("codings_import", plan),
                                {"file": SimpleUploadedFile("codes.csv", body, "text/csv")})
    assert page.status_code == 200
    html = page.content.decode()
    assert "no-such-code" in html
    statement = Statement.objects.get(plan=plan)
    coding = Coding.objects.get(statement=statement)
    assert coding.coder == members[role] and coding.code.key == "landmines-erw"


def test_the_codings_import_page_refuses_a_file_without_text(plan, codebook, client_as):
    page = client_as(Role.ANALYST).post(url("codings_import", plan), {
        "file": SimpleUploadedFile("codes.csv", b"words\nhello\n", "text/csv")})
    assert page.status_code == 200 and "Nothing was imported" in page.content.decode()
    assert not Statement.objects.exists()
    assert client_as(Role.FACILITATOR).get(url("codings_import", plan)).status_code == 403
