"""The widgets written as Python give exactly the HTML of Django's own templates."""

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test import TestCase
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from samensterk.intake.forms import MeldForm, StaffIntakeForm
from samensterk.lib.form_renderer import FAST, FastWidgetRenderer

TRICKY = 'Tom & "Jerry" <script>alert(1)</script>'


class Choice:
    """A choice value that is an object, as ModelChoiceField's."""

    def __init__(self, value):
        self.value = value

    def __str__(self):
        return str(self.value)

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


CHOICES = [
    ("a", "Eén"),
    (2, TRICKY),
    ("Groep <b>", [("c", "Drie"), ("d", gettext_lazy("Versturen"))]),
    (Choice(5), mark_safe("<em>veilig</em>")),  # noqa: S308 (a constant, to test safe labels)
]

WIDGETS = [
    (forms.TextInput(), None),
    (forms.TextInput(attrs={"placeholder": TRICKY, "required": True, "disabled": False}), TRICKY),
    (forms.TextInput(attrs={"data-x": mark_safe("&amp;")}), mark_safe("<b>")),  # noqa: S308
    (forms.EmailInput(attrs={"autocomplete": "email"}), "a@b.nl"),
    (forms.NumberInput(), 12345),
    (forms.NumberInput(), 1.5),
    (forms.PasswordInput(), "geheim"),
    (forms.HiddenInput(), "token:abc"),
    (forms.URLInput(), "https://x.nl/?a=1&b=2"),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "2026-12-04"),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.CheckboxInput(), "ja"),
    (forms.Textarea(attrs={"rows": 8, "maxlength": 10_000}), ""),
    (forms.Textarea(), TRICKY + "\nregel twee"),
    (forms.Textarea(), gettext_lazy("Versturen")),
    (forms.Select(choices=CHOICES), 2),
    (forms.Select(choices=CHOICES, attrs={"class": "x"}), None),
    (forms.SelectMultiple(choices=CHOICES), ["a", "d"]),
    (forms.RadioSelect(choices=CHOICES), "c"),
    (forms.RadioSelect(choices=CHOICES, attrs={"class": "keuze"}), None),
    (forms.CheckboxSelectMultiple(choices=CHOICES), ["a", 2]),
    (forms.NullBooleanSelect(), True),
]


class FastWidgetRendererTests(TestCase):
    def setUp(self):
        self.fast, self.django = FastWidgetRenderer(), DjangoTemplates()

    def assertSame(self, render):
        with override("nl"):
            self.assertHTMLEqual(render(self.fast), render(self.django))
            self.assertEqual(render(self.fast), render(self.django))

    def test_it_is_the_renderer_of_the_project(self):
        self.assertIsInstance(get_default_renderer(), FastWidgetRenderer)

    def test_every_widget_gives_the_html_of_djangos_template(self):
        for widget, value in WIDGETS:
            for attrs in (None, {"id": "id_veld", "aria-describedby": "id_veld_help"}):
                with self.subTest(widget=type(widget).__name__, value=value, attrs=attrs):
                    self.assertSame(
                        lambda renderer, w=widget, v=value, a=attrs: w.render(
                            "veld", v, attrs=a, renderer=renderer
                        )
                    )

    def test_each_radio_button_on_its_own_as_the_templates_write_them(self):
        form = MeldForm(data={"reporter_role": "familie"})
        for radio in form["reporter_role"]:
            with self.subTest(radio=radio.data["value"]):
                self.assertSame(
                    lambda renderer, r=radio: r.parent_widget._render(
                        r.template_name, {"widget": {**r.data, "wrap_label": True}}, renderer
                    )
                )

    def test_the_public_and_the_staff_form_render_the_same_bound_and_unbound(self):
        meld = {"story": TRICKY, "reporter_role": "zelf", "contact_email": "x@y"}
        staff = {"story": TRICKY, "channel": "telefoon", "owner": "g1"}
        forms_ = [
            lambda r: MeldForm(renderer=r),
            lambda r: MeldForm(meld, renderer=r),
            lambda r: StaffIntakeForm(owners=[("g1", "Groep <1>")], renderer=r),
            lambda r: StaffIntakeForm(staff, owners=[("g1", "Groep <1>")], renderer=r),
        ]
        for make in forms_:
            self.assertSame(lambda renderer, m=make: str(m(renderer)))

    def test_djangos_own_templates_are_the_ones_written_as_python(self):
        """A project template overriding one of them would be ignored: remove it from FAST."""
        for name in FAST:
            with self.subTest(template=name):
                origin = self.fast.get_template(name).origin.name
                self.assertIn("django/forms/templates", origin.replace("\\", "/"))

    def test_an_unknown_value_is_left_to_the_template(self):
        widget = forms.Textarea()
        self.assertSame(lambda renderer: widget.render("veld", 1234.5, renderer=renderer))
