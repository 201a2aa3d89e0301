"""Form helpers (no Django import needed: duck-typed on Form and ValidationError)."""


def add_service_errors(form, error) -> None:
    """Put a service's ValidationError on the form: each message on its field, or on the form
    as a whole when the form has no such field."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
