"""The Plan's spreadsheets for circulation: the results framework and the roles-and-
responsibilities matrix (one sheet each).

Both have two header rows, English then Khmer, frozen with the key columns; column widths set;
every text cell passes through `core.exports.safe_cell` (a cell starting with = + - @ is
neutralised, so a title cannot become a formula). Numbers (budget, baseline, targets) are numeric
cells. The framework is read with `queries.framework.tree` (a fixed number of queries).
"""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from wpsnap.core.bilingual import ui_in_both
from wpsnap.core.exports import safe_cell
from wpsnap.plans.models import Organisation

from .models import Responsibility
from .models.framework import Direction, Frequency, IndicatorType
from .queries import budget as budget_queries
from .queries import framework as framework_queries

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="E8DEF2")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

# Headers and labels in both languages, whatever the reader's language (the file circulates):
# the Khmer comes from the translation catalogue, like every other Khmer label of the app.
FRAMEWORK_COLUMNS = [  # (label, width)
    (_("Pillar"), 22),
    (_("Outcome"), 34),
    (_("Output"), 34),
    (_("Action key"), 11),
    (_("Action"), 44),
    (_("Lead Organisation"), 16),
    (_("Supporting Organisations"), 24),
    (_("Timeframe"), 14),
    (_("Areas"), 22),
    (_("Budget (original currencies)"), 24),
    (_("Budget ({currency})"), 14),
    (_("Secured ({currency})"), 14),
    (_("Findings"), 14),
    (_("Indicator key"), 11),
    (_("Indicator"), 44),
    (_("Type"), 12),
    (_("Unit"), 12),
    (_("Direction"), 11),
    (_("Baseline"), 14),
    (_("Baseline year"), 9),
    (_("Baseline source"), 22),
]
TARGET_HEADER = (_("Target {year}"), 11)
FRAMEWORK_TAIL = [
    (_("Data source"), 24),
    (_("Frequency"), 14),
    (_("Responsible Organisation"), 16),
]


def _text(value) -> str:
    return safe_cell(str(value or "").strip())


def _lines(parts) -> str:
    """The non-empty parts, one per line, each once (a unit such as "%" is the same in both)."""
    kept = []
    for part in parts:
        part = str(part or "").strip()
        if part and part not in kept:
            kept.append(part)
    return "\n".join(kept)


def _both(obj, name: str) -> str:
    """English and Khmer in one cell (one per line), formula-safe."""
    return _text(_lines(getattr(obj, f"{name}_{lang}", "") for lang in ("en", "km")))


def _labelled(key: str, obj, name: str) -> str:
    text = _lines(getattr(obj, f"{name}_{lang}", "") for lang in ("en", "km"))
    return _text(f"{key} {text}" if key else text)


def _pair(choices, value) -> str:
    """A choice's label in English and Khmer ("Lead / ដឹកនាំ"); the value itself if unknown."""
    try:
        en, km = ui_in_both(choices(value).label)
    except ValueError:
        return _text(value)
    return _text(f"{en} / {km}" if km and km != en else en)


def _org(org) -> str:
    if org is None:
        return ""
    return _text(org.abbreviation or org.name_en)


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value


def _timeframe(action) -> str:
    if not action.start_year:
        return ""
    start = f"{action.start_year}" + (f" Q{action.start_quarter}" if action.start_quarter else "")
    end_year = action.end_year or action.start_year
    end = f"{end_year}" + (f" Q{action.end_quarter}" if action.end_quarter else "")
    return _text(start if start == end else f"{start}–{end}")


def _areas(action) -> str:
    areas = list(action.areas.all())
    english = [a.name_en for a in areas]
    khmer = [a.name_km or a.name_en for a in areas]
    if action.national:
        english.insert(0, "National")
        khmer.insert(0, "ថ្នាក់ជាតិ")
    return _text(_lines([", ".join(english), ", ".join(khmer)]))


def _header(sheet, columns, freeze: str) -> None:
    for row, lang in ((1, 0), (2, 1)):
        for col, spec in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=col, value=safe_cell(spec[lang]))
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
    for col, spec in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = spec[2]
    sheet.freeze_panes = freeze


def _years(plan, outcomes) -> list[int]:
    if plan.period_start and plan.period_end and plan.period_end >= plan.period_start:
        return list(range(plan.period_start, plan.period_end + 1))
    years = set()
    for indicator in _indicators(outcomes):
        years.update(t.year for t in indicator.targets.all())
    return sorted(years)


def _indicators(outcomes):
    for outcome in outcomes:
        yield from outcome.indicators.all()
        for output in outcome.outputs.all():
            yield from output.indicators.all()


def _framework_rows(plan, outcomes, years, settings):
    """One row per Action, then one per Indicator, in framework order."""
    blank_action = [""] * 7 + [None, None, ""]

    def indicator_cells(indicator):
        targets = {t.year: t for t in indicator.targets.all()}
        baseline = _number(indicator.baseline_value)
        if baseline is None:
            baseline = _both(indicator, "baseline_text")
        cells = [
            _text(indicator.key), _both(indicator, "title"),
            _pair(IndicatorType, indicator.type), _both(indicator, "unit"),
            _pair(Direction, indicator.direction), baseline,
            indicator.baseline_year, _both(indicator, "baseline_source"),
        ]
        for year in years:
            target = targets.get(year)
            if target is None:
                cells.append(None)
            elif target.value is not None:
                cells.append(_number(target.value))
            else:
                cells.append(_both(target, "text"))
        cells += [_both(indicator, "data_source"),
                  _pair(Frequency, indicator.frequency) if indicator.frequency else "",
                  _org(indicator.responsible)]
        return cells

    blank_indicator = [""] * (8 + len(years) + 3)
    for outcome in outcomes:
        pillars = _text("\n".join(f"{p.label_en} / {p.label_km}" if p.label_km else p.label_en
                                  for p in outcome.pillars.all()))
        outcome_cell = _labelled(outcome.key, outcome, "title")
        for indicator in outcome.indicators.all():
            yield [pillars, outcome_cell, "", *blank_action, *indicator_cells(indicator)]
        for output in outcome.outputs.all():
            output_cell = _labelled(output.key, output, "title")
            for action in output.actions.all():
                lead, supporting = framework_queries.lead_and_support(action)
                lines = list(action.budget_lines.all())
                totals = framework_queries.budget_totals(lines)
                converted = sum((budget_queries.convert(line.amount, line.currency, settings)
                                 for line in lines), Decimal("0"))
                secured = sum((budget_queries.convert(line.amount, line.currency, settings)
                               for line in lines if line.secured), Decimal("0"))
                yield [pillars, outcome_cell, output_cell, _text(action.key),
                       _both(action, "title"), _org(lead),
                       _text(", ".join(o.abbreviation or o.name_en for o in supporting)),
                       _timeframe(action), _areas(action),
                       _text("; ".join(budget_queries.money(v, c) for c, v in totals)),
                       converted if lines else None, secured if lines else None,
                       _text(", ".join(f.key for f in action.findings.all())),
                       *blank_indicator]
            for indicator in output.indicators.all():
                yield [pillars, outcome_cell, output_cell, *blank_action,
                       *indicator_cells(indicator)]


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def framework_workbook(plan) -> bytes:
    outcomes = framework_queries.tree(plan)
    settings = budget_queries.settings_for(plan)
    currency = settings.report_currency
    years = _years(plan, outcomes)
    columns = [*[(*(t.format(currency=currency) for t in ui_in_both(label)), width)
                 for label, width in FRAMEWORK_COLUMNS],
               *[(*(t.format(year=y) for t in ui_in_both(TARGET_HEADER[0])), TARGET_HEADER[1])
                 for y in years],
               *[(*ui_in_both(label), width) for label, width in FRAMEWORK_TAIL]]
    book = Workbook()
    sheet = book.active
    sheet.title = "Results framework"
    _header(sheet, columns, "F3")
    money_columns = {11, 12}
    for r, row in enumerate(_framework_rows(plan, outcomes, years, settings), start=3):
        for c, value in enumerate(row, start=1):
            if value in ("", None):
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.alignment = WRAP
            elif c in money_columns:
                cell.number_format = "#,##0.00"
    return _save(book)


def matrix_workbook(plan) -> bytes:
    """Organisations (rows) × Outputs and their Actions (columns); a cell is the role."""
    outcomes = framework_queries.tree(plan)
    targets = []
    for outcome in outcomes:
        for output in outcome.outputs.all():
            targets.append(output)
            targets.extend(output.actions.all())
    roles = {}
    for target in targets:
        for r in target.responsibilities.all():
            roles[(r.organisation_id, target.key)] = r.role
    organisations = list(Organisation.objects.filter(plan=plan).order_by("name_en", "id"))
    involved = {org_id for org_id, _key in roles}
    organisations.sort(key=lambda o: (o.pk not in involved, o.name_en))
    columns = [(*ui_in_both(_("Organisation")), 40), (*ui_in_both(_("Abbreviation")), 12)]
    for target in targets:
        kind = ("Output", "លទ្ធផលផ្ទាល់") if target.key[:2] != "A-" else ("Action", "សកម្មភាព")
        columns.append((f"{kind[0]} {target.key}: {target.title_en}",
                        f"{kind[1]} {target.key}: {target.title_km or target.title_en}", 14))
    book = Workbook()
    sheet = book.active
    sheet.title = "Roles and responsibilities"
    _header(sheet, columns, "C3")
    sheet.row_dimensions[1].height = 90
    sheet.row_dimensions[2].height = 90
    for r, org in enumerate(organisations, start=3):
        sheet.cell(row=r, column=1, value=_both(org, "name")).alignment = WRAP
        sheet.cell(row=r, column=2, value=_text(org.abbreviation))
        for c, target in enumerate(targets, start=3):
            role = roles.get((org.pk, target.key))
            if role:
                sheet.cell(row=r, column=c, value=_pair(Responsibility.Role, role))
    return _save(book)


def filename(plan, what: str) -> str:
    """e.g. cambodia-demo-results-framework-2026-11-29.xlsx (no names of people)."""
    return f"{plan.slug}-{what}-{timezone.localdate().isoformat()}.xlsx"
