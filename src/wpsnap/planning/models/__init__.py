"""Plan: the NAP results framework (Goal → Outcomes → Outputs → Actions, Indicators with
Targets), the coordination mechanism (Bodies, Memberships, Responsibilities) and the links that
make the traceable chain (Action → Findings, Alignments to Framework items).

Who leads an Action or Output, and who supports it, is never stored twice: it is the
Responsibility rows (role lead / support / consulted / informed). The Action form's "lead" and
"supporting" fields write those rows through `planning.services.responsibilities`.
"""

from .coordination import Body, Membership, Responsibility
from .framework import (
    DISAGGREGATIONS,
    Action,
    BudgetLine,
    BudgetSettings,
    Currency,
    Direction,
    Frequency,
    Goal,
    Indicator,
    IndicatorTemplate,
    IndicatorType,
    Outcome,
    Output,
    Revision,
    Target,
)

__all__ = [
    "DISAGGREGATIONS", "Action", "Body", "BudgetLine", "BudgetSettings", "Currency", "Direction",
    "Frequency", "Goal", "Indicator", "IndicatorTemplate", "IndicatorType", "Membership",
    "Outcome", "Output", "Responsibility", "Revision", "Target",
]
