"""The form renderer: Django's, with its most used widget templates written as Python.

Every <input>, <textarea>, <select> and group of radio buttons or checkboxes on a page is a
template of its own in Django (input.html including attrs.html, and so on); on a form page that
is most of the time spent rendering. These functions write the same HTML, escaped the same way
(tests/test_form_renderer.py compares them with Django's templates for every widget type); a
value they do not know how to write exactly (anything but text, numbers and safe strings) is
left to the template, as is every other template.

Should the project ever override one of these templates (templates/django/forms/widgets/...),
remove it from FAST: the test fails until then.
"""

from __future__ import annotations

from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"


class _Unknown(Exception):
    """A value the template would write in a way these functions do not copy: use it."""


def _s(value) -> str:
    """`{{ value|stringformat:'s' }}` under autoescaping: text of anything, escaped unless safe."""
    return str(value) if isinstance(value, SafeData) else escape(str(value))


def _text(value) -> str:
    """`{{ value }}` under autoescaping, for text; other values are localized first: template."""
    if isinstance(value, SafeData):
        return str(value)
    if isinstance(value, str | Promise):
        return escape(str(value))
    raise _Unknown


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_s(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_s(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget: dict) -> str:
    tag = _input(widget)
    if not widget.get("wrap_label"):
        return tag + "\n"
    id_ = widget["attrs"].get("id")
    label_for = f' for="{_text(id_)}"' if id_ else ""
    return f"<label{label_for}>{tag} {_text(widget['label'])}</label>\n"


def _choice_option(widget: dict) -> str:
    """radio_option.html and checkbox_option.html: input_option.html included."""
    return _input_option(widget) + "\n"


def _textarea(widget: dict) -> str:
    value = widget["value"]
    shown = _text(value) if value else ""
    name = _text(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{shown}</textarea>\n'


def _option(option: dict) -> str:
    write = FAST.get(option["template_name"])
    if write is None:
        raise _Unknown
    return write(option)


def _select_option(widget: dict) -> str:
    return (
        f'<option value="{_s(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_text(widget['label'])}</option>\n"
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict) -> str:
    attrs = widget["attrs"]
    id_, css = attrs.get("id"), attrs.get("class")
    parts = [
        "<div",
        f' id="{_text(id_)}"' if id_ else "",
        f' class="{_text(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts.extend(f"<div>\n    {_option(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


FAST: dict[str, Callable[[dict], str]] = {
    **{
        f"{WIDGETS}{name}.html": _input
        for name in (
            "input",
            "text",
            "email",
            "hidden",
            "password",
            "number",
            "url",
            "date",
            "datetime",
            "time",
            "search",
            "tel",
            "color",
            "checkbox",
        )
    },
    f"{WIDGETS}input_option.html": _input_option,
    f"{WIDGETS}radio_option.html": _choice_option,
    f"{WIDGETS}checkbox_option.html": _choice_option,
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}select_option.html": _select_option,
    f"{WIDGETS}radio.html": _multiple_input,
    f"{WIDGETS}checkbox_select.html": _multiple_input,
    f"{WIDGETS}multiple_input.html": _multiple_input,
}


class FastWidgetRenderer(DjangoTemplates):
    """settings.FORM_RENDERER."""

    def render(self, template_name, context, request=None):
        write = FAST.get(template_name)
        if write is not None and set(context) == {"widget"}:
            try:
                return write(context["widget"]).strip()
            except _Unknown:
                pass
        return super().render(template_name, context, request)
