from devzone.core.models.base import TimeStampedModel
from devzone.core.models.history import ChangeAction, ChangeRecord

__all__ = ["ChangeAction", "ChangeRecord", "TimeStampedModel"]
