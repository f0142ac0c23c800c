"""XLSX exports: an openpyxl round-trip of the results framework and the roles-and-
responsibilities matrix (sheets, bilingual headers, frozen panes, widths, formula-injection
safety, Khmer intact, numbers as numbers), file names, permissions and query counts."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wpsnap.plans.models import Role

from ..models import Action, Indicator, Responsibility, Target
from ..services.responsibilities import set_role
from .fixtures_budget import *  # noqa: F403
from .fixtures_budget import make_actions

KHMER = "បណ្តុះបណ្តាលស្ត្រីបេក្ខជន"


def url(name, plan):
    return reverse(f"planning:{name}", args=[plan.slug])


@pytest.fixture
def exported(budget_plan, plan):
    a111, a112, _a211 = budget_plan["actions"]
    Action.objects.filter(pk=a111.pk).update(title_en="=HYPERLINK(\"http://evil\")",
                                             title_km=KHMER)
    Action.objects.filter(pk=a112.pk).update(title_en="@SUM(A1:A2)", title_km="-1+1")
    o11 = budget_plan["outputs"][0]
    indicator = Indicator.objects.create(
        plan=plan, number=1, key="I-1", output=o11, title_en="+Women trained",
        title_km="ចំនួនស្ត្រីដែលបានបណ្តុះបណ្តាល", type="number", unit_en="women",
        baseline_value=Decimal("12"), baseline_year=2025, baseline_source_en="MoWA records",
        frequency="annual", responsible=budget_plan["mowa"])
    Target.objects.create(indicator=indicator, year=2027, value=Decimal("150.5"))
    Target.objects.create(indicator=indicator, year=2030, text_en="All provinces")
    from wpsnap.frameworks.models import Area

    a111.areas.add(Area.objects.get(code="02"))
    Action.objects.filter(pk=a111.pk).update(national=True)
    Indicator.objects.filter(pk=indicator.pk).update(unit_km="women")
    outcome2 = budget_plan["outputs"][1].outcome
    Indicator.objects.create(plan=plan, number=2, key="I-2", outcome=outcome2,
                             title_en="Law adopted", type="yes_no")
    set_role(budget_plan["outputs"][0], budget_plan["moi"], Responsibility.Role.CONSULTED)
    return budget_plan


def load(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                    if response.streaming else response.content))


def column(sheet, header):
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header!r}")


def test_framework_round_trip(client_as, exported, plan):
    response = client_as(Role.VIEWER).get(url("export_framework_xlsx", plan))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="plan-a-results-framework-')
    assert disposition.endswith('.xlsx"')
    book = load(response)
    assert book.sheetnames == ["Results framework"]
    sheet = book["Results framework"]
    assert sheet.freeze_panes == "F3"
    headers_en = [c.value for c in sheet[1]]
    headers_km = [c.value for c in sheet[2]]
    assert headers_en[:5] == ["Pillar", "Outcome", "Output", "Action key", "Action"]
    assert headers_km[4] == "សកម្មភាព" and headers_km[13] == "លេខសម្គាល់សូចនាករ"
    assert "Budget (USD)" in headers_en
    assert [f"Target {y}" for y in range(2026, 2031)] == [
        h for h in headers_en if h and h.startswith("Target ")]
    assert headers_en[-3:] == ["Data source", "Frequency", "Responsible Organisation"]
    assert sheet.column_dimensions["E"].width == 44
    rows = {r[3].value: r for r in sheet.iter_rows(min_row=3) if r[3].value}
    assert set(rows) == {"A-1.1.1", "A-1.1.2", "A-2.1.1", "A-2.1.2"}
    a111 = rows["A-1.1.1"]
    # A formula comes back as text, neutralised; Khmer intact.
    assert a111[4].data_type == "s"
    assert a111[4].value == "'=HYPERLINK(\"http://evil\")\n" + KHMER
    assert rows["A-1.1.2"][4].value == "'@SUM(A1:A2)\n-1+1"
    assert a111[5].value == "MoWA" and a111[6].value == "MoI"
    assert a111[7].value == "2026–2027"
    assert a111[8].value == "National, Battambang\nថ្នាក់ជាតិ, បាត់ដំបង"
    assert rows["A-1.1.2"][8].value is None  # no Areas
    assert a111[10].value == 2000 and a111[11].value == 1000  # numbers, in USD
    assert "1,000.00 USD" in a111[9].value and "4,100,000 KHR" in a111[9].value
    assert "Participation / ការចូលរួម" in a111[0].value
    assert rows["A-2.1.2"][10].value is None
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            assert cell.data_type != "f"
    indicators = {r[13].value: r for r in sheet.iter_rows(min_row=3) if r[13].value}
    assert set(indicators) == {"I-1", "I-2"}
    i1 = indicators["I-1"]
    assert i1[14].value == "'+Women trained\nចំនួនស្ត្រីដែលបានបណ្តុះបណ្តាល"
    assert i1[2].value.startswith("1.1") and i1[3].value is None
    assert i1[18].value == 12 and i1[19].value == 2025
    assert i1[16].value == "women"  # the same unit in both languages shows once
    t2027 = column(sheet, "Target 2027")
    t2030 = column(sheet, "Target 2030")
    assert sheet.cell(row=i1[0].row, column=t2027).value == 150.5
    assert sheet.cell(row=i1[0].row, column=t2030).value == "All provinces"
    assert i1[-1].value == "MoWA" and i1[-2].value == "Yearly / ប្រចាំឆ្នាំ"
    assert indicators["I-2"][15].value == "Yes / no / បាទ/ចាស ឬ ទេ"


def test_matrix_round_trip(client_as, exported, plan):
    response = client_as(Role.FOCAL_POINT).get(url("export_matrix_xlsx", plan))
    assert "roles-and-responsibilities" in response["Content-Disposition"]
    book = load(response)
    assert book.sheetnames == ["Roles and responsibilities"]
    sheet = book.active
    assert sheet.freeze_panes == "C3"
    assert sheet["A1"].value == "Organisation" and sheet["A2"].value == "ស្ថាប័ន"
    headers = [c.value for c in sheet[1]]
    assert headers[2].startswith("Output 1.1:") and headers[3].startswith("Action A-1.1.1:")
    assert sheet.cell(row=2, column=4).value.startswith("សកម្មភាព A-1.1.1: " + KHMER)
    # The Action title starting with "=" is not at the start of the header: no formula.
    by_org = {r[1].value: r for r in sheet.iter_rows(min_row=3)}
    assert by_org["MoWA"][3].value == "Lead / ដឹកនាំ"
    assert by_org["MoI"][3].value == "Support / គាំទ្រ"
    assert by_org["MoI"][2].value == "Consulted / ពិគ្រោះយោបល់"
    assert by_org["MoI"][0].value == "Ministry of Interior\nក្រសួងមហាផ្ទៃ"
    assert sheet.column_dimensions["A"].width == 40
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_permissions(client_as, exported, plan):
    from django.test import Client

    for name in ("export_framework_xlsx", "export_matrix_xlsx"):
        assert Client().get(url(name, plan)).status_code == 302
        for role in Role.values:
            assert client_as(role).get(url(name, plan)).status_code == 200
        assert client_as("outsider").get(url(name, plan)).status_code == 404
        assert client_as(Role.COORDINATOR).post(url(name, plan)).status_code == 405


@pytest.mark.parametrize("name", ["export_framework_xlsx", "export_matrix_xlsx"])
def test_query_count_does_not_grow(client_as, exported, plan, name):
    client = client_as(Role.VIEWER)
    output = exported["outputs"][0]
    make_actions(plan, output, 3, lead=exported["mowa"], start=10)
    client.get(url(name, plan))  # creates the budget settings
    with CaptureQueriesContext(connection) as few:
        client.get(url(name, plan))
    make_actions(plan, output, 30, lead=exported["moi"], start=20)
    with CaptureQueriesContext(connection) as many:
        client.get(url(name, plan))
    assert len(many) == len(few)
