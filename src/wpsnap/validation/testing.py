"""Helpers for tests of other apps (e.g. the authorization matrix in core)."""


def url_values(plan) -> dict:
    """Give `plan` an open Workshop with one Finding on its agenda, an Attendee with a Vote, a
    Comment and an Amendment, and return values for every URL keyword of validation's URLs.

    Runs after analysis.testing.url_values (INSTALLED_APPS order): the Plan has Finding F-01."""
    from wpsnap.analysis.models import Finding
    from wpsnap.consultations.models import Consultation

    from .models import AgendaItem, Amendment, Attendee, Comment, Vote, Workshop

    consultation = Consultation.objects.create(
        plan=plan, slug=f"matrix-validation-{plan.pk}", title_en="Matrix validation workshop",
        kind=Consultation.Kind.VALIDATION_WORKSHOP)
    workshop = Workshop.objects.create(plan=plan, consultation=consultation,
                                       title_en="Matrix workshop",
                                       join_code=f"MATRIX{plan.pk}", state=Workshop.State.OPEN)
    finding = Finding.objects.filter(plan=plan).first()
    item = AgendaItem.objects.create(workshop=workshop, finding=finding, order=1,
                                     state=AgendaItem.State.OPEN)
    workshop.current_item = item
    workshop.save(update_fields=["current_item"])
    attendee = Attendee.objects.create(workshop=workshop, token_hash="0" * 64)
    Vote.objects.create(attendee=attendee, item=item, choice=Vote.Choice.AGREE)
    comment = Comment.objects.create(attendee=attendee, item=item, text="Add youth.")
    amendment = Amendment.objects.create(attendee=attendee, item=item,
                                         text="Women and girls in border districts…")
    return {
        "workshop_id": workshop.pk,
        "join_code": workshop.join_code,
        "item_id": item.pk,
        "comment_id": comment.pk,
        "amendment_id": amendment.pk,
    }
