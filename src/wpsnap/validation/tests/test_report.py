"""After the workshop: the rule outcome, the validation report (suppression, moderation),
Amendments into Revisions, applying outcomes, exports and the workshop_results command."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wpsnap.analysis.models import Finding, Revision
from wpsnap.consultations.tests.conftest import areas  # noqa: F401 - fixture
from wpsnap.plans.models import Member, Role
from wpsnap.validation.models import Amendment, Comment, Vote
from wpsnap.validation.queries.report import decide, outcome, results_json, workshop_report
from wpsnap.validation.tests.fixtures_report import *  # noqa: F403 - fixtures
from wpsnap.validation.tests.fixtures_report import add_attendee, add_votes

A, AC, D, NS = "agree", "agree_with_changes", "disagree", "not_sure"


def counts(agree=0, changes=0, disagree=0, not_sure=0):
    return {A: agree, AC: changes, D: disagree, NS: not_sure}


def url(plan, name, *args):
    return reverse(f"validate:{name}", args=[plan.slug, *args])


# --- The rule -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("votes", "threshold", "minimum", "verdict"), [
    (counts(3, 0, 1), "0.75", 4, "validated"),  # exactly the threshold
    (counts(2, 0, 1), "0.75", 3, "rejected"),  # 66.7 % < 75 %
    (counts(4, 0, 2), "0.667", 5, "validated"),  # two thirds counts as 0.667
    (counts(665, 0, 335), "0.667", 5, "rejected"),  # 0.665 < 0.667
    (counts(2, 2, 1), "0.667", 5, "amended"),  # with-changes as many as plain agree
    (counts(3, 1, 1), "0.667", 5, "validated"),
    (counts(1, 3, 1), "0.667", 5, "amended"),
    (counts(4, 0, 0, not_sure=10), "0.667", 5, "undecided"),  # Not sure does not count
    (counts(5, 0, 0, not_sure=10), "0.667", 5, "validated"),  # exactly the minimum
    (counts(), "0.667", 0, "undecided"),  # no votes at all
])
def test_rule_boundaries(votes, threshold, minimum, verdict):
    result = decide(votes, threshold=Decimal(threshold), minimum=minimum)
    assert result.verdict == verdict
    assert result.votes == sum(votes.values())
    assert result.counted == votes[A] + votes[AC] + votes[D]


def test_accepted_amendment_makes_amended_but_not_out_of_a_rejection():
    assert decide(counts(5, 0, 1), threshold=Decimal("0.667"), minimum=5,
                  amendment_accepted=True).verdict == "amended"
    assert decide(counts(1, 0, 5), threshold=Decimal("0.667"), minimum=5,
                  amendment_accepted=True).verdict == "rejected"


def test_outcome_reads_votes_and_accepted_amendments(workshop):
    item = workshop.items_by_key["F-01"]
    add_votes(workshop, item, [A] * 5 + [D])
    result = outcome(item)
    assert (result.verdict, result.votes, round(result.share_agreeing, 3)) == (
        "validated", 6, 0.833)
    assert "83.3" not in result.rule_text and "66.7 %" in result.rule_text
    attendee = add_attendee(workshop)
    Amendment.objects.create(attendee=attendee, item=item, text="x",
                             outcome=Amendment.Outcome.ACCEPTED)
    assert outcome(item).verdict == "amended"


# --- The report ---------------------------------------------------------------------------------

@pytest.fixture
def voted(workshop, areas):  # noqa: F811
    """F-01: 7 women agree, 2 youth disagree, 1 not stated agrees with changes (Battambang)."""
    item = workshop.items_by_key["F-01"]
    add_votes(workshop, item, [A] * 7, group="women", sex="female", area=areas["12"])
    add_votes(workshop, item, [D] * 2, group="youth", sex="male", area=areas["12"])
    add_votes(workshop, item, [AC], area=areas["02"])
    question = workshop.items_by_key["Q-1"]
    add_votes(workshop, question, ["a", "a", "b"])
    return workshop


def _table(entry, dimension):
    table = next(t for t in entry.tables if t.dimension == dimension)
    return {row.key: (row.cells, row.total) for row in table.rows}


def test_report_suppresses_small_cells_outside_the_workspace(voted, members):
    viewer = Member.objects.get(user=members[Role.VIEWER])
    analyst = Member.objects.get(user=members[Role.ANALYST])
    exact = _table(workshop_report(voted, analyst).items[0], "stakeholder_group")
    assert exact == {"women": ([7, 0, 0, 0], 7), "youth": ([0, 0, 2, 0], 2),
                     "unknown": ([0, 1, 0, 0], 1)}
    shown = _table(workshop_report(voted, viewer).items[0], "stakeholder_group")
    assert shown["youth"] == ([0, 0, "<5", 0], "<5")
    assert shown["unknown"] == ([0, "<5", 0, 0], "<5")
    assert shown["women"][1] == 7
    sex = _table(workshop_report(voted, viewer).items[0], "sex")
    # female 7 agree; male 2 disagree (small); not stated 1 with changes (small)
    assert sex["male"][0][2] == "<5" and sex["female"][0][0] == 7


def test_secondary_suppression_hides_a_second_cell(workshop, members):
    viewer = Member.objects.get(user=members[Role.VIEWER])
    item = workshop.items_by_key["F-01"]
    add_votes(workshop, item, [A] * 9, group="women")
    add_votes(workshop, item, [D] * 6, group="women")
    add_votes(workshop, item, [D] * 2, group="government")
    add_votes(workshop, item, [A] * 8, group="government")
    table = _table(workshop_report(workshop, viewer).items[0], "stakeholder_group")
    # government/disagree (2) is small; the row would give it away from the total, so the
    # smallest other cell of that row (government/agree 8) is hidden too, and so on.
    assert table["government"][0][2] == "<5"
    assert table["government"][0][0] == "hidden"


def test_report_page_for_a_viewer(client_as, plan, voted):
    response = client_as(Role.VIEWER).get(url(plan, "report", voted.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;5" in html
    assert "F-01" in html and "Q-1" in html
    assert "A steering committee" in html
    assert "Share agreeing: 80.0 %" in html  # (7 + 1) / 10
    assert "Votes (CSV" not in html  # exports are not offered to a viewer
    assert "Mark F-01" not in html


def test_comments_moderated_and_escaped(client_as, plan, voted):
    item = voted.items_by_key["F-01"]
    attendee = add_attendee(voted)
    Comment.objects.create(attendee=attendee, item=item, text="<script>alert(1)</script>",
                           state=Comment.State.APPROVED)
    Comment.objects.create(attendee=attendee, item=item, text="Waiting comment")
    html = client_as(Role.VIEWER).get(url(plan, "report", voted.pk)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "Waiting comment" not in html
    html = client_as(Role.FACILITATOR).get(url(plan, "report", voted.pk)).content.decode()
    assert "Waiting comment" in html and "Waiting for moderation" in html
    voted.moderate_comments = False
    voted.save(update_fields=["moderate_comments"])
    Comment.objects.create(attendee=attendee, item=item, text="Hidden comment",
                           state=Comment.State.HIDDEN)
    html = client_as(Role.VIEWER).get(url(plan, "report", voted.pk)).content.decode()
    assert "Waiting comment" in html and "Hidden comment" not in html


def test_report_item_in_khmer(client, members, plan, voted):
    client.force_login(members[Role.COORDINATOR])
    item = voted.items_by_key["F-01"]
    client.cookies["django_language"] = "km"
    response = client.get(url(plan, "report_item", voted.pk, item.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "គ្រាប់មីនរារាំងដីស្រែ" in html


# --- Amendments into Revisions ------------------------------------------------------------------

@pytest.fixture
def amendment(workshop):
    item = workshop.items_by_key["F-01"]
    return Amendment.objects.create(attendee=add_attendee(workshop, name="Sokha"), item=item,
                                    text="ស្ត្រី និងក្មេងស្រីនៅស្រុកជាប់ព្រំដែន",
                                    state=Amendment.State.APPROVED)


def test_decide_form_prefills_the_amendment_in_its_language(client_as, plan, workshop,
                                                            amendment):
    response = client_as(Role.FACILITATOR).get(
        url(plan, "amendment_decide", workshop.pk, amendment.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["text_km"] == amendment.text
    assert form.initial["text_en"].startswith("Women in border provinces")
    assert form.initial["title_en"] == "Landmines block farmland"


def test_accepting_an_amendment_makes_one_revision_with_provenance(client_as, plan, workshop,
                                                                   amendment, members):
    finding = amendment.item.finding
    assert finding.revisions.count() == 1
    data = {"action": "accept", "title_en": "Landmines and ERW block farmland",
            "title_km": finding.title_km, "text_en": "Women and girls fear ordnance.",
            "text_km": amendment.text}
    client = client_as(Role.FACILITATOR)
    target = url(plan, "amendment_decide", workshop.pk, amendment.pk)
    assert client.post(target, data).status_code == 302
    assert client.post(target, data).status_code == 302  # double submit
    finding.refresh_from_db()
    amendment.refresh_from_db()
    assert finding.revisions.count() == 2
    revision = finding.revisions.order_by("-number").first()
    assert (revision.source, revision.number, revision.author) == (
        Revision.Source.AMENDMENT, 2, members[Role.FACILITATOR])
    assert workshop.join_code in revision.note and str(amendment.pk) in revision.note
    assert "Sokha" not in revision.note
    assert finding.title_en == "Landmines and ERW block farmland"
    assert finding.text_km == amendment.text
    assert amendment.outcome == Amendment.Outcome.ACCEPTED
    assert amendment.revision == revision
    assert amendment.decided_by == members[Role.FACILITATOR] and amendment.decided_at
    assert outcome(amendment.item).amendment_accepted


def test_declining_and_bad_input(client_as, plan, workshop, amendment):
    client = client_as(Role.COORDINATOR)
    target = url(plan, "amendment_decide", workshop.pk, amendment.pk)
    response = client.post(target, {})  # no action: the form again, nothing changed
    assert response.status_code == 200
    assert "accept or decline" in response.content.decode()
    finding = amendment.item.finding
    same = {"action": "accept", "title_en": finding.title_en, "title_km": finding.title_km,
            "text_en": finding.text_en, "text_km": finding.text_km}
    response = client.post(target, same)  # nothing new in the wording
    assert response.status_code == 200 and "The wording is the same" in response.content.decode()
    assert finding.revisions.count() == 1
    assert client.post(target, {"action": "decline"}).status_code == 302
    amendment.refresh_from_db()
    assert amendment.outcome == Amendment.Outcome.DECLINED and amendment.revision is None
    assert finding.revisions.count() == 1


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.VIEWER, Role.ANALYST])
def test_only_facilitators_and_coordinators_decide(client_as, plan, workshop, amendment, role):
    target = url(plan, "amendment_decide", workshop.pk, amendment.pk)
    assert client_as(role).post(target, {"action": "accept"}).status_code == 403
    amendment.refresh_from_db()
    assert amendment.outcome == Amendment.Outcome.OPEN


def test_outsider_gets_404(client_as, plan, workshop, amendment):
    client = client_as("outsider")
    for name, args in [("report", [workshop.pk]), ("export_votes", [workshop.pk]),
                       ("amendment_decide", [workshop.pk, amendment.pk])]:
        assert client.get(url(plan, name, *args)).status_code == 404


def test_an_amendment_of_another_workshop_is_404(client_as, plan, workshop, amendment,
                                                 validation_consultation):
    from wpsnap.validation.models import Workshop

    other = Workshop.objects.create(plan=plan, consultation=validation_consultation,
                                    title_en="Other", join_code="OTHR2345")
    response = client_as(Role.COORDINATOR).get(
        url(plan, "amendment_decide", other.pk, amendment.pk))
    assert response.status_code == 404


# --- Applying the outcome -----------------------------------------------------------------------

def test_apply_outcome_sets_the_status(client_as, plan, workshop):
    item = workshop.items_by_key["F-01"]
    add_votes(workshop, item, [A] * 5 + [D])
    assert item.finding.status == Finding.Status.DRAFT
    assert client_as(Role.FACILITATOR).post(
        url(plan, "apply_outcome", workshop.pk, item.pk)).status_code == 403
    client = client_as(Role.COORDINATOR)
    assert client.post(url(plan, "apply_outcome", workshop.pk, item.pk)).status_code == 302
    item.finding.refresh_from_db()
    assert item.finding.status == Finding.Status.VALIDATED
    assert client.post(url(plan, "apply_outcome", workshop.pk, item.pk)).status_code == 302
    item.finding.refresh_from_db()
    assert item.finding.status == Finding.Status.VALIDATED


def test_apply_outcome_refuses_undecided_and_rejects(client_as, plan, workshop):
    item = workshop.items_by_key["F-02"]
    client = client_as(Role.ANALYST)
    add_votes(workshop, item, [D, D])
    response = client.post(url(plan, "apply_outcome", workshop.pk, item.pk), follow=True)
    assert "not enough votes" in response.content.decode()
    item.finding.refresh_from_db()
    assert item.finding.status == Finding.Status.DRAFT
    add_votes(workshop, item, [D, D, A])
    client.post(url(plan, "apply_outcome", workshop.pk, item.pk))
    item.finding.refresh_from_db()
    assert item.finding.status == Finding.Status.REJECTED


# --- Exports ------------------------------------------------------------------------------------

def _csv(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_votes_csv_layout(client_as, plan, workshop, areas):  # noqa: F811
    f1, q1, f2 = (workshop.items_by_key[k] for k in ("F-01", "Q-1", "F-02"))
    first = add_attendee(workshop, group="women", sex="female", age="25_34", area=areas["12"],
                         name="Sokha Chan")
    Vote.objects.create(attendee=first, item=f1, choice=A)
    Vote.objects.create(attendee=first, item=f2, choice=AC)
    second = add_attendee(workshop, group="=cmd|' /C calc'!A0")
    Vote.objects.create(attendee=second, item=q1, choice="b")
    add_attendee(workshop)  # joined, never voted
    response = client_as(Role.ANALYST).get(url(plan, "export_votes", workshop.pk))
    assert response.status_code == 200
    assert "Sokha" not in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == ["attendee", "stakeholder_group", "sex", "age_band", "province",
                       "F-01", "Q-1", "F-02"]
    assert len(rows) == 4
    assert rows[1] == ["1", "women", "female", "25_34", areas["12"].name_en, A, "", AC]
    assert rows[2][0] == "2" and rows[2][1].startswith("'=") and rows[2][6] == "b"
    assert rows[3] == ["3", "", "", "", "", "", "", ""]
    body = response.content.decode("utf-8-sig")
    assert "Sokha" not in body and first.token_hash not in body


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOCAL_POINT, Role.FACILITATOR])
def test_votes_export_is_for_the_workspace(client_as, plan, workshop, role):
    assert client_as(role).get(url(plan, "export_votes", workshop.pk)).status_code == 403


@pytest.fixture
def remarks(workshop):
    item = workshop.items_by_key["F-01"]
    attendee = add_attendee(workshop, name="Dara")
    Comment.objects.create(attendee=attendee, item=item, text="+SUM(A1:A9)", language="en")
    Comment.objects.create(attendee=attendee, item=workshop.items_by_key["Q-1"],
                           text="យុវជនគួរតែចូលរួម", language="km", state=Comment.State.APPROVED)
    Amendment.objects.create(attendee=attendee, item=item, text="@Women and girls",
                             language="en", outcome=Amendment.Outcome.DECLINED)
    return workshop


def test_comments_csv(client_as, plan, remarks):
    response = client_as(Role.FACILITATOR).get(
        url(plan, "export_comments", remarks.pk) + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == ["item", "kind", "text", "language", "state", "outcome", "created_at",
                       "attendee"]
    assert [r[:3] for r in rows[1:]] == [["F-01", "comment", "'+SUM(A1:A9)"],
                                         ["Q-1", "comment", "យុវជនគួរតែចូលរួម"],
                                         ["F-01", "amendment", "'@Women and girls"]]
    assert rows[3][5] == "declined" and rows[2][4] == "approved" and rows[1][7] == "1"
    assert "Dara" not in response.content.decode("utf-8-sig")


def test_comments_xlsx_opens_with_khmer_intact(client_as, plan, remarks):
    from openpyxl import load_workbook

    response = client_as(Role.COORDINATOR).get(
        url(plan, "export_comments", remarks.pk) + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["item", "kind", "text"]
    assert values[2][2] == "យុវជនគួរតែចូលរួម"
    assert values[1][2] == "'+SUM(A1:A9)"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


# --- The command --------------------------------------------------------------------------------

def test_workshop_results_json(voted, plan):
    f1 = voted.items_by_key["F-01"]
    voted.current_item = f1
    voted.save(update_fields=["current_item"])
    attendee = add_attendee(voted)
    Comment.objects.create(attendee=attendee, item=f1, text="Add youth.")
    Amendment.objects.create(attendee=attendee, item=f1, text="New wording")
    out = io.StringIO()
    call_command("workshop_results", "--plan", plan.slug, "--workshop", "rptw2345", "--json",
                 stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["workshops"]
    (w,) = data["workshops"]
    assert (w["join_code"], w["state"], w["current_finding"]) == ("RPTW2345", "closed", "F-01")
    assert [f["key"] for f in w["findings"]] == ["F-01", "F-02"]
    first = w["findings"][0]
    assert {k: first[k] for k in ("key", A, AC, D, NS, "comments", "amendments")} == {
        "key": "F-01", A: 7, AC: 1, D: 2, NS: 0, "comments": 1, "amendments": 1}
    assert first["outcome"] == "validated"
    assert w["findings"][1][A] == 0 and w["findings"][1]["outcome"] == "undecided"
    assert w["questions"][0]["key"] == "Q-1" and w["questions"][0]["votes"] == {"a": 2, "b": 1}
    assert results_json(plan) == data  # the only Workshop of the Plan


def test_workshop_results_table_and_errors(voted, plan):
    out = io.StringIO()
    call_command("workshop_results", "--plan", plan.slug, stdout=out)
    text = out.getvalue()
    assert "RPTW2345" in text and "F-01" in text and "validated" in text
    with pytest.raises(CommandError):
        call_command("workshop_results", "--plan", "no-such-plan")
    with pytest.raises(CommandError):
        call_command("workshop_results", "--plan", plan.slug, "--workshop", "NOPE")
