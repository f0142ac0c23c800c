"""Indicator pages: who gets in, what they show, writing through them, and the list's query
count (constant as the Plan grows)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsnap.plans.models import Role

from ..models import Indicator, IndicatorTemplate, Output
from ..services.indicators import create_indicator
from .fixtures_indicators import *  # noqa: F403


def url(name, plan, *args, **query):
    address = reverse(f"planning:{name}", args=[plan.slug, *args])
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


@pytest.fixture
def template(db):
    return IndicatorTemplate.objects.create(
        key="women-in-parliament", title_en="Share of seats held by women",
        title_km="ភាគរយនៃអាសនៈដែលកាន់កាប់ដោយស្ត្រី", type="percentage", unit_en="% of seats",
        direction="increase", disaggregation=["sex"], uncertain=True)


def routes(plan, indicator, template):
    return {
        "indicator_list": url("indicator_list", plan),
        "indicator_create": url("indicator_create", plan),
        "indicator_detail": url("indicator_detail", plan, indicator.key),
        "indicator_edit": url("indicator_edit", plan, indicator.key),
        "indicator_delete": url("indicator_delete", plan, indicator.key),
        "indicator_library": url("indicator_library", plan),
        "indicator_adopt": url("indicator_adopt", plan, template.key),
    }


READ = {"indicator_list", "indicator_detail", "indicator_library"}
COORDINATOR_ONLY = {"indicator_create", "indicator_delete", "indicator_adopt"}


def test_anonymous_is_sent_to_log_in(client, plan, indicator, template):
    for name, address in routes(plan, indicator, template).items():
        response = client.get(address)
        assert response.status_code == 302, name
        assert "/accounts/login/" in response["Location"], name


def test_outsider_gets_404(client_as, plan, indicator, template):
    client = client_as("outsider")
    for name, address in routes(plan, indicator, template).items():
        assert client.get(address).status_code == 404, name
        if name not in READ:
            assert client.post(address).status_code == 404, name
    assert Indicator.objects.filter(pk=indicator.pk).exists()


@pytest.mark.parametrize("role", Role.values)
def test_roles(client_as, plan, indicator, template, role):
    client = client_as(role)
    for name, address in routes(plan, indicator, template).items():
        if name in READ:
            allowed = True
        elif name == "indicator_edit":
            allowed = role in (Role.COORDINATOR, Role.FOCAL_POINT)  # `organisation` is theirs
        else:
            allowed = role == Role.COORDINATOR
        assert client.get(address).status_code == (200 if allowed else 403), (role, name)


def test_a_focal_point_of_another_organisation_cannot_edit(client, plan, indicator,
                                                           second_focal_point):
    client.force_login(second_focal_point)
    address = url("indicator_edit", plan, indicator.key)
    assert client.get(address).status_code == 403
    assert client.post(address, {"title_en": "Hijacked"}).status_code == 403
    indicator.refresh_from_db()
    assert indicator.title_en == "Number of women candidates trained"
    page = client.get(url("indicator_detail", plan, indicator.key)).content.decode()
    assert url("indicator_edit", plan, indicator.key) not in page


def test_another_plans_indicator_is_404(client_as, plan, other_plan, foreign_output):
    foreign = create_indicator(other_plan, output=foreign_output, title_en="Elsewhere")
    client = client_as("coordinator")
    assert client.get(url("indicator_detail", plan, foreign.key)).status_code == 404
    assert client.get(url("indicator_edit", plan, "I-99")).status_code == 404


def test_empty_posts_do_not_fail(client_as, plan, indicator, template):
    client = client_as("coordinator")
    for name in ("indicator_create", "indicator_edit", "indicator_adopt"):
        response = client.post(routes(plan, indicator, template)[name])
        assert response.status_code == 200, name
        assert b'class="error"' in response.content or b'class="errors"' in response.content
    assert Indicator.objects.count() == 1


def form_data(place, **extra):
    data = {"place": place, "title_en": "Share of commune council seats held by women",
            "title_km": "ភាគរយនៃអាសនៈក្រុមប្រឹក្សាឃុំ", "type": "percentage",
            "direction": "increase", "unit_en": "%", "baseline_value": "17.5",
            "baseline_year": "2022", "baseline_source_en": "NEC 2022", "data_source_en": "NEC",
            "frequency": "annual", "disaggregation": ["sex", "area"],
            "target_2026_value": "", "target_2027_value": "20", "target_2030_value": "25"}
    data.update(extra)
    return data


def test_create_with_targets_per_year(client_as, plan, output, organisation):
    client = client_as("coordinator")
    page = client.get(url("indicator_create", plan, output="1.1")).content.decode()
    assert 'value="output:1.1" selected' in page
    for year in range(2026, 2031):
        assert f'name="target_{year}_value"' in page
    response = client.post(url("indicator_create", plan),
                           form_data("output:1.1", responsible=organisation.pk))
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert response["Location"] == url("indicator_detail", plan, indicator.key)
    assert indicator.output == output
    assert indicator.disaggregation == ["sex", "area"]
    assert indicator.baseline_value == Decimal("17.5")
    assert dict(indicator.targets.values_list("year", "value")) == {
        2027: Decimal("20"), 2030: Decimal("25")}


def test_create_refuses_a_yes_no_target_of_two(client_as, plan, output):
    client = client_as("coordinator")
    response = client.post(url("indicator_create", plan),
                           form_data("output:1.1", type="yes_no", baseline_value="0",
                                     target_2027_value="2", target_2030_value=""))
    assert response.status_code == 200
    assert "1 (yes) or 0 (no)" in response.content.decode()
    assert not Indicator.objects.exists()


def test_create_refuses_an_unknown_place(client_as, plan, output):
    response = client_as("coordinator").post(url("indicator_create", plan),
                                             form_data("output:9.9"))
    assert response.status_code == 200
    assert not Indicator.objects.exists()


def test_focal_point_edits_values_but_not_place_or_responsible(client_as, plan, indicator,
                                                               outcome, second_org):
    client = client_as(Role.FOCAL_POINT)
    response = client.post(url("indicator_edit", plan, indicator.key),
                           form_data("outcome:1", responsible=second_org.pk, type="number",
                                     target_2027_value="30"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.output_id is not None and indicator.outcome_id is None
    assert indicator.responsible_id != second_org.pk
    assert indicator.title_en == "Share of commune council seats held by women"
    assert dict(indicator.targets.values_list("year", "value")) == {
        2027: Decimal("30"), 2030: Decimal("25")}


def test_coordinator_moves_it(client_as, plan, indicator, outcome):
    response = client_as("coordinator").post(
        url("indicator_edit", plan, indicator.key), form_data("outcome:1", type="number"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.outcome == outcome and indicator.output is None


def test_delete(client_as, plan, indicator):
    client = client_as("coordinator")
    assert indicator.key.encode() in client.get(url("indicator_delete", plan,
                                                    indicator.key)).content
    response = client.post(url("indicator_delete", plan, indicator.key))
    assert response.status_code == 302
    assert not Indicator.objects.exists()


def test_list_shows_groups_targets_and_hints(client_as, plan, outcome, output, indicator):
    bare = create_indicator(plan, outcome=outcome, title_en="Women feel safe")
    page = client_as(Role.VIEWER).get(url("indicator_list", plan)).content.decode()
    assert "Women take part in peace and security decisions" in page
    assert "Women candidates are trained and supported" in page
    assert "Number of women candidates trained" in page and "Women feel safe" in page
    assert "<th scope=\"col\">2027</th>" in page
    assert 'data-hint="missing_baseline"' in page
    assert url("indicator_edit", plan, indicator.key) not in page  # a viewer edits nothing
    filtered = client_as(Role.VIEWER).get(url("indicator_list", plan, hint="missing_baseline"))
    text = filtered.content.decode()
    assert bare.title_en in text
    assert "Number of women candidates trained" not in text
    assert "1 Indicator of 2 has the hint" in text


def test_detail_shows_the_indicator(client_as, plan, indicator):
    page = client_as(Role.ANALYST).get(url("indicator_detail", plan, indicator.key))
    text = page.content.decode()
    assert "Number of women candidates trained" in text
    assert "Training records" in text
    assert "not disaggregated" in text
    assert "r1" in text  # the first Revision


def test_library_and_adopt(client_as, plan, outcome, output, template):
    client = client_as("coordinator")
    page = client.get(url("indicator_library", plan, output="1.1")).content.decode()
    assert "Share of seats held by women" in page
    assert "needs expert review" in page
    assert "<dd>Sex</dd>" in page
    assert 'value="output:1.1" selected' in page
    assert url("indicator_adopt", plan, template.key) in page
    viewer_page = client_as(Role.VIEWER).get(url("indicator_library", plan)).content.decode()
    assert url("indicator_adopt", plan, template.key) not in viewer_page
    response = client_as("coordinator").post(url("indicator_adopt", plan, template.key),
                                             {"place": "outcome:1"})
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("indicator_edit", plan, indicator.key)
    assert indicator.outcome == outcome and indicator.template == template
    assert indicator.type == "percentage"


def test_list_query_count_does_not_grow(client_as, plan, outcome, organisation):
    client = client_as(Role.VIEWER)

    def grow_to(n):
        outputs = list(Output.objects.filter(plan=plan))
        while Indicator.objects.filter(plan=plan).count() < n:
            i = Indicator.objects.filter(plan=plan).count()
            if len(outputs) < 1 + i // 3:
                outputs.append(Output.objects.create(
                    plan=plan, outcome=outcome, number=len(outputs) + 1,
                    key=f"1.{len(outputs) + 1}", title_en=f"Output {i}"))
            create_indicator(plan, output=outputs[-1], title_en=f"Indicator {i}",
                             baseline_value=i, responsible=organisation,
                             targets={2027: i + 1, 2030: i + 2})

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("indicator_list", plan)).status_code == 200
        return len(ctx.captured_queries)

    grow_to(3)
    small = count()
    grow_to(30)
    assert count() == small


def test_focal_point_sees_edit_links_only_on_their_organisations(client, plan, output,
                                                                  indicator, second_org,
                                                                  second_focal_point):
    theirs = create_indicator(plan, output=output, title_en="Police women",
                              responsible=second_org)
    client.force_login(second_focal_point)
    page = client.get(url("indicator_list", plan)).content.decode()
    assert url("indicator_edit", plan, theirs.key) in page
    assert url("indicator_edit", plan, indicator.key) not in page
    assert url("indicator_create", plan) not in page
    form = client.get(url("indicator_edit", plan, theirs.key)).content.decode()
    assert 'name="place"' in form and "disabled" in form


def test_khmer_pages_render(client_as, plan, indicator, template):
    client = client_as("coordinator")
    client.cookies["django_language"] = "km"
    for name in ("indicator_list", "indicator_detail", "indicator_library"):
        address = routes(plan, indicator, template)[name]
        response = client.get(address, HTTP_ACCEPT_LANGUAGE="km")
        assert response.status_code == 200, name
    page = client.get(url("indicator_detail", plan, indicator.key),
                      HTTP_ACCEPT_LANGUAGE="km").content.decode()
    assert "ចំនួនបេក្ខជនស្ត្រីដែលបានបណ្តុះបណ្តាល" in page


def test_row_partial(rf, plan, indicator):
    from django.template.loader import render_to_string

    from ..queries.indicators import indicators_queryset

    loaded = indicators_queryset().get(pk=indicator.pk)
    html = render_to_string("planning/indicators/_row.html",
                            {"indicator": loaded, "current_plan": plan})
    assert url("indicator_detail", plan, indicator.key) in html
    assert "Number of women candidates trained" in html
    assert "10" in html and "20" in html and "2027" in html
    assert "SMART" in html
    Indicator.objects.filter(pk=indicator.pk).update(baseline_value=None)
    bare = indicators_queryset().get(pk=indicator.pk)
    html = render_to_string("planning/indicators/_row.html",
                            {"indicator": bare, "current_plan": plan})
    assert "no baseline" in html and "1 SMART hint" in html
