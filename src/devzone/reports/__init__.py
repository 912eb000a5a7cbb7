"""Reports built from the ledger and the targets: the weekly briefing (HTML, PDF, XLSX).

A plain package, not a Django app: its one template lives in the targets app
(``targets/templates/targets/briefing*.html``).
"""
