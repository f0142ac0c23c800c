"""Writes the demo Validate into the demo Plan through the Validate services, as a workshop
would have: the facilitator sets up the Workshop, opens it, shows each Finding, the room votes,
comments and proposes new wordings, the facilitator moderates and closes voting; afterwards the
coordinator accepts one Amendment into a Revision and the Findings' statuses follow the rule.

Idempotent: each Workshop is found by its fixed join code and written only when missing, so a
second run adds nothing and leaves later work (e.g. votes cast on the open Workshop) alone.
"""

import logging
from collections import Counter

from django.contrib.auth import get_user_model

from wpsnap.analysis.demo.coding import roll
from wpsnap.analysis.models import Finding
from wpsnap.analysis.services.findings import set_status
from wpsnap.consultations.models import Consultation
from wpsnap.frameworks.models import Area

from ..models import AgendaItem, Amendment, Attendee, Comment, Priority, Vote, Workshop
from . import content as C

logger = logging.getLogger(__name__)

FACILITATOR = "demo-facilitator"
COORDINATOR = "demo-coordinator"
CHOICES = tuple(Vote.Choice.values)  # agree, agree_with_changes, disagree, not_sure


class DemoValidationError(Exception):
    """The demo Validate cannot be loaded (e.g. the demo Findings are missing)."""


def _users():
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=[FACILITATOR, COORDINATOR])}
    return users.get(FACILITATOR), users.get(COORDINATOR)


def _consultation(plan) -> Consultation:
    spec = dict(C.CONSULTATION)
    area = Area.objects.filter(country=plan.country, code=spec.pop("area")).first()
    consultation, _created = Consultation.objects.get_or_create(
        plan=plan, slug=C.CONSULTATION_SLUG, defaults={**spec, "area": area})
    return consultation


def _findings(plan, keys) -> list[Finding]:
    by_key = {f.key: f for f in Finding.objects.filter(plan=plan, key__in=keys)}
    missing = [k for k in keys if k not in by_key]
    if missing:
        raise DemoValidationError(f"The demo Findings {', '.join(missing)} are missing: load the "
                                  "demo Analyse first.")
    return [by_key[k] for k in keys]


def _present(findings, by) -> None:
    """Findings put to the room are presented (draft → presented)."""
    for finding in findings:
        if finding.status == Finding.Status.DRAFT:
            set_status(finding, Finding.Status.PRESENTED, by)


def _new_workshop(plan, consultation, code, titles, by, **settings) -> Workshop:
    from ..services.setup import create_workshop

    workshop = create_workshop(plan, consultation=consultation, by=by, **titles, **settings)
    # A fixed join code (V1's alphabet), so the printed code stays the same on every run.
    Workshop.objects.filter(pk=workshop.pk).update(join_code=code)
    workshop.join_code = code
    return workshop


# --- Attendees ----------------------------------------------------------------------------------

def attendee_profiles() -> list[dict]:
    """The 60 Attendees' declared profiles (deterministic); the last few declared nothing."""
    profiles = []
    for group, count, women, provinces, khmer in C.ATTENDEE_GROUPS:
        for n in range(count):
            salt = f"{group}-{n}"
            bands = C.YOUTH_BANDS if group == "youth" else C.ADULT_BANDS
            profiles.append({
                "stakeholder_group": group,
                "sex": "female" if roll(salt, "sex") < women else "male",
                "age_band": bands[int(roll(salt, "age") * len(bands))],
                "area": provinces[int(roll(salt, "province") * len(provinces))],
                "language": "km" if roll(salt, "language") < khmer else "en",
            })
    for n in range(C.UNDECLARED):  # skipped the optional step; replace the last ones
        profiles[-1 - 4 * n] = {"language": "km" if n else "en"}
    return profiles


def _attendees(workshop) -> list[Attendee]:
    from ..services.attendance import join

    areas = {a.code: a for a in Area.objects.filter(country=workshop.plan.country)}
    attendees = []
    for profile in attendee_profiles():
        profile = dict(profile)
        if "area" in profile:
            profile["area"] = areas.get(profile["area"])
        attendee, _token, _created = join(workshop, **profile)
        attendees.append(attendee)
    return attendees


# --- The session --------------------------------------------------------------------------------

def choice_for(key: str, n: int) -> str | None:
    """Attendee n's vote on Finding `key` (None: did not vote)."""
    if roll(key, str(n), "turnout") >= C.TURNOUT:
        return None
    r, edge = roll(key, str(n), "vote"), 0.0
    shares = C.PROFILES.get(key, C.USUAL)
    for choice, share in zip(CHOICES, shares, strict=True):
        edge += share
        if r < edge:
            return choice
    return CHOICES[-1]


def _author(attendees, language: str, salt: str, used: set) -> Attendee:
    """A different Attendee for each remark, writing in `language`."""
    same = [a for a in attendees if a.language == language] or attendees
    pool = [a for a in same if a.pk not in used] or same
    author = pool[int(roll(salt, "author") * len(pool))]
    used.add(author.pk)
    return author


def _run(workshop, attendees, facilitator) -> dict:
    """Show each item, let the room vote, comment and amend, moderate, close voting."""
    from ..services.running import close_item, go_to, moderate
    from ..services.voting import add_comment, cast_vote, propose_amendment

    counts = Counter()
    used: set[int] = set()
    for item in workshop.items.select_related("finding").order_by("order", "id"):
        key = item.finding.key
        go_to(workshop, item, by=facilitator)
        for n, attendee in enumerate(attendees):
            choice = choice_for(key, n)
            if choice is None:
                continue
            if roll(key, str(n), "changed") < 0.04:  # changed their mind: one row all the same
                first = "not_sure" if choice != "not_sure" else "agree"
                cast_vote(attendee, item, first, idempotency_key=f"demo-{key}-{n}-a")
            cast_vote(attendee, item, choice, idempotency_key=f"demo-{key}-{n}")
            counts["votes"] += 1
        for i, remark in enumerate(r for r in C.COMMENTS if r.key == key):
            author = _author(attendees, remark.language, f"comment-{key}-{i}", used)
            comment = add_comment(author, item, remark.text,
                                  idempotency_key=f"demo-comment-{key}-{i}")
            moderate(comment, "hide" if remark.hidden else "approve", by=facilitator)
            counts["comments"] += 1
        for i, proposal in enumerate(p for p in C.AMENDMENTS if p.key == key):
            author = _author(attendees, proposal.language, f"amend-{key}-{i}", used)
            amendment = propose_amendment(author, item, proposal.text,
                                          idempotency_key=f"demo-amend-{key}-{i}")
            moderate(amendment, "approve", by=facilitator)
            counts["amendments"] += 1
        close_item(item, by=facilitator)
    return counts


def _priorities(workshop, attendees) -> int:
    """Most Attendees spread their 10 points over two to four Findings."""
    from ..queries.attendance import priority_targets
    from ..services.voting import set_priorities

    targets = priority_targets(workshop)
    given = 0
    for n, attendee in enumerate(attendees):
        if roll(str(n), "priorities") >= 0.8:
            continue
        ranked = sorted(targets, key=lambda f, n=n: roll(f.key, str(n), "priority")
                        - (0.25 if f.key in ("F-01", "F-19", "F-12") else 0))
        spread = {2: (6, 4), 3: (5, 3, 2), 4: (4, 3, 2, 1)}[2 + int(roll(str(n), "k") * 3)]
        set_priorities(attendee, {f.pk: p for f, p in zip(ranked, spread, strict=False)})
        given += 1
    return given


def _decide(workshop, coordinator) -> dict:
    """After the workshop: the coordinator accepts one Amendment into a Revision and declines
    another, then gives each Finding the status its rule outcome says (V4's services)."""
    from ..queries.report import outcome
    from ..services.report import apply_outcome, decide_amendment

    decided = Counter()
    amendments = {(a.item.finding.key, a.text): a for a in
                  Amendment.objects.filter(item__workshop=workshop)
                  .select_related("item__finding")}
    for proposal in C.AMENDMENTS:
        amendment = amendments.get((proposal.key, proposal.text))
        if amendment is None or proposal.outcome == "open":
            continue
        if proposal.outcome == "accepted":
            finding = amendment.item.finding
            wording = {
                "title_en": C.ACCEPTED_WORDING["title_en"],
                "title_km": C.ACCEPTED_WORDING["title_km"],
                "text_en": finding.text_en + C.ACCEPTED_WORDING["text_extra_en"],
                "text_km": finding.text_km + C.ACCEPTED_WORDING["text_extra_km"],
            }
            decide_amendment(amendment, "accept", by=coordinator, wording=wording)
        else:
            decide_amendment(amendment, "decline", by=coordinator)
        decided[f"amendments_{proposal.outcome}"] += 1
    for item in workshop.items.select_related("finding", "workshop").order_by("order", "id"):
        verdict = outcome(item).verdict
        if verdict != "undecided":
            apply_outcome(item, by=coordinator)
        decided[verdict] += 1
    return decided


def _closed_workshop(plan, consultation, facilitator, coordinator) -> tuple[Workshop, dict]:
    from ..services.setup import add_findings, close_workshop, open_workshop

    found = Workshop.objects.filter(join_code=C.CLOSED_CODE, plan=plan).first()
    if found is not None:
        return found, {}
    findings = _findings(plan, C.CLOSED_AGENDA)
    _present(findings, coordinator)
    workshop = _new_workshop(plan, consultation, C.CLOSED_CODE, C.CLOSED_WORKSHOP, facilitator,
                             priority_points=C.PRIORITY_POINTS,
                             navigation=Workshop.Navigation.FOLLOW)
    add_findings(workshop, findings)
    workshop = open_workshop(workshop, by=facilitator)
    attendees = _attendees(workshop)
    counts = _run(workshop, attendees, facilitator)
    counts["priorities"] = _priorities(workshop, attendees)
    workshop = close_workshop(workshop, by=facilitator)
    counts.update(_decide(workshop, coordinator))
    return workshop, dict(counts)


def _open_workshop(plan, consultation, facilitator, coordinator) -> tuple[Workshop, bool]:
    from ..services.running import go_to
    from ..services.setup import add_findings, add_question, open_workshop

    found = Workshop.objects.filter(join_code=C.OPEN_CODE, plan=plan).first()
    if found is not None:
        return found, False
    findings = _findings(plan, C.OPEN_AGENDA)
    _present(findings, coordinator)
    workshop = _new_workshop(plan, consultation, C.OPEN_CODE, C.OPEN_WORKSHOP, facilitator,
                             priority_points=C.PRIORITY_POINTS,
                             navigation=Workshop.Navigation.FOLLOW)
    add_findings(workshop, findings)
    add_question(workshop, C.QUESTION["question_en"], C.QUESTION["question_km"],
                 C.QUESTION["choices"])
    workshop = open_workshop(workshop, by=facilitator)
    go_to(workshop, workshop.items.order_by("order", "id").first(), by=facilitator)
    return workshop, True


def load(plan) -> dict:
    """Everything of the demo Validate (see `wpsnap.validation.demo.load`)."""
    facilitator, coordinator = _users()
    if coordinator is None:
        raise DemoValidationError("The demo user demo-coordinator is missing: run "
                                  "`wpsnap load_demo`.")
    facilitator = facilitator or coordinator
    consultation = _consultation(plan)
    closed, counts = _closed_workshop(plan, consultation, facilitator, coordinator)
    opened, opened_new = _open_workshop(plan, consultation, facilitator, coordinator)
    workshops = Workshop.objects.filter(plan=plan)
    statuses = Counter(closed.items.filter(finding__isnull=False)
                       .values_list("finding__status", flat=True))
    return {
        **{f"closed_{k}": v for k, v in counts.items()},
        "workshops": workshops.count(),
        "workshops_new": int(bool(counts)) + int(opened_new),
        "attendees": Attendee.objects.filter(workshop__plan=plan).count(),
        "votes": Vote.objects.filter(item__workshop__plan=plan).count(),
        "comments": Comment.objects.filter(item__workshop__plan=plan).count(),
        "amendments": Amendment.objects.filter(item__workshop__plan=plan).count(),
        "priorities": Priority.objects.filter(attendee__workshop__plan=plan).count(),
        "agenda_items": AgendaItem.objects.filter(workshop__plan=plan).count(),
        "closed_join_code": closed.join_code,
        "closed_statuses": dict(statuses),
        "open_join_code": opened.join_code,
        "open_state": opened.state,
    }
