"""Writes after the workshop: decide on Amendments (accepting one makes a Revision of the
Finding, with provenance) and give a Finding the status its votes call for.

Both are idempotent: a double submit leaves one Revision and one status change."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wpsnap.analysis.models import Finding, Revision
from wpsnap.analysis.services.findings import WORDING, set_status, update_finding
from wpsnap.core.text import detect_language

from ..models import Amendment

ACTIONS = ("accept", "decline")


def amendment_language(amendment) -> str:
    """"km" or "en": the language the Amendment was written in (detected when not recorded)."""
    if amendment.language in ("km", "en"):
        return amendment.language
    return "km" if detect_language(amendment.text) == "km" else "en"


def proposed_wording(amendment) -> dict[str, str]:
    """The Finding's current wording with the Amendment's text in the text of the language it
    was written in: what the decision form starts from."""
    finding = amendment.item.finding
    wording = {name: getattr(finding, name) for name in WORDING}
    wording[f"text_{amendment_language(amendment)}"] = amendment.text
    return wording


def provenance_note(amendment) -> str:
    workshop = amendment.item.workshop
    return _("Accepted amendment %(number)s from the workshop “%(workshop)s” (%(code)s).") % {
        "number": amendment.pk, "workshop": workshop.t("title"), "code": workshop.join_code}


def decide_amendment(amendment, action: str, *, by, wording: dict | None = None) -> Amendment:
    """Accept (with `wording`: title_en, title_km, text_en, text_km; left out → the proposed
    wording) or decline an Amendment. Accepting writes one new Revision of the Finding
    (source "amendment", a note naming the workshop and the amendment) and links it; doing it
    again changes nothing."""
    if action not in ACTIONS:
        raise ValidationError({"action": _("Choose whether to accept or decline the amendment.")})
    if amendment.item.finding_id is None:
        raise ValidationError(_("Only an amendment of a Finding can be decided."))
    with transaction.atomic():
        amendment = (Amendment.objects.select_for_update(of=("self",))
                     .select_related("item__finding__plan", "item__workshop")
                     .get(pk=amendment.pk))
        if amendment.outcome == Amendment.Outcome.ACCEPTED:
            if action == "accept":
                return amendment  # a double submit: the Revision exists already
            raise ValidationError(_("This amendment was already accepted into a revision; "
                                    "edit the Finding to change its wording again."))
        if amendment.outcome == Amendment.Outcome.DECLINED and action == "decline":
            return amendment
        if amendment.state == Amendment.State.HIDDEN and action == "accept":
            raise ValidationError(_("This amendment was hidden by a moderator and cannot be "
                                    "accepted."))
        now = timezone.now()
        if action == "decline":
            amendment.outcome = Amendment.Outcome.DECLINED
            amendment.decided_by, amendment.decided_at = by, now
            amendment.save(update_fields=["outcome", "decided_by", "decided_at"])
            return amendment
        finding = amendment.item.finding
        given = proposed_wording(amendment)
        given.update({k: (v or "").strip() for k, v in (wording or {}).items() if k in WORDING})
        before = finding.revisions.order_by("-number").values_list("pk", flat=True).first()
        finding = update_finding(finding, by=by, source=Revision.Source.AMENDMENT,
                                 note=provenance_note(amendment), **given)
        revision = finding.revisions.order_by("-number").first()
        if revision is None or revision.pk == before:
            raise ValidationError(_("The wording is the same as the Finding's: change it to take "
                                    "the amendment in, or decline the amendment."))
        amendment.outcome = Amendment.Outcome.ACCEPTED
        amendment.revision = revision
        amendment.decided_by, amendment.decided_at = by, now
        if amendment.state == Amendment.State.PENDING:  # accepting it approves it
            amendment.state = Amendment.State.APPROVED
            amendment.moderated_by, amendment.moderated_at = by, now
        amendment.save(update_fields=["outcome", "revision", "decided_by", "decided_at", "state",
                                      "moderated_by", "moderated_at"])
        return amendment


def apply_outcome(item, *, by) -> Finding:
    """Set the Finding's status to the rule outcome of its votes (validated, amended or
    rejected). A draft Finding is first marked presented (it was presented at the workshop),
    both in one transaction; an undecided outcome changes nothing."""
    from ..queries.report import outcome, verdict_labels

    if item.finding_id is None:
        raise ValidationError(_("A question has no outcome to apply."))
    result = outcome(item)
    if result.verdict == "undecided":
        raise ValidationError(_("There are not enough votes for an outcome yet (at least "
                                "%(minimum)s votes other than “Not sure” are needed).")
                              % {"minimum": item.workshop.minimum_votes})
    status = {"validated": Finding.Status.VALIDATED, "amended": Finding.Status.AMENDED,
              "rejected": Finding.Status.REJECTED}[result.verdict]
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=item.finding_id)
        if finding.status == status:
            return finding
        if finding.status == Finding.Status.DRAFT:
            finding = set_status(finding, Finding.Status.PRESENTED, by)
        if finding.status != Finding.Status.PRESENTED:
            raise ValidationError(_(
                "This Finding is already “%(current)s”; it cannot become “%(wanted)s” from "
                "here.") % {
                    "current": finding.get_status_display(),
                    "wanted": verdict_labels()[result.verdict]})
        return set_status(finding, status, by)
