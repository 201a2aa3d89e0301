"""Backup and restore: the whole database (every table of the platform, with natural keys) and
the uploaded files, in one archive, optionally encrypted with a passphrase.

Archive: a gzipped tar with `meta.json` (format, when, which migrations), `data.xml` (Django's
dumpdata; XML because Django's JSON keeps only the milliseconds of a time) and `media/`.
Encrypted: the bytes `SSBACKUP1`, a 16-byte salt and a Fernet token of the archive, with the key
derived from the passphrase by scrypt. A restore goes only into an empty database (migrated,
without accounts or signals), all or nothing.
"""

from __future__ import annotations

import base64
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MAGIC = b"SSBACKUP1"
FORMAT = 1
# Made by migrate itself.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A backup that cannot be restored (wrong passphrase, damaged, or not empty target)."""


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    raw = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    return base64.urlsafe_b64encode(raw)


def make_backup(*, passphrase: str | None = None) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data.xml"
        call_command(
            "dumpdata",
            format="xml",
            natural_foreign=True,
            natural_primary=False,
            exclude=EXCLUDED,
            output=str(data),
            verbosity=0,
        )
        meta = {
            "format": FORMAT,
            "made_at": timezone.now().isoformat(),
            "migrations": sorted(
                f"{app}.{name}"
                for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
            ),
        }
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w:gz") as archive:
            _add_bytes(archive, "meta.json", json.dumps(meta).encode())
            archive.add(data, arcname="data.xml")
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")
        payload = out.getvalue()
    if passphrase:
        from cryptography.fernet import Fernet

        salt = os.urandom(16)
        payload = MAGIC + salt + Fernet(_key(passphrase, salt)).encrypt(payload)
    return payload


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def _decrypt(payload: bytes, passphrase: str | None) -> bytes:
    if not payload.startswith(MAGIC):
        return payload
    if not passphrase:
        raise BackupError("Deze back-up is versleuteld: geef het wachtwoord (--passphrase).")
    from cryptography.fernet import Fernet, InvalidToken

    salt, token = payload[len(MAGIC) : len(MAGIC) + 16], payload[len(MAGIC) + 16 :]
    try:
        return Fernet(_key(passphrase, salt)).decrypt(token)
    except InvalidToken:
        raise BackupError("Het wachtwoord klopt niet, of de back-up is beschadigd.") from None


def _database_is_empty() -> bool:
    """No people, organisations or signals yet (reference data comes with the migrations)."""
    from django.apps import apps

    return not any(
        apps.get_model(label).objects.exists()
        for label in ("accounts.User", "accounts.Organisation", "intake.Signal")
    )


def restore_backup(payload: bytes, *, passphrase: str | None = None) -> dict:
    archive_bytes = _decrypt(payload, passphrase)
    with tempfile.TemporaryDirectory() as folder:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as archive:
                archive.extractall(folder, filter="data")
        except (tarfile.TarError, OSError):
            raise BackupError(
                "Dit is geen back-up van Samen Sterk, of hij is beschadigd."
            ) from None
        meta_path = Path(folder) / "meta.json"
        if not meta_path.exists() or not (Path(folder) / "data.xml").exists():
            raise BackupError("Dit is geen back-up van Samen Sterk, of hij is beschadigd.")
        meta = json.loads(meta_path.read_text())
        if meta.get("format") != FORMAT:
            raise BackupError("Deze back-up heeft een onbekend formaat.")
        if not _database_is_empty():
            raise BackupError(
                "De database is niet leeg. Zet een back-up alleen terug in een lege database "
                "(na `samensterk migrate`)."
            )
        with transaction.atomic():
            call_command("loaddata", str(Path(folder) / "data.xml"), verbosity=0)
            _reset_sequences()
        media = Path(folder) / "media"
        copied = 0
        if media.exists():
            target = Path(settings.MEDIA_ROOT)
            for path in media.rglob("*"):
                if path.is_file():
                    destination = target / path.relative_to(media)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(path.read_bytes())
                    copied += 1
    return {"made_at": meta.get("made_at"), "files": copied}


def _reset_sequences() -> None:
    """PostgreSQL: the id sequences after rows with their own ids were loaded."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps
    from django.core.management.color import no_style

    models = [m for m in apps.get_models() if m._meta.managed]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
