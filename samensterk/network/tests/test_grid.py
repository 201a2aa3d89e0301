from django.test import SimpleTestCase
from django.urls import reverse

from samensterk.network.grid import PER_CELL, GridEntry, grid_svg
from samensterk.network.models import Person

from .test_register import NetworkTestCase


class GridDrawingTests(SimpleTestCase):
    def test_quadrants_names_escaped_and_crowded_cells_counted(self):
        self.assertEqual(GridEntry("a", False, 5, 5).advice, "Nauw betrekken")
        self.assertEqual(GridEntry("a", False, 4, 2).advice, "Tevreden houden")
        self.assertEqual(GridEntry("a", True, 3, 4).advice, "Op de hoogte houden")
        self.assertEqual(GridEntry("a", True, 1, 1).advice, "In de gaten houden")
        entries = [GridEntry("<script>x</script>", False, 3, 3), GridEntry("Wim", True, 5, 5)]
        entries += [GridEntry(f"Naam {n}", False, 3, 3) for n in range(PER_CELL + 2)]
        svg = str(grid_svg(entries, title="Grid", description="8 entries"))
        self.assertIn("&lt;script&gt;", svg)
        self.assertNotIn("<script>", svg)
        self.assertIn('role="img"', svg)
        self.assertIn("<title", svg)
        self.assertIn(f"+{PER_CELL + 3 - PER_CELL}", svg)  # 8 in the middle cell, 5 drawn
        self.assertEqual(svg.count("<circle"), 1)
        self.assertEqual(svg.count('width="10"'), PER_CELL)


class GridPageTests(NetworkTestCase):
    def test_the_grid_shows_the_groups_own_municipality_with_a_table(self):
        Person.objects.filter(pk=self.wethouder.pk).update(power=5, interest=4)
        self.login(self.carla)
        response = self.client.get(reverse("network:grid"))
        self.assertContains(response, "<svg")
        self.assertContains(response, "Invloed en belang: Amsterdam")
        self.assertContains(response, "<td>Nauw betrekken</td>")  # the alderman, in the table
        self.assertNotContains(response, "Gemeente Middelburg")

    def test_another_groups_municipality_is_not_found(self):
        url = reverse("network:grid")
        self.login(self.carla)
        self.assertEqual(self.client.get(url, {"gemeente": self.middelburg.pk}).status_code, 404)
        self.login(self.otto)
        response = self.client.get(url, {"gemeente": self.amsterdam.pk})
        self.assertEqual(response.status_code, 404)
        self.assertNotFoundFor([self.nina], "get", url)
