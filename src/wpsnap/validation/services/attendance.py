"""Joining a Workshop from a device, and the Attendee's optional profile.

One Attendee per Workshop per device: the device's random token (cookie `wpsnap_device`,
secrets.token_urlsafe(32)) is hashed with sha256 and the pair (workshop, token_hash) is unique
in the database, so a reload, a second tab or a double tap on "Join" is the same Attendee."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wpsnap.consultations.models import Participant

from ..models import Attendee, Workshop
from ..queries.attendance import DEVICE_COOKIE, device_token, token_hash

COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days
SEEN_EVERY = timedelta(seconds=10)  # last_seen_at is written at most this often
LANGUAGES = ("km", "en")


def new_device_token() -> str:
    return secrets.token_urlsafe(32)


def _clean_profile(workshop, profile: dict) -> dict:
    """Check the optional profile answers against the allowed choices; "" means not stated."""
    from wpsnap.frameworks.models import Area

    cleaned, errors = {}, {}
    checks = {"stakeholder_group": Participant.StakeholderGroup.values,
              "sex": Participant.Sex.values, "age_band": Participant.AgeBand.values}
    for name, allowed in checks.items():
        if name not in profile:
            continue
        value = (profile.get(name) or "").strip()
        if value and value not in allowed:
            errors[name] = _("Choose one of the options.")
        cleaned[name] = value
    if "area" in profile:
        area = profile.get("area")
        if area in (None, ""):
            cleaned["area"] = None
        else:
            area_id = area.pk if isinstance(area, Area) else area
            found = Area.objects.filter(pk=str(area_id) if str(area_id).isdigit() else None,
                                        country=workshop.plan.country).first()
            if found is None:
                errors["area"] = _("Choose one of the provinces.")
            cleaned["area"] = found
    if "name" in profile:
        name = " ".join((profile.get("name") or "").split())
        if name and not workshop.named_attendance:
            name = ""  # anonymous attendance never keeps a name
        if len(name) > 200:
            errors["name"] = _("Keep the name under 200 characters.")
        cleaned["name"] = name
    if "language" in profile:
        language = profile.get("language") or "km"
        if language not in LANGUAGES:
            errors["language"] = _("Choose Khmer or English.")
        cleaned["language"] = language
    if errors:
        raise ValidationError(errors)
    return cleaned


def join(workshop, token: str = "", *, language: str = "km",
         **profile) -> tuple[Attendee, str, bool]:
    """Make this device an Attendee of `workshop` (or find it again).

    Returns (attendee, token, created); `token` is new when none was given: the caller puts
    it in the device cookie (`set_device_cookie`). A device that already joined may come back
    to a closed Workshop (to read the results); nobody new joins a draft or closed one."""
    cleaned = _clean_profile(workshop, {**profile, "language": language})
    token = token or new_device_token()
    digest = token_hash(token)
    existing = Attendee.objects.filter(workshop=workshop, token_hash=digest).first()
    if existing is not None:
        return existing, token, False
    if workshop.state != Workshop.State.OPEN:
        raise ValidationError(_("This workshop is not open for joining."))
    now = timezone.now()
    try:
        with transaction.atomic():
            attendee = Attendee.objects.create(
                workshop=workshop, token_hash=digest, consented_at=now, last_seen_at=now,
                **cleaned)
        return attendee, token, True
    except IntegrityError:  # the same device joined at the same moment (double tap)
        return Attendee.objects.get(workshop=workshop, token_hash=digest), token, False


def update_profile(attendee, **profile) -> Attendee:
    """Change the Attendee's language and optional profile (only the fields given)."""
    cleaned = _clean_profile(attendee.workshop, profile)
    for name, value in cleaned.items():
        setattr(attendee, name, value)
    if cleaned:
        attendee.save(update_fields=list(cleaned))
    return attendee


def set_language(attendee, language: str) -> None:
    if language in LANGUAGES and attendee.language != language:
        Attendee.objects.filter(pk=attendee.pk).update(language=language)
        attendee.language = language


def touch(attendee_or_id, workshop_id=None, digest: str = "") -> None:
    """Record that the Attendee is here, at most every SEEN_EVERY (one cheap UPDATE that
    usually matches no row). Pass an Attendee, or a workshop id and token hash."""
    now = timezone.now()
    if isinstance(attendee_or_id, Attendee):
        seen = attendee_or_id.last_seen_at
        if seen is not None and seen >= now - SEEN_EVERY:
            return  # the row read in this request is fresh: no UPDATE at all
    stale = Q(last_seen_at__isnull=True) | Q(last_seen_at__lt=now - SEEN_EVERY)
    if isinstance(attendee_or_id, Attendee):
        rows = Attendee.objects.filter(pk=attendee_or_id.pk)
    else:
        rows = Attendee.objects.filter(workshop_id=workshop_id, token_hash=digest)
    rows.filter(stale).update(last_seen_at=now)


def set_device_cookie(response, request, token: str) -> None:
    """The device cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, kept a long time."""
    if device_token(request) == token:
        return
    response.set_cookie(DEVICE_COOKIE, token, max_age=COOKIE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=request.is_secure())
