from devzone.projects.models.meetings import Meeting, Problem, PromotionGroup
from devzone.projects.models.project import Milestone, Project, ProjectInvestor
from devzone.projects.models.reports import InvestmentReport

__all__ = [
    "InvestmentReport",
    "Meeting",
    "Milestone",
    "Problem",
    "Project",
    "ProjectInvestor",
    "PromotionGroup",
]
