"""Reads about Consultations, Participants, Statements and Coverage.

Two rules hold for every read here:
- `visible_statements(plan)` is the only way to list or count Statements: it drops the
  Statements of Participants whose consent is withdrawn, at once and everywhere.
- outside the analysts' own workspace, small counts are shown as "<5" (`suppress`).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from wpsnap.core.text import KHMER_RE, normalise, search_text
from wpsnap.plans.models import Role

from .models import Consent, Consultation, CoverageTarget, Participant, Statement

# Roles whose workspace this is: they see Participant codes, exact counts and every Statement.
WORKSPACE_ROLES = (Role.COORDINATOR, Role.ANALYST)
SMALL_CELL = 5
PAGE_SIZE = 25
COUNT_CAP = 1000


def in_workspace(member) -> bool:
    return member is not None and member.role in WORKSPACE_ROLES


# --- Statements ---------------------------------------------------------------------------------

def withdrawn_participants(plan):
    return Participant.objects.filter(plan=plan, consent__withdrawn_at__isnull=False)


def visible_statements(plan):
    """The Plan's Statements minus those of Participants whose consent is withdrawn."""
    return Statement.objects.filter(plan=plan).exclude(
        participant__consent__withdrawn_at__isnull=False)


def visible_participants(plan):
    """The Plan's Participants whose consent is not withdrawn (counted in Coverage)."""
    return Participant.objects.filter(plan=plan).exclude(consent__withdrawn_at__isnull=False)


def statements_for(member):
    """The Statements this Member may read: all visible ones in the workspace; outside it,
    not those of Participants who agreed to analysis only ("do not quote")."""
    qs = visible_statements(member.plan)
    if not in_workspace(member):
        qs = qs.exclude(participant__consent__scope=Consent.Scope.DO_NOT_QUOTE)
    return qs


QUOTED_RE = re.compile(r'"([^"]*)"')


def search_phrases(query: str) -> list[str]:
    """The phrases a query asks for, each as normalised tokens joined by spaces.

    "quoted words" stay one phrase; other words are taken one by one, and a Khmer word (which
    the segmenter may split into several tokens) is matched as the phrase of its tokens."""
    phrases = []
    for quoted in QUOTED_RE.findall(query):
        phrases.append(search_text(quoted).strip())
    rest = QUOTED_RE.sub(" ", query).replace('"', " ")
    for word in rest.split():
        phrases.append(search_text(word).strip())
    return [p for p in dict.fromkeys(phrases) if p]


def khmer_terms(query: str) -> list[str]:
    """The Khmer words or quoted phrases of a query, as typed (normalised, without spaces)."""
    terms = [*QUOTED_RE.findall(query), *QUOTED_RE.sub(" ", query).replace('"', " ").split()]
    out = []
    for term in terms:
        if KHMER_RE.search(term):
            out.append(normalise(term).replace(" ", ""))
    return [t for t in dict.fromkeys(out) if t]


def search_statements(qs, query: str):
    """Statements whose text or translation holds every word / phrase of `query`.

    Words are matched whole against the segmented `search_text`. Khmer has no spaces between
    words and the segmenter may cut a word differently inside a sentence than alone
    ("ជួញដូរមនុស្ស" alone vs "…ការជួញដូរមនុស្ស…"), so a Khmer word or phrase also matches
    where it stands as typed inside the text."""
    khmer = {search_text(term).strip(): term for term in khmer_terms(query)}
    for phrase in search_phrases(query):
        condition = Q(search_text__contains=f" {phrase} ")
        raw = khmer.get(phrase)
        if raw:
            condition |= Q(text__contains=raw) | Q(translation__contains=raw)
        qs = qs.filter(condition)
    return qs


def filter_statements(qs, data: dict):
    """Apply the cleaned filters of the Statements browser."""
    if data.get("consultation"):
        qs = qs.filter(consultation=data["consultation"])
    if data.get("kind"):
        qs = qs.filter(consultation__kind=data["kind"])
    if data.get("stakeholder_group"):
        qs = qs.filter(participant__stakeholder_group=data["stakeholder_group"])
    if data.get("area"):
        qs = qs.filter(participant__area=data["area"])
    if data.get("sex"):
        qs = qs.filter(participant__sex=data["sex"])
    if data.get("age_band"):
        qs = qs.filter(participant__age_band=data["age_band"])
    if data.get("language"):
        qs = qs.filter(language=data["language"])
    if data.get("question"):
        qs = qs.filter(question=data["question"])
    if data.get("q"):
        qs = search_statements(qs, data["q"])
    return qs


def questions(plan, consultation=None, limit: int = 300) -> list[str]:
    qs = Statement.objects.filter(plan=plan).exclude(question="")
    if consultation is not None:
        qs = qs.filter(consultation=consultation)
    return list(qs.order_by("question").values_list("question", flat=True).distinct()[:limit])


@dataclass
class KeysetPage:
    items: list
    next_after: int | None  # id for ?after= (older pages go forward by increasing id)
    prev_before: int | None  # id for ?before=
    count: int  # capped at COUNT_CAP + 1
    capped: bool


def keyset_page(qs, *, after: int | None = None, before: int | None = None,
                size: int = PAGE_SIZE) -> KeysetPage:
    """One page of `qs` in id order without OFFSET: `after` gives the page following that id,
    `before` the page preceding it. The total is counted up to COUNT_CAP only."""
    base = qs.order_by()
    if before is not None:
        rows = list(qs.filter(id__lt=before).order_by("-id")[:size + 1])
        more_before = len(rows) > size
        items = list(reversed(rows[:size]))
        more_after = True
    else:
        page_qs = qs.filter(id__gt=after) if after is not None else qs
        rows = list(page_qs.order_by("id")[:size + 1])
        more_after = len(rows) > size
        items = rows[:size]
        more_before = after is not None and base.filter(id__lte=after).exists()
    if before is not None and items:
        more_after = base.filter(id__gt=items[-1].id).exists()
    count = base.values("id")[:COUNT_CAP + 1].count()
    return KeysetPage(
        items=items,
        next_after=items[-1].id if items and more_after else None,
        prev_before=items[0].id if items and more_before else None,
        count=min(count, COUNT_CAP),
        capped=count > COUNT_CAP,
    )


# --- Participants -------------------------------------------------------------------------------

def consent_state(participant) -> str:
    """"active", "withdrawn", "not_given" or "missing" (no Consent recorded)."""
    consent = getattr(participant, "consent", None)
    if consent is None:
        return "missing"
    if consent.withdrawn_at:
        return "withdrawn"
    return "active" if consent.given else "not_given"


CONSENT_STATES = {
    "active": "Consent given",
    "withdrawn": "Consent withdrawn",
    "not_given": "Consent not given",
    "missing": "No consent recorded",
}


def filter_participants(plan, data: dict):
    qs = (Participant.objects.filter(plan=plan).select_related("area", "consent")
          .prefetch_related("consultations").order_by("code"))
    for name in ("sex", "age_band", "stakeholder_group", "organisation_type", "area"):
        if data.get(name):
            qs = qs.filter(**{name: data[name]})
    if data.get("consultation"):
        qs = qs.filter(consultations=data["consultation"])
    state = data.get("consent")
    if state == "withdrawn":
        qs = qs.filter(consent__withdrawn_at__isnull=False)
    elif state == "active":
        qs = qs.filter(consent__given=True, consent__withdrawn_at__isnull=True)
    elif state == "not_given":
        qs = qs.filter(consent__given=False, consent__withdrawn_at__isnull=True)
    elif state == "missing":
        qs = qs.filter(consent__isnull=True)
    if data.get("code"):
        qs = qs.filter(code__icontains=data["code"].strip())
    return qs


def participant_statement_count(participant) -> int | None:
    """How many Statements the Participant has, or None when consent is withdrawn (hidden)."""
    if consent_state(participant) == "withdrawn":
        return None
    return visible_statements(participant.plan).filter(participant=participant).count()


# --- Overview -----------------------------------------------------------------------------------

def overview_counts(plan) -> dict:
    by_kind = dict(Consultation.objects.filter(plan=plan).values_list("kind")
                   .annotate(n=Count("id")))
    return {
        "consultations_by_kind": [(label, by_kind.get(value, 0))
                                  for value, label in Consultation.Kind.choices],
        "consultations": sum(by_kind.values()),
        "participants": visible_participants(plan).count(),
        "withdrawn": withdrawn_participants(plan).count(),
        "statements": visible_statements(plan).count(),
        "datasets": plan.datasets.count(),
    }


def consultation_counts(consultation) -> dict:
    plan = consultation.plan
    return {
        "participants": visible_participants(plan).filter(consultations=consultation).count(),
        "statements": visible_statements(plan).filter(consultation=consultation).count(),
    }


# --- Coverage -----------------------------------------------------------------------------------

def suppress(count: int, threshold: int = SMALL_CELL) -> int | str:
    """A count fit to show outside the workspace: 1 to threshold-1 become "<threshold".
    Zero stays zero: that nobody of a kind was consulted discloses no one, and it is a gap."""
    if 0 < count < threshold:
        return f"<{threshold}"
    return count


def is_suppressed(count: int, threshold: int = SMALL_CELL) -> bool:
    return 0 < count < threshold


def protect(matrix: list[list[int]], threshold: int = SMALL_CELL) -> list[list[bool]]:
    """Which cells of a table to hide: every small cell (1 to threshold-1), and then, wherever a
    row or column hides exactly one cell, also its smallest other non-zero cell, so that the
    hidden count cannot be worked out from the total (secondary suppression)."""
    mask = [[is_suppressed(n, threshold) for n in row] for row in matrix]
    height = len(matrix)
    width = len(matrix[0]) if matrix else 0
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    lines += [[(r, c) for r in range(height)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [cell for cell in line if mask[cell[0]][cell[1]]]
            if len(hidden) != 1:
                continue
            others = [cell for cell in line
                      if not mask[cell[0]][cell[1]] and matrix[cell[0]][cell[1]] > 0]
            if others:
                r, c = min(others, key=lambda cell: matrix[cell[0]][cell[1]])
                mask[r][c] = True
                changed = True
    return mask


DIMENSIONS = ("stakeholder_group", "area", "sex", "age_band", "consultation_kind")


def dimension_labels() -> dict[str, str]:
    return {
        "stakeholder_group": _("Stakeholder group"),
        "area": _("Area"),
        "sex": _("Sex"),
        "age_band": _("Age band"),
        "consultation_kind": _("Consultation kind"),
    }


def _choices(dimension: str, plan) -> list[tuple[str, str]]:
    """(key, label) for every category of a dimension; the key is what the JSON uses."""
    from wpsnap.frameworks.models import Area

    if dimension == "sex":
        return list(Participant.Sex.choices)
    if dimension == "age_band":
        return list(Participant.AgeBand.choices)
    if dimension == "stakeholder_group":
        return [*Participant.StakeholderGroup.choices, ("unknown", _("Not stated"))]
    if dimension == "consultation_kind":
        return list(Consultation.Kind.choices)
    if dimension == "area":
        areas = Area.objects.filter(country=plan.country, level__in=["capital", "province"])
        return [*((a.code, str(a)) for a in areas), ("unknown", _("Not stated"))]
    raise ValueError(dimension)


def _count_by(qs, dimension: str) -> dict[str, int]:
    """Participants counted by one dimension."""
    key = {"consultation_kind": "consultations__kind", "area": "area__code"}.get(dimension,
                                                                                 dimension)
    rows = qs.values_list(key).annotate(n=Count("id", distinct=True)).order_by()
    out: dict[str, int] = {}
    for value, n in rows:
        if value in (None, "") and dimension == "consultation_kind":
            continue  # a Participant not linked to any Consultation
        value = value or "unknown"
        out[value] = out.get(value, 0) + n
    return out


def _statements_by(plan, statements) -> dict[str, dict[str, int]]:
    """Statements counted by each dimension: one GROUP BY per Participant and one per
    Consultation kind, then added up here (fast at 100k Statements)."""
    per_participant = dict(statements.values_list("participant_id").annotate(n=Count("id"))
                           .order_by())
    attrs = {row[0]: row[1:] for row in Participant.objects.filter(plan=plan).values_list(
        "id", "stakeholder_group", "area__code", "sex", "age_band")}
    out: dict[str, dict[str, int]] = {d: {} for d in DIMENSIONS}
    for pid, n in per_participant.items():
        values = attrs.get(pid, (None, None, None, None))
        for dim, value in zip(DIMENSIONS[:4], values, strict=True):
            key = value or "unknown"
            out[dim][key] = out[dim].get(key, 0) + n
    out["consultation_kind"] = dict(statements.values_list("consultation__kind")
                                    .annotate(n=Count("id")).order_by())
    return out


def _cross(qs, row: str, col: str) -> dict[tuple[str, str], int]:
    key = {"area": "area__code"}
    rows = qs.values_list(key.get(row, row), key.get(col, col)).annotate(
        n=Count("id")).order_by()
    out: dict[tuple[str, str], int] = {}
    for r, c, n in rows:
        k = (r or "unknown", c or "unknown")
        out[k] = out.get(k, 0) + n
    return out


@dataclass
class TargetResult:
    target: CoverageTarget
    kind: str
    value: Decimal
    actual: float | int | None  # percentage or count; None when there is nobody to count
    met: bool
    count: int  # the people the target counts (numerator)
    total: int  # the people it counts among (denominator for shares)

    def shown_actual(self, suppressed: bool):
        """The actual figure, or None when showing it would reveal a small cell."""
        if not suppressed:
            return self.actual
        if self.kind in CoverageTarget.PERCENT_KINDS:
            if is_suppressed(self.count) or is_suppressed(self.total - self.count):
                return None
            return self.actual
        return suppress(self.count)

    def message(self, suppressed: bool = False) -> str:
        t = self.target
        where = f" ({t.area})" if t.area_id else ""
        group = (Participant.StakeholderGroup(t.stakeholder_group).label
                 if t.stakeholder_group else "")
        shown = self.shown_actual(suppressed)
        value = _format_number(self.value)
        if self.kind == CoverageTarget.Kind.SHARE_WOMEN:
            subject = _("Women") if not group else _("Women among %(group)s") % {"group": group}
            return _percent_message(subject + where, shown, value, self.met, self.total)
        if self.kind == CoverageTarget.Kind.SHARE_YOUTH:
            subject = (_("Young people (under 25)") if not group else
                       _("Young people (under 25) among %(group)s") % {"group": group})
            return _percent_message(subject + where, shown, value, self.met, self.total)
        if self.kind == CoverageTarget.Kind.AREA_COVERED:
            area = str(t.area) if t.area_id else _("an unknown area")
            if self.count == 0:
                return _("Gap: no Participant from %(area)s has been consulted yet.") % {
                    "area": area}
            return _("%(area)s is covered: %(n)s Participants consulted.") % {
                "area": area, "n": shown}
        subject = (group or _("the group")) + where
        params = {"group": subject, "n": shown, "target": value}
        if self.met:
            return _("%(group)s: %(n)s Participants; the target of at least %(target)s "
                     "is met.") % params
        return _("Gap: %(group)s has %(n)s Participants; the target is at least "
                 "%(target)s.") % params


def _format_number(value) -> str:
    value = Decimal(value)
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value)


def _percent_message(subject: str, shown, value: str, met: bool, total: int) -> str:
    if total == 0:
        return _("Gap: %(subject)s: nobody has been counted yet; the target is at least "
                 "%(target)s%%.") % {"subject": subject, "target": value}
    if shown is None:
        params = {"subject": subject, "target": value}
        if met:
            return _("%(subject)s: the target of at least %(target)s%% is met (the exact "
                     "share is not shown because the numbers are small).") % params
        return _("Gap: %(subject)s: the target of at least %(target)s%% is not met (the exact "
                 "share is not shown because the numbers are small).") % params
    params = {"subject": subject, "actual": f"{shown:.0f}", "target": value}
    if met:
        return _("%(subject)s are %(actual)s%% of Participants; the target of at least "
                 "%(target)s%% is met.") % params
    return _("Gap: %(subject)s are %(actual)s%% of Participants; the target is at least "
             "%(target)s%%.") % params


def evaluate_target(target: CoverageTarget, participants) -> TargetResult:
    qs = participants
    if target.area_id:
        qs = qs.filter(area_id=target.area_id)
    if target.stakeholder_group:
        qs = qs.filter(stakeholder_group=target.stakeholder_group)
    total = qs.count()
    value = Decimal(target.value)
    if target.kind in CoverageTarget.PERCENT_KINDS:
        if target.kind == CoverageTarget.Kind.SHARE_WOMEN:
            count = qs.filter(sex=Participant.Sex.FEMALE).count()
        else:
            count = qs.filter(age_band__in=Participant.YOUTH_BANDS).count()
        actual = round(100 * count / total, 1) if total else None
        met = actual is not None and Decimal(str(actual)) >= value
        return TargetResult(target, target.kind, value, actual, met, count, total)
    minimum = value if target.kind == CoverageTarget.Kind.MIN_GROUP else max(value, Decimal(1))
    return TargetResult(target, target.kind, minimum, total, total >= minimum, total, total)


@dataclass
class Coverage:
    plan: object
    participants: int
    statements: int
    by: dict[str, dict[str, int]]  # dimension → key → Participants
    statements_by: dict[str, dict[str, int]]
    labels: dict[str, list[tuple[str, str]]]  # dimension → [(key, label)]
    cross: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    targets: list[TargetResult] = field(default_factory=list)

    @property
    def gaps(self) -> list[TargetResult]:
        return [t for t in self.targets if not t.met]


CROSS_TABLES = (("stakeholder_group", "sex"), ("area", "sex"), ("age_band", "sex"))


def coverage(plan) -> Coverage:
    """Participants (not withdrawn) and visible Statements counted by each dimension, a few
    cross-tables, and the Plan's targets evaluated."""
    participants = visible_participants(plan)
    statements = visible_statements(plan)
    by = {d: _count_by(participants, d) for d in DIMENSIONS}
    statements_by = _statements_by(plan, statements)
    labels = {d: _choices(d, plan) for d in DIMENSIONS}
    for d in DIMENSIONS:  # keys seen in data but not among the choices (e.g. another country)
        known = {k for k, _label in labels[d]}
        labels[d] += [(k, k) for k in sorted(set(by[d]) | set(statements_by[d])) if k not in known]
    cross = {f"{r}__{c}": _cross(participants, r, c) for r, c in CROSS_TABLES}
    targets = target_results(plan)
    return Coverage(plan=plan, participants=participants.count(), statements=statements.count(),
                    by=by, statements_by=statements_by, labels=labels, cross=cross,
                    targets=targets)


def target_results(plan) -> list[TargetResult]:
    """The Plan's Coverage targets evaluated (without the full tables: for the overview)."""
    participants = visible_participants(plan)
    return [evaluate_target(t, participants) for t in
            CoverageTarget.objects.filter(plan=plan).select_related("area")]


def coverage_json(plan, *, suppressed: bool = False) -> dict:
    """What `wpsnap coverage --json` prints; exact unless `suppressed`."""
    cov = coverage(plan)
    show = suppress if suppressed else (lambda n: n)
    return {
        "plan": plan.slug,
        "participants": show(cov.participants),
        "statements": show(cov.statements),
        "by": {d: {k: show(n) for k, n in sorted(cov.by[d].items())} for d in DIMENSIONS},
        "statements_by": {d: {k: show(n) for k, n in sorted(cov.statements_by[d].items())}
                          for d in DIMENSIONS},
        "targets": [{
            "kind": t.kind,
            "target": float(t.value),
            "actual": t.shown_actual(suppressed),
            "met": t.met,
            "message": t.message(suppressed),
            "area": t.target.area.code if t.target.area_id else None,
            "stakeholder_group": t.target.stakeholder_group or None,
        } for t in cov.targets],
    }

