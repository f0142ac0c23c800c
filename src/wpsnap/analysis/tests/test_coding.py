"""The coding workspace: add_coding / remove_coding (idempotency, spans, blind layer),
visible_codings, the queue and the Statement page (roles, Plans apart, plain forms, htmx)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wpsnap.analysis.models import AgreementSample, Code, Coding
from wpsnap.analysis.queries.coding import code_list, segments, visible_codings
from wpsnap.analysis.services.coding import add_coding, remove_coding, set_memo
from wpsnap.consultations.models import Consent, Participant
from wpsnap.plans.models import Member, Role

from .conftest import add_statement


@pytest.fixture
def km_statement(participants):
    return participants[0].statements.get(language="km")


@pytest.fixture
def en_statement(participants):
    return participants[0].statements.get(language="en")


@pytest.fixture
def second_analyst(plan, make_user):
    user = make_user("second-analyst")
    Member.objects.create(plan=plan, user=user, role=Role.ANALYST)
    return user


@pytest.fixture
def sample(plan, members, second_analyst, participants):
    """An open double-coding sample of the first four Statements: analyst and second analyst."""
    s = AgreementSample.objects.create(plan=plan, title="Sample 1", coder_a=members[Role.ANALYST],
                                       coder_b=second_analyst, created_by=members[Role.COORDINATOR])
    s.statements.add(*participants[0].statements.all(), *participants[1].statements.all())
    return s


def url(name, plan, *args, query=""):
    return reverse(f"analyse:{name}", args=[plan.slug, *args]) + (f"?{query}" if query else "")


# --- services -----------------------------------------------------------------------------------

def test_add_coding_whole_statement_by_default_and_twice_records_once(
        plan, members, codebook, km_statement):
    analyst = members[Role.ANALYST]
    first = add_coding(plan, km_statement, codebook["protection"], by=analyst)
    again = add_coding(plan, km_statement, "protection", by=analyst)
    assert first.pk == again.pk
    assert (first.start, first.end) == (0, len(km_statement.text))
    assert first.whole and first.sample is None and first.coder == analyst
    assert Coding.objects.filter(statement=km_statement).count() == 1
    # Another analyst applying the same Code to the same span: still one final Coding.
    assert add_coding(plan, km_statement, "protection", by=members[Role.COORDINATOR]).pk == first.pk
    # A different span or Code is another Coding.
    add_coding(plan, km_statement, "protection", by=analyst, start=0, end=5)
    add_coding(plan, km_statement, "prevention", by=analyst)
    assert Coding.objects.filter(statement=km_statement).count() == 3


def test_a_second_submit_with_a_memo_keeps_one_coding_and_the_memo(
        plan, members, codebook, en_statement):
    analyst = members[Role.ANALYST]
    add_coding(plan, en_statement, "protection", by=analyst)
    coding = add_coding(plan, en_statement, "protection", by=analyst, memo=" fear at market ")
    assert Coding.objects.get(pk=coding.pk).memo == "fear at market"
    add_coding(plan, en_statement, "protection", by=analyst)  # no memo: the memo stays
    assert Coding.objects.get(pk=coding.pk).memo == "fear at market"
    set_memo(coding, "", by=analyst)
    assert Coding.objects.get(pk=coding.pk).memo == ""


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 2), (0, 10_000), ("a", 3), (4, 4)])
def test_bad_spans_are_refused_and_nothing_is_stored(
        plan, members, codebook, km_statement, start, end):
    with pytest.raises(ValidationError) as exc:
        add_coding(plan, km_statement, "protection", by=members[Role.ANALYST],
                   start=start, end=end)
    assert "start" in exc.value.message_dict
    assert not Coding.objects.exists()


def test_span_offsets_are_python_characters_of_the_original_text(plan, members, codebook,
                                                               participants, consultation):
    # An astral character (two UTF-16 units, one Python character) before a Khmer word.
    text = "𝐀 " + "គ្រាប់មីន"
    s = add_statement(participants[0], consultation, text)
    end = len(text)
    coding = add_coding(plan, s, "landmines-erw", by=members[Role.ANALYST], start=2, end=end)
    assert s.text[coding.start:coding.end] == "គ្រាប់មីន"
    with pytest.raises(ValidationError):
        add_coding(plan, s, "landmines-erw", by=members[Role.ANALYST], start=2, end=end + 1)


def test_codes_must_be_of_the_plan_and_not_archived_and_merges_are_followed(
        plan, other_plan, members, codebook, km_statement):
    analyst = members[Role.ANALYST]
    foreign = Code.objects.create(plan=other_plan, key="protection", label_en="Theirs")
    with pytest.raises(ValidationError):
        add_coding(plan, km_statement, foreign, by=analyst)
    with pytest.raises(ValidationError):
        add_coding(plan, km_statement, "no-such-code", by=analyst)
    with pytest.raises(ValidationError):
        add_coding(plan, km_statement, "", by=analyst)
    old = codebook["prevention"]
    old.archived_at = timezone.now()
    old.save()
    with pytest.raises(ValidationError):
        add_coding(plan, km_statement, "prevention", by=analyst)
    old.merged_into = codebook["protection"]
    old.save()
    coding = add_coding(plan, km_statement, "prevention", by=analyst)
    assert coding.code == codebook["protection"]
    assert not Coding.objects.filter(code=old).exists()


def test_a_statement_of_another_plan_or_withdrawn_consent_cannot_be_coded(
        plan, other_plan, members, codebook, participants, km_statement):
    with pytest.raises(ValidationError):
        add_coding(other_plan, km_statement, "protection", by=members[Role.ANALYST])
    Consent.objects.filter(participant=participants[0]).update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError):
        add_coding(plan, km_statement, "protection", by=members[Role.ANALYST])
    assert not Coding.objects.exists()


def test_blind_layer_for_the_two_coders_of_an_open_sample_only(
        plan, members, codebook, sample, second_analyst, km_statement, participants):
    analyst = members[Role.ANALYST]
    mine = add_coding(plan, km_statement, "protection", by=analyst)
    theirs = add_coding(plan, km_statement, "protection", by=second_analyst)
    assert mine.sample == sample and theirs.sample == sample
    assert mine.pk != theirs.pk  # each coder has a layer of their own
    assert add_coding(plan, km_statement, "protection", by=analyst).pk == mine.pk
    # The coordinator is no coder of the sample: the final layer.
    final = add_coding(plan, km_statement, "protection", by=members[Role.COORDINATOR])
    assert final.sample is None
    # A Statement outside the sample: final layer, even for a coder.
    outside = participants[5].statements.first()
    assert add_coding(plan, outside, "protection", by=analyst).sample is None
    # Once the sample is resolved, coding goes to the final layer again.
    sample.status = AgreementSample.Status.RESOLVED
    sample.save()
    assert add_coding(plan, km_statement, "prevention", by=analyst).sample is None


def test_visible_codings_never_shows_the_other_coders_layer(
        plan, members, codebook, sample, second_analyst, km_statement):
    analyst = members[Role.ANALYST]
    mine = add_coding(plan, km_statement, "protection", by=analyst)
    theirs = add_coding(plan, km_statement, "prevention", by=second_analyst)
    final = add_coding(plan, km_statement, "participation", by=members[Role.COORDINATOR])
    assert set(visible_codings(plan, analyst, km_statement)) == {mine, final}
    assert set(visible_codings(plan, second_analyst, km_statement)) == {theirs, final}
    assert set(visible_codings(plan, members[Role.COORDINATOR], km_statement)) == {final}
    assert list(visible_codings(plan, None, km_statement)) == [final]


def test_remove_coding_blind_layer_only_by_its_coder(
        plan, members, codebook, sample, second_analyst, km_statement):
    theirs = add_coding(plan, km_statement, "prevention", by=second_analyst)
    with pytest.raises(ValidationError):
        remove_coding(theirs, by=members[Role.ANALYST])
    remove_coding(theirs, by=second_analyst)
    assert not Coding.objects.filter(pk=theirs.pk).exists()
    final = add_coding(plan, km_statement, "prevention", by=members[Role.COORDINATOR])
    remove_coding(final, by=members[Role.ANALYST])
    assert not Coding.objects.exists()


def test_segments_cut_at_spans_and_line_breaks():
    class C:
        def __init__(self, start, end):
            self.start, self.end = start, end

    text = "ab\r\ncd ef"
    segs = segments(text, [C(4, 6)])
    assert "".join(s.text for s in segs) == text
    assert [(s.o, s.n) for s in segs] == [(0, 2), (2, 2), (4, 2), (6, 3)]
    assert [bool(s.codings) for s in segs] == [False, False, True, False]


def test_code_list_is_the_tree_in_codebook_order_without_archived(plan, codebook):
    codebook["prevention"].archived_at = timezone.now()
    codebook["prevention"].save()
    codes = code_list(plan)
    keys = [c.key for c in codes]
    assert keys[0] == "wps-pillars" and codes[0].is_group and codes[0].depth == 0
    assert keys.index("participation") == 1 and codes[1].depth == 1 and not codes[1].is_group
    assert "prevention" not in keys
    assert keys.index("traditional") > keys.index("relief_recovery")


# --- views --------------------------------------------------------------------------------------

@pytest.mark.parametrize("role,status", [(Role.COORDINATOR, 200), (Role.ANALYST, 200),
                                         (Role.FACILITATOR, 403), (Role.FOCAL_POINT, 403),
                                         (Role.VIEWER, 403), ("outsider", 404)])
def test_only_the_workspace_codes(client_as, plan, codebook, km_statement, role, status):
    client = client_as(role)
    assert client.get(url("coding_queue", plan)).status_code == status
    assert client.get(url("coding_statement", plan, km_statement.pk)).status_code == status
    response = client.post(url("coding_add", plan, km_statement.pk), {"code": "protection"})
    assert response.status_code == (302 if status == 200 else status)
    assert Coding.objects.exists() == (status == 200)


def test_statement_of_another_plan_is_404(client_as, plan, other_plan, members, codebook,
                                          km_statement, make_user):
    Member.objects.create(plan=other_plan, user=members[Role.ANALYST], role=Role.ANALYST)
    client = client_as(Role.ANALYST)
    assert client.get(url("coding_statement", other_plan, km_statement.pk)).status_code == 404
    assert client.post(url("coding_add", other_plan, km_statement.pk),
                       {"code": "protection"}).status_code == 404
    coding = add_coding(plan, km_statement, "protection", by=members[Role.ANALYST])
    assert client.post(url("coding_delete", other_plan, coding.pk)).status_code == 404
    assert Coding.objects.filter(pk=coding.pk).exists()


def test_statement_page_shows_text_translation_attributes_and_numbered_codes(
        client_as, plan, codebook, km_statement):
    km_statement.translation = "Women need safety at the market."
    km_statement.question_label_en = "Is the market safe?"
    km_statement.save()
    response = client_as(Role.ANALYST).get(url("coding_statement", plan, km_statement.pk))
    html = response.content.decode()
    assert km_statement.text in html and "Women need safety at the market." in html
    assert "Is the market safe?" in html and "P-0001" in html
    assert f'data-length="{len(km_statement.text)}"' in html
    numbered = [c.key for c in response.context["codes"] if c.number]
    assert numbered[:4] == ["participation", "prevention", "protection", "relief_recovery"]
    assert len(numbered) == 9
    assert 'value="participation"' in html


def test_coding_without_javascript_and_the_queue_moves_on(
        client_as, plan, codebook, participants):
    client = client_as(Role.ANALYST)
    queue = client.get(url("coding_queue", plan, query="language=en"))
    rows = queue.context["page"].items
    assert len(rows) == 12 and all(s.language == "en" for s in rows)
    first, second = rows[0], rows[1]
    page = client.get(url("coding_statement", plan, first.pk, query="language=en"))
    assert page.context["next_url"] == url("coding_statement", plan, second.pk,
                                           query="language=en")
    response = client.post(url("coding_add", plan, first.pk, query="language=en"),
                           {"code": "protection", "start": "", "end": "", "memo": "market"})
    assert response.status_code == 302
    assert response["Location"] == url("coding_statement", plan, first.pk, query="language=en")
    coding = Coding.objects.get()
    assert (coding.statement, coding.code.key, coding.memo) == (first, "protection", "market")
    assert coding.whole
    # The default queue is "not yet coded": the coded Statement has left it.
    queue = client.get(url("coding_queue", plan, query="language=en"))
    assert first not in queue.context["page"].items
    assert queue.context["progress"] == {"coded": 1, "total": 12, "percent": 8}
    coded = client.get(url("coding_queue", plan, query="language=en&status=coded"))
    assert [s.pk for s in coded.context["page"].items] == [first.pk]
    assert coded.context["page"].items[0].n_codings == 1
    by_code = client.get(url("coding_queue", plan, query="status=all&code=protection"))
    assert [s.pk for s in by_code.context["page"].items] == [first.pk]
    # A span typed as numbers, then removal, without JavaScript.
    client.post(url("coding_add", plan, first.pk), {"code": "prevention", "start": "0",
                                                    "end": "5"})
    span = Coding.objects.get(code__key="prevention")
    assert (span.start, span.end) == (0, 5)
    response = client.post(url("coding_delete", plan, span.pk))
    assert response.status_code == 302
    assert not Coding.objects.filter(pk=span.pk).exists()


def test_bad_input_re_renders_the_page_with_a_message(client_as, plan, codebook, km_statement):
    client = client_as(Role.ANALYST)
    response = client.post(url("coding_add", plan, km_statement.pk), {})
    assert response.status_code == 200
    assert "Choose a Code." in response.content.decode()
    response = client.post(url("coding_add", plan, km_statement.pk),
                           {"code": "protection", "start": "3", "end": "999"})
    assert response.status_code == 200
    assert "must lie inside" in response.content.decode()
    assert not Coding.objects.exists()


def test_htmx_add_answers_a_fragment_and_triggers_codings_changed(
        client_as, plan, codebook, km_statement):
    client = client_as(Role.ANALYST)
    response = client.post(url("coding_add", plan, km_statement.pk),
                           {"code": "protection", "start": "0", "end": "5"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Trigger"] == "codings-changed"
    assert "<html" not in response.content.decode()
    assert "Coded characters 0–5" in response.content.decode()
    # Errors: a fragment with the message and no trigger.
    response = client.post(url("coding_add", plan, km_statement.pk), {"code": "nope"},
                           headers={"HX-Request": "true"})
    assert "HX-Trigger" not in response
    assert "role=\"alert\"" in response.content.decode()
    # The panel lists the Coding, marks its span and counts it.
    panel = client.get(url("coding_panel", plan, km_statement.pk))
    html = panel.content.decode()
    assert '<mark data-o="0" data-n="5"' in html
    assert panel.context["code_counts"][0][1] == 1
    assert panel.context["progress"]["coded"] == 1
    coding = Coding.objects.get()
    response = client.post(url("coding_delete", plan, coding.pk), headers={"HX-Request": "true"})
    assert response["HX-Trigger"] == "codings-changed"
    assert not Coding.objects.exists()


def test_blind_mode_page_hides_other_layers_and_suggestions(
        client_as, plan, members, codebook, sample, second_analyst, km_statement):
    add_coding(plan, km_statement, "prevention", by=second_analyst)
    add_coding(plan, km_statement, "participation", by=members[Role.COORDINATOR])
    mine = add_coding(plan, km_statement, "protection", by=members[Role.ANALYST])
    response = client_as(Role.ANALYST).get(url("coding_statement", plan, km_statement.pk))
    html = response.content.decode()
    assert "Blind double coding: you see only your own codes." in html
    assert [c.pk for c in response.context["codings"]] == [mine.pk]
    assert response.context["hidden_final"] == 1
    assert 'id="suggestions"' not in html
    # The other coder's blind Coding cannot be removed (nor is it found) by this analyst.
    theirs = Coding.objects.get(coder=second_analyst)
    client = client_as(Role.ANALYST)
    assert client.post(url("coding_delete", plan, theirs.pk)).status_code == 404
    assert Coding.objects.filter(pk=theirs.pk).exists()
    # The coordinator (no coder) sees the final layer only and no banner.
    response = client_as(Role.COORDINATOR).get(url("coding_statement", plan, km_statement.pk))
    assert "Blind double coding" not in response.content.decode()
    assert [c.code.key for c in response.context["codings"]] == ["participation"]


def test_sample_queue_is_for_its_two_coders_only(
        client_as, plan, members, codebook, sample, second_analyst):
    client = client_as(Role.ANALYST)
    response = client.get(url("coding_queue", plan, query=f"sample={sample.pk}"))
    assert response.status_code == 200
    assert {s.pk for s in response.context["page"].items} == set(
        sample.statements.values_list("pk", flat=True))
    assert client.get(url("coding_queue", plan, query="sample=99999")).status_code == 404
    assert client.get(url("coding_queue", plan, query="sample=x")).status_code == 404
    # In the sample queue, "coded" is about the user's own layer.
    s = sample.statements.order_by("pk").first()
    add_coding(plan, s, "protection", by=second_analyst)
    response = client.get(url("coding_queue", plan, query=f"sample={sample.pk}"))
    assert s in response.context["page"].items  # not coded by me yet
    add_coding(plan, s, "protection", by=members[Role.ANALYST])
    response = client.get(url("coding_queue", plan, query=f"sample={sample.pk}"))
    assert s not in response.context["page"].items
    # Not a coder of the sample (even the coordinator): 404.
    assert client_as(Role.COORDINATOR).get(
        url("coding_queue", plan, query=f"sample={sample.pk}")).status_code == 404


def test_withdrawn_consent_hides_the_statement_from_the_workspace(
        client_as, plan, codebook, participants, km_statement):
    Consent.objects.filter(participant=participants[0]).update(withdrawn_at=timezone.now())
    client = client_as(Role.ANALYST)
    assert client.get(url("coding_statement", plan, km_statement.pk)).status_code == 404
    queue = client.get(url("coding_queue", plan, query="status=all"))
    assert km_statement not in queue.context["page"].items


def test_translation_can_be_added_and_offsets_stay(client_as, plan, members, codebook,
                                                   km_statement):
    coding = add_coding(plan, km_statement, "protection", by=members[Role.ANALYST],
                        start=0, end=4)
    client = client_as(Role.ANALYST)
    response = client.post(url("coding_translation", plan, km_statement.pk),
                           {"translation": "Women need safety at the market."})
    assert response.status_code == 302
    km_statement.refresh_from_db()
    assert km_statement.translation == "Women need safety at the market."
    assert "safety" in km_statement.search_text
    coding.refresh_from_db()
    assert (coding.start, coding.end) == (0, 4)


def test_memo_view(client_as, plan, members, codebook, km_statement):
    coding = add_coding(plan, km_statement, "protection", by=members[Role.ANALYST])
    client = client_as(Role.COORDINATOR)
    response = client.post(url("coding_memo", plan, coding.pk), {"memo": "Border market"})
    assert response.status_code == 302
    coding.refresh_from_db()
    assert coding.memo == "Border market"


def test_no_statement_text_or_participant_code_in_urls(client_as, plan, codebook, participants):
    response = client_as(Role.ANALYST).get(url("coding_queue", plan, query="q=market"))
    for s in response.context["page"].items:
        link = url("coding_statement", plan, s.pk, query=response.context["state"].query)
        assert s.text not in link and "P-00" not in link


def test_group_participant_without_attributes_renders(client_as, plan, codebook, consultation):
    group = Participant.objects.create(plan=plan, code="G-0001", is_group=True)
    s = add_statement(group, consultation, "We fear the floods.")
    response = client_as(Role.ANALYST).get(url("coding_statement", plan, s.pk))
    assert response.status_code == 200
    assert "G-0001" in response.content.decode()
