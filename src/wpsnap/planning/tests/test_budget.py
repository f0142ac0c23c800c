"""The budget summary: the counting rules (Pillar split, lead, year spread, secured), currency
conversion in Decimal, the page (tables + accessible SVG charts, Khmer labels), the coordinator's
settings, permissions and a query count that does not grow with the Actions."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsnap.plans.models import Role

from ..models import BudgetSettings
from ..queries import budget as queries
from ..services.budget import update_settings
from .fixtures_budget import *  # noqa: F403
from .fixtures_budget import make_actions


def url(name, plan):
    return reverse(f"planning:{name}", args=[plan.slug])


def rows(table):
    return {r.label: r for r in table.rows}


def test_split_adds_up_to_the_cent():
    assert queries.split(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"),
                                                   Decimal("33.33")]
    assert sum(queries.split(Decimal("0.05"), 2)) == Decimal("0.05")
    assert queries.split(Decimal("7"), 1) == [Decimal("7")]


def test_convert_both_ways(plan):
    settings = queries.settings_for(plan)
    assert settings.khr_per_usd == Decimal("4100") and settings.report_currency == "USD"
    assert queries.convert(Decimal("4100000"), "KHR", settings) == Decimal("1000.00")
    assert queries.convert(Decimal("10"), "USD", settings) == Decimal("10.00")
    settings.report_currency = "KHR"
    assert queries.convert(Decimal("2.5"), "USD", settings) == Decimal("10250.00")
    settings.khr_per_usd = Decimal("3")
    settings.report_currency = "USD"
    assert queries.convert(Decimal("1"), "KHR", settings) == Decimal("0.33")


def test_summary_rules(budget_plan, plan):
    s = queries.summary(plan)
    # 1000 + 1000 (4.1M KHR) + 300 + 2 (8200 KHR)
    assert s.total.total == Decimal("2302.00")
    assert s.total.original == {"KHR": Decimal("4108200"), "USD": Decimal("1300")}
    assert s.total.secured == Decimal("1300.00")
    assert (s.actions, s.actions_with_budget, s.lines) == (4, 3, 4)
    assert s.actions_without_budget == 1 and s.split_actions == 2
    # Pillars: Outcome 1's 2300 split evenly between Participation and Prevention.
    pillars = rows(s.by_pillar)
    assert pillars["Participation"].total == Decimal("1150.00")
    assert pillars["Prevention"].total == Decimal("1150.00")
    assert pillars["Participation"].original["KHR"] == Decimal("2050000")
    assert pillars["Protection"].total == Decimal("2.00")
    assert [r.label for r in s.by_pillar.rows] == ["Participation", "Prevention", "Protection"]
    assert s.by_pillar.total == s.total.total
    # Lead Organisations; the Action without a lead under "No lead".
    orgs = rows(s.by_organisation)
    assert orgs["MoWA"].total == Decimal("2000.00") and orgs["MoI"].total == Decimal("2.00")
    assert orgs["No lead"].total == Decimal("300.00")
    assert s.by_organisation.rows[-1].label == "No lead"
    # Years: a year counts there; no year → spread over 2026-2027; neither → "No year".
    years = rows(s.by_year)
    assert years["2026"].total == Decimal("1500.00")  # 1000 + half of 1000
    assert years["2027"].total == Decimal("500.00")
    assert years["2028"].total == Decimal("2.00")
    assert years["No year"].total == Decimal("300.00")
    assert s.by_year.total == s.total.total and s.spread_lines == 1
    security = rows(s.by_security)
    assert security["Secured"].total == Decimal("1300.00")
    assert security["Not secured"].total == Decimal("1002.00")
    for table in s.tables:
        for row in table.rows:
            assert isinstance(row.total, Decimal)


def test_summary_in_riel(budget_plan, plan):
    update_settings(plan, khr_per_usd=Decimal("4000"), report_currency="KHR")
    s = queries.summary(plan)
    assert s.total.total == Decimal("4000000") + Decimal("4100000") + Decimal("1200000") \
        + Decimal("8200")
    assert queries.money(s.total.total, "KHR") == "9,308,200 KHR"


def test_update_settings_refuses_bad_values(plan):
    from django.core.exceptions import ValidationError

    for rate, currency in (("0", "USD"), ("-1", "USD"), ("abc", "USD"), ("4100", "EUR")):
        with pytest.raises(ValidationError):
            update_settings(plan, khr_per_usd=rate, report_currency=currency)
    assert queries.settings_for(plan).khr_per_usd == Decimal("4100")


def test_page_tables_and_charts(client_as, budget_plan, plan):
    response = client_as(Role.VIEWER).get(url("budget", plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2,302.00 USD" in html and "4,108,200 KHR" in html and "1,300.00 USD" in html
    assert "split evenly" in html and "No lead" in html
    assert "1 Action has no budget yet." in html
    assert url("export_framework_xlsx", plan) in html
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        assert 'role="img"' in svg and "<title " in svg and "<script" not in svg
        assert 'font-family="Noto Sans Khmer' in svg
    for key in ("pillar", "organisation", "year", "secured"):
        section = html.split(f'id="chart-{key}-title"')[1].split("</section>")[0]
        assert "<table>" in section and "<caption>" in section and 'scope="col"' in section
    assert "style=" not in html
    assert 'action="' + url("budget_settings", plan) not in html  # not a coordinator


def test_chart_labels_in_khmer(client, members, budget_plan, plan):
    user = members[Role.VIEWER]
    user.language = "km"
    user.save()
    client.force_login(user)
    html = client.get(url("budget", plan)).content.decode()
    svg = html.split('id="chart-pillar-title"')[1].split("</svg>")[0]
    assert ">ការចូលរួម</text>" in svg


def test_coordinator_sets_rate(client_as, budget_plan, plan):
    client = client_as(Role.COORDINATOR)
    assert 'action="' + url("budget_settings", plan) in client.get(url("budget", plan)) \
        .content.decode()
    response = client.post(url("budget_settings", plan),
                           {"khr_per_usd": "2050", "report_currency": "USD"})
    assert response.status_code == 302
    settings = BudgetSettings.objects.get(plan=plan)
    assert settings.khr_per_usd == Decimal("2050")
    assert queries.summary(plan).total.total == Decimal("1300") + Decimal("2000") \
        + Decimal("4")
    # An empty or bad POST re-renders the page with errors and changes nothing.
    response = client.post(url("budget_settings", plan), {})
    assert response.status_code == 200 and b"This field is required" in response.content
    response = client.post(url("budget_settings", plan),
                           {"khr_per_usd": "0", "report_currency": "USD"})
    assert response.status_code == 200
    assert BudgetSettings.objects.get(plan=plan).khr_per_usd == Decimal("2050")


def test_permissions(client_as, members, budget_plan, plan):
    from django.test import Client

    assert Client().get(url("budget", plan)).status_code == 302  # anonymous → login
    for role in Role.values:
        assert client_as(role).get(url("budget", plan)).status_code == 200
    assert client_as("outsider").get(url("budget", plan)).status_code == 404
    data = {"khr_per_usd": "1", "report_currency": "KHR"}
    for role in (Role.ANALYST, Role.FACILITATOR, Role.FOCAL_POINT, Role.VIEWER):
        assert client_as(role).post(url("budget_settings", plan), data).status_code == 403
    assert client_as("outsider").post(url("budget_settings", plan), data).status_code == 404
    assert client_as(Role.COORDINATOR).get(url("budget_settings", plan)).status_code == 405
    assert queries.settings_for(plan).khr_per_usd == Decimal("4100")


def test_query_count_does_not_grow(client_as, budget_plan, plan):
    client = client_as(Role.VIEWER)
    output = budget_plan["outputs"][0]
    make_actions(plan, output, 3, lead=budget_plan["mowa"], start=10)
    client.get(url("budget", plan))
    with CaptureQueriesContext(connection) as few:
        client.get(url("budget", plan))
    make_actions(plan, output, 30, lead=budget_plan["moi"], start=20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("budget", plan))
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_chart_shortens_long_labels_and_keeps_them_whole_in_a_tooltip():
    long = "Implementation, coordination, reporting and M&E"
    rows = [queries.Row(1, long), queries.Row(2, "Short")]
    rows[0].total, rows[0].secured = Decimal("100"), Decimal("25")
    rows[1].total = Decimal("50")
    geometry = queries.chart(queries.Table("t", "T", rows, "R"), "USD")
    first, second = geometry["bars"]
    assert first["label"].endswith("…") and len(first["label"]) <= queries.LABEL_CHARS
    assert first["full_label"] == long and second["label"] == "Short"
    assert first["width"] == queries.BAR_WIDTH and second["width"] == queries.BAR_WIDTH // 2
    assert first["secured_width"] == queries.BAR_WIDTH // 4
    assert first["unsecured_width"] == first["width"] - first["secured_width"]


def test_chart_labels_are_not_cut_inside_a_khmer_cluster():
    label = "ការអនុវត្ត ការសម្របសម្រួល ការរាយការណ៍ និងការតាមដាន និងវាយតម្លៃ"
    short = queries._short(label)
    assert short.endswith("…") and label.startswith(short[:-1])
    rest = label[len(short) - 1:]
    assert queries._starts_cluster(rest, 0) or rest[0] == " "
    for n in range(5, len(label)):  # wherever the limit falls
        cut = queries._short(label[:n] + "x" * 40)
        kept = cut[:-1]
        last = ord(kept[-1])
        assert last != 0x17D2  # never ends on the coeng
