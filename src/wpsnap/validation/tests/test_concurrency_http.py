"""Double submits through the public front (Django test client): a retry with the same
idempotency key, a double tap, two tabs of one device posting at the same moment."""

import pytest
from django.urls import reverse

from wpsnap.validation.models import Attendee, Vote

from .fixtures_concurrency import (  # noqa: F401 - fixtures
    concurrent_db_fixture,
    open_workshop_fixture,
    run_together,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # The limits are tested by the public front's own tests; here one address posts a lot.
    settings.WPSNAP_RATELIMITS = {"join": "100000/m", "write_device": "100000/m",
                                  "write_ip": "100000/m"}


def joined_client(client_class, workshop):
    client = client_class()
    url = reverse("attend:workshop", args=[workshop.join_code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"language": "en"})
    assert response.status_code == 302
    assert client.cookies["wpsnap_device"].value
    return client


def vote_url(workshop, item):
    return reverse("attend:vote", args=[workshop.join_code, item.pk])


def test_two_posts_with_the_same_idempotency_key_record_one_vote(client, open_workshop):
    item = open_workshop.items.first()
    client = joined_client(type(client), open_workshop)
    for _ in range(2):
        response = client.post(vote_url(open_workshop, item),
                               {"choice": "agree", "idempotency_key": "k-1"},
                               HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert response.json()["saved"] is True
    assert Attendee.objects.filter(workshop=open_workshop).count() == 1
    assert list(Vote.objects.values_list("choice", "idempotency_key")) == [("agree", "k-1")]

    # A stale retry of the same submit (same key) after the timeout changes nothing, even if it
    # carries another answer; a new tap (new key) changes the vote, still one row.
    client.post(vote_url(open_workshop, item), {"choice": "disagree", "idempotency_key": "k-1"})
    assert list(Vote.objects.values_list("choice", flat=True)) == ["agree"]
    response = client.post(vote_url(open_workshop, item),
                           {"choice": "disagree", "idempotency_key": "k-2"})
    assert response.status_code == 302  # without JavaScript: back to the item
    assert list(Vote.objects.values_list("choice", flat=True)) == ["disagree"]


def test_two_tabs_of_one_device_posting_at_the_same_moment(client, open_workshop):
    """Thirty simultaneous POSTs from one device (its cookie in thirty clients): one Attendee,
    one Vote, every POST told "saved"."""
    item = open_workshop.items.first()
    first = joined_client(type(client), open_workshop)
    cookie = first.cookies["wpsnap_device"].value
    url = vote_url(open_workshop, item)

    def tab(n):
        def post():
            tab_client = type(client)()
            tab_client.cookies["wpsnap_device"] = cookie
            response = tab_client.post(url, {"choice": ["agree", "not_sure"][n % 2],
                                             "idempotency_key": f"tab-{n % 3}"},
                                       HTTP_ACCEPT="application/json")
            return response.status_code, response.json()
        return post

    results = run_together([tab(n) for n in range(30)])
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert {status for status, _body in results} == {200}
    assert all(body["saved"] for _status, body in results)
    assert Attendee.objects.filter(workshop=open_workshop).count() == 1
    votes = list(Vote.objects.all())
    assert len(votes) == 1
    assert votes[0].choice in {"agree", "not_sure"}
    assert votes[0].choice in {body["choice"] for _status, body in results}


def test_many_devices_joining_and_voting_at_once(client, open_workshop):
    """Forty devices join and vote at the same moment, each twice (a double tap): forty
    Attendees, forty Votes."""
    item = open_workshop.items.first()
    client_class = type(client)

    def device(n):
        def run():
            phone = joined_client(client_class, open_workshop)
            codes = []
            for _tap in range(2):
                response = phone.post(vote_url(open_workshop, item),
                                      {"choice": "agree_with_changes",
                                       "idempotency_key": f"d-{n}"},
                                      HTTP_ACCEPT="application/json")
                codes.append(response.status_code)
            return codes
        return run

    results = run_together([device(n) for n in range(40)])
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert all(codes == [200, 200] for codes in results)
    assert Attendee.objects.filter(workshop=open_workshop).count() == 40
    assert Vote.objects.filter(item=item, choice="agree_with_changes").count() == 40
