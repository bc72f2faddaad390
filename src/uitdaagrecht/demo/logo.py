"""The demo municipality's logo, drawn here (no download, no licence question): a square mark in
the brand colour with the initial, and the name beside it (municipality.yaml, `theme`)."""

import io

from PIL import Image, ImageDraw, ImageFont


def demo_logo_png(*, name: str, colour: str, text_colour: str) -> bytes:
    """A 360 × 96 PNG on white: the header shows it on a white plate, 3 rem high."""
    width, height, margin = 360, 96, 8
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    mark = height - 2 * margin
    draw.rounded_rectangle((margin, margin, margin + mark, margin + mark), radius=12, fill=colour)
    # Three waves for a town on rivers, under the initial.
    for row in range(3):
        y = margin + mark - 10 - row * 7
        draw.line([(margin + 10, y), (margin + mark - 10, y)], fill=text_colour, width=3)
    initial = ImageFont.load_default(size=44)
    draw.text(
        (margin + mark / 2, margin + mark / 2 - 14),
        name[0],
        font=initial,
        anchor="mm",
        fill=text_colour,
    )
    label = ImageFont.load_default(size=40)
    draw.text((margin * 2 + mark + 10, height / 2), name, font=label, anchor="lm", fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
