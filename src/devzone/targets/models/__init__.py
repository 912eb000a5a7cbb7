from devzone.targets.models.plans import Action, Indicator, Plan, Target, TargetActual
from devzone.targets.models.race import RaceResult, Scorecard, ScorecardItem

__all__ = [
    "Action",
    "Indicator",
    "Plan",
    "RaceResult",
    "Scorecard",
    "ScorecardItem",
    "Target",
    "TargetActual",
]
