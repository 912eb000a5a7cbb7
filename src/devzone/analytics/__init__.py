"""Read-only rollups of the ledger over extracted columns (Polars), for province-scale numbers.

The ledger queries of :mod:`devzone.targets.queries` ask the database one aggregate at a time,
which is right for one target but slow for a province's plans, race and briefing together. This
package reads the ledger's columns (:mod:`.extract`), folds the monthly reports into the
aggregates the rollups sum (:func:`.ledger.fold`), keeps them in the process up to date with
the change history (:mod:`.state`), and computes the same numbers as pure functions over those
frames (:mod:`.rollups`), per request through a :class:`.view.LedgerView`. Target progress,
the race and the weekly briefing read their ledger figures here; ``bench/rollups.py`` times
them against plain SQL and pandas, and the tests hold them equal to the ledger queries and the
project querysets.
"""
