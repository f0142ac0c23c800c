"""Reads about Findings: their Strength (computed, never typed), the disaggregation of their
Evidence, anonymised quotes, and the lists and filters of the Findings pages.

Every figure here counts only Evidence whose Statement is still visible
(`consultations.queries.visible_statements`): when a Participant withdraws consent, their
Statements stop counting at once, everywhere.
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wpsnap.consultations.models import Consent, Participant, Statement
from wpsnap.consultations.queries import (
    dimension_labels,
    is_suppressed,
    protect,
    suppress,
    visible_statements,
)

from ..models import Evidence, Finding

# --- Strength -----------------------------------------------------------------------------------

# The rule, in one place. A level needs every one of its minimums.
STRONG = {"statements": 10, "participants": 5, "groups": 3, "areas": 2, "kinds": 2}
MODERATE = {"statements": 4, "participants": 3, "groups": 2}

STRENGTH_RULE = gettext_lazy(
    "Strength is computed from the Evidence, never typed. Strong: at least 10 Statements from "
    "at least 5 Participants in at least 3 stakeholder groups, from at least 2 Areas and 2 kinds "
    "of Consultation. Moderate: at least 4 Statements from at least 3 Participants in at least 2 "
    "stakeholder groups. Weak: anything less. A focus group recorded as one voice counts as one "
    "Participant; Statements of people who withdrew consent do not count.")

LEVELS = {
    "weak": gettext_lazy("Weak"),
    "moderate": gettext_lazy("Moderate"),
    "strong": gettext_lazy("Strong"),
}


@dataclass(frozen=True)
class Strength:
    level: str  # "weak" | "moderate" | "strong"
    statements: int = 0
    participants: int = 0
    groups: int = 0
    areas: int = 0
    kinds: int = 0

    @property
    def label(self) -> str:
        return str(LEVELS[self.level])

    @property
    def figures(self) -> dict[str, int]:
        return {"statements": self.statements, "participants": self.participants,
                "groups": self.groups, "areas": self.areas, "kinds": self.kinds}

    def __str__(self) -> str:
        return self.label


def level_for(figures: dict[str, int]) -> str:
    if all(figures.get(k, 0) >= n for k, n in STRONG.items()):
        return "strong"
    if all(figures.get(k, 0) >= n for k, n in MODERATE.items()):
        return "moderate"
    return "weak"


def visible_evidence():
    """Evidence whose Statement is still visible (consent not withdrawn)."""
    return Evidence.objects.exclude(statement__participant__consent__withdrawn_at__isnull=False)


EVIDENCE_FIELDS = ("finding_id", "statement_id", "statement__participant_id",
                   "statement__participant__stakeholder_group", "statement__participant__area_id",
                   "statement__consultation__area_id", "statement__consultation__kind")


def _strength_from(rows) -> Strength:
    statements, people, groups, areas, kinds = set(), set(), set(), set(), set()
    for _fid, sid, pid, group, p_area, c_area, kind in rows:
        statements.add(sid)
        if pid:
            people.add(pid)
        if group:
            groups.add(group)
        area = p_area or c_area  # where the Participant lives, else where the talk took place
        if area:
            areas.add(area)
        if kind:
            kinds.add(kind)
    figures = {"statements": len(statements), "participants": len(people),
               "groups": len(groups), "areas": len(areas), "kinds": len(kinds)}
    return Strength(level=level_for(figures), **figures)


def strengths(findings) -> dict[int, Strength]:
    """{finding id: Strength} for many Findings in one query."""
    ids = [f.pk if isinstance(f, Finding) else int(f) for f in findings]
    rows = defaultdict(list)
    for row in (visible_evidence().filter(finding_id__in=ids).order_by()
                .values_list(*EVIDENCE_FIELDS)):
        rows[row[0]].append(row)
    return {fid: _strength_from(rows.get(fid, ())) for fid in ids}


def strength(finding) -> Strength:
    return strengths([finding])[finding.pk]


# --- Disaggregation -----------------------------------------------------------------------------

DISAGGREGATION_DIMENSIONS = ("stakeholder_group", "area", "sex", "age_band")


@dataclass
class DisaggregationRow:
    key: str
    label: str
    participants: int | str  # a count, "<5" or "hidden" (when suppressed)
    statements: int | str
    hidden: bool = False


@dataclass
class DisaggregationTable:
    dimension: str
    title: str
    rows: list[DisaggregationRow] = field(default_factory=list)


@dataclass
class Disaggregation:
    statements: int | str
    participants: int | str
    tables: list[DisaggregationTable] = field(default_factory=list)
    suppressed: bool = False

    @property
    def empty(self) -> bool:
        return not any(t.rows for t in self.tables)


def _choices(dimension: str):
    """The Participant field's choices of a dimension other than Area."""
    return {"stakeholder_group": Participant.StakeholderGroup.choices,
            "sex": Participant.Sex.choices, "age_band": Participant.AgeBand.choices}[dimension]


def _labels(dimension: str, keys) -> dict[str, str]:
    from wpsnap.core.bilingual import pick
    from wpsnap.frameworks.models import Area

    if dimension == "area":
        ids = [k for k in keys if k != "unknown"]
        out = {str(a.pk): pick(a, "name").text for a in Area.objects.filter(pk__in=ids)}
    else:
        out = {k: str(label) for k, label in _choices(dimension)}
    out["unknown"] = out.get("unknown") or _("Not stated")
    return out


def disaggregation(finding, suppressed: bool) -> Disaggregation:
    """Who stands behind a Finding: Participants and Statements of its visible Evidence by
    stakeholder group, Area, sex and age band. With `suppressed`, counts from 1 to 4 show as
    "<5" and, where one small cell alone is hidden in a column, the next smallest is hidden too
    (so it cannot be worked out from the total)."""
    rows = list(visible_evidence().filter(finding=finding).order_by().values_list(
        "statement_id", "statement__participant_id", "statement__participant__stakeholder_group",
        "statement__participant__area_id", "statement__consultation__area_id",
        "statement__participant__sex", "statement__participant__age_band"))
    people: dict[str, dict[str, set]] = {d: defaultdict(set) for d in DISAGGREGATION_DIMENSIONS}
    said: dict[str, dict[str, set]] = {d: defaultdict(set) for d in DISAGGREGATION_DIMENSIONS}
    all_people = set()
    for sid, pid, group, p_area, c_area, sex, age in rows:
        area = p_area or c_area
        values = {"stakeholder_group": group or "unknown",
                  "area": str(area) if area else "unknown",
                  "sex": sex or "unknown", "age_band": age or "unknown"}
        for dim, value in values.items():
            said[dim][value].add(sid)
            if pid:
                people[dim][value].add(pid)
        if pid:
            all_people.add(pid)
    titles = dimension_labels()
    tables = []
    for dim in DISAGGREGATION_DIMENSIONS:
        keys = list(said[dim])
        labels = _labels(dim, keys)
        order = [k for k, _l in _ordered_keys(dim, labels) if k in said[dim]]
        counts_p = [len(people[dim][k]) for k in order]
        counts_s = [len(said[dim][k]) for k in order]
        mask = protect([[n] for n in counts_p]) if suppressed else [[False] for _k in order]
        table = DisaggregationTable(dimension=dim, title=titles[dim])
        for key, n_p, n_s, (hide,) in zip(order, counts_p, counts_s, mask, strict=True):
            if hide:
                shown_p = suppress(n_p) if is_suppressed(n_p) else _("hidden")
            else:
                shown_p = n_p
            shown_s = suppress(n_s) if suppressed else n_s
            table.rows.append(DisaggregationRow(key=key, label=labels.get(key, key),
                                                participants=shown_p, statements=shown_s,
                                                hidden=hide))
        tables.append(table)
    n_statements = len({r[0] for r in rows})
    show = suppress if suppressed else (lambda n: n)
    return Disaggregation(statements=show(n_statements), participants=show(len(all_people)),
                          tables=tables, suppressed=suppressed)


def _ordered_keys(dim: str, labels: dict[str, str]) -> list[tuple[str, str]]:
    """Keys in the order of the choices (Areas by name), "unknown" last."""
    if dim == "area":
        known = sorted(((k, v) for k, v in labels.items() if k != "unknown"),
                       key=lambda kv: kv[1])
    else:
        known = [(k, labels[k]) for k, _l in _choices(dim) if k != "unknown"]
    return [*known, ("unknown", labels["unknown"])]


# --- Quotes -------------------------------------------------------------------------------------

@dataclass
class Quote:
    statement_id: int
    text: str
    language: str  # of `text`: "km", "en" or "und"
    translation: str
    attribution: str  # "a woman, 25–34, Battambang, civil society" — never a code or name
    group: str = ""
    area: str = ""


def quotable_evidence(finding):
    """Evidence whose Statement may be quoted: its Participant gave consent to be quoted
    anonymously and has not withdrawn it. Statements without a Participant (no consent on
    record) are never quoted."""
    return (visible_evidence().filter(finding=finding)
            .filter(statement__participant__isnull=False,
                    statement__participant__consent__given=True,
                    statement__participant__consent__withdrawn_at__isnull=True,
                    statement__participant__consent__scope=Consent.Scope.QUOTE_ANONYMOUSLY))


def attribution(participant) -> str:
    """Who said it, in words: "a woman, 25–34, Battambang, Civil society / NGO"."""
    if participant.is_group:
        who = _("a focus group")
    else:
        who = {Participant.Sex.FEMALE: _("a woman"), Participant.Sex.MALE: _("a man")}.get(
            participant.sex, _("a person"))
    parts = [who]
    if not participant.is_group and participant.age_band not in ("", Participant.AgeBand.UNKNOWN):
        parts.append(participant.get_age_band_display())
    if participant.area_id:
        from wpsnap.core.bilingual import pick

        parts.append(pick(participant.area, "name").text)
    if participant.stakeholder_group:
        parts.append(participant.get_stakeholder_group_display())
    return ", ".join(str(p) for p in parts)


def quotes(finding, limit: int = 3) -> list[Quote]:
    """Up to `limit` anonymised quotes of the Finding's Evidence, never from a Participant who
    asked not to be quoted or withdrew; one per Participant, preferring other stakeholder groups
    and Areas than the quotes already chosen."""
    evidence = list(quotable_evidence(finding).select_related(
        "statement__participant__area").order_by("added_at", "id"))
    candidates, seen_people = [], set()
    for ev in evidence:
        p = ev.statement.participant
        if p.pk in seen_people or not ev.statement.text.strip():
            continue
        seen_people.add(p.pk)
        candidates.append(ev.statement)
    chosen, groups, areas = [], set(), set()
    while candidates and len(chosen) < limit:
        best = max(candidates, key=lambda s: (
            (s.participant.stakeholder_group or "?") not in groups,
            (s.participant.area_id or 0) not in areas,
            -candidates.index(s)))
        candidates.remove(best)
        chosen.append(best)
        groups.add(best.participant.stakeholder_group or "?")
        areas.add(best.participant.area_id or 0)
    out = []
    for s in chosen:
        lang = s.language if s.language in ("km", "en") else "und"
        out.append(Quote(statement_id=s.pk, text=s.text, language=lang,
                         translation=s.translation, attribution=attribution(s.participant),
                         group=s.participant.stakeholder_group, area=str(s.participant.area_id
                                                                         or "")))
    return out


# --- Lists --------------------------------------------------------------------------------------

def plan_findings(plan):
    return (Finding.objects.filter(plan=plan)
            .prefetch_related("pillars", "security_issues").order_by("order", "number"))


def filter_findings(plan, data: dict) -> tuple[list, dict[int, Strength]]:
    """The Plan's Findings matching the list filters, with their Strengths."""
    qs = plan_findings(plan)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("pillar"):
        qs = qs.filter(pillars=data["pillar"])
    if data.get("category"):
        qs = qs.filter(security_issues__category=data["category"])
    if data.get("q"):
        q = data["q"].strip()
        qs = qs.filter(Q(title_en__icontains=q) | Q(title_km__icontains=q) | Q(key__iexact=q)
                       | Q(text_en__icontains=q) | Q(text_km__icontains=q))
    findings = list(qs.distinct())
    found = strengths(findings)
    if data.get("strength"):
        findings = [f for f in findings if found[f.pk].level == data["strength"]]
    return findings, found


def categories(finding) -> list[str]:
    """The security-issue categories that follow from the Finding's Security issues (labels)."""
    from wpsnap.frameworks.models import SecurityIssue

    present = {si.category for si in finding.security_issues.all()}
    return [str(label) for value, label in SecurityIssue.Category.choices if value in present]


def evidence_list(finding, member):
    """The Finding's Evidence for the detail page: in the workspace every visible Statement;
    outside it, not those of Participants who agreed to analysis only."""
    from wpsnap.consultations.queries import in_workspace

    qs = (visible_evidence().filter(finding=finding)
          .select_related("statement__consultation", "statement__participant__area",
                          "statement__participant__consent", "coding__code", "added_by"))
    if not in_workspace(member):
        qs = qs.exclude(statement__participant__consent__scope=Consent.Scope.DO_NOT_QUOTE)
    return qs.order_by("added_at", "id")


def hidden_evidence_count(finding) -> int:
    """Evidence that no longer counts because its Participant withdrew consent."""
    return Evidence.objects.filter(
        finding=finding, statement__participant__consent__withdrawn_at__isnull=False).count()


def search_for_evidence(finding, member, query: str, limit: int = 20):
    """Statements matching `query` (the Statements browser's search), for attaching as Evidence:
    visible ones only, those already attached marked."""
    from wpsnap.consultations.queries import search_statements, statements_for

    if not query.strip():
        return []
    qs = search_statements(statements_for(member), query).select_related(
        "consultation", "participant__area", "participant__consent").order_by("id")
    results = list(qs[:limit])
    attached = set(Evidence.objects.filter(finding=finding, statement__in=[s.pk for s in results])
                   .values_list("statement_id", flat=True))
    for s in results:
        s.attached = s.pk in attached
    return results


def visible_statement(plan, statement_id):
    """A Statement of the Plan that is still visible, or None."""
    try:
        return visible_statements(plan).select_related("consultation").get(pk=int(statement_id))
    except (ValueError, TypeError, Statement.DoesNotExist):
        return None


# --- Revisions ----------------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\s+|[\u1780-\u17FF\u19E0-\u19FF]|[^\s\u1780-\u17FF\u19E0-\u19FF]+")


def diff_html(old: str, new: str) -> str:
    """`new` with what was removed since `old` in <del> and what was added in <ins> (words; Khmer,
    written without spaces, letter by letter), escaped."""
    a, b = TOKEN_RE.findall(old or ""), TOKEN_RE.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


REVISION_FIELDS = ("title_en", "title_km", "text_en", "text_km")


def revision_history(finding) -> list[dict]:
    """Each Revision (newest first) with, per wording field, its text and a diff against the
    Revision before it."""
    from ..models import Revision

    revisions = list(Revision.objects.filter(finding=finding).select_related("author")
                     .order_by("number"))
    labels = {"title_en": _("Title (English)"), "title_km": _("Title (Khmer)"),
              "text_en": _("Text (English)"), "text_km": _("Text (Khmer)")}
    history, previous = [], None
    for rev in revisions:
        fields = []
        for name in REVISION_FIELDS:
            new = getattr(rev, name)
            old = getattr(previous, name) if previous else None
            changed = previous is not None and old != new
            fields.append({"name": name, "label": labels[name], "lang": name[-2:],
                           "text": new, "changed": changed,
                           "diff": diff_html(old, new) if changed else None})
        history.append({"revision": rev, "fields": fields,
                        "changed": [f["label"] for f in fields if f["changed"]]})
        previous = rev
    history.reverse()
    return history
