"""In Debian's chromium: the Situation Analysis in Khmer printed to PDF, and axe-core's WCAG
checks on the matrices and the report."""

import re
import zlib

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import SHOTS, axe_violations
from wpsnap.plans.models import Role

from .test_matrices import coded  # noqa: F401 - fixture
from .test_situation import F1_KM, findings  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, needs_chromium]

OBJ_RE = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
STREAM_RE = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
HEX_RE = re.compile(rb"<([0-9A-Fa-f]*)>")
TOKEN_RE = re.compile(rb"/ActualText\s*<FEFF([0-9A-Fa-f]*)>|(/[\w.+-]+)\s+[\d.]+\s+Tf|"
                      rb"<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\bEMC\b")


def _utf16(hexa: bytes) -> str:
    return bytes.fromhex(hexa.decode()).decode("utf-16-be", errors="ignore")


def _stream(body: bytes) -> bytes:
    found = STREAM_RE.search(body)
    if not found:
        return b""
    try:
        return zlib.decompress(found.group(1))
    except zlib.error:
        return found.group(1)


def _cmap(data: bytes) -> dict[int, str]:
    out = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = HEX_RE.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2], strict=False):
            out[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            base = int(dst, 16)
            for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(base + n)
    return out


def pdf_text(pdf: bytes) -> str:
    """The text layer of a PDF printed by chromium (Skia): each page's glyphs mapped back to
    characters through their font's ToUnicode CMap, or the /ActualText of a marked span (Skia
    writes one for a shaped cluster, as Khmer has many). Enough for tests; not a PDF library."""
    objects = {int(n): body for n, body in OBJ_RE.findall(pdf)}
    text = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        resources = body
        ref = re.search(rb"/Resources\s+(\d+) 0 R", body)
        if ref:
            resources = objects[int(ref.group(1))]
        fonts = {}
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        for name, num in re.findall(rb"(/[\w.+-]+)\s+(\d+) 0 R", font_dict.group(1) if font_dict
                                    else b""):
            uni = re.search(rb"/ToUnicode\s+(\d+) 0 R", objects[int(num)])
            fonts[name] = _cmap(_stream(objects[int(uni.group(1))])) if uni else {}
        contents = re.search(rb"/Contents\s+(?:\[(.*?)\]|(\d+) 0 R)", body, re.S)
        refs = re.findall(rb"(\d+) 0 R", contents.group(1)) if contents.group(1) else [
            contents.group(2)]
        for num in refs:
            font, actual = {}, None
            for match in TOKEN_RE.finditer(_stream(objects[int(num)])):
                act, name, tj, tj_array = match.groups()
                if act is not None:
                    actual = _utf16(act)
                    text.append(actual)
                elif name is not None:
                    font = fonts.get(name, {})
                elif match.group(0) == b"EMC":
                    actual = None
                elif actual is None:
                    for hexa in [tj] if tj is not None else HEX_RE.findall(tj_array):
                        text.extend(font.get(int(hexa[i:i + 4], 16), "")
                                    for i in range(0, len(hexa), 4))
            text.append("\n")
    return "".join(text)




def test_situation_analysis_in_khmer_prints_to_pdf(transactional_db, live_server, page, plan,
                                                   members, findings):  # noqa: F811
    from playwright.sync_api import expect

    log_in(page, live_server.url, members[Role.VIEWER].username)
    page.goto(live_server.url + f"/plans/{plan.slug}/analyse/situation-analysis/?lang=km")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    heading = page.locator("h4.finding-title", has_text=F1_KM)
    expect(heading).to_be_visible()
    khmer = heading.locator("span[lang=km]").element_handle()
    font = page.evaluate("(el) => getComputedStyle(el).fontFamily", khmer)
    assert "Noto Sans Khmer" in font
    expect(page.locator("[data-print]")).to_be_visible()  # shown by situation.js (CSP-safe)
    assert F1_KM in page.content()

    page.emulate_media(media="print")
    expect(page.locator(".subnav")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("[data-print]")).to_be_hidden()
    expect(heading).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert b"NotoSansKhmer" in pdf  # the Khmer web font is embedded
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "situation-analysis-km.pdf").write_bytes(pdf)  # to look at
    text = pdf_text(pdf)
    assert F1_KM in text.replace(" ", ""), text[:500]
    assert "localhost" not in text and "127.0.0.1" not in text  # link addresses not printed
    assert "wpsnap —" not in text  # nor the site's header and footer
    page.screenshot(path=str(SHOTS / "situation-analysis-km-print.png"), full_page=True)
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_matrices_and_report_pass_axe(transactional_db, live_server, browser, plan, members,
                                      coded, findings, lang):  # noqa: F811
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.ANALYST].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"/plans/{plan.slug}/analyse/"
    problems = {}
    for path in ["", "matrices/area/", "matrices/cooccurrence/",
                 "matrices/sex/cell/?code=protection&value=female", "situation-analysis/",
                 "situation-analysis/?both=1"]:
        page.goto(live_server.url + base + path)
        if path == "matrices/area/":
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"matrix-area-{lang}.png"), full_page=True)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
