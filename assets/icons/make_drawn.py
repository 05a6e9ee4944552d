"""Draws this project's own pictograms (README.md, "Drawn for this project") as plain SVG.

Each is built from the healthicons 2.0.0 filled shapes kept here or in the package, or from
simple shapes, in the set's language: a 48x48 canvas, filled shapes, 2-unit strokes with
round ends, and a 1.5-unit gap wherever two shapes meet, since one tint fills them all.
The results are plain paths, so the kiosk needs nothing but QSvgRenderer to draw them.

    .venv/bin/python assets/icons/make_drawn.py PACKAGE_ICONS_DIR
    # PACKAGE_ICONS_DIR: healthicons-2.0.0's public/icons/svg/filled (npm pack healthicons@2.0.0)

Qt's path operations flatten curves; they run at 10x so the segments stay finer than a
pixel at 200 px.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QTransform

HERE = Path(__file__).resolve().parent
S = 10  # working scale
GAP = 1.5  # the space left between two shapes that touch
NS = "{http://www.w3.org/2000/svg}"


# --- reading the set's SVG paths ----------------------------------------------------

def parse_d(d: str) -> QPainterPath:
    """An SVG path's `d` (M L H V C S Q Z, absolute or relative) as a QPainterPath."""
    tokens = re.findall(r"[MmLlHhVvCcSsQqZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", d)
    path, i = QPainterPath(), 0
    cmd, x, y, start, last_ctrl = "", 0.0, 0.0, (0.0, 0.0), None

    def num():
        nonlocal i
        i += 1
        return float(tokens[i - 1])

    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        rel = cmd.islower()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        c = cmd.upper()
        if c == "M":
            x, y = ox + num(), oy + num()
            path.moveTo(x, y)
            start = (x, y)
            cmd = "l" if rel else "L"
        elif c == "L":
            x, y = ox + num(), oy + num()
            path.lineTo(x, y)
        elif c == "H":
            x = ox + num()
            path.lineTo(x, y)
        elif c == "V":
            y = (y if rel else 0.0) + num()
            path.lineTo(x, y)
        elif c == "C":
            x1, y1, x2, y2 = ox + num(), oy + num(), ox + num(), oy + num()
            x, y = ox + num(), oy + num()
            path.cubicTo(x1, y1, x2, y2, x, y)
            last_ctrl = (x2, y2)
        elif c == "S":
            x1, y1 = (2 * x - last_ctrl[0], 2 * y - last_ctrl[1]) if last_ctrl else (x, y)
            x2, y2 = ox + num(), oy + num()
            x, y = ox + num(), oy + num()
            path.cubicTo(x1, y1, x2, y2, x, y)
            last_ctrl = (x2, y2)
        elif c == "Q":
            x1, y1 = ox + num(), oy + num()
            x, y = ox + num(), oy + num()
            path.quadTo(x1, y1, x, y)
        elif c == "Z":
            path.closeSubpath()
            x, y = start
        if c not in "CS":
            last_ctrl = None
    return path


def scaled(path: QPainterPath, factor: float = S) -> QPainterPath:
    return QTransform.fromScale(factor, factor).map(path)


def union(*paths: QPainterPath) -> QPainterPath:
    result = QPainterPath()
    for p in paths:
        result = result.united(p)
    return result


def icon(file: Path) -> QPainterPath:
    """A set's SVG as one filled shape (working scale)."""
    shape = QPainterPath()
    for element in ET.parse(file).getroot().iter(f"{NS}path"):
        part = scaled(parse_d(element.get("d")))
        if element.get("fill-rule") == "evenodd":
            part.setFillRule(Qt.FillRule.OddEvenFill)
        else:
            part.setFillRule(Qt.FillRule.WindingFill)
        shape = shape.united(part.simplified())
    return shape


def place(path: QPainterPath, factor: float, dx: float, dy: float) -> QPainterPath:
    """Scale a drawing (in 48-units) by `factor`, then move it by (dx, dy) 48-units."""
    return QTransform(factor, 0, 0, factor, dx * S, dy * S).map(path)


def fit(path: QPainterPath, box: tuple[float, float, float, float]) -> QPainterPath:
    """Scale and centre a drawing into box (x, y, w, h in 48-units), keeping its shape."""
    r = path.boundingRect()
    x, y, w, h = (v * S for v in box)
    factor = min(w / r.width(), h / r.height())
    return QTransform(factor, 0, 0, factor, x + (w - r.width() * factor) / 2 - r.left() * factor,
                      y + (h - r.height() * factor) / 2 - r.top() * factor).map(path)


# --- shapes (in 48-units) --------------------------------------------------------------

def circle(cx: float, cy: float, r: float) -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(cx * S, cy * S), r * S, r * S)
    return p


def rect(x: float, y: float, w: float, h: float, radius: float = 0.0) -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(x * S, y * S, w * S, h * S), radius * S, radius * S)
    return p


def stroke(points: list[tuple[float, float]], width: float, curve: bool = False) -> QPainterPath:
    """A line (or, with curve and 4 points, a cubic curve) of `width` with round ends."""
    p = QPainterPath(QPointF(points[0][0] * S, points[0][1] * S))
    if curve:
        (a, b), (c, d), (e, f) = points[1:]
        p.cubicTo(a * S, b * S, c * S, d * S, e * S, f * S)
    else:
        for px, py in points[1:]:
            p.lineTo(px * S, py * S)
    stroker = QPainterPathStroker()
    stroker.setWidth(width * S)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(p).simplified()


def grown(path: QPainterPath, by: float = GAP) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(2 * by * S)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(path).united(path)


def on_top(base: QPainterPath, top: QPainterPath, gap: float = GAP) -> QPainterPath:
    """`top` drawn over `base` with a gap around it, so both read in one colour."""
    return base.subtracted(grown(top, gap)).united(top)


# --- badges: a small sign at a corner that adds one idea to a picture ----------------------

BADGE = (37.0, 37.0, 8.5)  # centre and radius of the corner badge


def badge_alert(cx: float, cy: float, r: float) -> QPainterPath:
    """A disc with "!" cut out: alert (the set's symbols/alert_circle, small)."""
    mark = union(rect(cx - r * 0.13, cy - r * 0.62, r * 0.26, r * 0.78, r * 0.13), circle(cx, cy + r * 0.45, r * 0.16))
    return circle(cx, cy, r).subtracted(mark)


def badge_clock(cx: float, cy: float, r: float) -> QPainterPath:
    """A disc with clock hands cut out: time, "later", "for a while"."""
    hands = stroke([(cx, cy - r * 0.62), (cx, cy), (cx + r * 0.45, cy + r * 0.25)], r * 0.22)
    return circle(cx, cy, r).subtracted(hands)


def badge_moon(cx: float, cy: float, r: float) -> QPainterPath:
    """A crescent moon: at night."""
    return circle(cx, cy, r).subtracted(circle(cx + r * 0.55, cy - r * 0.4, r * 0.85))


def badge_bell(cx: float, cy: float, r: float) -> QPainterPath:
    """A call bell: the nurse-call button's sign."""
    dome = union(circle(cx, cy - r * 0.1, r * 0.55), rect(cx - r * 0.55, cy - r * 0.1, r * 1.1, r * 0.55))
    rim = rect(cx - r * 0.85, cy + r * 0.4, r * 1.7, r * 0.25, r * 0.12)
    return union(dome, rim, circle(cx, cy + r * 0.82, r * 0.17), circle(cx, cy - r * 0.72, r * 0.14))


def with_badge(base: QPainterPath, sign: QPainterPath, base_scale: float = 0.8) -> QPainterPath:
    """`base` made smaller towards the top left, `sign` at the bottom right with a gap."""
    small = place(base, base_scale, 0, 0)
    r = small.boundingRect()
    # Centre the smaller drawing in the space left of and above the badge's centre.
    small = QTransform.fromTranslate((48 * S * base_scale - r.width()) / 2 - r.left() + 2 * S,
                                     (48 * S * base_scale - r.height()) / 2 - r.top() + 2 * S).map(small)
    return on_top(small, sign)


def do_not(inner: QPainterPath) -> QPainterPath:
    """The set's prohibition mark (nutrition/*_free, symbols/smoking_cessation_alt): a ring and
    a slash from top left to bottom right, over the drawing, with a gap where they cross it."""
    ring = circle(24, 24, 21).subtracted(circle(24, 24, 18))
    slash = stroke([(11.27, 11.27), (36.73, 36.73)], 3).intersected(circle(24, 24, 19))
    inside = fit(inner, (10, 9.5, 28, 29)).intersected(circle(24, 24, 18 - GAP))
    return union(ring, on_top(inside, slash))


# --- the infusion chair ------------------------------------------------------------------

def infusion_chair() -> QPainterPath:
    """A patient seated in a reclining chair, an IV bag on a pole beside it, a line to the arm."""
    head = circle(12.5, 9, 4)
    body = union(stroke([(12.8, 16), (14.5, 26.5)], 7),  # trunk, leaning back
                 stroke([(15, 27), (26, 27)], 6.5),  # thigh
                 stroke([(26.5, 27.5), (30.5, 37)], 4.5),  # lower leg
                 stroke([(30.5, 38), (33.5, 38)], 3))  # foot
    arm = stroke([(13.8, 17), (16.5, 23.5), (23.5, 23.5)], 3.2)
    person = union(head, body)
    person = on_top(person, arm, 1.0)
    chair = union(stroke([(7.5, 12), (5.5, 30)], 4),  # back rest
                  rect(5, 29.5, 22, 5, 2.5),  # seat
                  stroke([(27.5, 32.5), (32, 41)], 3.5),  # leg rest
                  rect(13, 33, 3, 8),  # column
                  rect(6.5, 40, 15, 2.5, 1.25))  # base
    pole = union(rect(39.5, 4, 2, 38.5, 1), rect(34.5, 41, 12, 2.5, 1.25), rect(33, 4, 8.5, 2, 1))
    bag = union(rect(29.5, 7.5, 8.5, 12.5, 2.5), rect(33, 5.5, 1.5, 3), rect(33, 19.5, 1.5, 3.5, 0.5))
    line = stroke([(33.75, 23), (33.75, 29), (27, 26), (23.5, 23.8)], 1.5, curve=True)
    drawing = on_top(chair, person)
    drawing = union(drawing, pole, bag)
    return on_top(drawing, line, 1.0)


# --- writing -------------------------------------------------------------------------------

def to_d(path: QPainterPath) -> str:
    def n(v: float) -> str:
        text = f"{v / S:.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    out, i, count = [], 0, path.elementCount()
    while i < count:
        e = path.elementAt(i)
        if e.type == QPainterPath.ElementType.MoveToElement:
            if out:
                out.append("Z")
            out.append(f"M{n(e.x)} {n(e.y)}")
            i += 1
        elif e.type == QPainterPath.ElementType.LineToElement:
            out.append(f"L{n(e.x)} {n(e.y)}")
            i += 1
        else:  # a curve: the element and its two data elements
            c1, c2 = path.elementAt(i + 1), path.elementAt(i + 2)
            out.append(f"C{n(e.x)} {n(e.y)} {n(c1.x)} {n(c1.y)} {n(c2.x)} {n(c2.y)}")
            i += 3
    if out:
        out.append("Z")
    return "".join(out)


def write(name: str, path: QPainterPath, mark: str = "") -> None:
    file = HERE / f"{name}.svg"
    rule = ' fill-rule="evenodd" clip-rule="evenodd"' if path.fillRule() == Qt.FillRule.OddEvenFill else ""
    attributes = f' data-mark="{mark}"' if mark else ""
    file.write_text(
        f'<svg width="48" height="48" viewBox="0 0 48 48" fill="none" xmlns="http://www.w3.org/2000/svg"{attributes}>\n'
        f'<path{rule} d="{to_d(path.simplified())}" fill="currentColor"/>\n'
        "</svg>\n")


def main(package: Path) -> None:
    def pkg(name: str) -> QPainterPath:
        return icon(package / f"{name}.svg")

    cx, cy, r = BADGE
    liver = pkg("body/liver")

    # The set's emergency light, out of its box (specialties/ are white on a square).
    boxed = pkg("specialties/accident_and_emergency")
    light = QPainterPath()
    light.addRect(boxed.boundingRect().adjusted(S, S, -S, -S))  # inside the rounded corners
    write("symbols/emergency_light", fit(light.subtracted(boxed), (4, 6, 40, 36)))

    write("people/nurse_call", with_badge(pkg("people/nurse"), badge_bell(cx, cy - 0.5, r)))
    write("objects/phone_night", with_badge(pkg("objects/phone"), badge_moon(cx, cy, r)))
    phone_badge = fit(pkg("objects/phone"), (29, 29, 16, 16))
    write("objects/calendar_call", with_badge(pkg("objects/calendar"), phone_badge, 0.82))
    write("body/liver_alert", with_badge(liver, badge_alert(cx, cy, r)))
    write("body/liver_later", with_badge(liver, badge_clock(cx, cy, r)))
    write("body/liver_test", with_badge(liver, fit(pkg("devices/clinical_a"), (31, 26, 12, 20))))
    write("body/liver_and_transplant",
          on_top(fit(liver, (2, 4, 30, 26)), fit(pkg("blood/blood_bag"), (27, 20, 19, 26))))
    write("contraceptives/family_planning_later",
          with_badge(pkg("contraceptives/family_planning"), fit(pkg("objects/calendar"), (29.5, 29.5, 15, 15))))

    chair = infusion_chair()
    write("devices/infusion_chair", chair)
    # The badge goes top left, where the chair leaves room; the chair moves down and right.
    small = place(chair, 0.78, 48 * 0.22, 48 * 0.22)
    write("devices/infusion_chair_alert", on_top(small, badge_alert(9, 9, 7.5)))
    write("devices/infusion_chair_watch", on_top(small, badge_clock(9, 9, 7.5)))

    # A vial of powder: cap, neck, and a glass body with a window showing the powder.
    vial = union(rect(16, 4, 16, 6.5, 1.5), rect(19, 11.5, 10, 3), rect(14, 15.5, 20, 28.5, 3.5))
    vial = vial.subtracted(rect(17.5, 19, 13, 21.5, 1.5)).united(rect(17.5, 33, 13, 7.5, 1.5))
    vial = vial.subtracted(rect(17.5, 31.5, 13, 1.5))
    write("devices/vial", vial)

    # A pregnancy test stick: a cap, a window showing one line, a sample well.
    stick = rect(3, 19.5, 42, 9, 2)
    stick = stick.subtracted(rect(20, 21.5, 12, 5, 1)).united(rect(25.2, 21.5, 1.6, 5))
    stick = stick.subtracted(rect(13, 19, GAP, 10)).subtracted(circle(38.5, 24, 1.8))
    turn = QTransform().translate(24 * S, 24 * S).rotate(-35).translate(-24 * S, -24 * S)
    write("devices/pregnancy_test", fit(turn.map(stick), (4, 4, 40, 40)))

    write("people/lactation_not", do_not(pkg("people/lactation")), mark="do-not")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
