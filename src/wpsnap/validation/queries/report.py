"""Reads for after the workshop: the validation report, the rule outcome of each Finding, the
exports' rows and the `workshop_results` command's JSON.

The rule (stated on the page in `rule_text`):
- share agreeing = (Agree + Agree with changes) ÷ (Agree + Agree with changes + Disagree);
  "Not sure" votes are shown but do not count;
- fewer counted votes than the Workshop's minimum → undecided;
- share agreeing (rounded to three decimals, like the threshold: two thirds is 0.667) below the
  Workshop's validation threshold → rejected;
- otherwise amended when "Agree with changes" votes are at least as many as plain "Agree" votes,
  or when an Amendment of the Finding was accepted into a Revision; else validated.

Small cells: votes broken down by stakeholder group, sex and province are suppressed ("<5", and
the next smallest cell of a row or column where one alone would be hidden:
`consultations.queries.protect`) for every Member outside the workspace (coordinator, analyst).
The totals per choice are not suppressed: the room saw them on the projector.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from wpsnap.consultations.models import Participant
from wpsnap.consultations.queries import in_workspace, is_suppressed, protect, suppress
from wpsnap.core.bilingual import active_lang, pick
from wpsnap.plans.models import Role

from ..models import AgendaItem, Amendment, Attendee, Comment, Vote, Workshop
from .results import (  # V3's live counts (one query), the choices, the Attendees' numbers
    FINDING_CHOICES,
    attendee_numbers,
    item_counts,
)

VERDICTS = ("validated", "amended", "rejected", "undecided")
MODERATORS = (Role.FACILITATOR, Role.COORDINATOR)
DIMENSIONS = ("stakeholder_group", "sex", "area")
NOT_STATED = "unknown"


def verdict_labels() -> dict[str, str]:
    return {"validated": _("Validated"), "amended": _("Amended"), "rejected": _("Rejected"),
            "undecided": _("Undecided")}


# --- The rule -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    verdict: str  # "validated" | "amended" | "rejected" | "undecided"
    share_agreeing: float | None  # None when no vote counts
    votes: int  # every vote, "Not sure" included
    rule_text: str
    counted: int = 0  # votes that count: all but "Not sure"
    counts: dict = field(default_factory=dict)
    amendment_accepted: bool = False

    @property
    def label(self) -> str:
        return verdict_labels()[self.verdict]

    @property
    def percent(self) -> str:
        return "" if self.share_agreeing is None else percent(self.share_agreeing)


def percent(share) -> str:
    """0.6667 → "66.7 %" (one decimal, as the threshold is set in thousandths)."""
    value = (Decimal(str(share)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value} %"


def rule_text(workshop) -> str:
    return _(
        "Share agreeing = (Agree + Agree with changes) ÷ (Agree + Agree with changes + "
        "Disagree); “Not sure” votes are shown but do not count. With fewer than %(minimum)s "
        "counted votes the outcome is undecided. Otherwise a Finding is rejected when the share "
        "agreeing is below %(threshold)s; it is amended when “Agree with changes” votes are at "
        "least as many as plain “Agree” votes, or when an Amendment was accepted into a new "
        "Revision; else it is validated. The share is rounded to a tenth of a percent before "
        "it is compared (two thirds counts as 66.7 %%)."
    ) % {"minimum": workshop.minimum_votes, "threshold": percent(workshop.validation_threshold)}


def decide(counts: dict, *, threshold, minimum: int, amendment_accepted: bool = False,
           text: str = "") -> Outcome:
    """The rule on vote counts {choice: n} (pure: no database)."""
    agree = counts.get(Vote.Choice.AGREE, 0)
    changes = counts.get(Vote.Choice.AGREE_WITH_CHANGES, 0)
    disagree = counts.get(Vote.Choice.DISAGREE, 0)
    votes = sum(counts.get(c, 0) for c in FINDING_CHOICES)
    counted = agree + changes + disagree
    share = (agree + changes) / counted if counted else None
    if counted == 0 or counted < minimum:
        verdict = "undecided"
    else:
        rounded = (Decimal(agree + changes) / Decimal(counted)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP)
        if rounded < Decimal(str(threshold)):
            verdict = "rejected"
        elif changes >= agree or amendment_accepted:
            verdict = "amended"
        else:
            verdict = "validated"
    return Outcome(verdict=verdict, share_agreeing=share, votes=votes, rule_text=text,
                   counted=counted, counts={c: counts.get(c, 0) for c in FINDING_CHOICES},
                   amendment_accepted=amendment_accepted)


def outcome(item) -> Outcome:
    """The rule outcome of an agenda item (a question item has no outcome: undecided)."""
    workshop = item.workshop
    text = rule_text(workshop)
    if not item.finding_id:
        return Outcome(verdict="undecided", share_agreeing=None,
                       votes=sum(item_counts(item).values()), rule_text=text)
    accepted = Amendment.objects.filter(item=item, outcome=Amendment.Outcome.ACCEPTED).exists()
    return decide(item_counts(item), threshold=workshop.validation_threshold,
                  minimum=workshop.minimum_votes, amendment_accepted=accepted, text=text)


# --- Keys and numbers ---------------------------------------------------------------------------

def agenda(workshop) -> list[AgendaItem]:
    """The Workshop's agenda in order, each item with `.key`: the Finding's key (F-07) or Q-<n>
    (the n-th question of the agenda)."""
    items = list(AgendaItem.objects.filter(workshop=workshop).select_related("finding")
                 .order_by("order", "id"))
    n = 0
    for item in items:
        if item.finding_id:
            item.key = item.finding.key
        else:
            n += 1
            item.key = f"Q-{n}"
    return items


def choice_labels(item) -> list[tuple[str, str]]:
    """(key, label) of an item's choices in the active language."""
    if item.finding_id:
        return list(Vote.Choice.choices)
    lang = active_lang()
    other = "en" if lang == "km" else "km"
    return [(c.get("key", ""), c.get(f"label_{lang}") or c.get(f"label_{other}") or
             c.get("key", "")) for c in item.choices or ()]


# --- The report ---------------------------------------------------------------------------------

@dataclass
class VoteRow:
    key: str
    label: str
    cells: list  # per choice: a count, "<5" or "hidden"
    total: int | str


@dataclass
class VoteTable:
    dimension: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[VoteRow] = field(default_factory=list)


@dataclass
class ItemReport:
    item: AgendaItem
    key: str
    choices: list[tuple[str, str]]
    counts: dict[str, int]
    total: int
    outcome: Outcome | None
    tables: list[VoteTable] = field(default_factory=list)
    comments: list = field(default_factory=list)
    amendments: list = field(default_factory=list)

    @property
    def bars(self) -> list[dict]:
        top = max(self.counts.values(), default=0) or 1
        return [{"key": k, "label": label, "n": self.counts.get(k, 0),
                 "width": round(100 * self.counts.get(k, 0) / top)} for k, label in self.choices]


@dataclass
class WorkshopReport:
    workshop: Workshop
    items: list[ItemReport]
    attendees: int
    voters: int
    suppressed: bool
    moderator: bool
    rule_text: str


def _dimension_titles() -> dict[str, str]:
    return {"stakeholder_group": _("Stakeholder group"), "sex": _("Sex"), "area": _("Province")}


def _row_labels(dimension: str, keys, areas: dict) -> list[tuple[str, str]]:
    """(key, label) in the order of the choices (provinces by name), "Not stated" last."""
    if dimension == "area":
        known = sorted(((k, areas.get(k, k)) for k in keys if k != NOT_STATED),
                       key=lambda kv: kv[1])
    else:
        choices = {"stakeholder_group": Participant.StakeholderGroup.choices,
                   "sex": Participant.Sex.choices}[dimension]
        labels = {k: str(v) for k, v in choices if k != NOT_STATED}
        known = [(k, labels[k]) for k in labels if k in keys]
        known += sorted((k, k) for k in keys if k not in labels and k != NOT_STATED)
    if NOT_STATED in keys:
        known.append((NOT_STATED, _("Not stated")))
    return known


def vote_tables(rows, columns, *, suppressed: bool, areas: dict) -> list[VoteTable]:
    """Votes by stakeholder group, sex and province; `rows` are (choice, group, sex, area_id)."""
    by = {d: defaultdict(lambda: defaultdict(int)) for d in DIMENSIONS}
    for choice, group, sex, area in rows:
        values = {"stakeholder_group": group or NOT_STATED, "sex": sex or NOT_STATED,
                  "area": str(area) if area else NOT_STATED}
        for dim, value in values.items():
            by[dim][value][choice] += 1
    titles = _dimension_titles()
    keys = [k for k, _label in columns]
    tables = []
    for dim in DIMENSIONS:
        table = VoteTable(dimension=dim, title=titles[dim], columns=columns)
        ordered = _row_labels(dim, set(by[dim]), areas)
        matrix = [[by[dim][row][k] for k in keys] for row, _label in ordered]
        mask = protect(matrix) if suppressed else [[False] * len(keys) for _r in matrix]
        for (row, label), counts, hidden in zip(ordered, matrix, mask, strict=True):
            cells = []
            for n, hide in zip(counts, hidden, strict=True):
                if hide:
                    cells.append(suppress(n) if is_suppressed(n) else _("hidden"))
                else:
                    cells.append(n)
            total = sum(counts)
            table.rows.append(VoteRow(key=row, label=label, cells=cells,
                                      total=suppress(total) if suppressed else total))
        tables.append(table)
    return tables


def is_moderator(member) -> bool:
    return member is not None and member.role in MODERATORS


def workshop_report(workshop, member, item=None) -> WorkshopReport:
    """The validation report of a Workshop (or of one of its items), as `member` may see it."""
    from wpsnap.frameworks.models import Area

    suppressed = not in_workspace(member)
    moderator = is_moderator(member)
    items = agenda(workshop)
    if item is not None:
        items = [i for i in items if i.pk == item.pk]
    ids = [i.pk for i in items]
    votes = list(Vote.objects.filter(item_id__in=ids).order_by().values_list(
        "item_id", "choice", "attendee__stakeholder_group", "attendee__sex",
        "attendee__area_id"))
    area_ids = {r[4] for r in votes if r[4]}
    areas = {str(a.pk): pick(a, "name").text for a in Area.objects.filter(pk__in=area_ids)}
    by_item = defaultdict(list)
    for item_id, *rest in votes:
        by_item[item_id].append(rest)
    comments = Comment.objects.filter(item_id__in=ids).order_by("created_at", "id")
    amendments = Amendment.objects.filter(item_id__in=ids).select_related(
        "revision", "decided_by").order_by("created_at", "id")
    if not moderator:  # what the room may see: approved, or not hidden when unmoderated
        if workshop.moderate_comments:
            comments = comments.filter(state=Comment.State.APPROVED)
            amendments = amendments.filter(state=Amendment.State.APPROVED)
        else:
            comments = comments.exclude(state=Comment.State.HIDDEN)
            amendments = amendments.exclude(state=Amendment.State.HIDDEN)
    comments_by, amendments_by = defaultdict(list), defaultdict(list)
    for c in comments:
        comments_by[c.item_id].append(c)
    for a in amendments:
        amendments_by[a.item_id].append(a)
    accepted = set(Amendment.objects.filter(item_id__in=ids, outcome=Amendment.Outcome.ACCEPTED)
                   .values_list("item_id", flat=True))
    text = rule_text(workshop)
    reports = []
    for i in items:
        rows = by_item.get(i.pk, [])
        columns = choice_labels(i)
        counts = {k: 0 for k, _label in columns}
        for choice, *_rest in rows:
            counts[choice] = counts.get(choice, 0) + 1
        for k in counts:
            if k not in dict(columns):  # a vote on a choice since removed from a question
                columns.append((k, k))
        result = None
        if i.finding_id:
            result = decide(counts, threshold=workshop.validation_threshold,
                            minimum=workshop.minimum_votes,
                            amendment_accepted=i.pk in accepted, text=text)
        reports.append(ItemReport(
            item=i, key=i.key, choices=columns, counts=counts, total=len(rows), outcome=result,
            tables=vote_tables(rows, columns, suppressed=suppressed, areas=areas),
            comments=comments_by.get(i.pk, []), amendments=amendments_by.get(i.pk, [])))
    attendees = Attendee.objects.filter(workshop=workshop).count()
    voters = Vote.objects.filter(item__workshop=workshop).values("attendee").distinct().count()
    return WorkshopReport(workshop=workshop, items=reports, attendees=attendees, voters=voters,
                          suppressed=suppressed, moderator=moderator, rule_text=text)


# --- Exports ------------------------------------------------------------------------------------

VOTE_COLUMNS = ["attendee", "stakeholder_group", "sex", "age_band", "province"]
COMMENT_COLUMNS = ["item", "kind", "text", "language", "state", "outcome", "created_at",
                   "attendee"]


def vote_rows(workshop) -> tuple[list[str], list[list[str]]]:
    """The participant × item layout (like Pol.is's participants-votes.csv): one row per
    Attendee, never a name or a token."""
    items = agenda(workshop)
    header = VOTE_COLUMNS + [i.key for i in items]
    votes = defaultdict(dict)
    for attendee_id, item_id, choice in Vote.objects.filter(
            item__workshop=workshop).order_by().values_list("attendee_id", "item_id", "choice"):
        votes[attendee_id][item_id] = choice
    rows = []
    attendees = Attendee.objects.filter(workshop=workshop).select_related("area").order_by(
        "joined_at", "id").only("id", "stakeholder_group", "sex", "age_band", "area")
    for n, a in enumerate(attendees, start=1):
        mine = votes.get(a.pk, {})
        province = pick(a.area, "name").text if a.area_id else ""
        rows.append([str(n), a.stakeholder_group, a.sex, a.age_band, province]
                    + [mine.get(i.pk, "") for i in items])
    return header, rows


def comment_rows(workshop) -> tuple[list[str], list[list[str]]]:
    """Comments and Amendments of the Workshop, oldest first, with the attendee number."""
    keys = {i.pk: i.key for i in agenda(workshop)}
    numbers = attendee_numbers(workshop)
    found = []
    for c in Comment.objects.filter(item__workshop=workshop):
        found.append((c.created_at, 0, c.pk, [keys.get(c.item_id, ""), "comment", c.text,
                      c.language, c.state, "", c.created_at.isoformat(),
                      str(numbers.get(c.attendee_id, ""))]))
    for a in Amendment.objects.filter(item__workshop=workshop):
        found.append((a.created_at, 1, a.pk, [keys.get(a.item_id, ""), "amendment", a.text,
                      a.language, a.state, a.outcome, a.created_at.isoformat(),
                      str(numbers.get(a.attendee_id, ""))]))
    found.sort(key=lambda r: r[:3])
    return COMMENT_COLUMNS, [r[3] for r in found]


# --- The command's JSON -------------------------------------------------------------------------

def results_json(plan, workshop=None) -> dict:
    """{"workshops": [{"join_code", "state", "current_finding", "findings": [{"key", "agree",
    "agree_with_changes", "disagree", "not_sure", "comments", "amendments", "outcome",
    "share_agreeing"}], "questions": [...]}]} — comments and amendments counted whatever their
    moderation state."""
    workshops = [workshop] if workshop is not None else list(
        Workshop.objects.filter(plan=plan).order_by("created_at", "id"))
    ids = [w.pk for w in workshops]
    votes = defaultdict(lambda: defaultdict(int))
    for item_id, choice, n in (Vote.objects.filter(item__workshop_id__in=ids)
                               .values_list("item_id", "choice").annotate(n=Count("id"))
                               .order_by()):
        votes[item_id][choice] = n
    n_comments = dict(Comment.objects.filter(item__workshop_id__in=ids).values_list("item_id")
                      .annotate(n=Count("id")).order_by())
    n_amendments = dict(Amendment.objects.filter(item__workshop_id__in=ids)
                        .values_list("item_id").annotate(n=Count("id")).order_by())
    accepted = set(Amendment.objects.filter(item__workshop_id__in=ids,
                                            outcome=Amendment.Outcome.ACCEPTED)
                   .values_list("item_id", flat=True))
    current = dict(AgendaItem.objects.filter(pk__in=[w.current_item_id for w in workshops
                                                     if w.current_item_id])
                   .values_list("pk", "finding__key"))
    out = []
    for w in workshops:
        findings, questions = [], []
        for item in agenda(w):
            counts = votes.get(item.pk, {})
            common = {"comments": n_comments.get(item.pk, 0),
                      "amendments": n_amendments.get(item.pk, 0)}
            if item.finding_id:
                result = decide(counts, threshold=w.validation_threshold,
                                minimum=w.minimum_votes, amendment_accepted=item.pk in accepted)
                share = None if result.share_agreeing is None else round(result.share_agreeing, 4)
                findings.append({"key": item.key,
                                 **{c: counts.get(c, 0) for c in FINDING_CHOICES},
                                 **common, "outcome": result.verdict, "share_agreeing": share})
            else:
                choice_counts = {c.get("key", ""): counts.get(c.get("key", ""), 0)
                                 for c in item.choices or ()}
                for k, n in counts.items():
                    choice_counts.setdefault(k, n)
                questions.append({"key": item.key, "question_en": item.question_en,
                                  "question_km": item.question_km, "votes": choice_counts,
                                  **common})
        out.append({"join_code": w.join_code, "state": w.state,
                    "current_finding": current.get(w.current_item_id) if w.current_item_id
                    else None,
                    "findings": findings, "questions": questions})
    return {"workshops": out}


# --- Files --------------------------------------------------------------------------------------

def xlsx_bytes(header: list[str], rows: list[list[str]], title: str) -> bytes:
    """One sheet, every cell a formula-safe string (openpyxl would store "=…" as a formula)."""
    import io

    from openpyxl import Workbook

    from wpsnap.core.exports import safe_cell

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(str(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
