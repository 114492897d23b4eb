"""Build small .docx packages in tests from WordprocessingML snippets."""

from __future__ import annotations

import io
import zipfile

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def p(text: str = "", ppr: str = "", runs: str | None = None) -> str:
    """A paragraph with one run of text (or the runs given)."""
    body = runs if runs is not None else f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def num(num_id: str, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def tc(text: str = "", span: int = 1, vmerge: str | None = None) -> str:
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    paragraphs = "".join(p(line) for line in text.split("\n")) if text else "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{pr}</w:tcPr>' if pr else ''}{paragraphs}</w:tc>"


def tbl(rows: list[str], cols: int, header_rows: int = 0) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(cols))
    body = ""
    for k, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if k < header_rows else ""
        body += f"<w:tr>{trpr}{row}</w:tr>"
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def docx(
    body: str,
    numbering: str | None = None,
    styles: str | None = None,
    extra: dict[str, str] | None = None,
    rels: list[tuple[str, str]] | None = None,
) -> bytes:
    """A .docx whose document body is ``body``; numbering/styles are inner XML."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}>'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>",
    }
    links = list(rels or [])
    if numbering is not None:
        parts["word/numbering.xml"] = f"<w:numbering {W_NS}>{numbering}</w:numbering>"
        links.append(("numbering", "numbering.xml"))
    if styles is not None:
        parts["word/styles.xml"] = f"<w:styles {W_NS}>{styles}</w:styles>"
        links.append(("styles", "styles.xml"))
    parts.update(extra or {})
    rel_xml = "".join(
        f'<Relationship Id="rId{k + 10}" Type="{REL_TYPE}{kind}" Target="{target}"/>'
        for k, (kind, target) in enumerate(links)
    )
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}</Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


def abstract(abstract_id: str, levels: list[tuple[str, str]], start: int = 1) -> str:
    """An abstractNum with (numFmt, lvlText) per level."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text) in enumerate(levels)
    )
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def num_instance(num_id: str, abstract_id: str, restart: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for k, v in (restart or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
