"""A small budgeted results framework for the budget and export tests."""

from decimal import Decimal

import pytest

from wpsnap.plans.models import Organisation

from ..models import Action, BudgetLine, Outcome, Output
from ..services.responsibilities import set_lead_and_support

__all__ = ["budget_plan", "make_actions", "reference"]


@pytest.fixture
def reference(db):
    from wpsnap.frameworks.models import Pillar
    from wpsnap.frameworks.services import load_reference

    if not Pillar.objects.exists():
        load_reference()
    return {p.key: p for p in Pillar.objects.all()}


def make_actions(plan, output, n, *, lead=None, start=0):
    """`n` Actions on `output`, each with a lead and one USD and one KHR budget line."""
    made = []
    for i in range(start + 1, start + n + 1):
        action = Action.objects.create(plan=plan, output=output, number=i,
                                       key=f"A-{output.key}.{i}", title_en=f"Action {i}",
                                       title_km=f"សកម្មភាព {i}", start_year=2026,
                                       end_year=2027)
        if lead is not None:
            set_lead_and_support(action, lead, [])
        BudgetLine.objects.create(action=action, amount=Decimal("100"), currency="USD",
                                  secured=True, year=2026)
        BudgetLine.objects.create(action=action, amount=Decimal("41000"), currency="KHR")
        made.append(action)
    return made


@pytest.fixture
def budget_plan(plan, organisation, reference):
    """Outcome 1 under two Pillars (split) and Outcome 2 under one; Actions:
    A-1.1.1 lead MoWA, 1,000 USD secured in 2026 + 4,100,000 KHR unsecured spread 2026-2027;
    A-1.1.2 no lead, 300 USD secured, no year and no timeframe;
    A-2.1.1 lead MoI, 8,200 KHR not secured, year 2028;
    A-2.1.2 no budget."""
    moi = Organisation.objects.create(plan=plan, name_en="Ministry of Interior",
                                      name_km="ក្រសួងមហាផ្ទៃ", abbreviation="MoI",
                                      type="national_government")
    one = Outcome.objects.create(plan=plan, number=1, key="1", title_en="Participation")
    one.pillars.add(reference["participation"], reference["prevention"])
    two = Outcome.objects.create(plan=plan, number=2, key="2", title_en="Protection")
    two.pillars.add(reference["protection"])
    o11 = Output.objects.create(plan=plan, outcome=one, number=1, key="1.1", title_en="O 1.1")
    o21 = Output.objects.create(plan=plan, outcome=two, number=1, key="2.1", title_en="O 2.1")
    a111 = Action.objects.create(plan=plan, output=o11, number=1, key="A-1.1.1",
                                 title_en="Train", start_year=2026, end_year=2027)
    set_lead_and_support(a111, organisation, [moi])
    BudgetLine.objects.create(action=a111, amount=Decimal("1000"), currency="USD",
                              secured=True, year=2026)
    BudgetLine.objects.create(action=a111, amount=Decimal("4100000"), currency="KHR",
                              secured=False)
    a112 = Action.objects.create(plan=plan, output=o11, number=2, key="A-1.1.2",
                                 title_en="Talk")
    BudgetLine.objects.create(action=a112, amount=Decimal("300"), currency="USD", secured=True)
    a211 = Action.objects.create(plan=plan, output=o21, number=1, key="A-2.1.1",
                                 title_en="Protect", start_year=2028, end_year=2028)
    set_lead_and_support(a211, moi, [])
    BudgetLine.objects.create(action=a211, amount=Decimal("8200"), currency="KHR", year=2028)
    Action.objects.create(plan=plan, output=o21, number=2, key="A-2.1.2", title_en="Nothing")
    return {"moi": moi, "mowa": organisation, "outputs": (o11, o21),
            "actions": (a111, a112, a211)}
