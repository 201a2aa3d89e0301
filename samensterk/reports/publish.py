"""The report's way to lib.suppression's disclosure functions.

TEMPORARY: the lead is landing `publish_list`, `publish_series` and `OTHER` in lib.suppression
(coarsen first, suppress last). Until then, the fallbacks below do the same with today's
`suppress_list`, so the report can be built and tested; once they land, this module only
re-exports them (delete the fallbacks then).
"""

from __future__ import annotations

from datetime import date

from samensterk.lib import suppression

OTHER = getattr(suppression, "OTHER", "overige")


def _merge(counts: dict, k: int) -> tuple[dict, list]:
    small = [key for key, n in counts.items() if 0 < n < k]
    if len(small) < 2:  # one small category folded alone hides nothing
        return dict(counts), []
    kept = {key: n for key, n in counts.items() if key not in small and n}
    kept[OTHER] = sum(counts[key] for key in small)
    return kept, small


def _fallback_list(counts: dict, *, k: int | None = None, merge: bool = True):
    k = suppression.minimum(k)
    merged: list = []
    if merge:
        counts, merged = _merge(counts, k)
    table = suppression.suppress_list(counts, k=k)
    table.merged_rows = merged
    table.merged_columns = []
    return table


def _period(month: date, granularity: str) -> str:
    if granularity == "month":
        return f"{month.year}-{month.month:02d}"
    if granularity == "quarter":
        return f"{month.year}-K{(month.month - 1) // 3 + 1}"
    return str(month.year)


def _fallback_series(counts_by_month: dict, first_month: date, last_month: date, *, k=None):
    k = suppression.minimum(k)
    months, month = [], first_month.replace(day=1)
    while month <= last_month:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for granularity in ("month", "quarter", "year"):
        counts: dict[str, int] = {}
        for month in months:
            label = _period(month, granularity)
            counts[label] = counts.get(label, 0) + int(counts_by_month.get(month, 0))
        table = suppression.suppress_list(counts, k=k)
        table.merged_rows, table.merged_columns = [], []
        if not table.hidden_any:
            break
    return granularity, table


publish_list = getattr(suppression, "publish_list", _fallback_list)
publish_series = getattr(suppression, "publish_series", _fallback_series)
