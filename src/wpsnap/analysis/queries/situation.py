"""Reads for the Situation Analysis: the report built from Coverage, Findings and Evidence.

The page is meant to be shared, so every count on it is protected as for readers outside the
workspace (small numbers as "<5", a second number hidden where one alone would give it away),
whoever reads it, and quotes never come from a Participant who asked not to be quoted.

Placement: a Finding appears ONCE, under its first Pillar (in the Pillars' order) and, inside
it, under the category of its first Security issue (traditional, non-traditional, emerging);
its other Pillars and categories are named beside it. Repeating a Finding under each Pillar
would make the report look better evidenced than it is and print the same text several times.
Findings without a Pillar come in a section of their own. Lessons learned, good practices and
recommendations have their own sections. Rejected Findings are left out (and counted).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wpsnap.consultations.models import Consultation
from wpsnap.consultations.queries import (
    coverage,
    dimension_labels,
    is_suppressed,
    protect,
    suppress,
)
from wpsnap.core.bilingual import LANGS, pick
from wpsnap.frameworks.models import Pillar, SecurityIssue

from ..models import Finding

# --- Both languages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    lang: str


def texts(obj, name: str, both: bool) -> list[Text]:
    """The text of a bilingual field: in the active language (with fallback), or, with
    `both`, in every language it has (English first)."""
    if both:
        out = []
        for code in LANGS:
            value = getattr(obj, f"{name}_{code}", "") if not isinstance(obj, dict) else \
                obj.get(f"{name}_{code}", "")
            if value and str(value).strip():
                out.append(Text(str(value).strip(), code))
        if out:
            return out
    picked = pick(obj, name)
    return [Text(picked.text, picked.lang or "und")] if picked.text else []


# --- Coverage summary ---------------------------------------------------------------------------

SUMMARY_DIMENSIONS = ("sex", "age_band", "stakeholder_group", "area", "consultation_kind")


@dataclass
class SummaryRow:
    label: str
    participants: int | str
    statements: int | str


@dataclass
class SummaryTable:
    dimension: str
    title: str
    rows: list[SummaryRow]
    nobody: list[str]  # the categories nobody was consulted in (gaps, in words)


@dataclass
class CoverageSummary:
    participants: int | str
    statements: int | str
    tables: list[SummaryTable]
    gaps: list[str]  # the Plan's Coverage targets not met, in words
    targets: int


def coverage_summary(plan) -> CoverageSummary:
    """Who was consulted, protected for sharing: Participants and Statements by sex, age band,
    stakeholder group, Area and kind of Consultation, and the gaps in words."""
    cov = coverage(plan)
    labels = dimension_labels()
    tables = []
    for dim in SUMMARY_DIMENSIONS:
        keys = [(k, label) for k, label in cov.labels[dim]
                if cov.by[dim].get(k) or cov.statements_by[dim].get(k)]
        people = [cov.by[dim].get(k, 0) for k, _l in keys]
        mask = protect([[n] for n in people])
        rows = []
        for (k, label), n, (hidden,) in zip(keys, people, mask, strict=True):
            shown = (suppress(n) if is_suppressed(n) else _("hidden")) if hidden else n
            rows.append(SummaryRow(str(label), shown, suppress(cov.statements_by[dim].get(k, 0))))
        nobody = []
        if dim in ("sex", "age_band", "stakeholder_group") and cov.participants:
            nobody = [str(label) for k, label in cov.labels[dim]
                      if k not in ("unknown", "other") and not cov.by[dim].get(k)]
        elif dim == "consultation_kind" and cov.participants:
            nobody = [str(label) for k, label in Consultation.Kind.choices
                      if k != Consultation.Kind.VALIDATION_WORKSHOP and not cov.by[dim].get(k)]
        tables.append(SummaryTable(dim, str(labels[dim]), rows, nobody))
    return CoverageSummary(
        participants=suppress(cov.participants), statements=suppress(cov.statements),
        tables=tables, gaps=[t.message(True) for t in cov.gaps], targets=len(cov.targets))


# --- Findings -----------------------------------------------------------------------------------

@dataclass
class ReportFinding:
    finding: Finding
    title: list[Text]
    text: list[Text]
    strength: object  # analysis.queries.findings.Strength
    statements: int | str  # the Strength's figures, protected
    participants: int | str
    disaggregation: object  # analysis.queries.findings.Disaggregation (suppressed)
    quotes: list
    pillars: list[list[Text]] = field(default_factory=list)  # all its Pillars
    other_pillars: list[list[Text]] = field(default_factory=list)  # beside the one it is under
    issues: list[list[Text]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


@dataclass
class CategoryGroup:
    key: str  # traditional / non_traditional / emerging / "" (no Security issue)
    label: str
    findings: list[ReportFinding] = field(default_factory=list)


@dataclass
class PillarSection:
    key: str
    label: list[Text]
    groups: list[CategoryGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(g.findings) for g in self.groups)


@dataclass
class KindSection:
    key: str
    label: str
    findings: list[ReportFinding] = field(default_factory=list)


@dataclass
class Report:
    plan: object
    coverage: CoverageSummary
    pillars: list[PillarSection]
    kinds: list[KindSection]
    rejected: int
    findings: int  # in the report
    strength_rule: str


CATEGORY_ORDER = [value for value, _label in SecurityIssue.Category.choices]
OWN_SECTIONS = (Finding.Kind.LESSON_LEARNED, Finding.Kind.GOOD_PRACTICE,
                Finding.Kind.RECOMMENDATION)


def _pillar_key(p: Pillar):
    return (p.cross_cutting, p.order, p.key)


def _issue_key(si: SecurityIssue):
    return (CATEGORY_ORDER.index(si.category) if si.category in CATEGORY_ORDER else 99, si.order,
            si.key)


def build_report(plan, *, both: bool = False) -> Report:
    from .findings import STRENGTH_RULE, disaggregation, quotes, strengths

    findings = list(Finding.objects.filter(plan=plan)
                    .prefetch_related("pillars", "security_issues").order_by("order", "number"))
    rejected = sum(1 for f in findings if f.status == Finding.Status.REJECTED)
    findings = [f for f in findings if f.status != Finding.Status.REJECTED]
    found = strengths(findings)
    category_labels = dict(SecurityIssue.Category.choices)

    def item(f: Finding) -> ReportFinding:
        pillars = sorted(f.pillars.all(), key=_pillar_key)
        issues = sorted(f.security_issues.all(), key=_issue_key)
        cats = [c for c in CATEGORY_ORDER if any(si.category == c for si in issues)]
        s = found[f.pk]
        return ReportFinding(
            finding=f, title=texts(f, "title", both), text=texts(f, "text", both),
            strength=s, statements=suppress(s.statements), participants=suppress(s.participants),
            disaggregation=disaggregation(f, suppressed=True), quotes=quotes(f, limit=3),
            pillars=[texts(p, "label", both) for p in pillars],
            other_pillars=[texts(p, "label", both) for p in pillars[1:]],
            issues=[texts(si, "label", both) for si in issues],
            categories=[str(category_labels[c]) for c in cats])

    sections: dict[str, PillarSection] = {}
    for p in sorted(Pillar.objects.all(), key=_pillar_key):
        sections[p.key] = PillarSection(p.key, texts(p, "label", both))
    loose = PillarSection("", [Text(_("Findings not tied to a Pillar"), "")])
    kinds = {k: KindSection(k, str(Finding.Kind(k).label)) for k in OWN_SECTIONS}
    for f in findings:
        entry = item(f)
        if f.kind in kinds:
            kinds[f.kind].findings.append(entry)
            continue
        pillars = sorted(f.pillars.all(), key=_pillar_key)
        section = sections[pillars[0].key] if pillars else loose
        issues = sorted(f.security_issues.all(), key=_issue_key)
        category = issues[0].category if issues else ""
        group = next((g for g in section.groups if g.key == category), None)
        if group is None:
            label = (str(category_labels.get(category, category)) if category
                     else _("Not tied to a security issue"))
            group = CategoryGroup(category, label)
            section.groups.append(group)
        group.findings.append(entry)
        entry.categories = entry.categories[1:]  # the others, named beside it
    order = {c: i for i, c in enumerate([*CATEGORY_ORDER, ""])}
    pillar_sections = [s for s in [*sections.values(), loose] if s.groups]
    for s in pillar_sections:
        s.groups.sort(key=lambda g: order.get(g.key, 99))
    return Report(plan=plan, coverage=coverage_summary(plan), pillars=pillar_sections,
                  kinds=[k for k in kinds.values() if k.findings], rejected=rejected,
                  findings=len(findings), strength_rule=str(STRENGTH_RULE))
