"""The traceable chain, both ways.

Forward, from an Action: the Findings it answers → each Finding's status and validation result
(its votes summed over the Plan's Workshops, by choice and by stakeholder group) → the Evidence
Statements behind it with who said them (stakeholder group, Area, sex: never a name or a
Participant code) → the Coverage of those people (group × Area × sex).

Backward, from a Finding, a Statement or a stakeholder group: every Action that answers it and
the Action's Indicators. An Action's Indicators are those of its Output (an Indicator sits on an
Outcome or an Output, never on an Action).

The consent rules are the analysis app's: Evidence of a Participant who withdrew consent is
neither counted nor listed (`analysis.queries.findings.visible_evidence`); outside the
analysts' workspace, Statements of Participants who agreed to analysis only are counted but not
listed (`evidence_list`), and small counts show as "<5" with the secondary suppression of
`consultations.queries.protect`. The `trace` command follows the rules outside the workspace.

Every function here runs a fixed number of queries, whatever the size of the Plan.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from wpsnap.analysis.models import Finding
from wpsnap.analysis.queries.findings import visible_evidence
from wpsnap.consultations.models import Consent, Participant
from wpsnap.consultations.queries import in_workspace, is_suppressed, protect, suppress
from wpsnap.core.bilingual import pick
from wpsnap.validation.models import Vote
from wpsnap.validation.queries.report import FINDING_CHOICES, VoteTable, vote_tables

from ..models import Action, Indicator, Responsibility

NOT_STATED = "unknown"
SEXES = [c for c, _label in Participant.Sex.choices]


# --- Backward: which Actions answer it ------------------------------------------------------------

def actions_with_indicators(actions_qs):
    """Actions (a queryset) with their Output, Outcome, lead and the Output's Indicators loaded:
    four queries whatever their number."""
    return list(actions_qs.select_related("output__outcome").prefetch_related(
        Prefetch("output__indicators", queryset=Indicator.objects.order_by("order", "number")),
        Prefetch("responsibilities",
                 queryset=Responsibility.objects.filter(role=Responsibility.Role.LEAD)
                 .select_related("organisation"), to_attr="leads"),
    ).order_by("output__outcome__order", "output__outcome__number", "output__order",
               "output__number", "order", "number").distinct())


def action_rows(actions) -> list[dict]:
    """{"key", "indicators": [keys]} as the command prints them."""
    return [{"key": a.key, "indicators": [i.key for i in a.output.indicators.all()]}
            for a in actions]


def actions_for_finding(plan, finding) -> list[Action]:
    return actions_with_indicators(Action.objects.filter(plan=plan, findings=finding))


def findings_of_statement(plan, statement) -> list[Finding]:
    """The Findings this Statement is Evidence of."""
    return list(Finding.objects.filter(plan=plan, evidence__statement=statement).distinct()
                .order_by("order", "number"))


def actions_for_findings(plan, findings) -> list[Action]:
    return actions_with_indicators(Action.objects.filter(plan=plan, findings__in=list(findings)))


def actions_for_statement(plan, statement) -> list[Action]:
    return actions_for_findings(plan, findings_of_statement(plan, statement))


@dataclass
class GroupFinding:
    finding: Finding
    statements: int | str  # visible Statements of the group behind it ("<5" when suppressed)
    participants: int | str
    actions: list = field(default_factory=list)


def group_findings(plan, group: str, member) -> list[GroupFinding]:
    """The Findings whose visible Evidence includes Statements of Participants of stakeholder
    group `group`, with how many (suppressed outside the workspace) and the Actions answering
    each (one query for all the Actions)."""
    rows = (visible_evidence().filter(finding__plan=plan,
                                       statement__participant__stakeholder_group=group)
            .order_by().values_list("finding_id", "statement_id", "statement__participant_id"))
    said, people = defaultdict(set), defaultdict(set)
    for fid, sid, pid in rows:
        said[fid].add(sid)
        people[fid].add(pid)
    findings = list(Finding.objects.filter(pk__in=said).order_by("order", "number"))
    actions = actions_with_indicators(Action.objects.filter(plan=plan, findings__in=findings)
                                      .prefetch_related("findings"))
    by_finding = defaultdict(list)
    for action in actions:
        for f in action.findings.all():
            by_finding[f.pk].append(action)
    show = (lambda n: n) if in_workspace(member) else suppress
    return [GroupFinding(finding=f, statements=show(len(said[f.pk])),
                         participants=show(len(people[f.pk])), actions=by_finding.get(f.pk, []))
            for f in findings]


# --- Forward: from an Action ----------------------------------------------------------------------

@dataclass
class EvidenceRow:
    statement: object  # the Statement (with consultation loaded), for the page
    stakeholder_group: str | None
    area: object | None  # frameworks.Area
    sex: str | None

    @property
    def area_code(self) -> str | None:
        return self.area.code if self.area is not None else None

    @property
    def group_label(self) -> str:
        if not self.stakeholder_group:
            return _("group not stated")
        return str(dict(Participant.StakeholderGroup.choices).get(self.stakeholder_group,
                                                                  self.stakeholder_group))

    @property
    def sex_label(self) -> str:
        return str(dict(Participant.Sex.choices).get(self.sex or NOT_STATED, self.sex))

    @property
    def area_label(self) -> str:
        return pick(self.area, "name").text if self.area is not None else _("area not stated")


@dataclass
class FindingTrace:
    finding: Finding
    votes: dict  # {choice: n} summed over the Plan's Workshops, every choice present
    total_votes: int
    by_group: VoteTable | None  # votes by stakeholder group (suppressed outside the workspace)
    evidence: list[EvidenceRow] = field(default_factory=list)
    counted: int = 0  # visible Statements behind it, listed or not
    not_listed: int | str = 0  # counted but not listed here (analysis only, outside workspace)

    @property
    def vote_cells(self) -> list[tuple[str, int]]:
        """(choice label, votes) in the order of the choices."""
        return [(str(label), self.votes.get(key, 0)) for key, label in Vote.Choice.choices]


@dataclass
class CoverageRow:
    group: str
    group_label: str
    area: str
    area_label: str
    cells: list  # per sex: a count, "<5", "hidden" or 0
    total: int | str


@dataclass
class TraceCoverage:
    columns: list[tuple[str, str]]  # (sex, label)
    rows: list[CoverageRow]
    participants: int | str
    suppressed: bool


@dataclass
class ActionTrace:
    action: Action
    findings: list[FindingTrace]
    coverage: TraceCoverage
    indicators: list[Indicator]
    suppressed: bool


def finding_votes(plan, findings, *, suppressed: bool) -> dict[int, tuple[dict, int, VoteTable]]:
    """{finding id: ({choice: n}, total, votes by stakeholder group)} over every Workshop of the
    Plan, in two queries (the votes, the Areas of the validation report's tables)."""
    from wpsnap.frameworks.models import Area

    ids = [f.pk for f in findings]
    rows = list(Vote.objects.filter(item__workshop__plan=plan, item__finding_id__in=ids)
                .order_by().values_list("item__finding_id", "choice",
                                        "attendee__stakeholder_group", "attendee__sex",
                                        "attendee__area_id"))
    area_ids = {r[4] for r in rows if r[4]}
    areas = ({str(a.pk): pick(a, "name").text for a in Area.objects.filter(pk__in=area_ids)}
             if area_ids else {})
    by = defaultdict(list)
    for fid, *rest in rows:
        by[fid].append(rest)
    columns = list(Vote.Choice.choices)
    out = {}
    for fid in ids:
        counts = dict.fromkeys(FINDING_CHOICES, 0)
        for choice, *_rest in by.get(fid, ()):
            counts[choice] = counts.get(choice, 0) + 1
        tables = vote_tables(by.get(fid, []), columns, suppressed=suppressed, areas=areas)
        group = next(t for t in tables if t.dimension == "stakeholder_group")
        out[fid] = (counts, len(by.get(fid, ())), group)
    return out


def _evidence_rows(findings, member):
    """The visible Evidence of `findings` with Statement, Consultation, Participant and their
    Areas and consent loaded (one query), and whether each may be listed for `member`."""
    qs = (visible_evidence().filter(finding__in=findings)
          .select_related("statement__consultation__area", "statement__participant__area",
                          "statement__participant__consent")
          .order_by("finding_id", "added_at", "id"))
    workspace = in_workspace(member)
    for ev in qs:
        p = ev.statement.participant
        consent = getattr(p, "consent", None) if p is not None else None
        listed = workspace or not (consent is not None
                                   and consent.scope == Consent.Scope.DO_NOT_QUOTE)
        yield ev, listed


def _who(statement) -> tuple[str | None, object | None, str | None]:
    """(stakeholder group, Area, sex) of whoever said it: the Participant's Area, else the
    Consultation's (as the Findings' disaggregation does)."""
    p = statement.participant
    if p is None:
        return None, statement.consultation.area, None
    return p.stakeholder_group or None, p.area or statement.consultation.area, p.sex or None


def coverage_of(people: dict, *, suppressed: bool) -> TraceCoverage:
    """Participants counted by stakeholder group × Area (rows) × sex (columns); `people` is
    {participant id: (group, Area or None, sex)}. Outside the workspace the table is protected
    like every other count of people in the app."""
    counts = defaultdict(lambda: defaultdict(int))
    labels = {}
    for group, area, sex in people.values():
        g = group or NOT_STATED
        a = area.code if area is not None else NOT_STATED
        counts[(g, a)][sex or NOT_STATED] += 1
        labels[(g, a)] = (
            str(dict(Participant.StakeholderGroup.choices).get(g, _("Not stated"))),
            pick(area, "name").text if area is not None else _("Not stated"))
    group_order = {k: i for i, (k, _l) in enumerate(Participant.StakeholderGroup.choices)}
    keys = sorted(counts, key=lambda k: (group_order.get(k[0], 99), labels[k][0],
                                         k[1] == NOT_STATED, labels[k][1]))
    present = {s for k in keys for s in counts[k]}
    columns = [(s, str(label)) for s, label in Participant.Sex.choices
               if s in present or s in (Participant.Sex.FEMALE, Participant.Sex.MALE)]
    matrix = [[counts[k].get(s, 0) for s, _l in columns] for k in keys]
    mask = protect(matrix) if suppressed else [[False] * len(columns) for _r in matrix]
    rows = []
    for k, line, hidden in zip(keys, matrix, mask, strict=True):
        cells = []
        for n, hide in zip(line, hidden, strict=True):
            cells.append((suppress(n) if is_suppressed(n) else _("hidden")) if hide else n)
        total = sum(line)
        rows.append(CoverageRow(group=k[0], group_label=labels[k][0], area=k[1],
                                area_label=labels[k][1], cells=cells,
                                total=suppress(total) if suppressed else total))
    n = len(people)
    return TraceCoverage(columns=columns, rows=rows, participants=suppress(n) if suppressed else n,
                         suppressed=suppressed)


def action_trace(plan, action, member) -> ActionTrace:
    """The chain forward from `action`, as `member` may see it (None: outside the workspace)."""
    suppressed = not in_workspace(member)
    findings = list(action.findings.order_by("order", "number"))
    votes = finding_votes(plan, findings, suppressed=suppressed)
    traces = {f.pk: FindingTrace(finding=f, votes=votes[f.pk][0], total_votes=votes[f.pk][1],
                                 by_group=votes[f.pk][2]) for f in findings}
    people = {}
    hidden = defaultdict(int)
    for ev, listed in _evidence_rows(findings, member):
        s = ev.statement
        group, area, sex = _who(s)
        trace = traces[ev.finding_id]
        trace.counted += 1
        if s.participant_id:
            people[s.participant_id] = (group, area, sex)
        if listed:
            trace.evidence.append(EvidenceRow(statement=s, stakeholder_group=group, area=area,
                                              sex=sex))
        else:
            hidden[ev.finding_id] += 1
    for fid, n in hidden.items():
        traces[fid].not_listed = suppress(n) if suppressed else n
    return ActionTrace(action=action, findings=[traces[f.pk] for f in findings],
                       coverage=coverage_of(people, suppressed=suppressed),
                       indicators=list(action.output.indicators.order_by("order", "number")),
                       suppressed=suppressed)


def finding_summary(plan, finding, member) -> FindingTrace:
    """The Finding's status and votes (no Evidence listed: its own page shows that)."""
    votes = finding_votes(plan, [finding], suppressed=not in_workspace(member))
    counts, total, group = votes[finding.pk]
    return FindingTrace(finding=finding, votes=counts, total_votes=total, by_group=group)


# --- The command's JSON ---------------------------------------------------------------------------

def action_json(plan, action) -> dict:
    """{"action": KEY, "findings": [{"key", "status", "votes": {choice: n}, "evidence":
    [{"statement": ID, "stakeholder_group": G, "area": CODE, "sex": S}]}]}: outside the
    workspace's rules (no Statement of a Participant who withdrew or agreed to analysis only)."""
    trace = action_trace(plan, action, None)
    return {"action": action.key, "findings": [{
        "key": t.finding.key,
        "status": t.finding.status,
        "votes": {c: t.votes.get(c, 0) for c in FINDING_CHOICES},
        "evidence": [{"statement": e.statement.pk, "stakeholder_group": e.stakeholder_group,
                      "area": e.area_code, "sex": e.sex} for e in t.evidence],
    } for t in trace.findings]}


def finding_json(plan, finding) -> dict:
    return {"finding": finding.key, "actions": action_rows(actions_for_finding(plan, finding))}


def statement_json(plan, statement) -> dict:
    return {"statement": statement.pk,
            "actions": action_rows(actions_for_statement(plan, statement))}
