from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.clock import check_plausible, today
from devzone.core.models import TimeStampedModel
from devzone.projects.choices import ProblemStatus


class PromotionGroup(TimeStampedModel):
    """A special promotion group (专班): a leader, member departments, weekly meetings."""

    name = models.CharField(_("name"), max_length=200)
    zone = models.ForeignKey(
        "regions.Zone",
        on_delete=models.PROTECT,
        related_name="promotion_groups",
        verbose_name=_("zone"),
    )
    leader = models.CharField(_("group leader"), max_length=100, blank=True)
    departments = models.ManyToManyField(
        "regions.Department",
        related_name="promotion_groups",
        verbose_name=_("member departments"),
        blank=True,
    )
    meets_weekly = models.BooleanField(_("meets weekly"), default=True)

    class Meta:
        verbose_name = _("promotion group")
        verbose_name_plural = _("promotion groups")
        ordering = ["zone_id", "name"]

    def __str__(self) -> str:
        return self.name


class Meeting(TimeStampedModel):
    """A project meeting (周例会, 推进会) that reviews problems and records decisions."""

    zone = models.ForeignKey(
        "regions.Zone", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("zone")
    )
    group = models.ForeignKey(
        PromotionGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("promotion group"),
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    minutes = models.TextField(_("minutes"), blank=True)
    reviewed_problems = models.ManyToManyField(
        "projects.Problem",
        related_name="reviewed_at",
        verbose_name=_("problems reviewed"),
        blank=True,
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"

    def clean(self) -> None:
        super().clean()
        check_plausible(self, "held_on")
        if self.held_on and self.held_on > today():
            message = _("A meeting is recorded once it is held, not on a future date.")
            raise ValidationError({"held_on": message})


class Problem(TimeStampedModel):
    """An item on a project's problem list (问题清单), owned by a department with a due date."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="problems",
        verbose_name=_("project"),
    )
    title = models.CharField(_("problem"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_department = models.ForeignKey(
        "regions.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
        verbose_name=_("owner department"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    raised_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raised_problems",
        verbose_name=_("raised at meeting"),
    )

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["status", "due_date", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        check_plausible(self, "due_date", "resolved_on")
        if not (self.title or "").strip():
            raise ValidationError({"title": _("Give the problem a title.")})
        if self.status == ProblemStatus.RESOLVED and not self.resolution.strip():
            raise ValidationError({"resolution": _("Say how the problem was resolved.")})
        if self.status != ProblemStatus.RESOLVED and self.resolved_on:
            raise ValidationError({"resolved_on": _("Only a resolved problem has a date.")})
        if self.resolved_on and self.resolved_on > today():
            raise ValidationError({"resolved_on": _("A problem cannot be resolved in the future.")})
        department = self.owner_department
        if department and self.project_id and not department.serves(self.project.zone.region):
            message = _("The department must serve the project's area (its city, or above it).")
            raise ValidationError({"owner_department": message})

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != ProblemStatus.RESOLVED
            and self.due_date is not None
            and self.due_date < today()
        )
