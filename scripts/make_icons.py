"""Draw the app icons (run once; the PNGs are committed). Needs Pillow: pip install pillow."""
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
BLUE, CREAM = (31, 95, 139), (247, 245, 240)


def draw(size, maskable, inset=None):
    """maskable: a full square of colour (Android crops it; iOS rounds it and shows transparency
    as black, so its apple-touch-icon is drawn this way too, with a smaller inset)."""
    scale = 4  # draw large, then shrink, for smooth edges
    s = size * scale
    img = Image.new("RGB" if maskable else "RGBA", (s, s), BLUE if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if not maskable:
        d.rounded_rectangle((0, 0, s - 1, s - 1), radius=s // 5, fill=BLUE)
    # Keep the mark inside the maskable safe zone (the centre 80%).
    inset = s * (inset if inset is not None else 0.22 if maskable else 0.16)
    box = (inset, inset, s - inset, s - inset)
    w = (box[2] - box[0])
    cx = s / 2
    head_r = w * 0.11
    d.ellipse((cx - head_r, box[1], cx + head_r, box[1] + 2 * head_r), fill=CREAM)
    line = max(2, int(w * 0.09))
    top = box[1] + 2.6 * head_r
    # A gently curved spine running into one leg: the path sciatica follows.
    pts = [(cx, top), (cx - w * 0.06, top + w * 0.22), (cx + w * 0.02, top + w * 0.42),
           (cx - w * 0.10, top + w * 0.62), (cx - w * 0.16, box[3])]
    d.line(pts, fill=CREAM, width=line, joint="curve")
    d.line([(cx + w * 0.02, top + w * 0.42), (cx + w * 0.18, box[3])], fill=CREAM, width=line)
    for x, y in (pts[0], pts[-1], (cx + w * 0.18, box[3])):
        d.ellipse((x - line / 2, y - line / 2, x + line / 2, y + line / 2), fill=CREAM)
    return img.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, False).save(OUT / "icon-192.png", optimize=True)
    draw(512, False).save(OUT / "icon-512.png", optimize=True)
    draw(512, True).save(OUT / "maskable-512.png", optimize=True)
    draw(180, True, inset=0.16).save(OUT / "apple-touch-icon.png", optimize=True)  # iPhone, iPad
