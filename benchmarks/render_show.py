"""Look at ``eventx show`` pages as a person would: render them in headless Chromium.

Writes, under ``--out`` (default ``/tmp/eventx-show``):

* ``port-raid.html`` / ``.png``: ``examples/port-raid.txt`` (published 2024-03-14) with the
  default model, at a laptop's window size: the picture in the README;
* ``long.html`` / ``-top.png`` / ``-tall.png``: a long article (every other snippet of the
  challenge set as paragraphs, about 2,400 words): is it still readable, does the table stay beside the text;
* ``narrow.png``: the port-raid page in a 700-pixel window (the table goes under the text);
* and a check of the page's script in the browser: a click on a trigger selects its event (its
  spans and its table row get ``x-on``, the others fade) and fills the panel.

Needs Debian's ``chromium`` (``apt-get install -y chromium``).

    python benchmarks/render_show.py
    python benchmarks/render_show.py --png docs/port-raid.png      # the README picture
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eventx import Extractor  # noqa: E402
from eventx.viz import render_html  # noqa: E402

_CLICK = """
<script>
window.addEventListener("load", function(){
  var t=document.querySelector('mark.x-trig[data-ev~="EV"]');
  t.dispatchEvent(new MouseEvent("click",{bubbles:true}));
  var root=document.querySelector(".eventx-view");
  var on=[].map.call(root.querySelectorAll(".x-on"),function(e){return e.tagName+":"+e.getAttribute("data-ev");});
  document.body.setAttribute("data-check", JSON.stringify({focus:root.classList.contains("x-focus"),
    on:on, panel:root.querySelector(".x-panel").textContent}));
});
</script>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    sys.exit("no chromium: apt-get install -y chromium")


def _browser(*args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                              "--hide-scrollbars", f"--user-data-dir={profile}", *args],
                             capture_output=True, text=True, timeout=120, check=True)
    return out.stdout


def screenshot(html: Path, png: Path, width: int, height: int) -> Path:
    _browser(f"--window-size={width},{height}", f"--screenshot={png}", html.resolve().as_uri())
    return png


def click_check(page: str, event: int, folder: Path) -> dict:
    """Click event ``event``'s trigger in a real browser; what the page's script did."""
    probe = folder / "click.html"
    probe.write_text(page.replace("</body>", _CLICK.replace("EV", str(event)) + "</body>"),
                     encoding="utf-8")
    dom = _browser("--virtual-time-budget=3000", "--dump-dom", probe.resolve().as_uri())
    found = re.search(r'data-check="([^"]*)"', dom)
    if not found:
        raise RuntimeError("the page's script did not run")
    import html

    return json.loads(html.unescape(found.group(1)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, help="model folder (default: the shipped model)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/eventx-show"))
    ap.add_argument("--png", type=Path, help="also copy the port-raid picture here")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    ex = Extractor.from_pretrained(args.model)

    text = (ROOT / "examples" / "port-raid.txt").read_text(encoding="utf-8")
    events = ex(text, published="2024-03-14")
    page = render_html(text, events, title="examples/port-raid.txt", published="2024-03-14",
                       model=ex.path.name)
    html_path = args.out / "port-raid.html"
    html_path.write_text(page, encoding="utf-8")
    png = screenshot(html_path, args.out / "port-raid.png", 1280, 760)
    screenshot(html_path, args.out / "narrow.png", 700, 1400)
    if args.png:
        shutil.copyfile(png, args.png)

    rows = [json.loads(line) for line in
            (ROOT / "benchmarks" / "data" / "challenge.jsonl").read_text(encoding="utf-8")
            .splitlines()[::2]]
    long_text = "\n\n".join(r["text"] for r in rows)
    long_events = ex(long_text, published="2024-05-14")
    long_path = args.out / "long.html"
    long_path.write_text(render_html(long_text, long_events, title=f"{len(rows)} challenge snippets",
                                     published="2024-05-14", model=ex.path.name),
                         encoding="utf-8")
    screenshot(long_path, args.out / "long-top.png", 1280, 900)
    screenshot(long_path, args.out / "long-tall.png", 1280, 3000)

    check = click_check(page, 2, args.out)
    ok = check["focus"] and "TR:2" in check["on"] and all(
        "2" in on.split(":")[1].split() for on in check["on"]) and "event 2" in check["panel"]
    print(json.dumps({"port_raid_events": len(events), "png_bytes": png.stat().st_size,
                      "long_words": len(long_text.split()), "long_events": len(long_events),
                      "click_check": check, "click_ok": bool(ok), "out": str(args.out)},
                     indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
