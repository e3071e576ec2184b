#!/usr/bin/env python3
"""Draws the tab bar icons (81×81 PNG, grey and brand green) without any image library.
Run once; the PNGs are committed under src/assets/tabbar/."""
import math, struct, zlib, os

SIZE = 81
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'assets', 'tabbar')

def png(pixels):
    raw = b''.join(b'\x00' + bytes(row) for row in pixels)
    def chunk(kind, data):
        c = kind + data
        return struct.pack('>I', len(data)) + c + struct.pack('>I', zlib.crc32(c) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

def seg(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))

def outline(segments, width=5):
    return lambda x, y: min(seg(x, y, *s) for s in segments) <= width / 2

def home(x, y):
    return outline([(14, 40, 40, 16), (40, 16, 66, 40), (22, 34, 22, 66), (58, 34, 58, 66), (22, 66, 58, 66), (34, 66, 34, 50), (34, 50, 46, 50), (46, 50, 46, 66)])(x, y)

def policy(x, y):
    return outline([(20, 12, 52, 12), (52, 12, 62, 22), (62, 22, 62, 68), (62, 68, 20, 68), (20, 68, 20, 12), (29, 32, 53, 32), (29, 44, 53, 44), (29, 56, 45, 56)])(x, y)

def message(x, y):
    return outline([(14, 18, 66, 18), (66, 18, 66, 54), (66, 54, 36, 54), (36, 54, 24, 66), (24, 66, 24, 54), (24, 54, 14, 54), (14, 54, 14, 18)])(x, y) or any(math.hypot(x - cx, y - 36) <= 3.5 for cx in (28, 40, 52))

def me(x, y):
    head = abs(math.hypot(x - 40, y - 28) - 12) <= 2.5
    body = y <= 68 and abs(math.hypot((x - 40) / 1.0, (y - 70) / 0.9) - 24) <= 2.7 and y >= 48
    base = seg(x, y, 16, 68, 64, 68) <= 2.5
    return head or body or base

def draw(shape, colour):
    rows = []
    for j in range(SIZE):
        row = []
        for i in range(SIZE):
            # 3×3 supersampling for smooth edges
            hits = sum(shape(i + (a + 0.5) / 3, j + (b + 0.5) / 3) for a in range(3) for b in range(3))
            row += [*colour, round(255 * hits / 9)]
        rows.append(row)
    return png(rows)

GREY, GREEN = (0x99, 0x99, 0x99), (0x06, 0x75, 0x3D)  # active: the text green, 5.8:1 on white
for name, shape in {'home': home, 'policy': policy, 'message': message, 'me': me}.items():
    for suffix, colour in (('', GREY), ('-active', GREEN)):
        with open(os.path.join(OUT, f'{name}{suffix}.png'), 'wb') as f:
            f.write(draw(shape, colour))
print('icons written to', os.path.normpath(OUT))
