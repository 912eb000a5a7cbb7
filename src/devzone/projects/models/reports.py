from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.core.clock import check_plausible, today
from devzone.core.models import TimeStampedModel
from devzone.projects.models.project import MAX_PROJECT_AMOUNT, MONEY


class InvestmentReport(TimeStampedModel):
    """The money a project actually invested in one month, with its physical progress.

    Year-to-date and since-start totals are sums over these rows, never stored.
    """

    project = models.ForeignKey(  # indexed by projects_report_month, which it leads
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="reports",
        db_index=False,
        verbose_name=_("project"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    amount = models.DecimalField(
        _("investment in the month (yuan)"),
        **MONEY,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PROJECT_AMOUNT)],
    )
    progress_text = models.CharField(_("physical progress"), max_length=500, blank=True)
    progress_percent = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )

    class Meta:
        verbose_name = _("investment report")
        verbose_name_plural = _("investment reports")
        ordering = ["project_id", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="projects_report_month"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.month:%Y-%m}"

    def clean(self) -> None:
        super().clean()
        check_plausible(self, "month")
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("A month is written as its first day.")})
        if self.month and self.month > today():  # as the ledger import refuses
            raise ValidationError(
                {
                    "month": _("%(month)s is a month still to come.")
                    % {"month": f"{self.month:%Y-%m}"}
                }
            )
