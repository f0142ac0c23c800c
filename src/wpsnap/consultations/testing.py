"""Helpers for tests of other apps (e.g. the authorization matrix in core)."""


def url_values(plan) -> dict:
    """Give `plan` one Consultation (with a saved mapping), a Participant with Consent and
    Contact details, a Statement, a Dataset and a Coverage target, and return values for every
    URL keyword of `consultations.urls` and `consultations.import_urls`."""
    from wpsnap.frameworks.models import Area

    from .models import (
        Consent,
        Consultation,
        ContactDetails,
        CoverageTarget,
        Dataset,
        Participant,
        Statement,
    )

    area = Area.objects.filter(country=plan.country).order_by("code").first()
    consultation = Consultation.objects.create(
        plan=plan, slug="matrix-consultation", kind=Consultation.Kind.FOCUS_GROUP,
        title_en="Matrix focus group", area=area, mapping={"text": "q1"})
    participant = Participant.objects.create(plan=plan, code="P-9001", sex="female",
                                             age_band="25_34", stakeholder_group="women",
                                             area=area)
    participant.consultations.add(consultation)
    Consent.objects.create(participant=participant, given=True)
    ContactDetails.objects.create(participant=participant, name="Matrix Person",
                                  phone="012 345 678")
    dataset = Dataset.objects.create(plan=plan, consultation=consultation,
                                     filename="matrix.csv", format=Dataset.Format.TABLE,
                                     status=Dataset.Status.IMPORTED)
    statement = Statement.objects.create(plan=plan, consultation=consultation,
                                         participant=participant, dataset=dataset,
                                         question="q1", text="Safety at the market.",
                                         language=Statement.Language.ENGLISH)
    target = CoverageTarget.objects.create(plan=plan, kind=CoverageTarget.Kind.SHARE_WOMEN,
                                           value=50)
    return {
        "consultation_slug": consultation.slug,
        "participant_id": participant.pk,
        "statement_id": statement.pk,
        "dataset_id": dataset.pk,
        "coverage_target_id": target.pk,
    }
