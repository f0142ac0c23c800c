"""Writes of the Workshop set-up: Workshops and breakout groups, their agenda (Findings and
extra questions), join codes, and the draft → open → closed states.

Views call these; the rules live here. Every write runs in a transaction: bad input raises a
translated ValidationError and changes nothing.
"""

import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wpsnap.analysis.models import Finding
from wpsnap.consultations.models import Consultation

from ..models import AgendaItem, Vote, Workshop

# No look-alikes (0/O, 1/I/L): a code read off a projector is typed right the first time.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes: unguessable at any rate the front allows
MIN_CHOICES, MAX_CHOICES = 2, 6
CHOICE_KEYS = "abcdef"

# Settings a Workshop may be created or edited with (everything else is set by the rules here).
SETTINGS = ("named_attendance", "results_hidden", "moderate_comments", "navigation",
            "priority_points", "priority_target", "validation_threshold", "minimum_votes")
RULE_SETTINGS = ("validation_threshold", "minimum_votes")  # only a coordinator sets the rule
TEXT_FIELDS = ("title_en", "title_km", "theme_en", "theme_km")


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _i in range(JOIN_CODE_LENGTH))


# --- Workshops ----------------------------------------------------------------------------------

def _check_settings(values: dict) -> dict:
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise TypeError(f"unknown Workshop settings: {sorted(unknown)}")
    errors = {}
    if "validation_threshold" in values:
        try:
            threshold = Decimal(str(values["validation_threshold"]))
        except (InvalidOperation, ValueError):
            threshold = None
        if threshold is None or not (Decimal("0.5") <= threshold <= Decimal("1")):
            errors["validation_threshold"] = _(
                "The validation threshold is a share between 0.5 and 1 (0.667 = two thirds).")
        else:
            values["validation_threshold"] = threshold.quantize(Decimal("0.001"))
    if "minimum_votes" in values and not (1 <= int(values["minimum_votes"]) <= 10000):
        errors["minimum_votes"] = _("The minimum number of votes is between 1 and 10,000.")
    if "priority_points" in values and not (0 <= int(values["priority_points"]) <= 100):
        errors["priority_points"] = _("Priority points are between 0 (no priority step) "
                                      "and 100.")
    if values.get("navigation", Workshop.Navigation.FOLLOW) not in Workshop.Navigation.values:
        errors["navigation"] = _("Choose how Attendees move through the agenda.")
    if values.get("priority_target", Workshop.PriorityTarget.FINDINGS) not in \
            Workshop.PriorityTarget.values:
        errors["priority_target"] = _("Choose what the priority points are spread over.")
    if errors:
        raise ValidationError(errors)
    return values


def _check_consultation(plan, consultation) -> None:
    if consultation is None or consultation.plan_id != plan.pk:
        raise ValidationError({"consultation": _("Choose a Consultation of this Plan.")})
    if consultation.kind != Consultation.Kind.VALIDATION_WORKSHOP:
        raise ValidationError({"consultation": _(
            "A Workshop belongs to a Consultation of kind “Validation workshop”.")})


def _save_new(workshop: Workshop) -> Workshop:
    """Save a new Workshop under a fresh join code, drawing again on the (unlikely) collision."""
    for _attempt in range(10):
        workshop.join_code = new_join_code()
        try:
            with transaction.atomic():
                workshop.save()
        except IntegrityError:
            if Workshop.objects.filter(join_code=workshop.join_code).exists():
                workshop.pk = None
                continue
            raise
        return workshop
    raise RuntimeError("could not draw a free join code")  # pragma: no cover - 31**8 codes


@transaction.atomic
def create_validation_consultation(plan, *, title_en, title_km="", date=None,
                                   area=None) -> Consultation:
    """A Consultation of kind validation workshop, made on the fly from the Workshop form."""
    from wpsnap.consultations.services import save_consultation

    title_en = (title_en or "").strip()
    if not title_en:
        raise ValidationError({"new_consultation_title_en": _(
            "Give the new validation workshop a title in English.")})
    base = slugify(title_en)[:70] or "validation-workshop"
    slug, n = base, 1
    while slug == "new" or Consultation.objects.filter(plan=plan, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    consultation = Consultation(plan=plan, slug=slug, kind=Consultation.Kind.VALIDATION_WORKSHOP,
                                title_en=title_en, title_km=(title_km or "").strip(), date=date,
                                area=area, language=Consultation.Language.BOTH)
    return save_consultation(plan, consultation)


@transaction.atomic
def create_workshop(plan, *, consultation, title_en, title_km="", by, parent=None,
                    theme_en="", theme_km="", **settings) -> Workshop:
    """A new draft Workshop (or breakout group of `parent`) with its own unguessable join code."""
    _check_consultation(plan, consultation)
    settings = _check_settings(dict(settings))
    title_en = (title_en or "").strip()
    if not title_en:
        raise ValidationError({"title_en": _("Give the Workshop a title in English.")})
    if parent is not None and (parent.plan_id != plan.pk or parent.parent_id):
        raise ValidationError(_("A breakout group belongs to a Workshop of this Plan (not to "
                                "another breakout group)."))
    workshop = Workshop(plan=plan, consultation=consultation, parent=parent, title_en=title_en,
                        title_km=(title_km or "").strip(), theme_en=(theme_en or "").strip(),
                        theme_km=(theme_km or "").strip(), created_by=by, **settings)
    return _save_new(workshop)


@transaction.atomic
def update_workshop(workshop: Workshop, *, by, consultation=None, **values) -> Workshop:
    """Change a Workshop's titles, theme, Consultation or settings. Who may change the rule
    (threshold, minimum votes) is decided by the view; this checks the values."""
    texts = {k: (values.pop(k) or "").strip() for k in TEXT_FIELDS if k in values}
    settings = _check_settings(values)
    if "title_en" in texts and not texts["title_en"]:
        raise ValidationError({"title_en": _("Give the Workshop a title in English.")})
    if consultation is not None:
        _check_consultation(workshop.plan, consultation)
        workshop.consultation = consultation
    for name, value in {**texts, **settings}.items():
        setattr(workshop, name, value)
    workshop.save()
    return workshop


def create_breakout(parent: Workshop, *, theme_en, theme_km="", title_en="", title_km="",
                    by) -> Workshop:
    """A breakout group: a child Workshop with a theme, its own join code and agenda, and the
    parent's settings."""
    theme_en = (theme_en or "").strip()
    if not theme_en:
        raise ValidationError({"theme_en": _("Give the breakout group a theme in English.")})
    title_en = (title_en or "").strip() or f"{parent.title_en} — {theme_en}"
    title_km = (title_km or "").strip()
    if not title_km and parent.title_km and (theme_km or "").strip():
        title_km = f"{parent.title_km} — {theme_km.strip()}"
    settings = {name: getattr(parent, name) for name in SETTINGS}
    return create_workshop(parent.plan, consultation=parent.consultation, title_en=title_en,
                           title_km=title_km, by=by, parent=parent, theme_en=theme_en,
                           theme_km=theme_km, **settings)


def _touch(workshop: Workshop, *fields: str) -> None:
    """Save `fields` and bump updated_at (the ETag of the live views)."""
    workshop.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def open_workshop(workshop: Workshop, *, by=None) -> Workshop:
    """draft → open: Attendees may join. (A closed Workshop is reopened by `reopen_workshop`.)"""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.state != Workshop.State.DRAFT:
        raise ValidationError(_("Only a draft Workshop can be opened."))
    if not workshop.items.exists():
        raise ValidationError(_("Add at least one Finding or question to the agenda before "
                                "opening the Workshop."))
    workshop.state = Workshop.State.OPEN
    workshop.opened_at = timezone.now()
    _touch(workshop, "state", "opened_at")
    return workshop


@transaction.atomic
def close_workshop(workshop: Workshop, *, by=None) -> Workshop:
    """open → closed, closing every open agenda item in the same transaction (the item rows
    are locked first, so no vote lands after the close)."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.state != Workshop.State.OPEN:
        raise ValidationError(_("Only an open Workshop can be closed."))
    now = timezone.now()
    open_items = list(AgendaItem.objects.select_for_update().filter(
        workshop=workshop, state=AgendaItem.State.OPEN).values_list("pk", flat=True))
    for item in AgendaItem.objects.filter(pk__in=open_items):
        item.state = AgendaItem.State.CLOSED
        item.closed_at = now
        item.save(update_fields=["state", "closed_at"])  # one audited change per item
    workshop.state = Workshop.State.CLOSED
    workshop.closed_at = now
    _touch(workshop, "state", "closed_at")
    return workshop


@transaction.atomic
def reopen_workshop(workshop: Workshop, *, by=None) -> Workshop:
    """closed → open (a coordinator's decision, checked by the view). Items stay closed until
    the facilitator reopens them one by one."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.state != Workshop.State.CLOSED:
        raise ValidationError(_("Only a closed Workshop can be reopened."))
    workshop.state = Workshop.State.OPEN
    workshop.closed_at = None
    _touch(workshop, "state", "closed_at")
    return workshop


@transaction.atomic
def back_to_draft(workshop: Workshop, *, by=None) -> Workshop:
    """open → draft, only while nobody has voted (e.g. opened by mistake)."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.state != Workshop.State.OPEN:
        raise ValidationError(_("Only an open Workshop can go back to draft."))
    if Vote.objects.filter(item__workshop=workshop).exists():
        raise ValidationError(_("Attendees have voted: the Workshop cannot go back to draft. "
                                "Close it instead."))
    workshop.state = Workshop.State.DRAFT
    workshop.opened_at = None
    _touch(workshop, "state", "opened_at")
    return workshop


# --- Agenda -------------------------------------------------------------------------------------

def _next_order(workshop: Workshop) -> int:
    return (workshop.items.aggregate(m=Max("order"))["m"] or 0) + 1


def _check_editable(workshop: Workshop) -> None:
    if workshop.state == Workshop.State.CLOSED:
        raise ValidationError(_("This Workshop is closed: its agenda can no longer change."))


@transaction.atomic
def add_findings(workshop: Workshop, findings) -> list[AgendaItem]:
    """Append Findings to the agenda in the order given. Findings already on it are skipped;
    rejected Findings and Findings of another Plan are refused."""
    _check_editable(workshop)
    findings = list(findings)
    if not findings:
        raise ValidationError({"findings": _("Choose at least one Finding.")})
    wrong = [f for f in findings if f.plan_id != workshop.plan_id]
    if wrong:
        raise ValidationError({"findings": _("That Finding is not in this Plan.")})
    rejected = [f.key for f in findings if f.status == Finding.Status.REJECTED]
    if rejected:
        raise ValidationError({"findings": _("Rejected Findings are not put to a Workshop: "
                                             "%(keys)s.") % {"keys": ", ".join(rejected)}})
    present = set(workshop.items.filter(finding__isnull=False).values_list("finding_id",
                                                                           flat=True))
    order = _next_order(workshop)
    added = []
    for finding in findings:
        if finding.pk in present:
            continue
        present.add(finding.pk)
        added.append(AgendaItem.objects.create(workshop=workshop, finding=finding, order=order))
        order += 1
    return added


def clean_choices(choices) -> list[dict]:
    """[{"key": "a", "label_en": …, "label_km": …}, …] from dicts or (en, km) pairs; empty rows
    dropped; 2 to 6 choices, each with a label in at least one language."""
    rows = []
    for choice in choices or ():
        if isinstance(choice, dict):
            en, km = choice.get("label_en", ""), choice.get("label_km", "")
        else:
            en, km = choice
        en, km = (en or "").strip(), (km or "").strip()
        if en or km:
            rows.append((en, km))
    if not (MIN_CHOICES <= len(rows) <= MAX_CHOICES):
        raise ValidationError({"choices": _("A question has between %(min)d and %(max)d "
                                            "choices.") % {"min": MIN_CHOICES,
                                                           "max": MAX_CHOICES}})
    return [{"key": CHOICE_KEYS[i], "label_en": en or km, "label_km": km}
            for i, (en, km) in enumerate(rows)]


def _check_question(question_en: str) -> str:
    question_en = (question_en or "").strip()
    if not question_en:
        raise ValidationError({"question_en": _("Write the question in English (and in "
                                                "Khmer).")})
    return question_en


@transaction.atomic
def add_question(workshop: Workshop, question_en, question_km, choices) -> AgendaItem:
    """Append an extra question with 2–6 choices, e.g. "Which coordination mechanism option do
    you prefer?"."""
    _check_editable(workshop)
    question_en = _check_question(question_en)
    return AgendaItem.objects.create(workshop=workshop, order=_next_order(workshop),
                                     question_en=question_en,
                                     question_km=(question_km or "").strip(),
                                     choices=clean_choices(choices))


@transaction.atomic
def update_question(item: AgendaItem, question_en, question_km, choices) -> AgendaItem:
    """Change a question's wording and choices. Once it has votes the number of choices stays
    (a vote names a choice by its key); the labels may still be corrected."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.finding_id:
        raise ValidationError(_("A Finding's wording is changed on the Finding itself."))
    _check_editable(item.workshop)
    question_en = _check_question(question_en)
    cleaned = clean_choices(choices)
    if item.votes.exists() and len(cleaned) != len(item.choices):
        raise ValidationError({"choices": _("Attendees have voted on this question: correct "
                                            "the labels, but keep the same number of "
                                            "choices.")})
    item.question_en, item.question_km, item.choices = (question_en,
                                                        (question_km or "").strip(), cleaned)
    item.save()
    return item


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    """Remove an agenda item that nobody has voted on; the others close up."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.votes.exists():
        raise ValidationError(_("Attendees have voted on this item: it cannot be deleted."))
    workshop = item.workshop
    _check_editable(workshop)
    item.delete()
    _renumber(workshop)


def _renumber(workshop: Workshop, items=None) -> None:
    items = list(workshop.items.order_by("order", "id")) if items is None else items
    for number, item in enumerate(items, start=1):
        if item.order != number:
            item.order = number
            item.save(update_fields=["order"])


@transaction.atomic
def move_item(item: AgendaItem, direction: str) -> None:
    """Swap an item with its neighbour above ("up") or below ("down"); the order stays 1…n."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move an item up or down."))
    workshop = Workshop.objects.select_for_update().get(pk=item.workshop_id)
    _check_editable(workshop)
    items = list(workshop.items.order_by("order", "id"))
    at = next(i for i, it in enumerate(items) if it.pk == item.pk)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(items):
        items[at], items[to] = items[to], items[at]
    _renumber(workshop, items)


# --- Joining ------------------------------------------------------------------------------------

def join_path(workshop: Workshop) -> str:
    """/w/<join_code>/ — the short URL in the QR code."""
    try:
        return reverse("attend:workshop", args=[workshop.join_code])
    except NoReverseMatch:  # the public front's routes not (yet) installed
        return f"/w/{workshop.join_code}/"


def join_url(request, workshop: Workshop) -> str:
    """The absolute short URL, on the host the page was asked on (the LAN address when the
    laptop serves the venue's Wi-Fi)."""
    return request.build_absolute_uri(join_path(workshop))
