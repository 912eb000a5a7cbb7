"""Read-only rollups of the ledger over extracted columns (Polars), for province-scale numbers.

The ledger queries of :mod:`devzone.targets.queries` ask the database one aggregate at a time,
which is right for one target but slow for a province's plans, race and briefing together. This
package reads the ledger's columns once (:mod:`.extract`), folds the monthly reports into the
aggregates a report submission would update (:func:`.ledger.fold`), and computes the same
numbers as pure functions over those frames (:mod:`.rollups`). ``bench/rollups.py`` measures
this code against plain SQL and pandas, and the tests check it equals the ledger queries.
"""
