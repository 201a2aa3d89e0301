"""Once created the triggers that kept reports_signalrollup up to date. The figures are now
counted from the signals and 0010 drops the table and any triggers left; a new database
never gets them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("intake", "0004_similar_index"),
    ]

    operations = []
