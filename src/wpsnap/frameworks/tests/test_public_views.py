import re

import pytest
from django.urls import reverse

from wpsnap.frameworks.models import Framework, FrameworkItem

PAGES = [
    ("frameworks:index", {}, ["Women, Peace and Security reference library",
                              "Sustainable Development Goals", "/library/resolutions/"]),
    ("frameworks:resolutions", {}, ["class=\"timeline\"", "Resolution 1325", "Resolution 2467",
                                    "2019", "Survivor-centred approach"]),
    ("frameworks:pillars", {}, ["Participation", "Relief and Recovery", "Cross-cutting",
                                "Implementation, coordination, reporting and M&amp;E"]),
    ("frameworks:framework", {"framework_key": "sdg"}, ["16.1", "Reduce all forms of violence"]),
    ("frameworks:framework", {"framework_key": "cambodia-policies"},
     ["NR6-P6", "Women and climate change"]),
    ("frameworks:framework", {"framework_key": "asean-rpa-wps"}, ["2.2.6", "rpa-participation"]),
    ("frameworks:item", {"framework_key": "unscr-wps", "item_key": "UNSCR-2467"},
     ["Survivor-centred", "2019-04-23", "Protection", "Legacy of past conflict",
      "Aligned in your plans", "Log in</a> to see"]),
    ("frameworks:item", {"framework_key": "sdg", "item_key": "16.1"},
     ["Landmines, cluster munitions"]),
    ("frameworks:security_issues", {}, ["Traditional", "Non-traditional", "Emerging",
                                        "Landmines, cluster munitions",
                                        "Online scam compounds"]),
    ("frameworks:security_issue", {"issue_key": "landmines-erw"},
     ["In Cambodia", "1,697 km2", "31 Dec 2030", "/library/frameworks/bpfa-area-e/E.2/",
      "/library/frameworks/sdg/16.1/"]),
    ("frameworks:cambodia", {}, ["Ministry of Women", "MoWA", "Neary Rattanak VI",
                                 "NAPVAW3-S1"]),
    ("frameworks:provinces", {}, ["<caption>", "Otdar Meanchey", "Oddar Meanchey",
                                  "ឧត្ដរមានជ័យ", "Thailand",
                                  "General Directorate of Digital Economy, Ministry of Economy "
                                  "and Finance (data.mef.gov.kh)",
                                  "keep this notice wherever the province list is shown"]),
    ("frameworks:learn", {}, ["What is a National Action Plan?", "Participation",
                              "ASEAN Regional Plan of Action", "Resolution 2493 (2019)",
                              "Monitoring, reporting and review", "LS11"]),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES,
                         ids=[f"{n}-{'-'.join(k.values())}" for n, k, _e in PAGES])
def test_public_page_for_anonymous(client, reference, name, kwargs, expected):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text
    # One <h1>, headings never skip a level, no inline script or style (strict CSP).
    assert html.count("<h1") == 1
    levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "<script>" not in html and " style=" not in html


def test_pages_render_before_anything_is_loaded(client, db):
    for name in ("index", "resolutions", "pillars", "security_issues", "cambodia", "provinces",
                 "learn"):
        response = client.get(reverse(f"frameworks:{name}"))
        assert response.status_code == 200, name


def test_uncertain_item_shows_review_badge_and_note(client, reference):
    response = client.get(reverse("frameworks:item", args=["asean-rpa-wps", "2.2.6"]))
    html = response.content.decode()
    assert 'class="badge review"' in html
    assert "Needs expert review" in html
    assert "document order" in html


def test_signed_in_user_sees_empty_alignment(client, reference, make_user):
    client.force_login(make_user("reader"))
    response = client.get(reverse("frameworks:item", args=["unscr-wps", "UNSCR-1325"]))
    assert "Nothing in your plans is aligned to this yet." in response.content.decode()


def test_unknown_pages_are_404(client, reference):
    assert client.get(reverse("frameworks:framework", args=["nope"])).status_code == 404
    assert client.get(reverse("frameworks:item", args=["sdg", "99.9"])).status_code == 404
    assert client.get(reverse("frameworks:security_issue", args=["nope"])).status_code == 404


def test_plan_frameworks_are_not_public(client, reference, plan):
    fw = Framework.objects.create(plan=plan, key="nr6-programmes", kind="national",
                                  title_en="Secret plan framework")
    FrameworkItem.objects.create(framework=fw, key="P1", label_en="Private item")
    assert client.get(reverse("frameworks:framework", args=["nr6-programmes"])).status_code == 404
    assert client.get(reverse("frameworks:item", args=["nr6-programmes", "P1"])).status_code == 404
    assert "Secret plan framework" not in client.get(reverse("frameworks:index")).content.decode()
