"""Blind double coding: making samples, the figures on real Codings, resolution, closing,
`wpsnap agreement`, and who sees what in the views."""

import json
import math
import warnings
from io import StringIO

import krippendorff
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from sklearn.metrics import cohen_kappa_score

from wpsnap.analysis.models import AgreementSample, Coding
from wpsnap.analysis.queries import agreement as q
from wpsnap.analysis.services.agreement import close_sample, create_sample, resolve_statement
from wpsnap.consultations.models import Statement
from wpsnap.plans.models import Member, Role

from .fixtures_agreement import *  # noqa: F403 - fixtures
from .fixtures_agreement import KEYS, PLAN_OF_CODES, blind


def reference(coded_sample):
    """0/1 vectors per Code and pooled, in the order of the query's units."""
    per_code = {}
    for key in KEYS:
        per_code[key] = ([int(key in a) for a, _b in PLAN_OF_CODES],
                         [int(key in b) for _a, b in PLAN_OF_CODES])
    pooled_a = [v for key in KEYS for v in per_code[key][0]]
    pooled_b = [v for key in KEYS for v in per_code[key][1]]
    return per_code, pooled_a, pooled_b


def sk_kappa(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b)
    return None if math.isnan(value) else float(value)


# --- create_sample ------------------------------------------------------------------------------

def test_create_sample_takes_random_visible_statements_uncoded_first(
        plan, codebook, coders, statements, members, code_statement):
    for s in statements[4:]:  # 20 of the 24 Statements are coded in the final layer already
        code_statement(s, "protection")
    sample = create_sample(plan, title="First", coder_a=coders[0], coder_b=coders[1], size=4,
                           by=members[Role.COORDINATOR], seed=7)
    assert sorted(sample.statements.values_list("id", flat=True)) == [
        s.pk for s in statements[:4]]
    assert sample.status == AgreementSample.Status.OPEN
    assert sample.created_by == members[Role.COORDINATOR]
    bigger = create_sample(plan, title="Second", coder_a=coders[0], coder_b=coders[1], size=6,
                           by=members[Role.COORDINATOR], seed=7)
    chosen = set(bigger.statements.values_list("id", flat=True))
    assert {s.pk for s in statements[:4]} <= chosen and len(chosen) == 6


def test_create_sample_is_reproducible_with_a_seed_and_follows_filters(
        plan, codebook, coders, statements, members):
    args = {"title": "S", "coder_a": coders[0], "coder_b": coders[1], "size": 5,
            "filters": {"language": "km"}, "by": members[Role.COORDINATOR]}
    one = create_sample(plan, seed=3, **args)
    two = create_sample(plan, seed=3, **args)
    ids = set(one.statements.values_list("id", flat=True))
    assert ids == set(two.statements.values_list("id", flat=True))
    assert set(Statement.objects.filter(pk__in=ids).values_list("language", flat=True)) == {"km"}


def test_create_sample_leaves_out_withdrawn_consent(plan, codebook, coders, participants,
                                                   members):
    for p in participants[1:]:
        p.consent.withdrawn_at = timezone.now()
        p.consent.save()
    with pytest.raises(ValidationError) as err:
        create_sample(plan, title="S", coder_a=coders[0], coder_b=coders[1], size=3,
                      by=members[Role.COORDINATOR])
    assert "Only 2 Statements match" in str(err.value)
    sample = create_sample(plan, title="S", coder_a=coders[0], coder_b=coders[1], size=2,
                           by=members[Role.COORDINATOR])
    assert set(sample.statements.values_list("participant", flat=True)) == {participants[0].pk}


@pytest.mark.parametrize("case", ["same", "viewer", "facilitator", "outsider", "too_many",
                                  "zero", "no_title"])
def test_create_sample_refuses_bad_input_and_makes_nothing(case, plan, codebook, coders,
                                                           statements, members):
    a, b = coders
    kwargs = {"title": "S", "coder_a": a, "coder_b": b, "size": 5}
    field, words = {
        "same": ("coder_b", "two different coders"),
        "viewer": ("coder_b", "not a coordinator or analyst"),
        "facilitator": ("coder_a", "not a coordinator or analyst"),
        "outsider": ("coder_b", "not a coordinator or analyst"),
        "too_many": ("size", "Only 24 Statements match"),
        "zero": ("size", "from 1 to"),
        "no_title": ("title", "title"),
    }[case]
    if case == "same":
        kwargs["coder_b"] = a
    elif case == "viewer":
        kwargs["coder_b"] = members[Role.VIEWER]
    elif case == "facilitator":
        kwargs["coder_a"] = members[Role.FACILITATOR]
    elif case == "outsider":
        kwargs["coder_b"] = members["outsider"]  # a coordinator, but of another Plan
    elif case == "too_many":
        kwargs["size"] = 25
    elif case == "zero":
        kwargs["size"] = 0
    else:
        kwargs["title"] = "  "
    with pytest.raises(ValidationError) as err:
        create_sample(plan, by=members[Role.COORDINATOR], **kwargs)
    assert words in " ".join(err.value.message_dict[field])
    assert not AgreementSample.objects.exists()


def test_a_coordinator_may_be_a_coder(plan, codebook, statements, members):
    sample = create_sample(plan, title="S", coder_a=members[Role.COORDINATOR],
                           coder_b=members[Role.ANALYST], size=2, by=members[Role.COORDINATOR])
    assert sample.coder_a == members[Role.COORDINATOR]


# --- the figures on real Codings ----------------------------------------------------------------

def test_sample_figures_match_the_references(coded_sample):
    figures = q.sample_figures(coded_sample)
    per_code, pooled_a, pooled_b = reference(coded_sample)
    assert figures.statements == 6 and sorted(figures.codes) == KEYS
    for key in KEYS:
        a, b = per_code[key]
        c = figures.codes[key]
        assert (c.both, c.only_a, c.only_b, c.neither) == (
            sum(x & y for x, y in zip(a, b, strict=True)),
            sum(x & (1 - y) for x, y in zip(a, b, strict=True)),
            sum((1 - x) & y for x, y in zip(a, b, strict=True)),
            sum((1 - x) & (1 - y) for x, y in zip(a, b, strict=True)))
        expected = sk_kappa(a, b)
        assert c.kappa == pytest.approx(expected)
    assert figures.codes["protection"].only_a == 1 and figures.codes["prevention"].only_a == 1
    assert figures.kappa == pytest.approx(sk_kappa(pooled_a, pooled_b))
    assert figures.alpha == pytest.approx(krippendorff.alpha(
        reliability_data=[pooled_a, pooled_b], level_of_measurement="nominal"))
    assert figures.percent_agreement == pytest.approx(15 / 18)
    kappas = [figures.codes[k].kappa for k in KEYS]
    assert figures.mean_kappa == pytest.approx(sum(kappas) / 3)


def test_only_statements_both_coders_coded_count(plan, codebook, coders, statements, members):
    a, b = coders
    sample = create_sample(plan, title="S", coder_a=a, coder_b=b, size=3,
                           statements=statements[:3], by=members[Role.COORDINATOR])
    rows = sorted(sample.statements.all(), key=lambda s: s.pk)
    blind(sample, rows[0], a, "protection")
    blind(sample, rows[0], b, "protection")
    blind(sample, rows[1], a, "prevention")  # B has not coded it yet
    prog = q.progress(sample)
    assert (prog.total, prog.coded_a, prog.coded_b, prog.finished) == (3, 2, 1, False)
    figures = q.sample_figures(sample)
    assert figures.statements == 1 and list(figures.codes) == ["protection"]
    assert figures.kappa is None  # one unit, both "present": no variation
    assert q.summary(sample)["not_both_coded"] == 2


def test_coding_through_the_workspace_goes_to_the_blind_layer(plan, codebook, coders,
                                                             statements, members):
    from wpsnap.analysis.services.coding import add_coding

    a, b = coders
    sample = create_sample(plan, title="S", coder_a=a, coder_b=b, size=1,
                           statements=statements[:1], by=members[Role.COORDINATOR])
    add_coding(plan, statements[0], "protection", by=a)
    add_coding(plan, statements[0], "prevention", by=b)
    assert Coding.objects.filter(sample=sample).count() == 2
    assert not Coding.objects.filter(sample__isnull=True).exists()
    figures = q.sample_figures(sample)
    assert figures.codes["protection"].only_a == 1 and figures.codes["prevention"].only_b == 1


# --- resolution and closing ---------------------------------------------------------------------

def _disagreeing(sample):
    return [r.statement for r in q.statement_rows(sample) if r.disagrees]


def test_resolution_writes_the_final_coding_once(coded_sample, codebook, members):
    coordinator = members[Role.COORDINATOR]
    statement = _disagreeing(coded_sample)[0]  # A: prevention, B: participation
    for _twice in range(2):
        resolve_statement(coded_sample, statement, ["prevention", codebook["protection"]],
                          coordinator)
    final = Coding.objects.filter(statement=statement, sample__isnull=True)
    assert sorted(final.values_list("code__key", flat=True)) == ["prevention", "protection"]
    for coding in final:
        assert (coding.start, coding.end) == (0, len(statement.text))
        assert coding.source == Coding.Source.RESOLUTION and coding.coder == coordinator
    assert Coding.objects.filter(sample=coded_sample).count() == 9 + 8  # blind layers stay
    # deciding again differently replaces the earlier decision
    resolve_statement(coded_sample, statement, ["participation"], coordinator)
    assert list(Coding.objects.filter(statement=statement, sample__isnull=True)
                .values_list("code__key", flat=True)) == ["participation"]
    assert statement in coded_sample.resolved_statements.all()


def test_resolution_to_no_code_and_by_a_coder_lands_in_the_final_layer(coded_sample, coders):
    a, _b = coders
    first, second = _disagreeing(coded_sample)
    resolve_statement(coded_sample, first, [], a)
    resolve_statement(coded_sample, second, ["prevention"], a)  # a coder of the open sample
    assert not Coding.objects.filter(statement=first, sample__isnull=True).exists()
    assert Coding.objects.get(statement=second, sample__isnull=True).code.key == "prevention"
    assert set(coded_sample.resolved_statements.all()) == {first, second}
    assert q.summary(coded_sample)["unresolved"] == 0


def test_resolution_refuses_a_statement_outside_the_sample_and_a_closed_sample(
        coded_sample, statements, members):
    outside = statements[10]
    with pytest.raises(ValidationError, match="not in the sample"):
        resolve_statement(coded_sample, outside, ["protection"], members[Role.COORDINATOR])
    with pytest.raises(ValidationError, match="no Code"):
        resolve_statement(coded_sample, _disagreeing(coded_sample)[0], ["no-such-code"],
                          members[Role.COORDINATOR])
    assert not Coding.objects.filter(sample__isnull=True).exists()
    close_sample(coded_sample, members[Role.COORDINATOR], force=True)
    with pytest.raises(ValidationError, match="closed"):
        resolve_statement(coded_sample, _disagreeing(coded_sample)[0], ["protection"],
                          members[Role.COORDINATOR])


def test_close_needs_every_disagreement_resolved_or_force(coded_sample, members):
    coordinator = members[Role.COORDINATOR]
    with pytest.raises(ValidationError, match="2 Statements with a disagreement"):
        close_sample(coded_sample, coordinator)
    coded_sample.refresh_from_db()
    assert coded_sample.status == AgreementSample.Status.OPEN
    assert not Coding.objects.filter(sample__isnull=True).exists()
    first, second = _disagreeing(coded_sample)
    resolve_statement(coded_sample, first, ["participation"], coordinator)
    resolve_statement(coded_sample, second, ["prevention", "protection"], coordinator)
    close_sample(coded_sample, coordinator)
    coded_sample.refresh_from_db()
    assert coded_sample.status == AgreementSample.Status.RESOLVED and coded_sample.resolved_at
    # the four Statements with full agreement got their agreed Codes; the two resolved ones
    # keep their resolution: 1 + 2 + 1 + 2 + 1 + 2 final codings
    final = Coding.objects.filter(sample__isnull=True)
    assert final.count() == 9
    assert set(final.values_list("source", flat=True)) == {Coding.Source.RESOLUTION}
    assert final.filter(statement=first).get().code.key == "participation"
    with pytest.raises(ValidationError, match="closed"):
        close_sample(coded_sample, coordinator)


def test_close_anyway_leaves_unresolved_disagreements_without_final_coding(coded_sample,
                                                                           members):
    close_sample(coded_sample, members[Role.COORDINATOR], force=True)
    disagreeing = _disagreeing(coded_sample)
    assert not Coding.objects.filter(statement__in=disagreeing, sample__isnull=True).exists()
    assert Coding.objects.filter(sample__isnull=True).count() == 6  # the four agreed ones


# --- wpsnap agreement ---------------------------------------------------------------------------

def run(*args) -> str:
    out = StringIO()
    call_command("agreement", *args, stdout=out)
    return out.getvalue()


def test_command_json_gives_the_figures(plan, coded_sample, coders):
    a, b = coders
    data = json.loads(run("--plan", plan.slug, "--coders", f"{a.username},{b.username}",
                          "--json"))
    per_code, pooled_a, pooled_b = reference(coded_sample)
    assert data["coders"] == [a.username, b.username]
    assert data["statements"] == 6
    assert set(data["codes"]) == set(KEYS)
    assert data["codes"]["protection"] == {
        "kappa": pytest.approx(sk_kappa(*per_code["protection"])),
        "agreement": pytest.approx(5 / 6), "both": 3, "only_a": 1, "only_b": 0, "neither": 2}
    assert data["kappa"] == pytest.approx(sk_kappa(pooled_a, pooled_b))
    assert data["alpha"] == pytest.approx(krippendorff.alpha(
        reliability_data=[pooled_a, pooled_b], level_of_measurement="nominal"))
    assert data["percent_agreement"] == pytest.approx(15 / 18)
    assert data["mean_kappa"] == pytest.approx(
        sum(sk_kappa(*per_code[k]) for k in KEYS) / 3)
    # the other order swaps A and B, the same sample is found
    swapped = json.loads(run("--plan", plan.slug, "--coders", f"{b.username},{a.username}",
                             "--json", "--sample", str(coded_sample.pk)))
    assert swapped["codes"]["protection"]["only_b"] == 1
    assert swapped["codes"]["protection"]["only_a"] == 0
    assert swapped["kappa"] == pytest.approx(data["kappa"])


def test_command_pools_every_sample_of_the_two_coders(plan, coded_sample, coders, statements,
                                                      members):
    a, b = coders
    more = create_sample(plan, title="More", coder_a=b, coder_b=a, size=1,
                         statements=statements[10:11], by=members[Role.COORDINATOR])
    blind(more, statements[10], a, "protection")
    blind(more, statements[10], b, "prevention")
    data = json.loads(run("--plan", plan.slug, "--coders", f"{a.username},{b.username}",
                          "--json"))
    assert data["statements"] == 7
    assert data["codes"]["protection"]["only_a"] == 2
    assert data["codes"]["prevention"]["only_b"] == 1


def test_command_table_and_errors(plan, coded_sample, coders):
    a, b = coders
    text = run("--plan", plan.slug, "--coders", f"{a.username},{b.username}")
    assert "6 statements coded by both" in text and "protection" in text and "alpha" in text
    for args, message in [
        (["--plan", "nope", "--coders", "x,y"], "No Plan"),
        (["--plan", plan.slug, "--coders", a.username], "two usernames"),
        (["--plan", plan.slug, "--coders", f"{a.username},ghost"], "No user 'ghost'"),
        (["--plan", plan.slug, "--coders", f"{a.username},viewer-user"], "No double-coding"),
        (["--plan", plan.slug, "--coders", f"{a.username},{b.username}", "--sample", "999999"],
         "No sample 999999"),
    ]:
        with pytest.raises(CommandError, match=message):
            run(*args)


# --- views --------------------------------------------------------------------------------------

def url(name, plan, *args):
    return reverse(f"analyse:{name}", args=[plan.slug, *args])


@pytest.fixture
def half_coded(plan, codebook, coders, statements, members):
    """A sample of two Statements: A coded both, B only the first (so it is still blind)."""
    a, b = coders
    sample = create_sample(plan, title="Half", coder_a=a, coder_b=b, size=2,
                           statements=statements[:2], by=members[Role.COORDINATOR])
    first, second = sorted(sample.statements.all(), key=lambda s: s.pk)
    blind(sample, first, a, "participation")
    blind(sample, second, a, "participation")
    blind(sample, first, b, "protection")
    return sample


def test_coder_b_sees_neither_the_figures_nor_a_s_codes_while_open(client, half_coded, coders):
    a, b = coders
    client.force_login(b)
    response = client.get(url("agreement_detail", half_coded.plan, half_coded.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "You have coded 1 of 2 Statements." in body
    assert "kappa" not in body.lower() and "participation" not in body
    assert "has coded 2 of 2" not in body  # not even A's progress
    listing = client.get(url("agreement_list", half_coded.plan)).content.decode()
    assert "You: 1 of 2 coded" in listing and f"{a.username}: 2 of 2" not in listing
    first = min(half_coded.statements.values_list("id", flat=True))
    resolve = client.get(url("agreement_resolve", half_coded.plan, half_coded.pk, first))
    assert resolve.status_code == 302
    assert resolve["Location"] == url("agreement_detail", half_coded.plan, half_coded.pk)
    posted = client.post(url("agreement_resolve", half_coded.plan, half_coded.pk, first),
                         {"codes": []})
    assert posted.status_code == 302 and not half_coded.resolved_statements.exists()


def test_the_coordinator_sees_everything_while_open(client_as, half_coded):
    client = client_as(Role.COORDINATOR)
    body = client.get(url("agreement_detail", half_coded.plan, half_coded.pk)).content.decode()
    assert "Cohen&#x27;s kappa" in body or "Cohen's kappa" in body
    assert "analyst-user has coded 2 of 2" in body and "analyst-two has coded 1 of 2" in body
    first = min(half_coded.statements.values_list("id", flat=True))
    page = client.get(url("agreement_resolve", half_coded.plan, half_coded.pk, first))
    text = page.content.decode()
    assert page.status_code == 200 and "(participation)" in text and "(protection)" in text
    assert "disagree" in text


def test_another_analyst_sees_the_figures_only_once_both_finished(client, plan, half_coded,
                                                                  make_user, coders):
    third = make_user("analyst-three")
    Member.objects.create(plan=plan, user=third, role=Role.ANALYST)
    client.force_login(third)
    body = client.get(url("agreement_detail", plan, half_coded.pk)).content.decode()
    assert "Agreement per Code" not in body and "once both coders have coded" in body
    second = max(half_coded.statements.values_list("id", flat=True))
    blind(half_coded, Statement.objects.get(pk=second), coders[1], "participation")
    body = client.get(url("agreement_detail", plan, half_coded.pk)).content.decode()
    assert "Agreement per Code" in body


def test_coders_see_the_figures_once_both_finished(client, coded_sample, coders):
    client.force_login(coders[1])
    body = client.get(url("agreement_detail", coded_sample.plan, coded_sample.pk)).content.decode()
    assert "Agreement per Code" in body and "(participation)" in body
    assert "2 Statements with a disagreement" in body


def test_resolve_view_saves_and_goes_to_the_next_disagreement(client_as, coded_sample):
    client = client_as(Role.ANALYST)  # coder A, both finished
    first, second = _disagreeing(coded_sample)
    page = client.get(url("agreement_resolve", coded_sample.plan, coded_sample.pk, first.pk))
    assert page.status_code == 200
    # nothing is agreed on the first disagreement (A: prevention, B: participation)
    assert page.content.decode().count("checked") == 0
    assert "go to the next disagreement" in page.content.decode()
    from wpsnap.analysis.models import Code

    prevention = Code.objects.get(plan=coded_sample.plan, key="prevention")
    response = client.post(url("agreement_resolve", coded_sample.plan, coded_sample.pk,
                               first.pk), {"codes": [str(prevention.pk)]})
    assert response.status_code == 302
    assert response["Location"] == url("agreement_resolve", coded_sample.plan, coded_sample.pk,
                                       second.pk)
    assert response["HX-Trigger"] == "codings-changed"
    assert Coding.objects.get(statement=first, sample__isnull=True).code == prevention
    # the second one starts with the agreed Code ticked (prevention)
    text = client.get(response["Location"]).content.decode()
    assert text.count(" checked") == 1
    assert "go to the next disagreement" not in text  # the last one left
    last = client.post(response["Location"], {"codes": []})
    assert last["Location"] == url("agreement_detail", coded_sample.plan, coded_sample.pk)


def test_close_view(client_as, coded_sample):
    client = client_as(Role.COORDINATOR)
    close = url("agreement_close", coded_sample.plan, coded_sample.pk)
    response = client.post(close)
    assert response.status_code == 302
    coded_sample.refresh_from_db()
    assert coded_sample.status == AgreementSample.Status.OPEN  # two disagreements left
    page = client.get(response["Location"]).content.decode()
    assert "not resolved yet" in page
    client.post(close, {"force": "1"})
    coded_sample.refresh_from_db()
    assert coded_sample.status == AgreementSample.Status.RESOLVED


def test_create_view(client_as, plan, codebook, coders, statements):
    client = client_as(Role.COORDINATOR)
    page = client.get(url("agreement_create", plan))
    assert page.status_code == 200 and "analyst-two" in page.content.decode()
    assert "viewer-user" not in page.content.decode()
    empty = client.post(url("agreement_create", plan), {})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    same = client.post(url("agreement_create", plan), {
        "title": "T", "coder_a": coders[0].pk, "coder_b": coders[0].pk, "size": 3})
    assert "two different coders" in same.content.decode()
    response = client.post(url("agreement_create", plan), {
        "title": "T", "coder_a": coders[0].pk, "coder_b": coders[1].pk, "size": 3,
        "language": "en"})
    sample = AgreementSample.objects.get()
    assert response["Location"] == url("agreement_detail", plan, sample.pk)
    assert sample.statements.count() == 3
    assert set(sample.statements.values_list("language", flat=True)) == {"en"}


@pytest.mark.parametrize("role,name,method,status", [
    (Role.VIEWER, "agreement_list", "get", 403),
    (Role.FACILITATOR, "agreement_detail", "get", 403),
    (Role.FOCAL_POINT, "agreement_detail", "get", 403),
    (Role.ANALYST, "agreement_create", "get", 403),
    (Role.ANALYST, "agreement_close", "post", 403),
    ("outsider", "agreement_detail", "get", 404),
    (Role.ANALYST, "agreement_list", "get", 200),
])
def test_roles(client_as, coded_sample, role, name, method, status):
    args = [] if name in ("agreement_list", "agreement_create") else [coded_sample.pk]
    response = getattr(client_as(role), method)(url(name, coded_sample.plan, *args))
    assert response.status_code == status
    coded_sample.refresh_from_db()
    assert coded_sample.status == AgreementSample.Status.OPEN


def test_a_sample_of_another_plan_is_not_found(client_as, plan, other_plan, coded_sample):
    other = AgreementSample.objects.create(plan=other_plan, title="Elsewhere",
                                           coder_a=coded_sample.coder_a,
                                           coder_b=coded_sample.coder_b)
    client = client_as(Role.COORDINATOR)
    assert client.get(url("agreement_detail", plan, other.pk)).status_code == 404
    assert client.post(url("agreement_close", plan, other.pk), {"force": "1"}).status_code == 404
    statement = coded_sample.statements.first()
    assert client.get(url("agreement_resolve", plan, other.pk, statement.pk)).status_code == 404
    other.refresh_from_db()
    assert other.status == AgreementSample.Status.OPEN
