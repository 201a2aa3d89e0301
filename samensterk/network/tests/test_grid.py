import re

from django.test import SimpleTestCase
from django.urls import reverse

from samensterk.network.grid import (
    DOT,
    HEADER,
    LEFT,
    PAD,
    RIGHT,
    TOP,
    GridEntry,
    geometry_for,
    grid_svg,
)
from samensterk.network.models import Person

from .test_register import NetworkTestCase


def _labels(svg: str) -> list[dict]:
    """Every unrotated text of the drawing with its box, estimated from its coordinates the way
    a browser lays it out (glyphs about 0.62 of the font size wide, bold a little wider)."""
    found = []
    for attrs, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        if "transform" in attrs:
            continue
        get = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        size = float(get.get("font-size", 12))
        width = len(text) * size * (0.7 if "font-weight" in get else 0.62)
        x, y = float(get["x"]), float(get["y"])
        anchor = get.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        found.append({"cls": get.get("class", ""), "text": text,
                      "box": (left, y - size * 0.8, left + width, y + size * 0.2)})  # fmt: skip
    return found


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class GridDrawingTests(SimpleTestCase):
    def test_quadrants_and_names_escaped(self):
        self.assertEqual(GridEntry("a", False, 5, 5).advice, "Nauw betrekken")
        self.assertEqual(GridEntry("a", False, 4, 2).advice, "Tevreden houden")
        self.assertEqual(GridEntry("a", True, 3, 4).advice, "Op de hoogte houden")
        self.assertEqual(GridEntry("a", True, 1, 1).advice, "In de gaten houden")
        self.assertEqual(GridEntry("a", True, 3, 3).advice, "In de gaten houden")
        entries = [GridEntry("<script>x</script>", False, 3, 3), GridEntry("Wim", True, 5, 5)]
        svg = str(grid_svg(entries, title="Grid", description="2 entries"))
        self.assertIn("&lt;script&gt;", svg)
        self.assertNotIn("<script>", svg)
        self.assertIn('role="img"', svg)
        self.assertIn("<title", svg)
        self.assertEqual(svg.count("<circle"), 1)
        self.assertEqual(svg.count('class="grid-nr"'), 2)

    def test_thirty_entries_every_label_inside_and_none_overlapping(self):
        # Crowded on purpose: half in one cell, many on a middle score, the rest spread out.
        entries = [GridEntry(f"Organisatie {n}", n % 2 == 0, 3, 3) for n in range(15)]
        entries += [GridEntry(f"Persoon {n}", True, 1 + n % 5, 1 + (n * 2) % 5) for n in range(15)]
        svg = str(grid_svg(entries, title="Grid", description="30"))
        _x, _y, width, height = map(float, re.search(r'viewBox="([^"]+)"', svg)[1].split())
        labels = _labels(svg)
        numbers = [label for label in labels if label["cls"] == "grid-nr"]
        self.assertEqual(sorted(int(n["text"]) for n in numbers), list(range(1, 31)))
        for label in labels:
            left, top, right, bottom = label["box"]
            self.assertTrue(left >= 0 and right <= width and top >= 0 and bottom <= height, label)
        for index, first in enumerate(labels):
            for second in labels[index + 1 :]:
                self.assertFalse(_overlap(first["box"], second["box"]), (first, second))
        # the dots themselves do not touch each other nor cross a quadrant line
        half = (width - LEFT - RIGHT) / 2
        centres = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
        centres += [(float(x) + DOT / 2, float(y) + DOT / 2)
                    for x, y in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="22"', svg)]  # fmt: skip
        self.assertEqual(len(centres), 30)
        points = [(float(x), float(y)) for x, y in centres]
        for index, (x, y) in enumerate(points):
            self.assertGreater(abs(x - (LEFT + half)), DOT / 2)
            for ox, oy in points[index + 1 :]:
                self.assertTrue(abs(x - ox) >= DOT or abs(y - oy) >= DOT)

    def test_a_score_of_three_sits_inside_the_low_half(self):
        geo = geometry_for([])
        left, width = geo.column(3)
        self.assertLessEqual(left + width, LEFT + geo.half)  # ends at the quadrant line
        top, height = geo.row(3)
        self.assertGreaterEqual(top, TOP + HEADER + geo.half)  # below the horizontal line
        svg = str(grid_svg([GridEntry("Drie", True, 3, 3)], title="t", description="d"))
        cx, cy = map(float, re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg).groups())
        self.assertLess(cx + DOT / 2, LEFT + geo.half - PAD + 1)
        self.assertGreater(cy - DOT / 2, TOP + 2 * HEADER + geo.half)


class GridPageTests(NetworkTestCase):
    def test_the_grid_shows_the_groups_own_municipality_with_a_table(self):
        Person.objects.filter(pk=self.wethouder.pk).update(power=5, interest=4)
        self.login(self.carla)
        response = self.client.get(reverse("network:grid"))
        self.assertContains(response, "<svg")
        self.assertContains(response, "Invloed en belang: Amsterdam")
        self.assertContains(response, "<td>Nauw betrekken</td>")
        self.assertContains(response, 'class="grid-nr">1</text>')  # the alderman, in the table
        self.assertNotContains(response, "Gemeente Middelburg")

    def test_another_groups_municipality_is_not_found(self):
        url = reverse("network:grid")
        self.login(self.carla)
        self.assertEqual(self.client.get(url, {"gemeente": self.middelburg.pk}).status_code, 404)
        self.login(self.otto)
        response = self.client.get(url, {"gemeente": self.amsterdam.pk})
        self.assertEqual(response.status_code, 404)
        self.assertNotFoundFor([self.nina], "get", url)
