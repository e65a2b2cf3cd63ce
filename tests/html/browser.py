"""Headless Chromium for the HTML page tests (issue 13): the DOM after scripts
ran, and a screenshot, of a local page.

Debian's `chromium` runs with --headless --no-sandbox --disable-gpu
--no-first-run and a fresh --user-data-dir per call, so no state leaks
between runs. A test that finds no chromium exits 77 (ctest's skip code),
saying so.
"""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def chromium():
    """The browser's path, or exit 77 saying it is missing."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    print("SKIP: no chromium on PATH (scripts/setup installs Debian's chromium)")
    sys.exit(SKIP)


def _run(args, page, timeout):
    with tempfile.TemporaryDirectory(prefix="jixiao-chromium-") as profile:
        cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
               *args, "file://" + os.path.abspath(page)]
        return subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=profile)


def dump_dom(page, timeout=120):
    """The serialized DOM once the page's scripts have run."""
    result = _run(["--dump-dom", "--virtual-time-budget=3000"], page, timeout)
    if result.returncode != 0:
        raise RuntimeError(f"chromium --dump-dom failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return result.stdout.decode("utf-8")


def screenshot(page, png, width=1280, height=2400, timeout=120):
    """Writes a PNG screenshot of the page to `png`."""
    if os.path.exists(png):
        os.remove(png)
    result = _run([f"--screenshot={os.path.abspath(png)}", f"--window-size={width},{height}",
                   "--virtual-time-budget=3000"], page, timeout)
    if result.returncode != 0 or not os.path.exists(png):
        raise RuntimeError(f"chromium --screenshot failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return png


def distinct_colours(png):
    """How many distinct colours the screenshot holds (1 for a blank page)."""
    from PIL import Image  # python3-pil (scripts/setup)
    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours) if colours is not None else 1 << 20


def ink_share(png):
    """The share of pixels that are not the page's most common colour."""
    from PIL import Image
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24)
        total = rgb.width * rgb.height
    background = max(count for count, _ in colours)
    return 1.0 - background / total
