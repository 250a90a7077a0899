"""Render resources/icons/walkback.svg to the PNG sizes, .ico and .icns the platforms need.

    .venv/bin/python tools/make_icons.py           write the icons (only if they changed)
    .venv/bin/python tools/make_icons.py --check   exit 1 if the icons are out of date

Qt's own SVG renderer (QSvgRenderer, offscreen) draws every size, so nothing
beyond PySide6 is needed. The .ico and .icns containers are written here:
both are small formats that may hold PNG images as they are (ICO since
Windows Vista, ICNS types ic07-ic14 since macOS 10.7). The output is
deterministic: the same SVG gives byte-identical files, so the generated
icons can be committed and checked in CI.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS_DIR = ROOT / "resources" / "icons"
SVG_NAME = "walkback.svg"

# hicolor theme sizes (Linux), also used for the window icon and the bundles.
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Windows shows 16/20/24/32/40/48/64 in lists and taskbars and 256 in large views.
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS element types that hold a PNG, with their pixel size (Apple's icns layout).
ICNS_TYPES = (
    (b"ic11", 32),  # 16x16@2x
    (b"ic12", 64),  # 32x32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128x128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256x256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512x512@2x
)


def png_name(size: int) -> str:
    return f"walkback-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size x size pixels on a transparent background, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _keep_alive.append(QGuiApplication(["make_icons"]))
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


_keep_alive: list[object] = []


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR + ICONDIRENTRY list + data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (type, length incl. 8-byte header, PNG)."""
    body = b"".join(
        kind + struct.pack(">I", len(pngs[size]) + 8) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def generate(svg: Path) -> dict[str, bytes]:
    """Every icon file name mapped to its bytes."""
    wanted = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render_png(svg, size) for size in wanted}
    files = {png_name(size): pngs[size] for size in PNG_SIZES}
    files["walkback.ico"] = build_ico({size: pngs[size] for size in ICO_SIZES})
    files["walkback.icns"] = build_icns(pngs)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale icons")
    parser.add_argument("--svg", type=Path, default=ICONS_DIR / SVG_NAME, help="source SVG")
    parser.add_argument("--out", type=Path, default=ICONS_DIR, help="output folder")
    args = parser.parse_args(argv)
    files = generate(args.svg)
    stale = [
        name
        for name, data in files.items()
        if not (args.out / name).is_file() or (args.out / name).read_bytes() != data
    ]
    if args.check:
        for name in stale:
            print(f"make_icons: {args.out / name} is out of date", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_bytes(files[name])
        print(f"wrote {args.out / name} ({len(files[name]):,} bytes)")
    if not stale:
        print(f"icons in {args.out} are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
