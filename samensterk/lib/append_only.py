"""A model mixin for records that are written once and never changed or removed."""


class AppendOnly:
    """Refuses updates and deletes: audit trails and histories are append-only.

    Put it before models.Model in the bases; `append_only_message` says what it protects.
    """

    append_only_message = "This record is append-only."

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(self.append_only_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(self.append_only_message)
