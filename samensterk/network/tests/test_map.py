import re

from django.test import SimpleTestCase
from django.urls import reverse

from samensterk.network import selectors, services
from samensterk.network.models import RelationKind, Stakeholder
from samensterk.network.netmap import Edge, Node, layout, map_svg

from .test_register import NetworkTestCase


class MapDrawingTests(SimpleTestCase):
    def test_the_layout_is_the_same_every_time_and_inside_the_picture(self):
        nodes = [Node("us", "Wij", "us")] + [Node(f"p:{n}", f"P{n}", "person") for n in range(8)]
        edges = [Edge("us", f"p:{n}", "contact") for n in range(4)] + [Edge("p:5", "p:6", "x")]
        first, second = layout(nodes, edges), layout(nodes, edges)
        self.assertEqual(first, second)
        for x, y in first.values():
            self.assertTrue(0 < x < 760 and 0 < y < 560)

    def test_names_and_labels_are_escaped(self):
        nodes = [Node("us", "Wij", "us"), Node("o:1", "<b>Raad</b>", "organisation")]
        svg = str(map_svg(nodes, [Edge("us", "o:1", "<i>2</i>")], title="t", description="d"))
        self.assertIn("&lt;b&gt;Raad&lt;/b&gt;", svg)
        self.assertIn("&lt;i&gt;2&lt;/i&gt;", svg)
        self.assertNotIn("<b>", svg)


class MapPageTests(NetworkTestCase):
    def test_the_map_shows_relations_work_and_our_contacts_with_a_list(self):
        raad = Stakeholder.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, kind=self.gemeente_type,
            name="Wmo-raad Amsterdam",
        )  # fmt: skip
        register = selectors.register_for(self.carla)
        services.relation_add(register=register, actor=None, source=raad,
                              kind=RelationKind.ADVISES, target=self.gemeente)  # fmt: skip
        services.contact_log(register=register, actor=self.carla, person=self.wethouder,
                             data={"date": self.wethouder.created_at.date(), "kind": "gesprek",
                                   "discussed": "Kennismaking"})  # fmt: skip
        self.login(self.carla)
        response = self.client.get(reverse("network:map"))
        self.assertContains(response, "<svg")
        self.assertContains(response, "<td>adviseert</td>")
        self.assertContains(response, "<td>werkt bij</td>")
        self.assertContains(response, "<td>1 contact</td>")
        self.assertNotContains(response, "Gemeente Middelburg")

    def test_every_kind_of_line_has_its_own_style_and_a_legend(self):
        nodes = [Node("us", "Wij", "us"), Node("o:1", "Raad", "organisation"),
                 Node("p:1", "Els", "person")]  # fmt: skip
        edges = [Edge("p:1", "o:1", "werkt bij", kind="werkt_bij"),
                 Edge("o:1", "p:1", "adviseert", kind="adviseert"),
                 Edge("us", "p:1", "2 contacten", weight=2, kind="contact")]  # fmt: skip
        names = {"werkt_bij": "werkt bij", "adviseert": "adviseert", "contact": "ons contact"}
        svg = str(map_svg(nodes, edges, title="t", description="d", kind_names=names))
        styles = set(re.findall(r'stroke="(#\w+)"[^>]*data-kind="(\w+)"', svg))
        self.assertEqual(len({colour for colour, _kind in styles}), 3)
        legend = re.findall(r'class="map-legend">([^<]+)<', svg)
        self.assertEqual(legend, ["werkt bij", "adviseert", "ons contact"])
        height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg)[1])
        self.assertGreater(height, 560)  # the legend below the map, inside the picture

    def test_the_map_downloads_as_svg_within_the_same_scope(self):
        services.contact_log(register=selectors.register_for(self.carla), actor=self.carla,
                             person=self.wethouder,
                             data={"date": self.wethouder.created_at.date(), "kind": "gesprek",
                                   "discussed": "Kennismaking"})  # fmt: skip
        url = reverse("network:map_download")
        self.login(self.carla)
        page = self.client.get(reverse("network:map"))
        self.assertContains(page, url)
        response = self.client.get(url, {"gemeente": self.amsterdam.pk})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn("netwerkkaart-amsterdam.svg", response["Content-Disposition"])
        body = response.content.decode()
        self.assertTrue(body.startswith("<?xml"))
        self.assertIn('xmlns="http://www.w3.org/2000/svg"', body)
        self.assertIn("ons contact", body)
        self.assertNotIn("Middelburg", body)
        self.assertEqual(self.client.get(url, {"gemeente": self.middelburg.pk}).status_code, 404)
        self.login(self.otto)
        self.assertEqual(self.client.get(url, {"gemeente": self.amsterdam.pk}).status_code, 404)
        self.assertNotFoundFor([self.nina], "get", url)

    def test_another_groups_map_is_not_found(self):
        url = reverse("network:map")
        self.login(self.carla)
        self.assertEqual(self.client.get(url, {"gemeente": self.middelburg.pk}).status_code, 404)
        self.login(self.otto)
        self.assertEqual(self.client.get(url, {"gemeente": self.amsterdam.pk}).status_code, 404)
        self.assertNotFoundFor([self.nina], "get", url)
