import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

REPO = Path(__file__).resolve().parents[3]


def _settings_in_subprocess(env: dict, expression: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DATABASE_URL"}}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "samensterk.settings"
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


class SettingsTestCase(SimpleTestCase):
    def test_database_url_switches_to_postgresql(self):
        result = _settings_in_subprocess(
            {"DEBUG": "1", "DATABASE_URL": "postgres://someone@db.example:5433/samen"},
            "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        )
        self.assertIn("django.db.backends.postgresql samen", result.stdout, result.stderr)

    def test_sqlite_is_the_default(self):
        result = _settings_in_subprocess({"DEBUG": "1"}, "settings.DATABASES['default']['ENGINE']")
        self.assertIn("sqlite3", result.stdout, result.stderr)

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = _settings_in_subprocess({"DEBUG": "0", "SECRET_KEY": ""}, "1")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_the_system_check_is_clean(self):
        call_command("check", fail_level="WARNING")

    def test_the_console_command_runs_django_commands(self):
        result = subprocess.run(
            [str(Path(sys.executable).parent / "samensterk"), "help", "load_demo"],
            env={**os.environ, "DEBUG": "1"},
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("demo", result.stdout)
