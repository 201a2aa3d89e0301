from django.db import migrations


def load(apps, schema_editor):
    from samensterk.places.gazetteer import sync_gazetteer

    sync_gazetteer(
        apps.get_model("places", "Province"),
        apps.get_model("places", "Municipality"),
        apps.get_model("places", "MunicipalityAlias"),
        apps.get_model("places", "Place"),
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
