"""Linking typed names to the registry: the Django side of :mod:`devzone.matching`.

The engine is pure Python; this module feeds it the registry (legal names, short and English
names, aliases, region codes), applies what people decided before, and stores runs so their
review-band names can be confirmed or rejected in the web application (the Open Supply Hub
pipeline: match → a person confirms or rejects → the decision feeds back).

- A confirmation is remembered twice: a ``MatchDecision`` (who, when) and an
  ``EnterpriseAlias`` of kind ``confirmed``, which the index takes through
  :meth:`NameIndex.add_alias` so the same name matches outright next time.
- A rejection keeps that enterprise out of the candidates for that name (in canonical writing).

The index of a registry is built once per process and kept until the registry changes
(:func:`registry_version`); new enterprises, aliases and decisions are filed into it as they
come (:mod:`devzone.enterprises.index_updates`), without a rebuild. A registry of at least
:data:`SAVE_MIN_RECORDS` enterprises also has its index written to
``DATA_DIR/matching/registry-<version>.npz``: the next process (another web worker, the next
``devzone match``) reads it in seconds instead of rebuilding for minutes, and files in what
was written after it; files of older versions are removed when a new one is written.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from devzone.core.history import delete_with_history, history_version, save_with_history
from devzone.enterprises import index_updates, services
from devzone.enterprises.choices import AliasKind, DecisionKind, MatchOutcome, ReviewState
from devzone.enterprises.models import (
    Enterprise,
    EnterpriseAlias,
    MatchDecision,
    MatchItem,
    MatchRun,
)
from devzone.matching import (
    Candidate,
    EnterpriseRecord,
    MatchResult,
    NameIndex,
    Thresholds,
    normalize,
)
from devzone.matching.assignment import assign_distinct
from devzone.matching.store import StaleIndex

logger = logging.getLogger(__name__)

ITEM_BATCH = 1000
DISTINCT_DEPTH = 10  # candidates a list of different enterprises weighs per name
# Below this many enterprises building the index takes about a second: no file is written.
SAVE_MIN_RECORDS = 20_000
_INDEX_DIR = "matching"
_lock = threading.Lock()
_cached: tuple[int, RegistryMatcher] | None = None


def query_key(name: str) -> str:
    """A name in canonical writing: decisions on 寧德時代 hold for 宁德时代."""
    return normalize(name)[:300]


@dataclass
class RegistryMatcher:
    """The registry's name index plus the rejections people made."""

    index: NameIndex
    rejected: dict[str, set[Any]] = field(default_factory=dict)

    @property
    def thresholds(self) -> Thresholds:
        return self.index.thresholds

    def match(self, name: str, *, limit: int = 5) -> MatchResult:
        """Candidates for ``name`` without those rejected for it, and the decision."""
        rejected = self.rejected.get(query_key(name))
        if not rejected:
            return self.index.match(name, limit=limit)
        result = self.index.match(name, limit=limit + len(rejected))
        kept = tuple(c for c in result.candidates if c.record_id not in rejected)[:limit]
        if _ids(kept[:2]) == _ids(result.candidates[:2]):
            return MatchResult(result.query, result.decision, kept)
        best, runner_up = _score(kept), _score(kept[1:2])
        return MatchResult(result.query, self.thresholds.decide(best, runner_up), kept)


def _ids(candidates: Iterable[Candidate]) -> list[Any]:
    return [candidate.record_id for candidate in candidates]


def _score(candidates: tuple[Candidate, ...]) -> float | None:
    """The score the margin rule compares: before clipping, as :meth:`NameIndex.match` does."""
    if not candidates:
        return None
    best = candidates[0]
    return best.rank_score if best.rank_score is not None else best.score


# --- building the index --------------------------------------------------------------------


def build_matcher(*, thresholds: Thresholds | None = None) -> RegistryMatcher:
    """Index every enterprise with its names; apply confirmed aliases and rejections."""
    aliases, confirmed = _aliases()
    index = NameIndex(_records(aliases), thresholds=thresholds)
    for enterprise_id, alias in confirmed:
        index.add_alias(enterprise_id, alias, confirmed=True)
    return RegistryMatcher(index, _rejections())


def _rejections() -> dict[str, set[Any]]:
    rejected: dict[str, set[Any]] = {}
    decisions = MatchDecision.objects.filter(decision=DecisionKind.REJECTED)
    for key, enterprise_id in decisions.values_list("query_key", "enterprise_id"):
        rejected.setdefault(key, set()).add(enterprise_id)
    return rejected


def index_path(version: int) -> Path:
    """Where the index of registry *version* is kept on disk."""
    return Path(settings.DATA_DIR) / _INDEX_DIR / f"registry-{version}.npz"


def load_or_build_matcher(version: int) -> RegistryMatcher:
    """The matcher of registry *version*: read from its file when one was written (by this
    or another process); else read from an older file, with what was written since filed in
    when :mod:`~devzone.enterprises.index_updates` can; else built, and written when the
    registry is large."""
    path = index_path(version)
    if path.is_file():
        try:
            return RegistryMatcher(NameIndex.load(path), _rejections())
        except (StaleIndex, OSError):
            logger.warning("rebuilding the matching index: %s is unreadable or stale", path)
    elif (older := _older_file(version)) is not None:
        matcher = _read_and_update(*older, version)
        if matcher is not None:
            return matcher
    matcher = build_matcher()
    if len(matcher.index) >= SAVE_MIN_RECORDS:
        _save(matcher.index, path)
    return matcher


def _older_file(version: int) -> tuple[int, Path] | None:
    """The newest index file of a version before *version*."""
    found = []
    for path in index_path(version).parent.glob("registry-*.npz"):
        number = path.stem.removeprefix("registry-")
        if number.isdigit() and int(number) < version:
            found.append((int(number), path))
    return max(found, default=None)


def _read_and_update(saved: int, path: Path, version: int) -> RegistryMatcher | None:
    updates = index_updates.updates_since(saved, version)
    if updates is None:
        return None
    try:
        index = NameIndex.load(path)
    except (StaleIndex, OSError):
        return None
    # The rejections are read as they are now: no need to replay those.
    matcher = RegistryMatcher(index, _rejections())
    return matcher if index_updates.apply(matcher, updates, decisions=False) else None


def _save(index: NameIndex, path: Path) -> None:
    """Write the index and remove the files of older versions; a failure only costs speed."""
    try:
        index.save(path)
    except OSError:
        logger.warning("could not write the matching index to %s", path, exc_info=True)
        return
    for older in path.parent.glob("registry-*.npz"):
        if older != path:
            older.unlink(missing_ok=True)


def _aliases() -> tuple[dict[int, list[str]], list[tuple[int, str]]]:
    aliases: dict[int, list[str]] = {}
    confirmed: list[tuple[int, str]] = []
    rows = EnterpriseAlias.objects.values_list("enterprise_id", "alias", "kind")
    for enterprise_id, alias, kind in rows.iterator(chunk_size=10_000):
        if kind == AliasKind.CONFIRMED:
            confirmed.append((enterprise_id, alias))
        else:
            aliases.setdefault(enterprise_id, []).append(alias)
    return aliases, confirmed


def _records(aliases: dict[int, list[str]]) -> Iterator[EnterpriseRecord]:
    rows = Enterprise.objects.order_by("pk").values_list(
        "pk", "legal_name", "short_name", "name_en", "region__code"
    )
    for pk, legal_name, short_name, name_en, region_code in rows.iterator(chunk_size=10_000):
        names = [name for name in (short_name, name_en) if name]
        names += aliases.get(pk, ())
        yield EnterpriseRecord(pk, legal_name, tuple(names), region_code)


def registry_version() -> int:
    """Changes whenever an enterprise, an alias or a decision is written (one indexed query,
    not a count over a registry of millions)."""
    return history_version(Enterprise, EnterpriseAlias, MatchDecision)


def registry_matcher() -> RegistryMatcher:
    """The process's matcher for the current registry, rebuilt after any change."""
    global _cached
    version = registry_version()
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, _updated(_cached, version) or load_or_build_matcher(version))
        return _cached[1]


def _updated(cached: tuple[int, RegistryMatcher] | None, version: int) -> RegistryMatcher | None:
    """The cached matcher with what was written since it was built, if it can be filed in."""
    if cached is None or cached[0] > version:
        return None
    updates = index_updates.updates_since(cached[0], version)
    if updates is None or not index_updates.apply(cached[1], updates):
        return None
    return cached[1]


def forget_matcher() -> None:
    """Drop the process's matcher (tests, or after a bulk import in the same process)."""
    global _cached
    with _lock:
        _cached = None


def suggest_enterprise(name: str, *, limit: int = 5) -> MatchResult:
    """The registry enterprises ``name`` may mean: for project investors, leads and forms.

    ``result.decision == "matched"`` is safe to link without asking; ``review`` should be
    shown to a person; ``none`` means the registry does not know the name.
    """
    return registry_matcher().match(name, limit=limit)


# --- runs ------------------------------------------------------------------------------------


def match_names(
    names: Iterable[str],
    *,
    actor: Any,
    source: str = "",
    matcher: RegistryMatcher | None = None,
    store: bool = True,
    limit: int = 5,
    distinct: bool = False,
) -> tuple[MatchRun | None, list[MatchResult]]:
    """Match every name; with ``store`` keep the run so its review band can be reviewed.

    With ``distinct`` the names are a list of different enterprises (a roster, a top-500
    list): no two get the same record, and the list decides between candidates the matcher
    cannot tell apart (:func:`devzone.matching.assignment.assign_distinct`).
    """
    matcher = matcher or registry_matcher()
    depth = max(limit, DISTINCT_DEPTH) if distinct else limit
    results = [matcher.match(name, limit=depth) for name in names]
    if distinct:  # the list looks deeper than it shows: a rival may hide past the limit
        results = [
            dataclasses.replace(result, candidates=result.candidates[:limit])
            for result in assign_distinct(results, matcher.thresholds, limit=depth)
        ]
    options = {**dataclasses.asdict(matcher.thresholds), "distinct": distinct}
    run = _store_run(results, options, actor=actor, source=source) if store else None
    return run, results


@transaction.atomic
def _store_run(
    results: list[MatchResult], options: dict[str, Any], *, actor: Any, source: str
) -> MatchRun:
    user = actor if getattr(actor, "is_authenticated", False) else None
    counts = {outcome: 0 for outcome in MatchOutcome.values}
    for result in results:
        counts[str(result.decision)] += 1
    run = MatchRun.objects.create(
        source=source[:300],
        created_by=user,
        thresholds=options,  # the thresholds and whether the names were one list
        item_count=len(results),
        matched_count=counts[MatchOutcome.MATCHED],
        review_count=counts[MatchOutcome.REVIEW],
        none_count=counts[MatchOutcome.NONE],
    )
    items = (_item(run, position, result) for position, result in enumerate(results, start=1))
    MatchItem.objects.bulk_create(items, batch_size=ITEM_BATCH)
    return run


def _item(run: MatchRun, position: int, result: MatchResult) -> MatchItem:
    best, runner_up = result.best, result.runner_up
    return MatchItem(
        run=run,
        position=position,
        query=result.query[:300],
        outcome=str(result.decision),
        enterprise_id=best.record_id if best else None,
        score=best.score if best else None,
        runner_up_id=runner_up.record_id if runner_up else None,
        runner_up_score=runner_up.score if runner_up else None,
        candidates=[candidate_json(c) for c in result.candidates],
    )


def candidate_json(candidate: Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {
        "id": candidate.record_id,
        "legal_name": candidate.legal_name,
        "score": candidate.score,
        "reason": str(candidate.reason),
        "matched_text": candidate.matched_text,
        "taken_by": candidate.taken_by or None,
    }


def result_json(result: MatchResult) -> dict[str, Any]:
    """One line of ``devzone match --json`` and of the match API."""
    return {
        "query": result.query,
        "decision": str(result.decision),
        "best": candidate_json(result.best),
        "runner_up": candidate_json(result.runner_up),
        "candidates": [candidate_json(c) for c in result.candidates],
    }


# --- decisions -------------------------------------------------------------------------------


@transaction.atomic
def confirm_match(query: str, enterprise: Enterprise, *, actor: Any) -> MatchDecision:
    """``query`` means ``enterprise``: remember it and file the name as a confirmed alias."""
    services.require_registry_edit(actor)
    earlier = (
        MatchDecision.objects.filter(query_key=query_key(query), decision=DecisionKind.CONFIRMED)
        .exclude(enterprise=enterprise)
        .select_related("enterprise")
        .first()
    )
    if earlier is not None:  # one name, one enterprise: a second "yes" would make every match a tie
        message = _(
            "“%(name)s” is already confirmed as %(enterprise)s: reject that match first to "
            "change it."
        ) % {"name": query.strip(), "enterprise": earlier.enterprise.legal_name}
        raise ValidationError({"enterprise": message})
    decision = _decide(query, enterprise, DecisionKind.CONFIRMED, actor=actor)
    alias = query.strip()[:200]
    if not EnterpriseAlias.objects.filter(enterprise=enterprise, alias=alias).exists():
        services.add_alias(enterprise, alias, kind=AliasKind.CONFIRMED, actor=actor)
    return decision


@transaction.atomic
def reject_match(query: str, enterprise: Enterprise, *, actor: Any) -> MatchDecision:
    """``query`` does not mean ``enterprise``: never propose it for that name again."""
    services.require_registry_edit(actor)
    decision = _decide(query, enterprise, DecisionKind.REJECTED, actor=actor)
    confirmed = EnterpriseAlias.objects.filter(
        enterprise=enterprise, alias=query.strip()[:200], kind=AliasKind.CONFIRMED
    )
    for alias in confirmed:
        delete_with_history(alias, actor=actor)
    return decision


def _decide(query: str, enterprise: Enterprise, kind: str, *, actor: Any) -> MatchDecision:
    key = query_key(query)
    decision = MatchDecision.objects.filter(query_key=key, enterprise=enterprise).first()
    decision = decision or MatchDecision(query_key=key, enterprise=enterprise)
    decision.query = query.strip()[:300]
    decision.decision = kind
    decision.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    save_with_history(decision, actor=actor)
    return decision


@transaction.atomic
def review_item(item: MatchItem, *, confirm: bool, enterprise: Enterprise, actor: Any) -> None:
    """A person's answer on a review-band item: confirm or reject one of its candidates."""
    if enterprise.pk not in {candidate["id"] for candidate in item.candidates}:
        message = _("That enterprise is not a candidate for this name.")
        raise ValidationError({"enterprise": message})
    if confirm:
        confirm_match(item.query, enterprise, actor=actor)
    else:
        reject_match(item.query, enterprise, actor=actor)
    item.review_state = ReviewState.CONFIRMED if confirm else ReviewState.REJECTED
    if confirm:
        item.enterprise = enterprise
    item.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    item.reviewed_at = timezone.now()
    item.save(update_fields=["review_state", "enterprise", "reviewed_by", "reviewed_at"])


def matched_enterprise(name: str) -> Enterprise | None:
    """The enterprise ``name`` certainly means (decision ``matched``), else None.

    For code that links without asking (a lead's or an investor's name typed in a form);
    uncertain names stay unlinked until a person picks from :func:`suggest_enterprise`.
    """
    result = suggest_enterprise(name)
    if result.decision != "matched" or result.best is None:
        return None
    return Enterprise.objects.filter(pk=result.best.record_id).first()
