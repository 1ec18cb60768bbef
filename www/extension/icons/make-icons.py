#!/usr/bin/env python3
"""Rasterises icon.svg's shapes into icon-16/32/48/128.png (stdlib only: zlib + struct).

The shapes are drawn with signed distances and 4x4 supersampling; keep them in step with icon.svg.
Run: python3 www/extension/icons/make-icons.py
"""
import math, os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
BLUE = (0x00, 0x72, 0xB2)
YELLOW = (0xF0, 0xE4, 0x42)
WHITE = (0xFF, 0xFF, 0xFF)


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def rounded_rect(px, py, x, y, w, h, r):
    qx = abs(px - (x + w / 2)) - (w / 2 - r)
    qy = abs(py - (y + h / 2)) - (h / 2 - r)
    return math.hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r


def shade(px, py):
    """Colour (r, g, b, a) of the 128-unit icon at (px, py); later shapes paint over earlier ones."""
    colour = None
    if rounded_rect(px, py, 4, 4, 120, 120, 26) <= 0:
        colour = BLUE
    if seg_dist(px, py, 82, 82, 110, 110) <= 8:
        colour = YELLOW
    d = math.hypot(px - 56, py - 56)
    if d <= 39:
        colour = YELLOW
    if d <= 29:
        colour = WHITE
    for cx in (44, 68):
        if math.hypot(px - cx, py - 52) <= 9 or seg_dist(px, py, cx + 7, 55, cx - 5, 72) <= 3.5:
            colour = BLUE
    return colour


def render(size):
    ss = 4
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = shade((x + (sx + 0.5) / ss) * 128 / size, (y + (sy + 0.5) / ss) * 128 / size)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 1
            n = acc[3]
            row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (ss * ss)] if n else [0, 0, 0, 0])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    for size in (16, 32, 48, 128):
        with open(os.path.join(HERE, f"icon-{size}.png"), "wb") as f:
            f.write(render(size))
        print(f"icon-{size}.png")
