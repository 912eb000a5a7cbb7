from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core import codes
from devzone.core.clock import check_plausible, today
from devzone.core.models import TimeStampedModel
from devzone.projects.choices import (
    ConstructionType,
    InvestorRole,
    MilestoneKind,
    ProjectKind,
)
from devzone.projects.querysets import ProjectQuerySet
from devzone.projects.validators import canonical_project_code, validate_project_code_field

# Amounts are yuan (or the stated currency) with two decimals; 20 digits reach 10^18 yuan.
MONEY = {"max_digits": 20, "decimal_places": 2}
# No single project in any Chinese ledger comes near 10^13 yuan (10 trillion): such a value
# is a unit mistake (元 typed where 万元 was meant, or the reverse), so it is refused.
MAX_PROJECT_AMOUNT = 10**13


def money_field(verbose_name: str, **kwargs):  # type: ignore[no-untyped-def]
    return models.DecimalField(
        verbose_name,
        **MONEY,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PROJECT_AMOUNT)],
        **kwargs,
    )


class Project(TimeStampedModel):
    """A major investment project: the heart of the ledger (项目台账).

    Its stage and status are derived from milestones and reports, never typed in.
    """

    code = models.CharField(
        _("project code"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_project_code_field],
        help_text=_(
            "National investment project code (2301-330701-04-01-123456) or a local number."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    zone = models.ForeignKey(  # indexed by projects_zone_name_idx, which it leads
        "regions.Zone",
        on_delete=models.PROTECT,
        related_name="projects",
        db_index=False,
        verbose_name=_("zone"),
    )
    industry = models.ForeignKey(
        "enterprises.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("industry"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.MANUFACTURING
    )
    construction_type = models.CharField(
        _("construction type"),
        max_length=12,
        choices=ConstructionType.choices,
        default=ConstructionType.NEW,
    )
    investors = models.ManyToManyField(
        "enterprises.Enterprise",
        through="ProjectInvestor",
        related_name="projects",
        verbose_name=_("investors"),
        blank=True,
    )
    planned_investment = money_field(_("planned total investment (yuan)"))
    fixed_asset_investment = money_field(_("fixed-asset investment (yuan)"), null=True, blank=True)
    foreign_capital = money_field(_("foreign capital"), null=True, blank=True)
    foreign_currency = models.CharField(_("foreign capital currency"), max_length=3, blank=True)
    land_mu = models.DecimalField(
        _("land (mu)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    expected_output = money_field(_("expected annual output (yuan)"), null=True, blank=True)
    expected_tax = money_field(_("expected annual tax (yuan)"), null=True, blank=True)
    expected_jobs = models.PositiveIntegerField(_("expected jobs"), null=True, blank=True)
    leader = models.CharField(_("responsible leader"), max_length=100, blank=True)
    department = models.ForeignKey(
        "regions.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("responsible department"),
    )
    promotion_group = models.ForeignKey(
        "projects.PromotionGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("promotion group"),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the figures come from: document and sentence.")
    )
    is_generated = models.BooleanField(
        _("generated"),
        default=False,
        help_text=_("Generated so that individual projects add up to a published total."),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-planned_investment", "name", "id"]
        indexes = [models.Index(fields=["zone", "name"], name="projects_zone_name_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not (self.name or "").strip():
            raise ValidationError({"name": _("Give the project a name.")})
        if self.code:
            self.code = canonical_project_code(self.code)
        if self.foreign_capital and not self.foreign_currency:
            raise ValidationError(
                {"foreign_currency": _("Give the currency of the foreign capital.")}
            )
        if self.foreign_currency and self.foreign_currency not in codes.CURRENCY_CODES:
            raise ValidationError(
                {
                    "foreign_currency": _(
                        "“%(code)s” is not an ISO 4217 currency code (such as USD or HKD)."
                    )
                    % {"code": self.foreign_currency}
                }
            )
        if (
            self.fixed_asset_investment is not None
            and self.planned_investment is not None
            and self.fixed_asset_investment > self.planned_investment
        ):
            raise ValidationError(
                {
                    "fixed_asset_investment": _(
                        "The fixed-asset part cannot exceed the planned total investment."
                    )
                }
            )
        if self.department_id and self.zone_id and not self.department.serves(self.zone.region):
            message = _("The department must serve the project's area (its city, or above it).")
            raise ValidationError({"department": message})


class ProjectInvestor(models.Model):
    project = models.ForeignKey(  # indexed by projects_investor_unique, which it leads
        Project, on_delete=models.CASCADE, db_index=False, verbose_name=_("project")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, verbose_name=_("enterprise")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=InvestorRole.choices, default=InvestorRole.LEAD
    )

    class Meta:
        verbose_name = _("project investor")
        verbose_name_plural = _("project investors")
        ordering = ["project_id", "role", "enterprise_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "enterprise"], name="projects_investor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.project}"


class Milestone(TimeStampedModel):
    """One lifecycle step of a project with its planned and actual dates."""

    project = models.ForeignKey(  # indexed by projects_milestone_unique, which it leads
        Project,
        on_delete=models.CASCADE,
        related_name="milestones",
        db_index=False,
        verbose_name=_("project"),
    )
    kind = models.CharField(_("milestone"), max_length=24, choices=MilestoneKind.choices)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project_id", "planned_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="projects_milestone_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        check_plausible(self, "planned_date", "actual_date")
        if self.actual_date and self.actual_date > today():
            raise ValidationError({"actual_date": _("An actual date cannot be in the future.")})
        if not self.planned_date and not self.actual_date:
            message = _("Give a planned date, an actual date or both.")
            raise ValidationError({"planned_date": message})

    @property
    def is_late(self) -> bool:
        if self.planned_date is None:
            return False
        reached = self.actual_date or today()
        return reached > self.planned_date

    @property
    def days_late(self) -> int | None:
        if self.planned_date is None:
            return None
        reached = self.actual_date or today()
        return (reached - self.planned_date).days
