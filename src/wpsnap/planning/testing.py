"""Helpers for tests of other apps (e.g. the authorization matrix in core)."""


def url_values(plan) -> dict:
    """Give `plan` a small results framework and coordination mechanism and return values for
    every URL keyword of planning.urls.

    Runs after analysis.testing (INSTALLED_APPS order): the Plan has Finding F-01 and a
    Statement. The focal point's Organisation (the first of the Plan, as in the `members`
    fixture) leads the Action and is responsible for the Indicator, so the focal point passes
    the object-level rule; other Organisations' objects are covered by planning's own tests."""
    from decimal import Decimal

    from wpsnap.analysis.models import Finding
    from wpsnap.frameworks.models import Pillar
    from wpsnap.plans.models import Organisation

    from .models import (
        Action,
        Body,
        BudgetLine,
        Goal,
        Indicator,
        IndicatorTemplate,
        Membership,
        Outcome,
        Output,
        Responsibility,
        Target,
    )

    organisation = Organisation.objects.filter(plan=plan).order_by("id").first()
    if organisation is None:
        organisation = Organisation.objects.create(plan=plan, name_en="Matrix ministry",
                                                   type="national_government")
    Goal.objects.create(plan=plan, title_en="Women and girls live in peace and security.")
    outcome = Outcome.objects.create(plan=plan, number=1, key="1",
                                     title_en="Women take part in decisions")
    pillar = Pillar.objects.order_by("order").first()
    if pillar is not None:
        outcome.pillars.add(pillar)
    output = Output.objects.create(plan=plan, outcome=outcome, number=1, key="1.1",
                                   title_en="Women candidates trained")
    action = Action.objects.create(plan=plan, output=output, number=1, key="A-1.1.1",
                                   title_en="Train women candidates", start_year=2026,
                                   end_year=2027)
    finding = Finding.objects.filter(plan=plan).first()
    if finding is not None:
        action.findings.add(finding)
    Responsibility.objects.create(plan=plan, organisation=organisation, action=action,
                                  role=Responsibility.Role.LEAD)
    budget_line = BudgetLine.objects.create(action=action, amount=Decimal("10000"),
                                            currency="USD", source_en="National budget",
                                            secured=True)
    indicator = Indicator.objects.create(plan=plan, number=1, key="I-1", output=output,
                                         title_en="Number of women candidates trained",
                                         responsible=organisation, baseline_value=0,
                                         baseline_year=2025)
    Target.objects.create(indicator=indicator, year=2027, value=200)
    template, _ = IndicatorTemplate.objects.get_or_create(
        key="matrix-women-in-parliament",
        defaults={"title_en": "Share of parliamentary seats held by women",
                  "type": "percentage", "unit_en": "%"})
    body = Body.objects.create(plan=plan, name_en="National Steering Committee",
                               kind=Body.Kind.STEERING_COMMITTEE)
    membership = Membership.objects.create(body=body, organisation=organisation,
                                           role=Membership.Role.CHAIR)
    return {
        "outcome_key": outcome.key,
        "output_key": output.key,
        "action_key": action.key,
        "indicator_key": indicator.key,
        "budget_line_id": budget_line.pk,
        "template_key": template.key,
        "body_id": body.pk,
        "membership_id": membership.pk,
        "year": 2027,
    }
