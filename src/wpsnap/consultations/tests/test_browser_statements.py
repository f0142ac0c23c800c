"""The Statements browser: Khmer and English search, filters, keyset pagination, and what
members outside the workspace do not see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsnap.consultations import queries
from wpsnap.consultations.models import Consent, Statement
from wpsnap.plans.models import Role

from .conftest import add_statement


def url(name, plan, *args):
    return reverse(f"consult:{name}", args=[plan.slug, *args])


def browse(client, plan, **params):
    response = client.get(url("statements", plan), params)
    assert response.status_code == 200
    return response


def texts(response):
    return [s.text for s in response.context["page"].items]


def test_khmer_word_is_found_inside_a_sentence_without_spaces(client_as, plan, participants):
    client = client_as(Role.ANALYST)
    found = texts(browse(client, plan, q="សុវត្ថិភាព"))  # "safety", inside a sentence
    assert found and all("សុវត្ថិភាព" in t for t in found)
    assert len(found) == 3  # P-0001, P-0005, P-0009 said KHMER_SENTENCES[0]
    # A Khmer word of two segments ("landmine") is matched as a phrase.
    assert len(texts(browse(client, plan, q="គ្រាប់មីន"))) == 3
    # Khmer is also matched as typed inside the text (as Ctrl+F would), so the start of a word
    # finds it too; a Khmer word absent from every Statement finds nothing.
    assert len(texts(browse(client, plan, q="សុវត្ថិ"))) == 3
    assert texts(browse(client, plan, q="ទន្លេ")) == []


def test_english_search_is_case_insensitive_and_whole_word(client_as, plan, participants):
    client = client_as(Role.ANALYST)
    found = texts(browse(client, plan, q="LANDMINES"))
    assert len(found) == 3 and all("Landmines" in t for t in found)
    assert texts(browse(client, plan, q="landmine")) == []  # whole words only
    both = texts(browse(client, plan, q="women market"))
    assert both and all("market" in t and "Women" in t for t in both)
    assert len(texts(browse(client, plan, q='"young people"'))) == 3
    assert texts(browse(client, plan, q='"people young"')) == []


def test_translation_is_searched_too(plan, participants):
    s = participants[0].statements.get(language="km")
    s.translation = "Women need safety at the market."
    s.save()
    found = queries.search_statements(queries.visible_statements(plan), "safety")
    assert list(found) == [s]


def test_search_phrases():
    assert queries.search_phrases('Women  "safe transport" ') == ["safe transport", "women"]
    assert queries.search_phrases("គ្រាប់មីន") == ["គ្រាប់ មីន"]
    assert queries.search_phrases('"" ,,') == []


def test_filters(client_as, plan, participants, consultation, survey, areas):
    client = client_as(Role.ANALYST)
    extra = add_statement(participants[0], survey, "Survey answer about jobs.", question="q_jobs")
    assert texts(browse(client, plan, consultation=survey.slug)) == [extra.text]
    assert texts(browse(client, plan, kind="survey")) == [extra.text]
    assert texts(browse(client, plan, question="q_jobs")) == [extra.text]
    assert len(texts(browse(client, plan, language="km"))) == 12
    assert len(texts(browse(client, plan, sex="male"))) == 6
    assert len(texts(browse(client, plan, area="02"))) == 6
    assert len(texts(browse(client, plan, stakeholder_group="youth"))) == 5
    assert len(texts(browse(client, plan, age_band="18_24", sex="female",
                              language="en"))) == 3  # incl. the survey answer
    # Filters combine with search.
    assert len(texts(browse(client, plan, q="Landmines", area="17"))) == 1
    # A bad filter is reported and ignored, not a crash.
    response = browse(client, plan, sex="robot", kind="survey")
    assert "were not applied" in response.content.decode()
    assert texts(response) == [extra.text]
    response = browse(client, plan, consultation="no-such-consultation")
    assert response.context["form"].errors


def test_keyset_pagination_has_no_duplicates_and_no_gaps(client_as, plan, consultation,
                                                         participants):
    for i in range(40):
        add_statement(participants[i % 12], consultation, f"Extra statement number {i}.")
    expected = list(queries.visible_statements(plan).order_by("id").values_list("id", flat=True))
    assert len(expected) == 64
    client = client_as(Role.ANALYST)
    seen, response, pages = [], browse(client, plan), 0
    while True:
        pages += 1
        page = response.context["page"]
        seen += [s.id for s in page.items]
        assert page.count == 64 and not page.capped
        if not page.next_after:
            break
        assert response.context["next_query"] in response.content.decode().replace("&amp;", "&")
        response = browse(client, plan, after=page.next_after)
    assert seen == expected and pages == 3
    # Going back from the last page gives the page before it.
    last_first = response.context["page"].items[0].id
    back = browse(client, plan, before=last_first).context["page"]
    assert [s.id for s in back.items] == expected[25:50]
    assert back.prev_before == expected[25] and back.next_after == expected[49]


def test_pagination_keeps_filters_and_runs_few_queries(client_as, plan, consultation,
                                                       participants):
    for i in range(30):
        add_statement(participants[1], consultation, f"Women speak {i}.")
    client = client_as(Role.ANALYST)
    response = browse(client, plan, q="women", language="en")
    page = response.context["page"]
    assert "q=women" in response.context["next_query"]
    second = browse(client, plan, q="women", language="en", after=page.next_after)
    assert all("women" in s.text.lower() for s in second.context["page"].items)
    with CaptureQueriesContext(connection) as ctx:
        queries.keyset_page(queries.visible_statements(plan), after=page.next_after)
    assert len(ctx.captured_queries) <= 3
    assert not any("OFFSET" in q["sql"].upper() for q in ctx.captured_queries)


def test_count_is_capped(plan, consultation, participants, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 10)
    page = queries.keyset_page(queries.visible_statements(plan))
    assert page.capped and page.count == 10


def test_bad_page_ids_give_the_first_page(client_as, plan, participants):
    response = browse(client_as(Role.ANALYST), plan, after="abc", before="-3")
    assert len(response.context["page"].items) == 24


def test_viewers_see_groups_but_not_codes(client_as, plan, participants):
    html = browse(client_as(Role.VIEWER), plan).content.decode()
    assert "P-0001" not in html and "Women and girls" in html
    assert 'lang="km"' in html
    html = browse(client_as(Role.ANALYST), plan).content.decode()
    assert "P-0001" in html


def test_do_not_quote_statements_stay_in_the_workspace(client_as, plan, participants):
    p = participants[2]
    Consent.objects.filter(participant=p).update(scope=Consent.Scope.DO_NOT_QUOTE)
    own = p.statements.first()
    viewer = client_as(Role.VIEWER)
    assert len(browse(viewer, plan).context["page"].items) == 22
    assert viewer.get(url("statement_detail", plan, own.pk)).status_code == 404
    analyst = client_as(Role.ANALYST)
    response = analyst.get(url("statement_detail", plan, own.pk))
    assert response.status_code == 200
    assert "do not quote" in response.content.decode()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOCAL_POINT, Role.ANALYST])
def test_statement_detail(client_as, plan, participants, role):
    s = participants[0].statements.get(language="km")
    s.translation = "Women need safety at the market."
    s.save()
    response = client_as(role).get(url("statement_detail", plan, s.pk))
    html = response.content.decode()
    assert f'<p lang="km">{s.text}</p>' in html
    assert 'lang="en"' in html and "safety at the market" in html
    assert ("P-0001" in html) == (role == Role.ANALYST)


def test_statement_of_another_plan_is_not_found(client_as, plan, other_plan, participants):
    from wpsnap.consultations.models import Consultation

    theirs = Consultation.objects.create(plan=other_plan, slug="x", kind="survey", title_en="X")
    s = Statement.objects.create(plan=other_plan, consultation=theirs, text="Elsewhere",
                                 language="en")
    assert client_as(Role.COORDINATOR).get(url("statement_detail", plan, s.pk)).status_code \
        == 404


def test_khmer_word_is_found_however_the_segmenter_cuts_it(client_as, plan, consultation):
    """"ជួញដូរមនុស្ស" alone is cut as ជួញដូរ|មនុស្ស but inside the sentence as ការជួញដូរ|មនុស្ស."""
    from django.urls import reverse

    from wpsnap.consultations.models import Statement

    Statement.objects.create(plan=plan, consultation=consultation, language="km",
                             text="យើងព្រួយបារម្ភអំពីការជួញដូរមនុស្សនៅតាមព្រំដែន។")
    Statement.objects.create(plan=plan, consultation=consultation, language="km",
                             text="ស្ត្រីភ័យខ្លាចគ្រាប់មីននៅវាលស្រែ។")
    page = client_as("analyst").get(reverse("consult:statements", args=[plan.slug]),
                                     {"q": "ជួញដូរមនុស្ស"})
    html = page.content.decode()
    assert "ការជួញដូរមនុស្សនៅតាមព្រំដែន" in html
    assert "គ្រាប់មីន" not in html
