"""The public front with the Django test client (no JavaScript): joining by code, the device
cookie, voting and changing a vote, comments, new wording, follow mode's `now`, priorities,
rate limits, privacy and the vote buttons' accessible names in English and Khmer."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from wpsnap.consultations.tests.conftest import areas, consultation, participants, survey  # noqa: F401
from wpsnap.validation.models import AgendaItem, Attendee, Comment, Vote, Workshop
from wpsnap.validation.queries.attendance import DEVICE_COOKIE, token_hash
from wpsnap.validation.services import voting

from .fixtures_public import close, findings, items, join_client, url, workshop  # noqa: F401


def html(response) -> str:
    return response.content.decode()


def buttons(response) -> dict[str, str]:
    """{accessible name: aria-pressed} of the vote buttons (their text is their name)."""
    found = re.findall(r'<button type="submit" name="choice" value="[^"]+" class="vote-button'
                       r'[^"]*"\s+aria-pressed="(true|false)"[^>]*>([^<]+)</button>',
                       html(response))
    return {name.strip(): pressed for pressed, name in found}


# --- Joining ------------------------------------------------------------------------------------

def test_join_page_has_a_labelled_field_and_prefills(client, workshop):  # noqa: F811
    response = client.get("/join/?code=kq7m3xpa")
    assert response.status_code == 200
    assert '<label for="join-code">Join code</label>' in html(response)
    assert 'value="KQ7M3XPA"' in html(response)
    assert "main-nav" not in html(response)  # no back-office navigation


def test_join_with_a_good_code_ignoring_case_and_spaces(client, workshop):  # noqa: F811
    response = client.post("/join/", {"join_code": " kq7m 3xpa "})
    assert response.status_code == 302 and response["Location"] == "/w/KQ7M3XPA/"
    assert not Attendee.objects.exists()  # joining happens on the workshop page


@pytest.mark.parametrize("state", ["draft", "closed", "unknown", "empty"])
def test_join_refuses_bad_codes_with_a_message(client, workshop, state):  # noqa: F811
    code = {"unknown": "ZZZZ2222", "empty": ""}.get(state, workshop.join_code)
    if state in ("draft", "closed"):
        Workshop.objects.filter(pk=workshop.pk).update(state=state)
    response = client.post("/join/", {"join_code": code})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html(response)
    message = {"closed": "has ended", "empty": "Enter the join code"}.get(
        state, "No open workshop has this join code")
    assert message in html(response)
    assert not Attendee.objects.exists()


def test_draft_workshop_page_is_not_found(client, workshop):  # noqa: F811
    Workshop.objects.filter(pk=workshop.pk).update(state=Workshop.State.DRAFT)
    assert client.get(url("workshop", workshop)).status_code == 404
    assert client.post(url("workshop", workshop), {"language": "en"}).status_code == 404
    assert not Attendee.objects.exists()


def test_workshop_page_defaults_to_khmer_with_the_consent_line(client, workshop):  # noqa: F811
    response = client.get(url("workshop", workshop))
    page = html(response)
    assert response.status_code == 200
    assert "you are not named in any report" in page
    assert re.search(r'<input type="radio" name="language" value="km"[^>]*checked', page)
    assert 'name="name"' not in page  # anonymous attendance: no name field
    assert 'name="area"' in page and 'name="stakeholder_group"' in page


def test_join_sets_a_device_cookie_and_a_reload_is_the_same_attendee(client,
                                                                      workshop):  # noqa: F811
    response = join_client(client, workshop, language="en", sex="female",
                           stakeholder_group="youth", age_band="18_24")
    first = items(workshop)[0]
    assert response["Location"] == url("item", workshop, first.pk)  # follow mode: current item
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 3e7
    assert not cookie["secure"]  # plain HTTP on the venue's Wi-Fi
    attendee = Attendee.objects.get()
    assert attendee.token_hash == token_hash(cookie.value) != cookie.value
    assert (attendee.language, attendee.sex, attendee.stakeholder_group) == ("en", "female",
                                                                           "youth")
    # A reload, a second join and a second tab (same cookie) are the same Attendee.
    assert client.get(url("workshop", workshop)).status_code == 200
    join_client(client, workshop)
    assert client.get(url("item", workshop, first.pk)).status_code == 200
    assert Attendee.objects.count() == 1


def test_another_device_is_another_attendee(client, workshop, django_user_model):  # noqa: F811
    from django.test import Client

    join_client(client, workshop)
    join_client(Client(), workshop)
    assert Attendee.objects.count() == 2


def test_secure_cookie_over_https(client, workshop):  # noqa: F811
    response = client.post(url("workshop", workshop), {"language": "km"}, secure=True)
    assert response.cookies[DEVICE_COOKIE]["secure"]


def test_named_attendance_asks_for_a_name(client, workshop):  # noqa: F811
    Workshop.objects.filter(pk=workshop.pk).update(named_attendance=True)
    assert 'name="name"' in html(client.get(url("workshop", workshop)))
    join_client(client, workshop, name="Sokha")
    assert Attendee.objects.get().name == "Sokha"


def test_bad_profile_choice_is_refused_and_nothing_created(client, workshop):  # noqa: F811
    response = client.post(url("workshop", workshop), {"language": "en", "sex": "robot"})
    assert response.status_code == 400
    assert not Attendee.objects.exists()


def test_profile_can_be_changed(client, workshop, areas):  # noqa: F811
    join_client(client, workshop)
    assert client.get(url("profile", workshop)).status_code == 200
    response = client.post(url("profile", workshop), {"language": "km", "area": areas["02"].pk,
                                                      "sex": "male"})
    assert response.status_code == 302
    attendee = Attendee.objects.get()
    assert (attendee.language, attendee.area, attendee.sex) == ("km", areas["02"], "male")


def test_pages_need_joining_first(client, workshop):  # noqa: F811
    item = items(workshop)[0]
    for name, args in [("item", [item.pk]), ("profile", []), ("priorities", [])]:
        response = client.get(url(name, workshop, *args))
        assert response.status_code == 302 and response["Location"] == url("workshop", workshop)
    response = client.post(url("vote", workshop, item.pk), {"choice": "agree"})
    assert response.status_code == 302 and not Vote.objects.exists()


# --- Voting without JavaScript ------------------------------------------------------------------

def test_no_js_vote_change_and_close(client, workshop, findings):  # noqa: F811
    join_client(client, workshop, language="en")
    item = items(workshop)[0]
    page = client.get(url("item", workshop, item.pk))
    assert "Landmines block farmland" in html(page)
    assert "Based on 0 statements from 0 people in 0 groups" in html(page)
    assert buttons(page) == {"Agree": "false", "Agree with changes": "false",
                             "Disagree": "false", "Not sure": "false"}
    response = client.post(url("vote", workshop, item.pk), {"choice": "agree"}, follow=True)
    assert response.redirect_chain[-1][0] == url("item", workshop, item.pk) + "#vote"
    assert "Saved: Agree" in html(response)
    assert buttons(response)["Agree"] == "true"
    response = client.post(url("vote", workshop, item.pk), {"choice": "not_sure"}, follow=True)
    assert buttons(response)["Not sure"] == "true" and buttons(response)["Agree"] == "false"
    assert Vote.objects.get().choice == "not_sure"
    close(item)
    response = client.post(url("vote", workshop, item.pk), {"choice": "agree"}, follow=True)
    assert "Voting on this finding is closed" in html(response)
    assert Vote.objects.get().choice == "not_sure"
    assert 'disabled' in html(response)


def test_results_shown_once_closed_when_hidden_until_then(client, workshop):  # noqa: F811
    join_client(client, workshop)
    item = items(workshop)[0]
    client.post(url("vote", workshop, item.pk), {"choice": "disagree"})
    assert "Results" not in html(client.get(url("item", workshop, item.pk)))
    close(item)
    page = html(client.get(url("item", workshop, item.pk)))
    assert "Results" in page and "1 vote" in page and "100 %" in page


def test_the_same_no_js_form_submitted_twice_records_once(client, workshop):  # noqa: F811
    join_client(client, workshop)
    item = items(workshop)[0]
    form = {"text": "Please add youth.", "idempotency_key": "form-key-1"}
    client.post(url("comment", workshop, item.pk), form)
    client.post(url("comment", workshop, item.pk), form)
    assert Comment.objects.count() == 1
    client.post(url("vote", workshop, item.pk), {"choice": "agree", "idempotency_key": "v1"})
    client.post(url("vote", workshop, item.pk), {"choice": "agree", "idempotency_key": "v1"})
    assert Vote.objects.count() == 1


def test_empty_comment_shows_the_form_again_with_an_error(client, workshop):  # noqa: F811
    join_client(client, workshop)
    item = items(workshop)[0]
    response = client.post(url("comment", workshop, item.pk), {"text": "  "})
    assert response.status_code == 400
    assert 'id="comment-error"' in html(response) and not Comment.objects.exists()


def test_new_wording_is_prefilled_in_the_attendees_language(client, workshop):  # noqa: F811
    join_client(client, workshop, language="km")
    item = items(workshop)[0]
    page = html(client.get(url("item", workshop, item.pk)))
    assert re.search(r'<textarea id="amend-text"[^>]*>ស្ត្រីនៅខេត្តព្រំដែន', page)
    response = client.post(url("amend", workshop, item.pk),
                           {"text": "Women and girls in border districts…"}, follow=True)
    assert response.status_code == 200
    assert item.amendments.get().language == "km"


def test_json_answers_for_the_script(client, workshop):  # noqa: F811
    join_client(client, workshop)
    item = items(workshop)[0]
    headers = {"Accept": "application/json"}
    response = client.post(url("vote", workshop, item.pk),
                           {"choice": "agree_with_changes", "idempotency_key": "j1"},
                           headers=headers)
    assert response.status_code == 200
    assert response.json()["saved"] is True and response.json()["choice"] == "agree_with_changes"
    response = client.post(url("vote", workshop, item.pk), {"choice": "nope"}, headers=headers)
    assert response.status_code == 400 and response.json()["saved"] is False
    close(item)
    response = client.post(url("vote", workshop, item.pk), {"choice": "agree"}, headers=headers)
    assert response.status_code == 409
    assert "closed" in response.json()["message"]


def test_question_choices_are_buttons(client, workshop):  # noqa: F811
    join_client(client, workshop, language="en")
    question = items(workshop)[2]
    AgendaItem.objects.filter(pk=question.pk).update(state=AgendaItem.State.OPEN)
    page = client.get(url("item", workshop, question.pk))
    assert buttons(page) == {"A national committee": "false", "A working group": "false"}
    client.post(url("vote", workshop, question.pk), {"choice": "b"})
    assert Vote.objects.get(item=question).choice == "b"


# --- Accessible names in English and Khmer ------------------------------------------------------

def test_vote_buttons_accessible_names_in_english_and_khmer(client, workshop):  # noqa: F811
    item = items(workshop)[0]
    join_client(client, workshop, language="en")
    assert list(buttons(client.get(url("item", workshop, item.pk)))) == [
        "Agree", "Agree with changes", "Disagree", "Not sure"]
    client.cookies["django_language"] = "km"  # the language switch on the page sets this
    page = client.get(url("item", workshop, item.pk))
    assert '<html lang="km">' in html(page)
    with translation.override("km"):
        expected = [str(label) for _value, label in Vote.Choice.choices]
    assert list(buttons(page)) == expected  # the Khmer catalogue's labels (drafts until the
    # lead's translation; then they differ from English)
    assert Attendee.objects.get().language == "km"  # the device's choice is remembered
    assert "គ្រាប់មីនរារាំងដីស្រែ" in html(page)  # the Finding in Khmer


# --- Follow mode --------------------------------------------------------------------------------

def test_now_is_small_json_with_etag_and_304(client, workshop):  # noqa: F811
    join_client(client, workshop)
    first, second, _q = items(workshop)
    response = client.get(url("now", workshop))
    assert response.status_code == 200
    data = response.json()
    assert data["item"] == first.pk and data["url"] == url("item", workshop, first.pk)
    assert data["state"] == "open" and data["item_state"] == "open"
    etag = response["ETag"]
    again = client.get(url("now", workshop), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    from wpsnap.validation.services.running import go_to

    go_to(workshop, second, by=None)
    moved = client.get(url("now", workshop), headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.json()["item"] == second.pk
    close(second)
    closed = client.get(url("now", workshop), headers={"If-None-Match": moved["ETag"]})
    assert closed.status_code == 200 and closed.json()["item_state"] == "closed"


def test_now_records_that_the_device_is_here(client, workshop):  # noqa: F811
    join_client(client, workshop)
    Attendee.objects.update(last_seen_at=None)
    client.get(url("now", workshop))
    assert Attendee.objects.get().last_seen_at is not None


def test_follow_mode_pages_link_to_the_current_item(client, workshop):  # noqa: F811
    join_client(client, workshop)
    first, second, _q = items(workshop)
    hub = html(client.get(url("workshop", workshop)))
    assert "Go to the current finding" in hub and url("item", workshop, first.pk) in hub
    page = html(client.get(url("item", workshop, second.pk)))
    assert 'data-follow="1"' in page and "Go to the current finding" in page
    assert 'rel="next"' not in page  # following: no free browsing links


def test_free_mode_lists_the_agenda_with_my_votes(client, workshop):  # noqa: F811
    Workshop.objects.filter(pk=workshop.pk).update(navigation=Workshop.Navigation.FREE)
    join_client(client, workshop)
    first, second, _q = items(workshop)
    client.post(url("vote", workshop, first.pk), {"choice": "disagree"})
    hub = html(client.get(url("workshop", workshop)))
    assert "Your vote: Disagree" in hub and "Online scams target youth" in hub
    page = html(client.get(url("item", workshop, first.pk)))
    assert 'rel="next"' in page and url("item", workshop, second.pk) in page


# --- Priorities ---------------------------------------------------------------------------------

def test_priorities_form_and_sum_rule(client, workshop, findings):  # noqa: F811
    join_client(client, workshop)
    response = client.get(url("priorities", workshop))
    assert response.status_code == 302  # no priority step
    Workshop.objects.filter(pk=workshop.pk).update(priority_points=5)
    page = client.get(url("priorities", workshop))
    assert page.status_code == 200 and f'name="points-{findings[0].pk}"' in html(page)
    bad = client.post(url("priorities", workshop),
                      {f"points-{findings[0].pk}": 4, f"points-{findings[1].pk}": 3})
    assert bad.status_code == 400 and "only 5" in html(bad)
    attendee = Attendee.objects.get()
    assert not attendee.priorities.exists()
    good = client.post(url("priorities", workshop),
                       {f"points-{findings[0].pk}": 4, f"points-{findings[1].pk}": 1})
    assert good.status_code == 302
    assert dict(attendee.priorities.values_list("finding_id", "points")) == {
        findings[0].pk: 4, findings[1].pk: 1}


# --- Rate limits --------------------------------------------------------------------------------

@override_settings(WPSNAP_RATELIMITS={"write_device": "3/m"})
def test_votes_are_rate_limited_per_device(client, workshop):  # noqa: F811
    join_client(client, workshop)
    item = items(workshop)[0]
    codes = [client.post(url("vote", workshop, item.pk), {"choice": "agree"}).status_code
             for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    limited = client.post(url("vote", workshop, item.pk), {"choice": "agree"})
    assert "Too many tries" in html(limited) and limited["Retry-After"] == "60"
    json = client.post(url("vote", workshop, item.pk), {"choice": "agree"},
                       headers={"Accept": "application/json"})
    assert json.status_code == 429 and json.json()["saved"] is False


@override_settings(WPSNAP_RATELIMITS={"join_fail": "2/m"})
def test_guessing_join_codes_is_rate_limited(client, workshop):  # noqa: F811
    assert client.get("/w/NOPE2345/").status_code == 404  # an unknown code counts
    codes = [client.post("/join/", {"join_code": f"WRONG{i}"}).status_code for i in range(2)]
    assert codes == [400, 429]
    # The right code still opens the workshop: only failures count against the address.
    assert client.post("/join/", {"join_code": workshop.join_code}).status_code == 302


@override_settings(WPSNAP_RATELIMITS={"write_ip": "2/m"})
def test_writes_are_rate_limited_per_address(client, workshop):  # noqa: F811
    from django.test import Client

    item = items(workshop)[0]
    phones = [Client(), Client(), Client()]
    for phone in phones:
        join_client(phone, workshop)
    codes = [p.post(url("vote", workshop, item.pk), {"choice": "agree"}).status_code
             for p in phones]
    assert codes == [302, 302, 429]


# --- Privacy ------------------------------------------------------------------------------------

def test_others_see_only_shown_comments_escaped_and_without_identity(client, workshop):  # noqa: F811,E501
    from django.test import Client

    Workshop.objects.filter(pk=workshop.pk).update(named_attendance=True)
    item = items(workshop)[0]
    author = Client()
    join_client(author, workshop, name="Sokha Chan")
    author.post(url("comment", workshop, item.pk), {"text": "<script>alert(1)</script> pending"})
    author.post(url("comment", workshop, item.pk), {"text": "Approved <b>words</b>"})
    Comment.objects.filter(text__startswith="Approved").update(state=Comment.State.APPROVED)
    join_client(client, workshop)
    page = html(client.get(url("item", workshop, item.pk)))
    assert "Approved &lt;b&gt;words&lt;/b&gt;" in page
    assert "pending" not in page and "<script>alert" not in page
    assert "Sokha" not in page
    mine = html(author.get(url("item", workshop, item.pk)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; pending" in mine  # the author sees their own
    assert "waiting for review" in mine
    # Unmoderated workshop: shown at once, unless hidden.
    Workshop.objects.filter(pk=workshop.pk).update(moderate_comments=False)
    Comment.objects.filter(text__startswith="<script>").update(state=Comment.State.HIDDEN)
    author.post(url("comment", workshop, item.pk), {"text": "Straight away"})
    page = html(client.get(url("item", workshop, item.pk)))
    assert "Straight away" in page and "alert(1)" not in page


def test_no_back_office_data_on_the_item_page(client, workshop, findings, participants):  # noqa: F811,E501
    from wpsnap.analysis.models import Evidence

    for p in participants[:6]:
        Evidence.objects.create(finding=findings[0], statement=p.statements.first())
    join_client(client, workshop)
    item = items(workshop)[0]
    page = html(client.get(url("item", workshop, item.pk)))
    assert "Based on 6 statements from 6 people in" in page
    assert "P-000" not in page  # no Participant codes
    for p in participants[:6]:
        assert p.statements.first().text not in page  # no Statement texts


def test_closed_workshop_page_for_a_new_device(client, workshop):  # noqa: F811
    Workshop.objects.filter(pk=workshop.pk).update(state=Workshop.State.CLOSED)
    response = client.get(url("workshop", workshop))
    assert response.status_code == 200 and "has ended" in html(response)
    client.post(url("workshop", workshop), {"language": "en"})
    assert not Attendee.objects.exists()


def test_votes_of_closed_items_unchanged_by_service_errors(workshop):  # noqa: F811
    """VotingClosed is a ValidationError, so views treating ValidationError still catch it."""
    assert issubclass(voting.VotingClosed, voting.ValidationError)


def test_a_poll_costs_at_most_two_queries(client, workshop, django_assert_max_num_queries):  # noqa: F811,E501
    join_client(client, workshop)
    etag = client.get(url("now", workshop))["ETag"]
    with django_assert_max_num_queries(2):  # the state, and the throttled "last seen" update
        assert client.get(url("now", workshop),
                          headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/w/NOPE2345/now/").status_code == 404
