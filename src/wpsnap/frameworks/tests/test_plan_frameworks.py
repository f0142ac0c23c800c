import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from wpsnap.frameworks import services
from wpsnap.frameworks.models import Framework, FrameworkItem, Pillar
from wpsnap.plans.models import Role

NON_COORDINATORS = [r for r in Role.values if r != Role.COORDINATOR]


def url(name, *args, plan="plan-a"):
    return reverse(f"plan_frameworks:{name}", args=[plan, *args])


@pytest.fixture
def nr6(plan):
    fw = services.save_plan_framework(plan, key="nr6-programmes",
                                      title_en="Neary Rattanak VI programmes")
    services.save_plan_item(plan, fw, key="P1", label_en="Women's economic empowerment")
    return fw


@pytest.mark.parametrize("role", Role.values)
def test_every_member_sees_the_list(client_as, reference, nr6, role):
    response = client_as(role).get(url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Neary Rattanak VI programmes" in html
    assert "Cambodia: national policies, plans and laws" in html
    assert ("Add a national framework" in html) == (role == Role.COORDINATOR)
    detail = client_as(role).get(url("detail", nr6.pk))
    assert detail.status_code == 200
    assert "economic empowerment" in detail.content.decode()


def test_coordinator_adds_a_framework_and_items(client_as, reference, plan):
    client = client_as(Role.COORDINATOR)
    assert client.get(url("create")).status_code == 200
    response = client.post(url("create"), {
        "key": "nr6-programmes", "title_en": "Neary Rattanak VI programmes",
        "title_km": "កម្មវិធីនារីរតនៈ ៦", "description_en": "Six priority programmes.",
        "description_km": ""})
    assert response.status_code == 302
    fw = Framework.objects.get(plan=plan, key="nr6-programmes")
    assert response.url == url("detail", fw.pk)
    assert fw.kind == "national" and fw.title_km == "កម្មវិធីនារីរតនៈ ៦"

    protection = Pillar.objects.get(key="protection")
    response = client.post(url("item_create", fw.pk), {
        "key": "P4", "label_en": "Legal protection of women and girls", "label_km": "",
        "summary_en": "", "summary_km": "", "parent": "", "pillars": [protection.pk],
        "uncertain": "on", "uncertainty_note": "Check the measures list."})
    assert response.status_code == 302, response.content.decode()
    p4 = fw.items.get(key="P4")
    assert list(p4.pillars.all()) == [protection]
    assert p4.uncertain and p4.uncertainty_note == "Check the measures list."

    response = client.post(url("item_create", fw.pk), {
        "key": "P4.1", "label_en": "NAPVAW IV", "parent": p4.pk})
    assert response.status_code == 302
    child = fw.items.get(key="P4.1")
    assert child.parent == p4

    response = client.post(url("item_edit", fw.pk, p4.pk), {
        "key": "P4", "label_en": "Legal protection (GBV, trafficking)", "pillars": []})
    assert response.status_code == 302
    p4.refresh_from_db()
    assert p4.label_en == "Legal protection (GBV, trafficking)" and not p4.pillars.exists()
    assert not p4.uncertain and p4.uncertainty_note == ""

    html = client.get(url("detail", fw.pk)).content.decode()
    assert "Legal protection (GBV, trafficking)" in html and "NAPVAW IV" in html

    response = client.post(url("edit", fw.pk), {
        "key": "nr6", "title_en": "Neary Rattanak VI"})
    assert response.status_code == 302
    fw.refresh_from_db()
    assert fw.key == "nr6" and fw.title_en == "Neary Rattanak VI"


def test_duplicate_keys_are_refused_with_a_clear_message(client_as, reference, nr6):
    client = client_as(Role.COORDINATOR)
    html = client.post(url("create"), {"key": "nr6-programmes", "title_en": "Again"}) \
        .content.decode()
    assert "This plan already has a framework with this key." in html
    html = client.post(url("create"), {"key": "cambodia-policies", "title_en": "Clash"}) \
        .content.decode()
    assert "The shared reference library already has a framework with this key." in html
    html = client.post(url("item_create", nr6.pk), {"key": "P1", "label_en": "Twice"}) \
        .content.decode()
    assert "This framework already has an item with this key." in html
    html = client.post(url("item_create", nr6.pk), {"key": "bad key/", "label_en": "x"}) \
        .content.decode()
    assert "Use letters, digits, dots" in html
    assert Framework.objects.filter(plan=nr6.plan).count() == 1
    assert nr6.items.count() == 1


def test_same_key_in_another_plan_is_fine(reference, plan, other_plan, nr6):
    other = services.save_plan_framework(other_plan, key="nr6-programmes", title_en="B's copy")
    assert other.pk != nr6.pk


@pytest.mark.parametrize("role", NON_COORDINATORS)
def test_other_roles_cannot_write(client_as, nr6, role):
    client = client_as(role)
    item = nr6.items.get()
    for target in (url("create"), url("edit", nr6.pk), url("item_create", nr6.pk),
                   url("item_edit", nr6.pk, item.pk)):
        assert client.get(target).status_code == 403, target
        assert client.post(target, {"key": "x", "title_en": "x", "label_en": "x"}) \
            .status_code == 403, target
    assert Framework.objects.count() == 1 and FrameworkItem.objects.count() == 1


def test_outsider_gets_404(client_as, nr6):
    client = client_as("outsider")
    for target in (url("list"), url("detail", nr6.pk), url("create"),
                   url("item_create", nr6.pk)):
        assert client.get(target).status_code == 404, target


def test_anonymous_is_sent_to_login(client, nr6):
    for target in (url("list"), url("detail", nr6.pk), url("create")):
        response = client.get(target)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_another_plans_framework_is_404(client_as, reference, other_plan, members):
    theirs = services.save_plan_framework(other_plan, key="theirs", title_en="Plan B framework")
    client = client_as(Role.COORDINATOR)
    assert client.get(url("detail", theirs.pk)).status_code == 404
    assert client.get(url("edit", theirs.pk)).status_code == 404
    assert client.get(url("item_create", theirs.pk)).status_code == 404


def test_services_guard_ownership_and_cycles(reference, plan, other_plan, nr6):
    reference_fw = Framework.objects.get(key="cambodia-policies", plan=None)
    with pytest.raises(ValidationError):
        services.save_plan_item(plan, reference_fw, key="X", label_en="x")
    with pytest.raises(ValidationError):
        services.save_plan_item(other_plan, nr6, key="X", label_en="x")
    parent = nr6.items.get(key="P1")
    child = services.save_plan_item(plan, nr6, key="P1.1", label_en="child", parent=parent)
    with pytest.raises(ValidationError) as exc:
        services.save_plan_item(plan, nr6, item=parent, key="P1", label_en="p", parent=child)
    assert "parent" in exc.value.message_dict


def test_writes_are_audited_with_plan_id(client_as, members, reference, plan):
    client = client_as(Role.COORDINATOR)
    client.post(url("create"), {"key": "nr6", "title_en": "Neary Rattanak VI"})
    fw = Framework.objects.get(plan=plan, key="nr6")
    pillar = Pillar.objects.get(key="participation")
    client.post(url("item_create", fw.pk), {"key": "P5", "label_en": "Leadership",
                                            "pillars": [pillar.pk]})
    item = fw.items.get(key="P5")
    fw_entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Framework),
                                         object_pk=str(fw.pk))
    item_entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(FrameworkItem), object_pk=str(item.pk))
    assert fw_entries.count() == 1 and item_entries.count() >= 1
    for entry in [*fw_entries, *item_entries]:
        assert entry.additional_data == {"plan_id": plan.pk}
        assert entry.actor == members[Role.COORDINATOR]
    assert LogEntry.objects.filter(additional_data__plan_id=plan.pk).count() >= 2
    # The plan's audit page lists them.
    response = client.get(reverse("plans:audit", args=[plan.slug]))
    assert response.status_code == 200
    assert "Neary Rattanak VI" in response.content.decode()


def test_url_values_helper_for_the_matrix(client_as, plan):
    from wpsnap.frameworks.testing import url_values

    values = url_values(plan)
    client = client_as(Role.COORDINATOR)
    assert client.get(url("item_edit", values["framework_id"],
                          values["framework_item_id"])).status_code == 200
    assert client.get(reverse("frameworks:item", args=[values["framework_key"],
                                                       values["item_key"]])).status_code == 200
    assert client.get(reverse("frameworks:security_issue",
                              args=[values["issue_key"]])).status_code == 200
