"""The budget summary of a Plan: totals by Pillar, by lead Organisation and by year, secured vs
unsecured, in the original currencies and converted to the report currency at the coordinator's
rate (BudgetSettings).

Rules (also stated on the page):
- an Action's budget goes to the Pillars of its Outcome, split evenly when there are several;
- it goes to the Action's lead Organisation ("no lead" when there is none);
- a BudgetLine with a year counts in that year; without one it is spread evenly over the Action's
  timeframe years; with neither it counts under "no year".

Money is Decimal throughout. Each line is converted once (rounded to the cent), then split into
whole cents (the first shares take the odd cents), so every table adds up exactly to the total.
A fixed number of queries, whatever the number of Actions.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ..models import Action, BudgetSettings
from ..models.framework import Currency
from .framework import lead_and_support

CENT = Decimal("0.01")
CURRENCIES = tuple(Currency.values)  # KHR, USD
ZERO = Decimal("0")


def settings_for(plan) -> BudgetSettings:
    settings, _created = BudgetSettings.objects.get_or_create(plan=plan)
    return settings


def convert(amount: Decimal, currency: str, settings: BudgetSettings) -> Decimal:
    """`amount` in `currency` expressed in the report currency, rounded to the cent."""
    amount = Decimal(amount)
    target = settings.report_currency
    if currency == target:
        value = amount
    elif currency == Currency.USD and target == Currency.KHR:
        value = amount * settings.khr_per_usd
    elif currency == Currency.KHR and target == Currency.USD:
        value = amount / settings.khr_per_usd
    else:  # pragma: no cover - only two currencies exist
        raise ValueError(f"cannot convert {currency} to {target}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """`amount` in `parts` shares of whole cents that add up exactly to it."""
    if parts <= 1:
        return [amount]
    cents = int((amount / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    base, extra = divmod(cents, parts)
    return [(Decimal(base + (1 if i < extra else 0)) * CENT) for i in range(parts)]


@dataclass
class Row:
    """One line of a table: the original amounts per currency and the converted totals."""

    key: object
    label: str
    obj: object = None  # the Pillar or Organisation, for the table's bilingual name
    original: dict = field(default_factory=lambda: dict.fromkeys(CURRENCIES, ZERO))
    total: Decimal = ZERO
    secured: Decimal = ZERO
    actions: set = field(default_factory=set)

    @property
    def unsecured(self) -> Decimal:
        return self.total - self.secured

    @property
    def secured_pct(self) -> int | None:
        if not self.total:
            return None
        return int((self.secured * 100 / self.total).to_integral_value(rounding=ROUND_HALF_UP))

    def add(self, currency: str, original: Decimal, converted: Decimal, secured: bool,
            action_id: int) -> None:
        self.original[currency] += original
        self.total += converted
        if secured:
            self.secured += converted
        self.actions.add(action_id)


@dataclass
class Table:
    key: str
    title: str
    rows: list
    row_title: str

    @property
    def total(self) -> Decimal:
        return sum((r.total for r in self.rows), ZERO)


@dataclass
class Summary:
    settings: BudgetSettings
    total: Row
    by_pillar: Table
    by_organisation: Table
    by_year: Table
    by_security: Table
    actions: int
    actions_with_budget: int
    lines: int
    split_actions: int  # Actions whose budget is split between several Pillars
    spread_lines: int  # lines without a year spread over a timeframe
    currencies_used: list = field(default_factory=list)

    @property
    def tables(self) -> list:
        return [self.by_pillar, self.by_organisation, self.by_year, self.by_security]

    @property
    def actions_without_budget(self) -> int:
        return self.actions - self.actions_with_budget


def _actions(plan):
    return (Action.objects.filter(plan=plan)
            .select_related("output__outcome")
            .prefetch_related("budget_lines", "output__outcome__pillars",
                              "responsibilities__organisation")
            .order_by("output__outcome__order", "output__outcome__number", "output__order",
                      "output__number", "order", "number"))


def summary(plan) -> Summary:
    settings = settings_for(plan)
    total = Row("total", _("Total"))
    pillars: dict = {}
    organisations: dict = {}
    years: dict = {}
    security = {True: Row("secured", _("Secured")), False: Row("unsecured", _("Not secured"))}
    no_pillar = Row(None, _("No Pillar"))
    no_lead = Row(None, _("No lead"))
    no_year = Row(None, _("No year"))
    counts = {"actions": 0, "with_budget": 0, "lines": 0, "split": 0, "spread": 0}
    used = set()
    pillar_order = {}
    for action in _actions(plan):
        counts["actions"] += 1
        lines = list(action.budget_lines.all())
        if not lines:
            continue
        counts["with_budget"] += 1
        action_pillars = sorted(action.output.outcome.pillars.all(),
                                key=lambda p: (p.order, p.key))
        if len(action_pillars) > 1:
            counts["split"] += 1
        lead = lead_and_support(action)[0]
        for line in lines:
            counts["lines"] += 1
            used.add(line.currency)
            converted = convert(line.amount, line.currency, settings)
            add = (line.currency, line.amount, converted, line.secured, action.pk)
            total.add(*add)
            security[line.secured].add(*add)
            # By Pillar: split evenly between the Outcome's Pillars.
            if action_pillars:
                shares = zip(action_pillars, split(line.amount, len(action_pillars)),
                             split(converted, len(action_pillars)), strict=True)
                for pillar, original, share in shares:
                    pillar_order[pillar.pk] = (pillar.order, pillar.key)
                    row = pillars.setdefault(pillar.pk, Row(pillar.pk, pillar.t("label"),
                                                                   obj=pillar))
                    row.add(line.currency, original, share, line.secured, action.pk)
            else:
                no_pillar.add(*add)
            # By lead Organisation.
            if lead is not None:
                label = lead.abbreviation or lead.t("name")
                organisations.setdefault(lead.pk, Row(lead.pk, label, obj=lead)).add(*add)
            else:
                no_lead.add(*add)
            # By year.
            if line.year:
                years.setdefault(line.year, Row(line.year, str(line.year))).add(*add)
            elif action.years:
                counts["spread"] += 1
                shares = zip(action.years, split(line.amount, len(action.years)),
                             split(converted, len(action.years)), strict=True)
                for year, original, share in shares:
                    years.setdefault(year, Row(year, str(year))).add(
                        line.currency, original, share, line.secured, action.pk)
            else:
                no_year.add(*add)
    pillar_rows = sorted(pillars.values(), key=lambda r: pillar_order[r.key])
    org_rows = sorted(organisations.values(), key=lambda r: (-r.total, r.label))
    year_rows = [years[y] for y in sorted(years)]
    for rows, extra in ((pillar_rows, no_pillar), (org_rows, no_lead), (year_rows, no_year)):
        if extra.actions:
            rows.append(extra)
    return Summary(
        settings=settings, total=total,
        by_pillar=Table("pillar", _("By Pillar"), pillar_rows, _("Pillar")),
        by_organisation=Table("organisation", _("By lead Organisation"), org_rows,
                              _("Lead Organisation")),
        by_year=Table("year", _("By year"), year_rows, _("Year")),
        by_security=Table("secured", _("Secured and not secured"),
                          [security[True], security[False]], _("Funding")),
        actions=counts["actions"], actions_with_budget=counts["with_budget"],
        lines=counts["lines"], split_actions=counts["split"], spread_lines=counts["spread"],
        currencies_used=[c for c in CURRENCIES if c in used],
    )


def money(value: Decimal, currency: str) -> str:
    """1,234,567.89 USD / 4,100,000 KHR (riel has no cents in practice)."""
    value = Decimal(value)
    if currency == Currency.KHR:
        return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP):,} KHR"
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,} USD"


# --- Chart geometry (an inline SVG drawn on the server) -----------------------------------------

CHART_WIDTH, LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 720, 230, 300, 26


LABEL_CHARS = 32  # what fits left of the bars; the table beside the chart has the full name


def _starts_cluster(label: str, i: int) -> bool:
    """Whether label[i] begins a new Khmer syllable cluster (not a vowel sign, sign or a
    consonant written below the previous one after the coeng U+17D2)."""
    dependent = 0x17B6 <= ord(label[i]) <= 0x17D3 or ord(label[i]) == 0x17DD
    return not dependent and not (i > 0 and ord(label[i - 1]) == 0x17D2)


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARS:
        return label
    cut = LABEL_CHARS - 1
    while cut > 1 and not _starts_cluster(label, cut):
        cut -= 1  # never split a Khmer cluster
    return label[:cut].rstrip() + "…"


def chart(table: Table, currency: str) -> dict:
    """A horizontal bar per row: the secured part solid, the rest lighter (stacked)."""
    top = max([r.total for r in table.rows] + [Decimal("1")])
    bars = []
    for i, row in enumerate(table.rows):
        y = 8 + i * ROW_HEIGHT
        width = int((BAR_WIDTH * row.total / top).to_integral_value(rounding=ROUND_HALF_UP))
        secured = int((BAR_WIDTH * row.secured / top).to_integral_value(rounding=ROUND_HALF_UP))
        secured = min(secured, width)
        bars.append({
            "label": _short(row.label), "full_label": row.label, "y": y, "text_y": y + 16,
            "width": width,
            "secured_width": secured, "unsecured_x": LABEL_WIDTH + 10 + secured,
            "unsecured_width": width - secured, "value_x": LABEL_WIDTH + 10 + width + 6,
            "display": money(row.total, currency),
        })
    return {"id": f"chart-{table.key}", "title": table.title, "bars": bars,
            "width": CHART_WIDTH, "height": 16 + len(table.rows) * ROW_HEIGHT,
            "label_x": LABEL_WIDTH, "bar_x": LABEL_WIDTH + 10}
