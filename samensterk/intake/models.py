"""Signals (signalen): one person's experience, with who told it, where, the theme and consent.

Contact details live in their own table (SignalContact), apart from the story. The history of a
signal (SignalEvent) is append-only. Who may see a signal is decided in selectors.py.
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samensterk.lib.append_only import AppendOnly
from samensterk.lib.pdfs import StoredPdf

# Unambiguous characters: no 0/O, 1/I/L, no vowels that spell words by accident (U).
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

# Shown outside the group instead of a story the worker has yet to pseudonymise.
STORY_WAITING = _("Wordt nog geanonimiseerd.")


class Channel(models.TextChoices):
    MELDKNOP = "meldknop", _("Meldknop (website)")
    PHONE = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    PAPER = "papier", _("Papieren formulier")
    MEETING = "bijeenkomst", _("Bijeenkomst")
    IMPORT = "import", _("Import")


class ReporterRole(models.TextChoices):
    SELF = "zelf", _("De persoon zelf")
    FAMILY = "familie", _("Familie")
    REPRESENTATIVE = "vertegenwoordiger", _("Vertegenwoordiger of mentor")
    PROFESSIONAL = "professional", _("Professional")
    VOLUNTEER = "vrijwilliger", _("Vrijwilliger")
    UNKNOWN = "onbekend", _("Onbekend")


class Status(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    DISCUSSED = "besproken", _("Besproken")
    BUNDLED = "gebundeld", _("Gebundeld in een dossier")
    FORWARDED = "doorgezet", _("Doorgezet")
    NO_ACTION = "geen_actie", _("Geen actie")
    CLOSED = "afgerond", _("Afgerond")
    WITHDRAWN = "ingetrokken", _("Ingetrokken door de melder")


# The workflow: which status may follow which. Withdrawal is the reporter's own act (any status).
TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: {
        Status.IN_PROGRESS,
        Status.DISCUSSED,
        Status.BUNDLED,
        Status.FORWARDED,
        Status.NO_ACTION,
    },
    Status.IN_PROGRESS: {Status.DISCUSSED, Status.BUNDLED, Status.FORWARDED, Status.NO_ACTION},
    Status.DISCUSSED: {
        Status.IN_PROGRESS,
        Status.BUNDLED,
        Status.FORWARDED,
        Status.NO_ACTION,
        Status.CLOSED,
    },
    Status.BUNDLED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.FORWARDED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.NO_ACTION: {Status.IN_PROGRESS, Status.CLOSED},
    Status.CLOSED: {Status.IN_PROGRESS},
    Status.WITHDRAWN: set(),
}
OPEN_STATUSES = {Status.NEW, Status.IN_PROGRESS}
CLOSED_STATUSES = {Status.NO_ACTION, Status.CLOSED, Status.WITHDRAWN}
REASON_REQUIRED = {Status.NO_ACTION}


class ConsentText(models.Model):
    """The consent wording a reporter saw. Never edited: a change is a new version."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="consent_texts",
        verbose_name=_("organisatie"),
    )
    version = models.PositiveIntegerField(_("versie"))
    anonymous_use = models.CharField(_("vraag: anoniem gebruiken"), max_length=300)
    share_national = models.CharField(_("vraag: doorgeven aan landelijk bureau"), max_length=300)
    contact = models.CharField(_("vraag: contact opnemen"), max_length=300)
    explanation = models.TextField(_("uitleg over privacy"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-version"]
        verbose_name = _("toestemmingstekst")
        verbose_name_plural = _("toestemmingsteksten")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="one_consent_text_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} v{self.version}"


class Meeting(models.Model):
    """A gathering where signals were picked up: café evening, theme meeting, market stand."""

    class Kind(models.TextChoices):
        CAFE = "cafe", _("Café-avond of inloop")
        THEME = "thema", _("Themabijeenkomst")
        LIVING_ROOM = "huiskamer", _("Huiskamergesprek")
        MARKET = "markt", _("Kraam op een markt of beurs")
        OTHER = "anders", _("Anders")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("groep"),
    )
    reference = models.CharField(max_length=12, unique=True, editable=False)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=150)
    kind = models.CharField(_("soort bijeenkomst"), max_length=20, choices=Kind)
    organised_with = models.CharField(_("samen georganiseerd met"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.place} ({self.date:%d-%m-%Y})"


class Signal(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("organisatie"),
    )
    # Null: the signal belongs to the national office.
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("groep"),
    )
    # Opaque reference for staff URLs and lists (not the reporter's secret tracking code).
    # Unique by a constraint (Meta): a unique field would get a second index on PostgreSQL for
    # LIKE queries, which nothing asks, and every new signal pays for it.
    reference = models.CharField(_("kenmerk"), max_length=12, editable=False)
    # The reporter's tracking code is derived from this id (see services.tracking_code_for) and
    # stored only as a hash. The id also makes a re-sent form idempotent.
    submission_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tracking_hash = models.CharField(max_length=64, editable=False)  # unique: see Meta

    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel)
    received_at = models.DateTimeField(_("ontvangen"), db_index=True)
    reporter_role = models.CharField(
        _("wie vertelt"), max_length=20, choices=ReporterRole, default=ReporterRole.UNKNOWN
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("gemeente"),
    )
    # What the reporter typed when it named no municipality we could be sure of ("Bijlmer-Oost",
    # "Amsterdm"): the public form never refuses a story for it; triage picks the municipality.
    municipality_text = models.CharField(_("gemeente zoals getypt"), max_length=100, blank=True)
    theme = models.ForeignKey(
        "themes.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("thema"),
    )
    story = models.TextField(_("verhaal"), max_length=10_000, blank=True)
    # The story with personal data replaced by tags, for everywhere it leaves the group.
    story_pseudonymised = models.TextField(blank=True, editable=False)
    # Made when the signal comes in: [{"code", "confidence", "words"}], best first.
    theme_suggestions = models.JSONField(default=list, blank=True, editable=False)
    suggested_municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    consent_anonymous_use = models.BooleanField(_("mag anoniem gebruikt worden"), default=False)
    consent_share_national = models.BooleanField(_("mag naar het landelijk bureau"), default=False)
    consent_contact = models.BooleanField(_("mag contact opnemen"), default=False)
    # Asked by national staff on the phone: may the office hand the story to the local group?
    consent_share_group = models.BooleanField(_("mag naar de lokale groep"), default=False)
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toestemmingstekst"),
    )

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    status_reason = models.CharField(_("reden"), max_length=500, blank=True)
    # The national office has it too: a group handed it up, or the office handed it down.
    shared_with_national = models.BooleanField(_("gedeeld met landelijk bureau"), default=False)
    # The reporter told the national office, which handed it down to `group` (disclosure.py).
    handed_down = models.BooleanField(_("overgedragen aan de groep"), default=False)
    follow_up_needed = models.BooleanField(_("terugbellen of opvolgen"), default=False)
    # The meldknop's hidden honeypot was filled (a robot, or a browser's autofill): the story is
    # kept and triage decides, since a person may have sent it.
    suspected_spam = models.BooleanField(_("mogelijk spam"), default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_signals",
        verbose_name=_("toegewezen aan"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("bijeenkomst"),
    )
    external_id = models.CharField(_("extern kenmerk"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    # Indexed: the similar-signals index reads what changed since its build.
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True, db_index=True)
    discussed_at = models.DateTimeField(_("besproken op"), null=True, blank=True)
    # Put back on the board's agenda on purpose; cleared when an agenda has discussed it.
    agenda_again_at = models.DateTimeField(_("weer op de agenda"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    # When retention replaced the story by its pseudonymised text (RETENTION_STORY_YEARS after
    # closing); cleared by an addition, so that the new words get the same treatment.
    story_replaced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="external_id_unique_per_organisation",
            ),
            models.UniqueConstraint(fields=["reference"], name="signal_reference_unique"),
            models.UniqueConstraint(fields=["tracking_hash"], name="signal_tracking_hash_unique"),
        ]
        indexes = [
            models.Index(fields=["group", "status", "-received_at"], name="signal_group_status"),
            models.Index(fields=["group", "-received_at"], name="signal_group_received"),
            models.Index(
                fields=["organisation", "shared_with_national", "-received_at"],
                name="signal_org_national",
            ),
            models.Index(fields=["closed_at"], name="signal_closed"),
            # Contact details past their term (/health/ counts them): only signals with contact
            # details have consent_contact, so after the daily run the range holds almost none.
            models.Index(
                fields=["received_at"],
                condition=Q(consent_contact=True),
                name="signal_contact_received",
            ),
            # Covering the figures (reports.figures): counts per municipality, theme and month
            # read from the index alone, for an organisation (and its regions, coalitions)
            # and for a group.
            models.Index(
                fields=["organisation", "received_at", "municipality", "theme", "group", "status"],
                name="signal_org_figures",
            ),
            models.Index(
                fields=["group", "received_at", "municipality", "theme", "status"],
                name="signal_group_figures",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def shared_story(self) -> str:
        """The story as it may leave the group: pseudonymised. Empty while the task worker has
        yet to pseudonymise it (intake/tasks.py): the story itself never leaves the group."""
        return self.story_pseudonymised

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    def allowed_transitions(self) -> list[str]:
        return [s for s in Status.values if s in TRANSITIONS.get(self.status, set())]


def tracking_code_for(submission_id: uuid.UUID) -> str:
    """The reporter's tracking code, derived from the submission with the server's secret.

    Derived rather than stored, so that a re-sent form and a retried receipt show the same code;
    the database keeps only a keyed hash of it.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), b"code:" + str(submission_id).encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _position in range(8):
        number, index = divmod(number, len(TRACKING_ALPHABET))
        chars.append(TRACKING_ALPHABET[index])
    return "".join(chars[:4]) + "-" + "".join(chars[4:])


def tracking_hash(code: str) -> str:
    normalised = "".join(c for c in code.upper() if c in TRACKING_ALPHABET)
    return hmac.new(
        settings.SECRET_KEY.encode(), b"tracking:" + normalised.encode(), hashlib.sha256
    ).hexdigest()


def story_version(story: str) -> str:
    """A short fingerprint of a story: the version a reporter saw when adding to it."""
    return hashlib.sha256(story.encode()).hexdigest()[:16]


class SignalContact(models.Model):
    """How to reach the reporter. Apart from the story; only with consent; erased by retention."""

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("naam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    # The number and a short note the reporter added ("0612345678 (na 17u)").
    phone = models.CharField(_("telefoonnummer"), max_length=50, blank=True)
    # The reporter asked for an e-mail when the status changes (notifications.status_address).
    status_mail = models.BooleanField(_("wil e-mail bij nieuws"), default=False)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    # Kept past the usual term (RETENTION_CONTACT_DAYS after receipt) up to and including this
    # day, because staff gave a reason (intake.services.signal_contact_retain).
    retain_until = models.DateField(_("langer bewaren tot"), null=True, blank=True)
    retain_reason = models.CharField(_("reden om langer te bewaren"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contactgegevens")
        verbose_name_plural = _("contactgegevens")

    def __str__(self) -> str:
        return f"contact {self.signal_id}"

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.email or self.phone)


class SignalEvent(AppendOnly, models.Model):
    """One change in a signal's life. Append-only: never updated, never deleted."""

    append_only_message = "A signal's history is append-only."

    class Kind(models.TextChoices):
        CREATED = "created", _("Ontvangen")
        STATUS = "status", _("Status veranderd")
        ASSIGNED = "assigned", _("Toegewezen")
        THEME = "theme", _("Thema gekozen")
        MUNICIPALITY = "municipality", _("Gemeente gekozen")
        HANDOVER = "handover", _("Overgedragen")
        INFO_ADDED = "info_added", _("Aanvulling van de melder")
        WITHDRAWN = "withdrawn", _("Ingetrokken door de melder")
        CONTACT_ERASED = "contact_erased", _("Contactgegevens gewist")
        RETENTION_EXTENDED = "retention_extended", _("Bewaartermijn verlengd")
        STORY_PSEUDONYMISED = "story_pseudonymised", _("Verhaal gepseudonimiseerd")
        IMPORTED = "imported", _("Bijgewerkt door import")
        EDITED = "edited", _("Gegevens aangepast")
        NOTE = "note", _("Notitie")
        HANDED_BACK = "handed_back", _("Teruggegeven")
        NOT_SPAM = "not_spam", _("Geen spam")
        AGENDA_AGAIN = "agenda_again", _("Weer op de agenda gezet")
        AGENDA_NOTE = "agenda_note", _("Notitie of besluit van het bestuur")
        # to_value: the agenda's reference, so that each agenda knows what it has discussed.
        AGENDA_DISCUSSED = "agenda_discussed", _("Besproken door het bestuur")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    from_value = models.CharField(max_length=200, blank=True)
    to_value = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")

    def __str__(self) -> str:
        return f"{self.signal_id} {self.kind}"

    def _label(self, value: str) -> str:
        if self.kind == self.Kind.THEME and value:
            # Stored as the stable code; people read the theme's (current) name.
            from samensterk.themes.models import Theme

            return Theme.objects.filter(code=value).values_list("name", flat=True).first() or value
        choices = {self.Kind.STATUS: Status, self.Kind.CREATED: Channel}.get(self.kind)
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    @property
    def from_label(self) -> str:
        return self._label(self.from_value)

    @property
    def to_label(self) -> str:
        return self._label(self.to_value)


class AgendaRun(models.Model):
    """A board-meeting agenda made for a group: which signals were on it, and when discussed."""

    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, related_name="agendas"
    )
    reference = models.CharField(max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signals = models.ManyToManyField(Signal, related_name="agendas")
    discussed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")

    def __str__(self) -> str:
        return f"{self.group} {self.created_at:%d-%m-%Y}"


class AgendaPdf(StoredPdf):
    """The agenda's PDF, made by a task (agenda.agenda_pdf_make)."""

    agenda = models.OneToOneField(
        AgendaRun, on_delete=models.CASCADE, primary_key=True, related_name="pdf"
    )

    def __str__(self) -> str:
        return str(self.agenda_id)


class ApiToken(models.Model):
    """Lets another system create and read signals through the API, for one organisation
    (and optionally one group). Only a hash of the token is kept."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisatie"),
    )
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor groep"),
    )
    name = models.CharField(_("naam"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """A file from the import page: checked at once, then stored (intake.importing) in
    batches, each committed with `done`; a large file by a task. A file that is not UTF-8 waits
    (QUESTION) until the person who sent it confirmed that it reads right as Windows-1252."""

    class Status(models.TextChoices):
        QUESTION = "vraag", _("Wacht op bevestiging")
        WAITING = "wacht", _("Wacht")
        RUNNING = "bezig", _("Bezig")
        DONE = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=255, blank=True)
    # The file's cells as read (header and data rows); emptied when the job ends, so that no
    # second copy of the stories and contact details stays behind.
    header = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    total = models.PositiveIntegerField()
    done = models.PositiveIntegerField(default=0)
    signals_created = models.PositiveIntegerField(default=0)
    signals_updated = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    errors = models.JSONField(default=list)
    # Per row, what a re-import kept because a coordinator changed it (transfer.Kept.web).
    kept = models.JSONField(default=list)
    # The import form's one-time token: the same form sent twice starts one job.
    token = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.UniqueConstraint(
                fields=["token"], condition=~Q(token=""), name="import_job_token_unique"
            )
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class OpenDataQuarter(models.Model):
    """One closed quarter of an organisation's open data, worked out once by a task
    (intake.opendata) and published from here: a request never suppresses. `table` holds only
    what is published (a hidden figure is null), never an exact count behind one."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    quarter = models.DateField()  # its first day
    # None until the task made it; the page then says it is being worked out.
    table = models.JSONField(null=True, blank=True)
    # Of the counts and rules the table was made from: a changed count makes another digest,
    # so the periodic refresh knows which quarters to make again.
    digest = models.CharField(max_length=64, blank=True)
    made_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "quarter"], name="open_data_quarter_unique"
            )
        ]
        verbose_name = _("open-datakwartaal")
        verbose_name_plural = _("open-datakwartalen")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.quarter}"
