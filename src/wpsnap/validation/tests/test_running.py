"""V3: the facilitator's control panel, the projector view, the live fragment (ETag/304) and
moderation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wpsnap.plans.models import Role
from wpsnap.validation.models import AgendaItem, Comment, Vote, Workshop
from wpsnap.validation.queries import results
from wpsnap.validation.queries.attendance import visible_comments
from wpsnap.validation.services import running, voting

from .fixtures_running import make_attendees_fixture, run_workshop_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def url(name, workshop, *extra):
    return reverse(f"validate:{name}", args=[workshop.plan.slug, workshop.pk, *extra])


def items_of(workshop):
    return list(workshop.items.order_by("order", "id"))


def fresh(obj):
    obj.refresh_from_db()
    return obj


# --- services ------------------------------------------------------------------------------------

def test_next_starts_at_the_first_item_and_opens_it(run_workshop):
    first, second, question = items_of(run_workshop)
    before = run_workshop.updated_at
    item = running.next_item(run_workshop)
    assert item.pk == first.pk
    assert fresh(first).state == AgendaItem.State.OPEN and first.opened_at is not None
    assert second.state == AgendaItem.State.PENDING
    ws = Workshop.objects.get(pk=run_workshop.pk)
    assert ws.current_item_id == first.pk
    assert ws.updated_at > before


def test_next_and_previous_at_the_ends(run_workshop):
    first, second, question = items_of(run_workshop)
    running.go_to(run_workshop, question)
    with pytest.raises(ValidationError, match="last item"):
        running.next_item(run_workshop)
    assert fresh(run_workshop).current_item_id == question.pk
    running.previous_item(run_workshop)
    running.previous_item(run_workshop)
    assert fresh(run_workshop).current_item_id == first.pk
    with pytest.raises(ValidationError, match="first item"):
        running.previous_item(run_workshop)
    assert fresh(run_workshop).current_item_id == first.pk
    # Moving on leaves the item it left as it was (open), the facilitator closes it.
    assert fresh(second).state == AgendaItem.State.OPEN


def test_controls_refused_while_draft(run_workshop):
    run_workshop.state = Workshop.State.DRAFT
    run_workshop.save()
    with pytest.raises(ValidationError, match="Open the workshop"):
        running.next_item(run_workshop)
    assert fresh(run_workshop).current_item_id is None
    assert not AgendaItem.objects.filter(workshop=run_workshop).exclude(state="pending").exists()


def test_go_to_an_item_of_another_workshop_is_refused(run_workshop, other_plan):
    other = Workshop.objects.create(plan=run_workshop.plan, consultation=run_workshop.consultation,
                                    title_en="Other", join_code="OTHER234",
                                    state=Workshop.State.OPEN)
    alien = AgendaItem.objects.create(workshop=other, question_en="Alien?", order=1)
    with pytest.raises(ValidationError):
        running.go_to(run_workshop, alien)
    assert fresh(alien).state == AgendaItem.State.PENDING


def test_close_refuses_votes_and_reopen_allows_them(run_workshop, make_attendees):
    first = running.next_item(run_workshop)
    alice, bob = make_attendees(run_workshop, 2)
    voting.cast_vote(alice, first, Vote.Choice.AGREE)
    before = fresh(run_workshop).updated_at
    running.close_item(first)
    assert fresh(first).state == AgendaItem.State.CLOSED and first.closed_at is not None
    assert fresh(run_workshop).updated_at > before
    with pytest.raises(voting.VotingClosed):
        voting.cast_vote(bob, first, Vote.Choice.DISAGREE)
    with pytest.raises(voting.VotingClosed):  # nor can a vote be changed
        voting.cast_vote(alice, first, Vote.Choice.DISAGREE)
    assert results.item_counts(first) == {"agree": 1, "agree_with_changes": 0,
                                          "disagree": 0, "not_sure": 0}
    running.close_item(first)  # a double submit changes nothing
    running.reopen_item(first)
    assert fresh(first).state == AgendaItem.State.OPEN and first.closed_at is None
    voting.cast_vote(bob, first, Vote.Choice.DISAGREE)
    assert results.item_counts(first)["disagree"] == 1


def test_close_a_pending_item_is_refused(run_workshop):
    first = items_of(run_workshop)[0]
    with pytest.raises(ValidationError):
        running.close_item(first)
    assert fresh(first).state == AgendaItem.State.PENDING


def test_counts(run_workshop, make_attendees):
    first, second, question = items_of(run_workshop)
    for item in (first, second, question):
        running.go_to(run_workshop, item)
    people = make_attendees(run_workshop, 5)
    for person, choice in zip(people, ["agree", "agree", "disagree", "not_sure", "agree"],
                              strict=True):
        voting.cast_vote(person, first, choice)
    voting.cast_vote(people[0], first, "agree_with_changes")  # a changed vote counts once
    voting.cast_vote(people[1], question, "b")
    assert results.item_counts(first) == {"agree": 2, "agree_with_changes": 1,
                                          "disagree": 1, "not_sure": 1}
    assert results.item_counts(question) == {"a": 0, "b": 1}
    counts = results.workshop_counts(run_workshop)
    assert counts == {first.pk: results.item_counts(first),
                      second.pk: {"agree": 0, "agree_with_changes": 0, "disagree": 0,
                                  "not_sure": 0},
                      question.pk: {"a": 0, "b": 1}}


def test_workshop_counts_is_one_query(run_workshop, make_attendees,
                                      django_assert_num_queries):
    first = running.next_item(run_workshop)
    for person in make_attendees(run_workshop, 3):
        voting.cast_vote(person, first, "agree")
    with django_assert_num_queries(1):
        results.workshop_counts(run_workshop)
    with django_assert_num_queries(1):
        results.live_signature(run_workshop.pk, "panel")


def test_connected_attendees_counts_recent_devices_only(run_workshop, make_attendees):
    from datetime import timedelta

    from django.utils import timezone

    make_attendees(run_workshop, 3)
    make_attendees(run_workshop, 2, seen=False)
    old = make_attendees(run_workshop, 1)[0]
    old.last_seen_at = timezone.now() - timedelta(seconds=31)
    old.save()
    assert results.connected_attendees(run_workshop) == 3
    assert results.connected_attendees(run_workshop, seconds=60) == 4
    assert [results.connected_bucket(n) for n in (0, 9, 10, 14, 15, 103)] == [0, 9, 10, 10, 15,
                                                                               100]


def test_moderation_hides_a_comment_from_attendees(run_workshop, make_attendees, members):
    first = running.next_item(run_workshop)
    alice, bob = make_attendees(run_workshop, 2)
    comment = voting.add_comment(alice, first, "Add young women in the provinces.")
    assert comment not in visible_comments(run_workshop, first, bob)  # moderated: not yet
    running.moderate(comment, "approve", by=members[Role.FACILITATOR])
    assert comment in visible_comments(run_workshop, first, bob)
    assert fresh(comment).moderated_by == members[Role.FACILITATOR]
    running.moderate(comment, "hide", by=members[Role.FACILITATOR])
    assert comment not in visible_comments(run_workshop, first, bob)
    with pytest.raises(ValidationError):
        running.moderate(comment, "delete")
    assert fresh(comment).state == Comment.State.HIDDEN


# --- access ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "status"), [
    (Role.FACILITATOR, 302), (Role.COORDINATOR, 302), (Role.ANALYST, 403), (Role.VIEWER, 403),
    (Role.FOCAL_POINT, 403), ("outsider", 404)])
def test_control_per_role(run_workshop, client_as, who, status):
    client = client_as(who)
    response = client.post(url("control", run_workshop), {"action": "next"})
    assert response.status_code == status
    moved = fresh(run_workshop).current_item_id is not None
    assert moved is (status == 302)


@pytest.mark.parametrize("name", ["facilitator", "projector", "live", "moderation"])
@pytest.mark.parametrize(("who", "status"), [
    (Role.FACILITATOR, 200), (Role.COORDINATOR, 200), (Role.ANALYST, 403), (Role.VIEWER, 403),
    ("outsider", 404)])
def test_pages_per_role(run_workshop, client_as, name, who, status):
    assert client_as(who).get(url(name, run_workshop)).status_code == status


def test_pages_of_another_plans_workshop_are_404(run_workshop, client_as, other_plan):
    other = Workshop.objects.create(plan=other_plan, consultation=run_workshop.consultation,
                                    title_en="Elsewhere", join_code="ELSE2345",
                                    state=Workshop.State.OPEN)
    client = client_as(Role.FACILITATOR)
    for name in ("facilitator", "projector", "live", "moderation"):
        path = reverse(f"validate:{name}", args=[run_workshop.plan.slug, other.pk])
        assert client.get(path).status_code == 404
    path = reverse("validate:control", args=[run_workshop.plan.slug, other.pk])
    assert client.post(path, {"action": "next"}).status_code == 404


# --- control ----------------------------------------------------------------------------------

def test_control_actions_through_the_view(run_workshop, client_as):
    client = client_as(Role.FACILITATOR)
    first, second, question = items_of(run_workshop)
    control = url("control", run_workshop)
    assert client.post(control, {"action": "next"}).status_code == 302
    assert client.post(control, {"action": "close"}).status_code == 302
    assert fresh(first).state == AgendaItem.State.CLOSED
    client.post(control, {"action": "reopen", "item": first.pk})
    assert fresh(first).state == AgendaItem.State.OPEN
    client.post(control, {"action": "goto", "item": question.pk})
    assert fresh(run_workshop).current_item_id == question.pk
    response = client.post(control, {"action": "next"}, follow=True)
    assert "This is the last item of the agenda." in response.content.decode()
    assert fresh(run_workshop).current_item_id == question.pk
    client.post(control, {"action": "previous"})
    assert fresh(run_workshop).current_item_id == second.pk


@pytest.mark.parametrize("data", [{}, {"action": "explode"}, {"action": "goto"},
                                  {"action": "goto", "item": "999999"},
                                  {"action": "goto", "item": "x"}])
def test_control_bad_input_changes_nothing(run_workshop, client_as, data):
    client = client_as(Role.FACILITATOR)
    response = client.post(url("control", run_workshop), data, follow=True)
    assert response.status_code == 200
    assert 'class="message error"' in response.content.decode()
    assert fresh(run_workshop).current_item_id is None
    assert not AgendaItem.objects.filter(workshop=run_workshop).exclude(state="pending").exists()


def test_control_with_htmx_returns_the_panel(run_workshop, client_as):
    client = client_as(Role.FACILITATOR)
    response = client.post(url("control", run_workshop), {"action": "next"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="step"' in html and "F-01" in html
    assert "<html" not in html
    response = client.post(url("control", run_workshop), {"action": "previous"},
                           headers={"HX-Request": "true"})
    assert "This is the first item of the agenda." in response.content.decode()


def test_panel_shows_agenda_counts_and_connected(run_workshop, client_as, make_attendees):
    first = running.next_item(run_workshop)
    people = make_attendees(run_workshop, 4)
    make_attendees(run_workshop, 2, seen=False)
    for person in people[:3]:
        voting.cast_vote(person, first, "agree")
    html = client_as(Role.COORDINATOR).get(url("facilitator", run_workshop)).content.decode()
    assert '<tr class="current" aria-current="step">' in html
    assert '<td class="num">3</td>' in html
    assert '<span class="num">4</span> Attendees connected' in html
    assert url("projector", run_workshop) in html
    assert "Close voting" in html


# --- projector ---------------------------------------------------------------------------------

def test_projector_shows_both_languages_and_hides_results(run_workshop, client_as,
                                                          make_attendees):
    first = running.next_item(run_workshop)
    for person in make_attendees(run_workshop, 3):
        voting.cast_vote(person, first, "disagree")
    client = client_as(Role.FACILITATOR)
    html = client.get(url("projector", run_workshop)).content.decode()
    km = html.index("ស្ត្រីនៅខេត្តជាប់ព្រំដែន")
    en = html.index("Women in border provinces fear")
    assert km < en  # Khmer first, then English
    assert "F-01" in html and "RUNK2345" in html and "/w/RUNK2345/" in html
    assert "Results are shown when voting closes" in html
    assert "3 votes so far" in html
    assert "<svg" not in html
    assert 'class="site-header"' not in html  # no site chrome
    running.close_item(first)
    html = client.get(url("projector", run_workshop)).content.decode()
    assert "Results are shown when voting closes" not in html
    assert '<svg class="pj-chart"' in html
    assert '<text class="pj-count" x="1060" y="238">3</text>' in html  # the Disagree bar
    assert '<rect class="pj-fill" x="420" y="194" width="620"' in html  # the longest bar
    assert "Agree with changes" in html


def test_projector_shows_results_at_once_when_not_hidden(run_workshop, client_as,
                                                         make_attendees):
    run_workshop.results_hidden = False
    run_workshop.save()
    first = running.next_item(run_workshop)
    voting.cast_vote(make_attendees(run_workshop, 1)[0], first, "agree")
    html = client_as(Role.FACILITATOR).get(url("projector", run_workshop)).content.decode()
    assert '<svg class="pj-chart"' in html
    assert "1 vote:" in html  # the chart's accessible name


def test_projector_question_shows_its_choices(run_workshop, client_as):
    question = items_of(run_workshop)[2]
    running.go_to(run_workshop, question)
    html = client_as(Role.FACILITATOR).get(url("projector", run_workshop)).content.decode()
    assert "គណៈកម្មាធិការជាតិ" in html and "Provincial groups" in html
    assert "Which coordination option do you prefer?" in html


def test_projector_escapes_comments_and_shows_no_attendee(run_workshop, client_as,
                                                          make_attendees):
    first = running.next_item(run_workshop)
    attendee = make_attendees(run_workshop, 1, name="Sokha Named")[0]
    comment = voting.add_comment(attendee, first, "<script>alert(1)</script> more youth")
    running.moderate(comment, "approve")
    html = client_as(Role.FACILITATOR).get(url("projector", run_workshop)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; more youth" in html
    assert "<script>alert" not in html
    assert "Sokha" not in html


# --- live: ETag and 304 ------------------------------------------------------------------------

@pytest.mark.parametrize("scope", ["", "?for=panel"])
def test_live_etag_304_until_something_changes(run_workshop, client_as, make_attendees, scope):
    client = client_as(Role.FACILITATOR)
    live = url("live", run_workshop) + scope
    first = running.next_item(run_workshop)
    alice, bob = make_attendees(run_workshop, 2)

    def get(etag=None):
        headers = {"If-None-Match": etag} if etag else {}
        return client.get(live, headers=headers)

    response = get()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache, private"
    etag = response["ETag"]
    again = get(etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert get('"other", ' + etag).status_code == 304  # a list of tags

    voting.cast_vote(alice, first, "agree")  # a vote
    response = get(etag)
    assert response.status_code == 200
    etag = response["ETag"]
    assert get(etag).status_code == 304

    voting.cast_vote(alice, first, "disagree")  # a changed vote (same count)
    response = get(etag)
    assert response.status_code == 200
    etag = response["ETag"]

    running.close_item(first)  # a control action
    response = get(etag)
    assert response.status_code == 200
    etag = response["ETag"]
    assert get(etag).status_code == 304

    client.post(url("control", run_workshop), {"action": "next"})  # through the view
    response = get(etag)
    assert response.status_code == 200
    assert get(response["ETag"]).status_code == 304
    assert bob  # unused attendee: keeps the connected count the same throughout


def test_live_etag_depends_on_language(run_workshop, client_as, members):
    client = client_as(Role.FACILITATOR)
    live = url("live", run_workshop)
    etag = client.get(live)["ETag"]
    user = members[Role.FACILITATOR]
    user.language = "km"
    user.save()
    response = client.get(live, headers={"If-None-Match": etag})
    assert response.status_code == 200  # the same state in Khmer is another page
    assert response["ETag"] != etag


def test_live_page_etag_matches_first_poll(run_workshop, client_as):
    client = client_as(Role.FACILITATOR)
    running.next_item(run_workshop)
    html = client.get(url("projector", run_workshop)).content.decode()
    etag = client.get(url("live", run_workshop))["ETag"]
    assert f"data-etag=\"{etag.replace(chr(34), '&quot;')}\"" in html
    assert client.get(url("live", run_workshop),
                      headers={"If-None-Match": etag}).status_code == 304


def test_live_304_costs_few_queries(run_workshop, client_as, django_assert_max_num_queries):
    client = client_as(Role.FACILITATOR)
    running.next_item(run_workshop)
    etag = client.get(url("live", run_workshop))["ETag"]
    # session, user, membership, the signature
    with django_assert_max_num_queries(5):
        assert client.get(url("live", run_workshop),
                          headers={"If-None-Match": etag}).status_code == 304


# --- moderation page ---------------------------------------------------------------------------

def test_moderation_page_and_actions(run_workshop, client_as, make_attendees):
    first = running.next_item(run_workshop)
    people = make_attendees(run_workshop, 12)
    older = voting.add_comment(people[0], first, "Older comment")
    newer = voting.add_comment(people[11], first, "Newer <b>comment</b>")
    amendment = voting.propose_amendment(people[3], first, "Women and girls in border districts")
    client = client_as(Role.FACILITATOR)
    html = client.get(url("moderation", run_workshop)).content.decode()
    assert html.index("Women and girls") < html.index("Newer") < html.index("Older comment")
    assert "Newer &lt;b&gt;comment&lt;/b&gt;" in html
    assert "Attendee 12" in html and "Attendee 4" in html
    response = client.post(url("moderate", run_workshop),
                           {"kind": "comment", "id": newer.pk, "action": "approve"})
    assert response.status_code == 302
    assert fresh(newer).state == Comment.State.APPROVED
    client.post(url("moderate", run_workshop),
                {"kind": "amendment", "id": amendment.pk, "action": "hide", "state": "pending"})
    assert fresh(amendment).state == "hidden"
    html = client.get(url("moderation", run_workshop) + "?state=pending").content.decode()
    assert "Older comment" in html and "Newer" not in html and "Women and girls" not in html
    assert older.state == Comment.State.PENDING


def test_moderation_names_only_with_named_attendance(run_workshop, client_as, make_attendees):
    first = running.next_item(run_workshop)
    attendee = make_attendees(run_workshop, 1, name="Sokha Named")[0]
    voting.add_comment(attendee, first, "A comment")
    client = client_as(Role.FACILITATOR)
    assert "Sokha" not in client.get(url("moderation", run_workshop)).content.decode()
    run_workshop.named_attendance = True
    run_workshop.save()
    assert "Sokha Named" in client.get(url("moderation", run_workshop)).content.decode()


@pytest.mark.parametrize("data", [{}, {"kind": "comment"}, {"kind": "vote", "id": "1"},
                                  {"kind": "comment", "id": "abc"}])
def test_moderate_bad_input(run_workshop, client_as, data):
    response = client_as(Role.FACILITATOR).post(url("moderate", run_workshop), data, follow=True)
    assert response.status_code == 200
    assert "Choose a comment or an amendment to moderate." in response.content.decode()


def test_moderate_cannot_reach_another_workshops_comment(run_workshop, client_as, other_plan,
                                                         make_attendees):
    other = Workshop.objects.create(plan=other_plan, consultation=run_workshop.consultation,
                                    title_en="Elsewhere", join_code="ELSE2345",
                                    state=Workshop.State.OPEN)
    item = AgendaItem.objects.create(workshop=other, question_en="Q?", order=1, state="open")
    comment = Comment.objects.create(attendee=make_attendees(other, 1)[0], item=item, text="x")
    response = client_as(Role.FACILITATOR).post(
        url("moderate", run_workshop), {"kind": "comment", "id": comment.pk, "action": "hide"})
    assert response.status_code == 404
    assert fresh(comment).state == Comment.State.PENDING


@pytest.mark.parametrize("who", [Role.ANALYST, Role.VIEWER])
def test_moderate_forbidden(run_workshop, client_as, make_attendees, who):
    first = running.next_item(run_workshop)
    comment = voting.add_comment(make_attendees(run_workshop, 1)[0], first, "Hello")
    response = client_as(who).post(url("moderate", run_workshop),
                                   {"kind": "comment", "id": comment.pk, "action": "approve"})
    assert response.status_code == 403
    assert fresh(comment).state == Comment.State.PENDING


def test_live_repaints_for_a_new_comment_when_not_moderated(run_workshop, client_as,
                                                            make_attendees):
    run_workshop.moderate_comments = False
    run_workshop.save()
    first = running.next_item(run_workshop)
    client = client_as(Role.FACILITATOR)
    etag = client.get(url("live", run_workshop))["ETag"]
    voting.add_comment(make_attendees(run_workshop, 1)[0], first, "Shown at once")
    response = client.get(url("live", run_workshop), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Shown at once" in response.content.decode()
