"""Open data: the organisation's signals per theme × municipality × quarter, suppressed."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from samensterk.accounts.permissions import scope_for

from ..opendata import (
    QUARTERS,
    open_data,
    open_data_json,
    open_data_names,
    open_data_organisation,
    open_data_rows,
)
from ..transfer import write_csv


@login_required
def open_data_view(request):
    organisation, choices = open_data_organisation(
        scope_for(request.user), request.GET.get("organisatie")
    )
    if organisation is None:
        return render(request, "intake/open_data.html", {"choices": choices})
    file_format = request.GET.get("formaat")
    # The page shows this quarter only; the files hold the last two years.
    download = file_format in ("csv", "json")
    quarters = open_data(organisation, quarters=QUARTERS if download else 1)
    name = f"open-data-signalen-{organisation.slug}-{timezone.localdate().isoformat()}"
    if file_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        write_csv(open_data_rows(quarters), response)
        return response
    if file_format == "json":
        response = HttpResponse(
            json.dumps(open_data_json(organisation, quarters), ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    latest = quarters[0]
    table = latest.table
    municipalities, themes = open_data_names()
    rows = [
        {
            "name": municipalities.get(row, row),
            "cells": [table.cell(row, column) for column in table.columns],
            "total": table.row_totals[row],
        }
        for row in table.rows
    ]
    context = {
        "organisation": organisation,
        "latest": latest,
        "k": table.k,
        "rows": rows,
        "column_totals": [table.column_totals[column] for column in table.columns],
        "column_names": [themes.get(column, column) for column in table.columns],
    }
    return render(request, "intake/open_data.html", context)
