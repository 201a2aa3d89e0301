from django.db import migrations


def install(apps, schema_editor):
    from samensterk.themes.defaults import install_default_themes

    install_default_themes(apps.get_model("themes", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
