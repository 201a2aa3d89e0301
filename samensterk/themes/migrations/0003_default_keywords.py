from django.db import migrations


def fill(apps, schema_editor):
    from samensterk.themes.keywords import DEFAULT_KEYWORDS

    Theme = apps.get_model("themes", "Theme")
    for code, keywords in DEFAULT_KEYWORDS.items():
        Theme.objects.filter(code=code, keywords="").update(keywords=keywords)


class Migration(migrations.Migration):
    dependencies = [("themes", "0002_default_themes")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
