from django.urls import path, re_path

from .views import agenda, opendata, public, staff, transfer, triage

app_name = "intake"

urlpatterns = [
    path("meld/<slug:slug>/", public.meldknop, name="meldknop"),
    path("volg/", public.track, name="track"),
    path("signalen/", triage.signal_list, name="signal_list"),
    path("signalen/invoeren/", staff.staff_intake, name="staff_intake"),
    path("signalen/bulk/", triage.signal_bulk, name="signal_bulk"),
    path("signalen/voorstel/", staff.live_suggestions, name="live_suggestions"),
    path("signalen/importeren/", transfer.signal_import, name="signal_import"),
    path("signalen/importeren/<int:pk>/", transfer.signal_import_job, name="signal_import_job"),
    path(
        "signalen/importeren/<int:pk>/lezen/",
        transfer.signal_import_confirm,
        name="signal_import_confirm",
    ),
    path("signalen/exporteren/", transfer.signal_export, name="signal_export"),
    path("signalen/open-data/", opendata.open_data_view, name="open_data"),
    path("open-data/<slug:slug>/", opendata.open_data_page, name="open_data_page"),
    path("open-data/<slug:slug>/<str:file_name>", opendata.open_data_file, name="open_data_file"),
    path("signalen/<str:reference>/", triage.signal_detail, name="signal_detail"),
    path("signalen/<str:reference>/contact/", triage.signal_contact, name="signal_contact"),
    path(
        "signalen/<str:reference>/bewaren/",
        triage.signal_retain_contact,
        name="signal_retain_contact",
    ),
    path("signalen/<str:reference>/status/", triage.signal_status, name="signal_status"),
    path("signalen/<str:reference>/thema/", triage.signal_theme, name="signal_theme"),
    path(
        "signalen/<str:reference>/gemeente/", triage.signal_municipality, name="signal_municipality"
    ),
    path("signalen/<str:reference>/toewijzen/", triage.signal_assign, name="signal_assign"),
    path("signalen/<str:reference>/overdragen/", triage.signal_handover, name="signal_handover"),
    path("signalen/<str:reference>/teruggeven/", triage.signal_hand_back, name="signal_hand_back"),
    path("signalen/<str:reference>/notitie/", triage.signal_note, name="signal_note"),
    path("signalen/<str:reference>/geen-spam/", triage.signal_not_spam, name="signal_not_spam"),
    path(
        "signalen/<str:reference>/weer-op-de-agenda/",
        agenda.signal_agenda_again,
        name="signal_agenda_again",
    ),
    path("groepen/<slug:slug>/agenda/", agenda.group_agenda, name="group_agenda"),
    path("groepen/<slug:slug>/meldknop/", agenda.meldknop_settings, name="meldknop_settings"),
    path("groepen/<slug:slug>/meldformulier.pdf", agenda.paper_form, name="paper_form"),
    path("agenda/<str:reference>/", agenda.agenda_detail, name="agenda_detail"),
    path("agenda/<str:reference>/besproken/", agenda.agenda_discussed, name="agenda_discussed"),
    path(
        "agenda/<str:reference>/signaal/<str:signal_reference>/",
        agenda.agenda_item,
        name="agenda_item",
    ),
    path("agenda/<str:reference>/pdf/", agenda.agenda_pdf_wait, name="agenda_pdf_wait"),
    re_path(
        r"^agenda/(?P<reference>[^/]+)/download\.(?P<file_format>pdf|docx)$",
        agenda.agenda_download,
        name="agenda_download",
    ),
    path("bijeenkomsten/", staff.meeting_list, name="meeting_list"),
    path("bijeenkomsten/<str:reference>/", staff.meeting_capture, name="meeting_capture"),
]
