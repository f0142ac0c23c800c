"""Codebook services: editing and moving Codes, merging (both coding layers, duplicates, Evidence,
suggestion decisions, sub-codes) and splitting."""

import pytest
from django.core.exceptions import ValidationError

from wpsnap.analysis.models import (
    AgreementSample,
    Code,
    Coding,
    Evidence,
    Finding,
    SuggestionDecision,
)
from wpsnap.analysis.queries.codebook import codebook_tree, key_index
from wpsnap.analysis.services import codebook as services
from wpsnap.plans.models import Role


@pytest.fixture
def two_statements(participants):
    return list(participants[0].statements.order_by("id"))


def test_save_code_refuses_a_cycle_and_a_duplicate_key(plan, codebook):
    group = codebook["wps-pillars"]
    group.parent = codebook["protection"]  # under its own child
    with pytest.raises(ValidationError) as exc:
        services.save_code(plan, group)
    assert "parent" in exc.value.message_dict
    assert Code.objects.get(pk=group.pk).parent_id is None

    clash = Code(key="protection", label_en="Another protection")
    with pytest.raises(ValidationError) as exc:
        services.save_code(plan, clash)
    assert "key" in exc.value.message_dict


def test_save_code_moves_a_code_and_appends_new_ones_at_the_end(plan, codebook, members):
    code = codebook["landmines-erw"]
    code.parent = codebook["protection"]
    services.save_code(plan, code)
    assert Code.objects.get(pk=code.pk).parent == codebook["protection"]
    new = services.save_code(plan, Code(key="land-grabbing", label_en="Land grabbing",
                                        parent=codebook["protection"]),
                             by=members[Role.ANALYST])
    assert new.order > code.order or new.order >= 1
    assert new.created_by == members[Role.ANALYST]
    nodes = [n.code.key for n in codebook_tree(plan, exact=True)["nodes"]]
    assert nodes.index("protection") < nodes.index("landmines-erw") < nodes.index(
        "land-grabbing")


def test_merge_moves_both_layers_joins_duplicates_and_keeps_evidence(
        plan, codebook, members, code_statement, two_statements):
    s1, s2 = two_statements
    analyst, coordinator = members[Role.ANALYST], members[Role.COORDINATOR]
    source, target = codebook["landmines-erw"], codebook["human-trafficking"]
    dup_source = code_statement(s1, source)
    dup_source.memo = "near the school"
    dup_source.save()
    kept = code_statement(s1, target)
    kept.memo = "mines"
    kept.save()
    moving = code_statement(s2, source, start=0, end=5)
    sample = AgreementSample.objects.create(plan=plan, title="S", coder_a=analyst,
                                            coder_b=coordinator)
    sample.statements.add(s1)
    blind_dup = code_statement(s1, source, coder=analyst, sample=sample)
    blind_kept = code_statement(s1, target, coder=analyst, sample=sample)
    blind_moving = code_statement(s1, source, coder=coordinator, sample=sample)
    finding = Finding.objects.create(plan=plan, number=1, key="F-01", title_en="Mines")
    evidence = Evidence.objects.create(finding=finding, statement=s1, coding=dup_source)
    SuggestionDecision.objects.create(plan=plan, statement=s1, code=source, accepted=False)
    SuggestionDecision.objects.create(plan=plan, statement=s1, code=target, accepted=True,
                                      coding=kept)
    SuggestionDecision.objects.create(plan=plan, statement=s2, code=source, accepted=True,
                                      coding=moving)
    child = services.save_code(plan, Code(key="erw-farmland", label_en="ERW on farmland",
                                          parent=source))
    total = Coding.objects.count()

    result = services.merge_code(plan, source, target, by=analyst)

    assert (result.moved, result.dropped, result.children) == (2, 2, 1)
    assert Coding.objects.count() == total - 2
    assert not Coding.objects.filter(code=source).exists()
    kept.refresh_from_db()
    assert "mines" in kept.memo and "near the school" in kept.memo
    assert not Coding.objects.filter(pk__in=[dup_source.pk, blind_dup.pk]).exists()
    moving.refresh_from_db()
    blind_moving.refresh_from_db()
    blind_kept.refresh_from_db()
    assert moving.code == target and (moving.start, moving.end) == (0, 5)
    assert blind_moving.code == target and blind_moving.sample == sample
    assert blind_moving.coder == coordinator
    evidence.refresh_from_db()
    assert evidence.coding == kept
    decisions = {(d.statement_id, d.code_id): d for d in SuggestionDecision.objects.all()}
    assert set(decisions) == {(s1.pk, target.pk), (s2.pk, target.pk)}
    assert decisions[(s2.pk, target.pk)].coding == moving
    child.refresh_from_db()
    assert child.parent == target
    source.refresh_from_db()
    assert source.archived_at is not None and source.merged_into == target
    target.refresh_from_db()
    assert "Landmines" in target.keywords or source.label_en in target.keywords
    assert key_index(plan)["landmines-erw"] == target
    tree = codebook_tree(plan, exact=True)
    assert source in tree["archived"]
    assert source.pk not in {n.code.pk for n in tree["nodes"]}


def test_merge_refuses_itself_a_descendant_and_an_archived_code(plan, codebook):
    group = codebook["wps-pillars"]
    with pytest.raises(ValidationError):
        services.merge_code(plan, group, group)
    with pytest.raises(ValidationError):
        services.merge_code(plan, group, codebook["protection"])
    services.merge_code(plan, codebook["prevention"], codebook["protection"])
    with pytest.raises(ValidationError):
        services.merge_code(plan, codebook["participation"], codebook["prevention"])
    with pytest.raises(ValidationError):
        services.merge_code(plan, codebook["prevention"], codebook["participation"])
    assert Code.objects.get(pk=codebook["participation"].pk).archived_at is None


def test_a_chain_of_merges_resolves_to_the_last_code(plan, codebook):
    services.merge_code(plan, codebook["prevention"], codebook["protection"])
    services.merge_code(plan, codebook["protection"], codebook["participation"])
    index = key_index(plan)
    assert index["prevention"] == codebook["participation"]
    assert Code.objects.get(pk=codebook["prevention"].pk).merged_into == codebook[
        "participation"]


def test_split_moves_the_chosen_codings_and_keeps_the_rest(
        plan, codebook, members, code_statement, participants):
    code = codebook["landmines-erw"]
    statements = [p.statements.order_by("id").first() for p in participants[:3]]
    codings = [code_statement(s, code) for s in statements]
    sample = AgreementSample.objects.create(plan=plan, title="S", coder_a=members[Role.ANALYST],
                                            coder_b=members[Role.COORDINATOR])
    blind = code_statement(statements[0], code, sample=sample)
    total = Coding.objects.count()

    made = services.split_code(plan, code, [
        services.NewCode("mines-farmland", "Mines on farmland", "គ្រាប់មីននៅដីស្រែ",
                         as_child=True),
        services.NewCode("mines-roads", "Mines on roads"),
    ], {codings[0].pk: 0, codings[1].pk: 1}, by=members[Role.ANALYST])

    assert [c.key for c in made] == ["mines-farmland", "mines-roads"]
    assert made[0].parent == code and made[1].parent == code.parent
    assert made[0].label_km == "គ្រាប់មីននៅដីស្រែ"
    assert made[0].security_issue == code.security_issue
    assert Coding.objects.count() == total
    assert Coding.objects.get(pk=codings[0].pk).code == made[0]
    assert Coding.objects.get(pk=codings[1].pk).code == made[1]
    assert Coding.objects.get(pk=codings[2].pk).code == code
    assert Coding.objects.get(pk=blind.pk).code == code


def test_split_refuses_bad_input_and_changes_nothing(plan, codebook, code_statement,
                                                     participants, other_plan):
    code = codebook["landmines-erw"]
    coding = code_statement(participants[0].statements.first(), code)
    before = Code.objects.count()
    with pytest.raises(ValidationError):
        services.split_code(plan, code, [], {})
    with pytest.raises(ValidationError):  # the key is taken
        services.split_code(plan, code, [services.NewCode("protection", "P")], {coding.pk: 0})
    with pytest.raises(ValidationError):  # a coding of another code
        services.split_code(plan, codebook["protection"], [services.NewCode("x", "X")],
                            {coding.pk: 0})
    assert Code.objects.count() == before
    assert Coding.objects.get(pk=coding.pk).code == code


def test_a_new_plan_gets_its_codebook_when_the_reference_library_is_loaded(make_user, areas):
    from wpsnap.plans.services import create_plan

    coordinator = make_user("new-coordinator")
    new = create_plan(slug="kh-new", title_en="New plan", coordinator=coordinator)
    codes = Code.objects.filter(plan=new)
    assert codes.filter(key="landmines-erw", parent__key="traditional").exists()
    assert codes.first().created_by == coordinator


def test_a_new_plan_starts_empty_without_the_reference_library(db):
    from wpsnap.plans.services import create_plan

    new = create_plan(slug="kh-bare", title_en="Bare plan")
    assert not Code.objects.filter(plan=new).exists()
