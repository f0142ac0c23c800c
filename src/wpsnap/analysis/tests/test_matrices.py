"""Matrices: Codes × Area / stakeholder group / sex / age band / Code, the drill-down into a
cell, small-cell suppression outside the workspace."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from wpsnap.analysis.models import AgreementSample, Code
from wpsnap.analysis.queries.matrices import build_matrix, cell_counts, code_tree
from wpsnap.consultations.models import Consent
from wpsnap.consultations.services import withdraw_consent
from wpsnap.plans.models import Role

LANDMINE_PEOPLE = (2, 6, 10)  # said KHMER_SENTENCES[2] / ENGLISH_SENTENCES[1] (i % 4 == 2)


@pytest.fixture
def coded(plan, codebook, participants, code_statement, members):
    """protection: every English Statement (12 people); landmines-erw: both Statements of
    P-0003, P-0007, P-0011; participation: the Khmer Statements of P-0001…P-0008.
    Also a blind-layer Coding (prevention) that must never count."""
    for i, p in enumerate(participants):
        km = p.statements.get(language="km")
        en = p.statements.get(language="en")
        code_statement(en, "protection")
        if i in LANDMINE_PEOPLE:
            code_statement(km, "landmines-erw")
            code_statement(en, "landmines-erw")
        if i < 8:
            code_statement(km, "participation")
    sample = AgreementSample.objects.create(plan=plan, title="s", coder_a=members[Role.ANALYST],
                                            coder_b=members[Role.COORDINATOR])
    first = participants[0].statements.get(language="en")
    sample.statements.add(first)
    code_statement(first, "prevention", sample=sample)
    return participants


def url(plan, name, *args):
    return reverse(f"analyse:{name}", args=[plan.slug, *args])


def counts(plan, dimension):
    """{(code key, column): (Statements, Participants)} from the matrix (exact)."""
    table = build_matrix(plan, dimension, suppressed=False)
    return {(row.code.key, cell.value): (cell.statements, cell.participants)
            for row in table.rows for cell in row.cells if cell.statements}


def test_code_by_sex_counts_statements_and_participants(plan, coded):
    got = counts(plan, "sex")
    assert got[("protection", "female")] == (8, 8)
    assert got[("protection", "male")] == (3, 3)
    assert got[("protection", "other")] == (1, 1)
    # P-0003 and P-0007 are women, P-0011 another identity: two Statements each.
    assert got[("landmines-erw", "female")] == (4, 2)
    assert got[("landmines-erw", "other")] == (2, 1)
    assert ("landmines-erw", "male") not in got
    table = build_matrix(plan, "sex", suppressed=False)
    row = next(r for r in table.rows if r.code.key == "landmines-erw")
    assert (row.total.statements, row.total.participants) == (6, 3)
    # Every sex value is a column, even with nobody in it.
    assert [k for k, _l in table.columns] == ["female", "male", "other", "unknown"]
    # All coded Statements: 12 English + 8 Khmer + the 2 other Khmer landmine ones = 21 of 24.
    assert (table.total.statements, table.total.participants) == (21, 12)


def test_code_by_area_uses_the_consultations_area_when_the_participants_is_unknown(plan, coded):
    got = counts(plan, "area")
    # Areas 12: P1,2,4,8,10,12 (6); 02: P3,5,7 + P11 (no area, the focus group was in 02); 17: 2.
    assert got[("protection", "12")] == (6, 6)
    assert got[("protection", "02")] == (4, 4)
    assert got[("protection", "17")] == (2, 2)
    table = build_matrix(plan, "area", suppressed=False)
    assert [k for k, _l in table.columns] == ["02", "12", "17"]  # only the Areas that occur


def test_code_by_group_and_age_band(plan, coded):
    groups = counts(plan, "stakeholder_group")
    assert groups[("protection", "women")] == (5, 5)
    assert groups[("participation", "youth")] == (2, 2)  # P1 and P5 are youth (i < 8)
    ages = counts(plan, "age_band")
    assert ages[("protection", "25_34")] == (3, 3)
    assert ages[("landmines-erw", "unknown")] == (2, 1)


def test_cooccurrence_is_symmetric_and_counts_statements_with_both(plan, coded):
    got = counts(plan, "cooccurrence")
    assert got[("protection", "landmines-erw")] == (3, 3)
    assert got[("landmines-erw", "participation")] == (2, 2)  # Khmer of P-0003, P-0007
    assert ("protection", "participation") not in got
    for (a, b), value in got.items():
        assert got[(b, a)] == value
    table = build_matrix(plan, "cooccurrence", suppressed=False)
    for row in table.rows:
        for cell in row.cells:
            assert cell.diagonal == (cell.value == row.code.key)
            assert not (cell.diagonal and cell.linkable)


def test_blind_layer_is_not_counted(plan, coded):
    for dimension in ("sex", "cooccurrence"):
        table = build_matrix(plan, dimension, suppressed=False)
        assert "prevention" not in {r.code.key for r in table.rows}
    assert not any(key == "prevention" for key in
                   [k for k, _l in build_matrix(plan, "cooccurrence", suppressed=False).columns])


def test_withdrawn_consent_drops_counts_at_once(plan, coded, members):
    before = counts(plan, "sex")[("landmines-erw", "female")]
    withdraw_consent(coded[2], by=members[Role.COORDINATOR])
    got = counts(plan, "sex")
    assert before == (4, 2)
    assert got[("landmines-erw", "female")] == (2, 1)
    assert got[("protection", "female")] == (7, 7)


def test_do_not_quote_participants_are_counted(plan, coded):
    Consent.objects.filter(participant=coded[2]).update(scope=Consent.Scope.DO_NOT_QUOTE)
    assert counts(plan, "sex")[("landmines-erw", "female")] == (4, 2)


def test_rows_follow_the_codebook_tree_with_groups_as_headings(plan, coded):
    table = build_matrix(plan, "sex", suppressed=False)
    keys = [r.code.key for r in table.rows]
    assert keys == ["wps-pillars", "participation", "protection", "traditional",
                    "landmines-erw"]
    assert [r.is_group for r in table.rows] == [True, False, False, True, False]
    assert table.rows[1].depth == 1
    full = build_matrix(plan, "sex", suppressed=False, include_empty=True)
    assert [r.code.key for r in full.rows] == [r.code.key for r in code_tree(plan)]
    assert full.hidden_rows == 0 and table.hidden_rows == len(full.rows) - 5


def test_archived_codes_are_left_out(plan, coded):
    from django.utils import timezone

    Code.objects.filter(plan=plan, key="landmines-erw").update(archived_at=timezone.now())
    assert "landmines-erw" not in {r.code.key for r in build_matrix(plan, "sex",
                                                                    suppressed=False).rows}


def test_counting_takes_a_few_queries_whatever_the_size(plan, coded, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        build_matrix(plan, "area", suppressed=True)
    with django_assert_max_num_queries(8):
        build_matrix(plan, "cooccurrence", suppressed=True)


def test_suppression_protects_small_cells_outside_the_workspace(plan, coded):
    table = build_matrix(plan, "sex", suppressed=True)
    row = next(r for r in table.rows if r.code.key == "landmines-erw")
    female, male, other, _unknown = row.cells
    assert female.hidden and female.small and female.shown_statements == "<5"
    assert other.hidden and other.shown_participants == "<5"
    assert not female.linkable and not other.linkable
    assert male.statements == 0 and male.shown_statements == 0
    protection = next(r for r in table.rows if r.code.key == "protection")
    # 8 women is enough; 3 men and 1 "other" are small.
    assert protection.cells[0].shown_statements == 8 and protection.cells[0].linkable
    assert protection.cells[1].shown_statements == "<5"


def test_secondary_suppression_hides_a_second_cell_of_a_row(plan, codebook, participants,
                                                            code_statement):
    # One row with a single small cell: 6 women and 1 man say it; the total (7) would give the
    # man away, so the women's cell is hidden too (but not as "<5").
    women = [p for p in participants if p.sex == "female"][:6]
    man = next(p for p in participants if p.sex == "male")
    for p in [*women, man]:
        code_statement(p.statements.get(language="en"), "protection")
    row = next(r for r in build_matrix(plan, "sex", suppressed=True).rows
               if r.code.key == "protection")
    assert row.cells[1].shown_statements == "<5"
    assert row.cells[0].hidden and not row.cells[0].small
    assert row.cells[0].shown_statements == "hidden"
    assert row.total.shown_statements == 7


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return response


def test_matrix_page_exact_for_analyst_suppressed_for_viewer(client_as, plan, coded):
    page = get(client_as(Role.ANALYST), url(plan, "matrix", "sex")).content.decode()
    cell = url(plan, "matrix_cell", "sex")
    assert f'{cell}?code=landmines-erw&amp;value=female' in page
    assert "&lt;5" not in page
    assert 'class="heat-5"' in page and 'style="' not in page  # shading by class (CSP)
    client = client_as(Role.VIEWER)
    page = get(client, url(plan, "matrix", "sex")).content.decode()
    assert "&lt;5" in page
    assert f'{cell}?code=landmines-erw&amp;value=female' not in page  # small: no drill-down
    assert f'{cell}?code=protection&amp;value=female' in page  # 8: may be opened
    # Typing the address of a small cell does not list it either.
    response = get(client, cell, code="landmines-erw", value="female")
    assert response.context["blocked"] and response.context["page"] is None
    assert "Landmines still block" not in response.content.decode()


def test_analyst_can_preview_the_protected_view(client_as, plan, coded):
    page = get(client_as(Role.ANALYST), url(plan, "matrix", "sex"), view="suppressed")
    assert "&lt;5" in page.content.decode()
    assert page.context["table"].suppressed


@pytest.mark.parametrize("dimension", ["area", "stakeholder_group", "sex", "age_band",
                                       "cooccurrence"])
def test_every_member_reads_every_matrix(client, members, plan, coded, dimension):
    for role in Role.values:
        client.force_login(members[role])
        assert client.get(url(plan, "matrix", dimension)).status_code == 200
    client.force_login(members["outsider"])
    assert client.get(url(plan, "matrix", dimension)).status_code == 404


def test_unknown_dimension_is_404(client_as, plan, coded):
    assert client_as(Role.ANALYST).get(url(plan, "matrix", "colour")).status_code == 404


def test_drill_down_lists_exactly_the_cells_statements(client_as, plan, coded):
    client = client_as(Role.ANALYST)
    response = get(client, url(plan, "matrix_cell", "sex"), code="landmines-erw", value="female")
    items = response.context["page"].items
    expected = {s.id for i in (2, 6) for s in coded[i].statements.all()}
    assert {s.id for s in items} == expected
    body = response.content.decode()
    assert "P-0003" in body  # the workspace sees Participant codes
    response = get(client, url(plan, "matrix_cell", "cooccurrence"), code="protection",
                   value="landmines-erw")
    assert {s.id for s in response.context["page"].items} == {
        coded[i].statements.get(language="en").id for i in LANDMINE_PEOPLE}
    response = get(client, url(plan, "matrix_cell", "area"), code="protection", value="02")
    assert len(response.context["page"].items) == 4
    response = get(client, url(plan, "matrix_cell", "age_band"), code="landmines-erw",
                   value="unknown")
    assert [s.participant.code for s in response.context["page"].items] == ["P-0011"] * 2


def test_drill_down_for_a_viewer_shows_no_codes_and_no_do_not_quote_text(client_as, plan,
                                                                          coded):
    Consent.objects.filter(participant=coded[0]).update(scope=Consent.Scope.DO_NOT_QUOTE)
    response = get(client_as(Role.VIEWER), url(plan, "matrix_cell", "sex"), code="protection",
                   value="female")
    ids = {s.id for s in response.context["page"].items}
    assert len(ids) == 7
    assert coded[0].statements.get(language="en").id not in ids
    body = response.content.decode()
    assert not re.search(r"P-\d{4}", body)
    assert "Attach as evidence" not in body


def test_drill_down_without_a_cell_goes_back_to_the_matrix(client_as, plan, coded):
    response = client_as(Role.VIEWER).get(url(plan, "matrix_cell", "sex"))
    assert response.status_code == 302
    assert response["Location"] == url(plan, "matrix", "sex")
    response = client_as(Role.VIEWER).get(url(plan, "matrix_cell", "sex"),
                                          {"code": "nope", "value": "female"})
    assert response.status_code == 404


def test_drill_down_is_paged(client_as, plan, coded, code_statement):
    from wpsnap.consultations.tests.conftest import add_statement

    p = coded[0]
    consultation = p.consultations.first()
    for n in range(30):
        code_statement(add_statement(p, consultation, f"Extra statement {n}."), "protection")
    client = client_as(Role.ANALYST)
    first = get(client, url(plan, "matrix_cell", "sex"), code="protection", value="female")
    page = first.context["page"]
    assert len(page.items) == 25 and page.next_after
    second = get(client, url(plan, "matrix_cell", "sex"), code="protection", value="female",
                 after=page.next_after)
    both = [s.id for s in page.items] + [s.id for s in second.context["page"].items]
    assert len(both) == len(set(both)) == 38


def test_other_plans_codes_do_not_open(client_as, plan, other_plan, coded):
    from wpsnap.analysis.services.codebook import seed_codebook

    seed_codebook(other_plan)
    client = client_as(Role.ANALYST)
    response = get(client, url(plan, "matrix_cell", "sex"), code="protection", value="female")
    assert len(response.context["page"].items) == 8
    assert cell_counts(other_plan, "sex") == {}


def test_khmer_labels(client_as, plan, coded):
    client = client_as(Role.ANALYST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    body = get(client, url(plan, "matrix", "area")).content.decode()
    assert 'lang="km"' in body
    assert Code.objects.get(plan=plan, key="landmines-erw").label_km in body
    from wpsnap.frameworks.models import Area

    assert Area.objects.get(code="02", country="KH").name_km in body


def test_attach_evidence_from_a_cell(client_as, plan, coded):
    from wpsnap.analysis.models import Evidence, Finding

    finding = Finding.objects.create(plan=plan, number=1, key="F-01", title_en="Landmines")
    client = client_as(Role.ANALYST)
    cell = url(plan, "matrix_cell", "sex")
    response = get(client, cell, code="landmines-erw", value="female")
    body = response.content.decode()
    items = response.context["page"].items
    assert body.count("Attach as evidence") == len(items) == 4
    statement = items[0]
    assert f'name="statement" value="{statement.pk}"' in body
    back = f"{cell}?code=landmines-erw&value=female"
    response = client.post(url(plan, "evidence_attach"), {
        "finding": finding.key, "statement": statement.pk, "next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert Evidence.objects.filter(finding=finding, statement=statement).count() == 1
