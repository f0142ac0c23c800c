"""A small, streaming, byte-reproducible XLSX writer that lays files out the way KoboToolbox
exports them (formpack calls XlsxWriter in constant-memory mode): inline strings, no shared
strings table, numbers as `<v>`, empty cells left out, a CR stored as `_x000D_`, and every zip
entry stamped 1980-01-01 so that the same rows always give the same bytes.

Used by `make_files` (the shipped demo exports and XLSForm) and by `bench/import_bench.py`
(exports of 100,000 submissions, written row by row without holding them in memory).
"""

import re
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CREATED = "2026-05-04T09:00:00Z"
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Control characters that XML 1.0 cannot hold; Excel writes them as _xHHHH_ (so does XlsxWriter).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f]")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(value: str) -> str:
    value = CONTROL_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    value = escape(value)
    if value != value.strip():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _row_xml(number: int, values: Sequence, letters: list[str]) -> str:
    cells = []
    for j, value in enumerate(values):
        if value is None or value == "":
            continue
        ref = f"{letters[j]}{number}"
        if isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is>{_text(str(value))}</is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def write_xlsx(path, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> dict:
    """Write `sheets` — (sheet name, header, rows) with rows streamed — to `path`.

    Returns {sheet name: number of data rows}. Names are cut to Excel's 31 characters by the
    caller (Kobo shortens the form title to 28 characters + "...")."""
    names, counts = [], {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for number, (name, header, rows) in enumerate(sheets, start=1):
            names.append(name)
            width = len(header)
            letters = [column_letter(j) for j in range(max(width, 1))]
            with archive.open(_info(f"xl/worksheets/sheet{number}.xml"), "w",
                              force_zip64=True) as out:
                # The dimension is only known at the end; Excel and readers accept it missing.
                selected = ' tabSelected="1"' if number == 1 else ""
                out.write((HEAD + f"<worksheet {NS}><sheetViews><sheetView{selected} "
                           'workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                           "<sheetData>").encode())
                out.write(_row_xml(1, header, letters).encode())
                count = 0
                buffer = []
                for count, row in enumerate(rows, start=1):  # noqa: B007
                    buffer.append(_row_xml(count + 1, row, letters))
                    if len(buffer) >= 500:
                        out.write("".join(buffer).encode())
                        buffer.clear()
                out.write("".join(buffer).encode())
                out.write(b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" '
                          b'bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
            counts[name] = count
        _package_parts(archive, names)
    return counts


def _package_parts(archive: zipfile.ZipFile, names: list[str]) -> None:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(names) + 1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.extended-properties+xml"/><Override PartName='
            '"/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
            'core-properties+xml"/><Override PartName="/xl/styles.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{sheets}</Types>"),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships">' + "".join(
                f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              "</Relationships>"),
        "xl/workbook.xml": (
            f'<workbook {NS}><fileVersion appName="xl" lastEdited="4" lowestEdited="4" '
            'rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/><bookViews>'
            '<workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/>'
            "</bookViews><sheets>" + "".join(
                f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in enumerate(names, start=1))
            + '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'),
        "xl/styles.xml": (
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/>'
            '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1">'
            "<border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
            'xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" '
            'defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
            "</styleSheet>"),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
            'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>'
            "</dc:creator><cp:lastModifiedBy></cp:lastModifiedBy><dcterms:created "
            f'xsi:type="dcterms:W3CDTF">{CREATED}</dcterms:created><dcterms:modified '
            f'xsi:type="dcterms:W3CDTF">{CREATED}</dcterms:modified></cp:coreProperties>'),
        "docProps/app.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0'
            "</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size=\"2\" "
            'baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>'
            f"<vt:variant><vt:i4>{len(names)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
            f'<TitlesOfParts><vt:vector size="{len(names)}" baseType="lpstr">'
            + "".join(f"<vt:lpstr>{escape(name)}</vt:lpstr>" for name in names)
            + "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false"
              "</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false"
              "</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"),
    }
    for name, xml in parts.items():
        archive.writestr(_info(name), HEAD + xml)


def sheet_title(title: str) -> str:
    """A sheet name from a form title, cut as formpack cuts it (28 characters + "...")."""
    for ch in '[]:*?/\\':
        title = title.replace(ch, "")
    return title if len(title) <= 31 else title[:28] + "..."
