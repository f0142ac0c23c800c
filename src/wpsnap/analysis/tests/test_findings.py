"""Findings: numbering, Revisions, status moves, Evidence, Strength, quotes, disaggregation."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wpsnap.analysis.models import Code, Coding, Evidence, Finding, Revision
from wpsnap.analysis.queries import findings as queries
from wpsnap.analysis.services import findings as services
from wpsnap.consultations.models import Consent, Consultation, Participant
from wpsnap.consultations.services import withdraw_consent
from wpsnap.consultations.tests.conftest import add_statement
from wpsnap.plans.models import Role

from .fixtures_findings import *  # noqa: F403 - fixtures
from .fixtures_findings import statements_of

pytestmark = pytest.mark.django_db


# --- Numbering ----------------------------------------------------------------------------------

def test_keys_are_numbered_per_plan(plan, other_plan, analyst, new_finding):
    first, second = new_finding("One"), new_finding("Two")
    assert (first.number, first.key) == (1, "F-01")
    assert (second.number, second.key) == (2, "F-02")
    elsewhere = services.create_finding(other_plan, by=analyst, title_en="Elsewhere")
    assert elsewhere.key == "F-01"


def test_key_grows_beyond_two_digits(plan, analyst, new_finding):
    Finding.objects.create(plan=plan, number=99, key="F-99", title_en="old")
    assert new_finding().key == "F-100"
    assert services.finding_key(7) == "F-07"


def test_a_number_taken_meanwhile_is_refused_by_the_database_and_the_next_one_used(
        plan, analyst, new_finding, monkeypatch):
    new_finding("First")  # holds number 1
    real = services._next_number
    calls = []

    def stale(plan):  # the first try sees the Plan as it was before F-01 was saved
        calls.append(1)
        return 1 if len(calls) == 1 else real(plan)

    monkeypatch.setattr(services, "_next_number", stale)
    finding = new_finding("Second")
    assert len(calls) == 2
    assert finding.key == "F-02"
    assert Finding.objects.filter(plan=plan).count() == 2
    assert Revision.objects.filter(finding__plan=plan).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(plan=plan, number=1, key="F-X", title_en="dup")


def test_create_writes_revision_one_and_refuses_no_title(plan, analyst, new_finding):
    finding = new_finding("Title", text_en="Body")
    rev = finding.revisions.get()
    assert (rev.number, rev.title_en, rev.text_en, rev.author) == (1, "Title", "Body", analyst)
    with pytest.raises(ValidationError) as exc:
        services.create_finding(plan, by=analyst, title_en="  ", title_km="")
    assert "title" in str(exc.value)
    assert Finding.objects.filter(plan=plan).count() == 1


def test_create_refuses_an_alignment_of_another_plans_framework(plan, other_plan, analyst):
    from wpsnap.frameworks.models import Framework, FrameworkItem

    fw = Framework.objects.create(plan=other_plan, key="national", kind="national",
                                  title_en="Other national policy")
    item = FrameworkItem.objects.create(framework=fw, key="1", label_en="Item")
    with pytest.raises(ValidationError):
        services.create_finding(plan, by=analyst, title_en="T", alignments=[item])
    assert not Finding.objects.filter(plan=plan).exists()
    own = Framework.objects.create(plan=plan, key="national", kind="national",
                                   title_en="Our national policy")
    own_item = FrameworkItem.objects.create(framework=own, key="1", label_en="Item")
    finding = services.create_finding(plan, by=analyst, title_en="T", alignments=[own_item])
    assert list(finding.alignments.all()) == [own_item]


# --- Revisions ----------------------------------------------------------------------------------

def test_revision_only_when_wording_changes(plan, analyst, new_finding, areas):
    from wpsnap.frameworks.models import Pillar

    finding = new_finding("Title", text_en="Body")
    pillar = Pillar.objects.first()
    services.update_finding(finding, by=analyst, title_en="Title", text_en="Body",
                            kind=Finding.Kind.RECOMMENDATION, pillars=[pillar])
    assert finding.revisions.count() == 1
    finding.refresh_from_db()
    assert finding.kind == Finding.Kind.RECOMMENDATION
    assert list(finding.pillars.all()) == [pillar]
    services.update_finding(finding, by=analyst, text_km="ខ្លឹមសារ", note="translated")
    assert finding.revisions.count() == 2
    latest = finding.revisions.get(number=2)
    assert (latest.text_km, latest.text_en, latest.note) == ("ខ្លឹមសារ", "Body", "translated")
    services.update_finding(finding, by=analyst, text_km="ខ្លឹមសារ")
    assert finding.revisions.count() == 2


def test_revision_history_shows_a_diff(plan, analyst, new_finding):
    finding = new_finding("Title", text_en="Women fear mines")
    services.update_finding(finding, by=analyst, text_en="Women fear <b>landmines</b>")
    history = queries.revision_history(finding)
    assert [h["revision"].number for h in history] == [2, 1]
    text = next(f for f in history[0]["fields"] if f["name"] == "text_en")
    assert text["changed"]
    assert "<del>mines</del>" in text["diff"]
    assert "<ins>&lt;b&gt;landmines&lt;/b&gt;</ins>" in text["diff"]
    assert not any(f["changed"] for f in history[1]["fields"])


# --- Status -------------------------------------------------------------------------------------

def test_status_moves(plan, members, new_finding):
    analyst, coordinator = members[Role.ANALYST], members[Role.COORDINATOR]
    finding = new_finding()
    with pytest.raises(ValidationError):
        services.set_status(finding, Finding.Status.VALIDATED, analyst)  # skips presented
    finding = services.set_status(finding, Finding.Status.PRESENTED, analyst)
    assert finding.status == Finding.Status.PRESENTED
    with pytest.raises(ValidationError) as exc:
        services.set_status(finding, Finding.Status.DRAFT, analyst)
    assert "coordinator" in str(exc.value)
    assert services.set_status(finding, Finding.Status.DRAFT, coordinator).status == "draft"
    services.set_status(finding, Finding.Status.PRESENTED, coordinator)
    finding = services.set_status(finding, Finding.Status.AMENDED, analyst)
    for status in (Finding.Status.DRAFT, Finding.Status.VALIDATED, Finding.Status.PRESENTED):
        with pytest.raises(ValidationError):
            services.set_status(finding, status, coordinator)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.AMENDED


def test_status_refused_for_a_viewer_and_unknown_status(plan, members, new_finding):
    finding = new_finding()
    with pytest.raises(ValidationError):
        services.set_status(finding, Finding.Status.PRESENTED, members[Role.VIEWER])
    with pytest.raises(ValidationError):
        services.set_status(finding, "published", members[Role.ANALYST])
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DRAFT
    assert services.allowed_moves(finding, Role.VIEWER) == []
    assert services.allowed_moves(finding, Role.ANALYST) == [Finding.Status.PRESENTED]


# --- Evidence -----------------------------------------------------------------------------------

def test_evidence_is_attached_once(plan, analyst, participants, new_finding):
    finding = new_finding()
    statement = statements_of(participants[0])[0]
    first = services.attach_evidence(finding, statement, by=analyst)
    again = services.attach_evidence(finding, statement, by=analyst)
    assert first.created and not again.created
    assert first.pk == again.pk
    assert Evidence.objects.filter(finding=finding).count() == 1


def test_evidence_from_another_plan_or_a_wrong_coding_is_refused(
        plan, other_plan, analyst, participants, new_finding, areas):
    finding = new_finding()
    c = Consultation.objects.create(plan=other_plan, slug="x", kind="survey", title_en="X")
    p = Participant.objects.create(plan=other_plan, code="P-0001")
    foreign = add_statement(p, c, "Someone else's words")
    with pytest.raises(ValidationError):
        services.attach_evidence(finding, foreign, by=analyst)
    own, other_own = statements_of(participants[0])
    code = Code.objects.create(plan=plan, key="safety", label_en="Safety")
    coding = Coding.objects.create(plan=plan, statement=other_own, code=code, end=3)
    with pytest.raises(ValidationError):
        services.attach_evidence(finding, own, coding=coding, by=analyst)
    assert not Evidence.objects.filter(finding=finding).exists()
    ev = services.attach_evidence(finding, other_own, coding=coding, by=analyst)
    assert ev.coding == coding


def test_evidence_of_withdrawn_consent_is_refused(plan, analyst, participants, new_finding):
    withdraw_consent(participants[0], by=analyst)
    with pytest.raises(ValidationError):
        services.attach_evidence(new_finding(), statements_of(participants[0])[0], by=analyst)


def test_create_with_a_statement_makes_it_the_first_evidence(plan, analyst, participants):
    statement = statements_of(participants[1])[0]
    finding = services.create_finding(plan, by=analyst, title_en="T", statement=statement)
    assert list(finding.evidence.values_list("statement_id", flat=True)) == [statement.pk]


# --- Strength -----------------------------------------------------------------------------------

def test_strength_levels_at_the_rule_boundaries(plan, participants, consultation, survey,
                                               new_finding, attach):
    p = participants  # groups: youth, women, women, government, youth; areas 12, 12, 02, 12, 02
    # Moderate needs 4 Statements, 3 Participants, 2 groups.
    weak = new_finding("weak")
    attach(weak, statements_of(p[0]) + statements_of(p[1])[:1])  # 3 Statements
    assert queries.strength(weak).level == "weak"
    two_people = new_finding("two people")
    attach(two_people, statements_of(p[0]) + statements_of(p[1]))  # 4 Statements, 2 people
    assert queries.strength(two_people).level == "weak"
    moderate = new_finding("moderate")
    attach(moderate, statements_of(p[0]) + statements_of(p[1]) + statements_of(p[2])[:1])
    s = queries.strength(moderate)
    assert (s.level, s.statements, s.participants, s.groups) == ("moderate", 5, 3, 2)
    one_group = new_finding("one group")  # women only: p1, p2, p7 → 1 group
    attach(one_group, statements_of(p[1]) + statements_of(p[2]) + statements_of(p[7]))
    assert queries.strength(one_group).level == "weak"
    # Strong needs 10 Statements, 5 Participants, 3 groups, 2 Areas, 2 kinds of Consultation.
    one_kind = new_finding("one kind")
    attach(one_kind, [s for person in p[:5] for s in statements_of(person)])
    s = queries.strength(one_kind)
    assert (s.statements, s.participants, s.groups, s.areas, s.kinds) == (10, 5, 3, 2, 1)
    assert s.level == "moderate"
    strong = new_finding("strong")
    from_survey = add_statement(p[0], survey, "Survey answer about landmines")
    in_focus_group = [s for person in p[:5] for s in statements_of(person, consultation)]
    attach(strong, in_focus_group[:9] + [from_survey])
    s = queries.strength(strong)
    assert (s.statements, s.participants, s.groups, s.areas, s.kinds) == (10, 5, 3, 2, 2)
    assert s.level == "strong"
    assert s.label == "Strong"
    found = queries.strengths([weak, moderate, strong])
    assert {k: v.level for k, v in found.items()} == {
        weak.pk: "weak", moderate.pk: "moderate", strong.pk: "strong"}


def test_a_group_participant_counts_once(plan, consultation, new_finding, attach, areas):
    group = Participant.objects.create(plan=plan, code="P-0100", is_group=True, group_size=12,
                                       stakeholder_group="women")
    Consent.objects.create(participant=group, given=True)
    said = [add_statement(group, consultation, f"We said {i}") for i in range(4)]
    finding = new_finding()
    attach(finding, said)
    s = queries.strength(finding)
    assert (s.statements, s.participants) == (4, 1)


def test_strength_drops_when_consent_is_withdrawn(plan, analyst, participants, new_finding,
                                                  attach):
    finding = new_finding()
    attach(finding, [s for person in participants[:3] for s in statements_of(person)])
    assert queries.strength(finding).level == "moderate"
    withdraw_consent(participants[2], by=analyst)
    s = queries.strength(finding)
    assert (s.level, s.statements, s.participants) == ("weak", 4, 2)
    assert queries.hidden_evidence_count(finding) == 2
    assert Evidence.objects.filter(finding=finding).count() == 6  # kept, not counted


def test_strengths_uses_one_query(plan, participants, new_finding, attach,
                                  django_assert_num_queries):
    findings = [new_finding(f"F{i}") for i in range(5)]
    for f, person in zip(findings, participants, strict=False):
        attach(f, statements_of(person))
    with django_assert_num_queries(1):
        found = queries.strengths(findings)
    assert all(found[f.pk].statements == 2 for f in findings)


# --- Quotes -------------------------------------------------------------------------------------

def test_quotes_never_from_do_not_quote_or_withdrawn(plan, analyst, participants, new_finding,
                                                     attach):
    finding = new_finding()
    p = participants
    attach(finding, statements_of(p[0])[:1] + statements_of(p[1])[:1] + statements_of(p[2])[:1])
    Consent.objects.filter(participant=p[0]).update(scope=Consent.Scope.DO_NOT_QUOTE)
    withdraw_consent(p[1], by=analyst)
    quoted = queries.quotes(finding, limit=3)
    assert [q.statement_id for q in quoted] == [statements_of(p[2])[0].pk]
    Consent.objects.filter(participant=p[2]).update(given=False)
    assert queries.quotes(finding) == []


def test_quotes_are_anonymised_and_diverse(plan, participants, new_finding, attach):
    p = participants  # p1 women/12, p2 women/02, p0 youth/12
    finding = new_finding()
    attach(finding, statements_of(p[1])[:1] + statements_of(p[2])[:1] + statements_of(p[0])[:1])
    quoted = queries.quotes(finding, limit=2)
    assert [q.statement_id for q in quoted] == [statements_of(p[1])[0].pk,
                                                statements_of(p[0])[0].pk]
    first = quoted[0]
    assert first.attribution.startswith("a woman, 25–34, ")
    assert "Women and girls" in first.attribution
    assert "P-" not in first.attribution
    assert first.language == "km"


# --- Disaggregation -----------------------------------------------------------------------------

def test_disaggregation_exact_in_the_workspace_and_suppressed_outside(
        plan, participants, new_finding, attach):
    finding = new_finding()
    # 8 women-group Participants would be too many; take p1, p2, p7, p9(marginalised), p11
    chosen = [participants[i] for i in (1, 2, 7, 11, 9)]
    attach(finding, [s for person in chosen for s in statements_of(person)])
    exact = queries.disaggregation(finding, suppressed=False)
    groups = {r.key: (r.participants, r.statements) for r in exact.tables[0].rows}
    assert groups == {"women": (4, 8), "marginalised": (1, 2)}
    assert (exact.participants, exact.statements) == (5, 10)
    shown = queries.disaggregation(finding, suppressed=True)
    groups = {r.key: (r.participants, r.statements) for r in shown.tables[0].rows}
    # 4 women and 1 marginalised are both small: "<5"; 8 Statements stay.
    assert groups == {"women": ("<5", 8), "marginalised": ("<5", "<5")}
    sexes = {r.key: r.participants for r in shown.tables[2].rows}
    assert sexes == {"female": 5}
    assert (shown.participants, shown.statements) == (5, 10)


def test_disaggregation_hides_a_second_cell_when_one_alone_is_small(
        plan, consultation, new_finding, attach, areas):
    people = []
    for i in range(7):
        person = Participant.objects.create(plan=plan, code=f"P-02{i:02d}", sex="female",
                                            stakeholder_group="women" if i < 6 else "youth")
        Consent.objects.create(participant=person, given=True)
        people.append(add_statement(person, consultation, f"Statement {i}"))
    finding = new_finding()
    attach(finding, people)
    shown = queries.disaggregation(finding, suppressed=True)
    groups = {r.key: r.participants for r in shown.tables[0].rows}
    assert groups == {"women": "hidden", "youth": "<5"}
