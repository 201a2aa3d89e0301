"""Dutch full-text search indexes, on PostgreSQL only (SQLite searches without them).

Built from the same SearchVector expressions the list uses, so the planner can use them.
"""

from django.db import migrations


def _indexes():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return [
        GinIndex(SearchVector("story", config="dutch"), name="signal_story_fts"),
        GinIndex(SearchVector("story_pseudonymised", config="dutch"), name="signal_pseudo_fts"),
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("intake", "Signal")
    for index in _indexes():
        schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("intake", "Signal")
    for index in _indexes():
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
