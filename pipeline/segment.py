"""The segmenter: blocks in, Notice out. It knows notices (GB/T 9704-2012), not formats.

This module only keeps the order of the passes; each lives in :mod:`pipeline.notice`:
the layout pass gives every line a role, then small readers turn the lines of each
part into fields.
"""

from __future__ import annotations

import re

from .model import Document, Notice, ParseWarning, Source
from .notice import attachments, body, closing, head, layout, patterns, record
from .notice.lines import lines_of
from .tables import FillPolicy


def read_layout(doc: Document) -> layout.Layout:
    """The roles of a document's lines (what ``notice-pipeline inspect`` prints)."""
    return layout.assign(lines_of(doc))


def segment(doc: Document, source: Source, policy: FillPolicy | None = None) -> Notice:
    """Build the Notice from a reader's blocks."""
    policy = policy or FillPolicy()
    lay = read_layout(doc)
    if doc.ocr is not None:
        source.ocr = doc.ocr
    n = Notice(source=source)
    warnings: list[ParseWarning] = list(doc.warnings)
    texts = lay.texts

    # 版头, 标题, 主送
    n.copy_number = head.copy_number(texts("copy_number"))
    n.secrecy = head.secrecy(texts("secrecy"))
    n.urgency = head.urgency(texts("urgency"))
    n.masthead = head.masthead(texts("masthead"))
    n.doc_number = head.doc_number(texts("doc_number"))
    n.signer = head.signer(texts("signer") + texts("doc_number"))
    n.title = head.title(texts("title"))
    n.recipients = head.recipients(texts("recipients"))

    # 正文
    body_lines = [e.text for e in lay.entries if e.role == "body" and e.is_line]
    n.preamble, n.sections = body.build_sections(body_lines)
    n.toc = [t for t in texts("toc") if not patterns.TOC_RE.match(t.replace(" ", ""))]

    # 附件说明, 署名, 成文日期, 附注; 版记
    listed = closing.listed_attachments(lay.listed)
    n.signatories = closing.signatories(texts("signature"))
    n.date, n.date_raw = closing.closing_date(next(iter(texts("date")), None))
    n.notes = texts("note")
    n.cc = record.cc(texts("cc"))
    n.printed_by, n.printed_date, n.printed_date_raw = record.printed(
        next(iter(texts("printed")), None)
    )

    # Tables, attachments
    n.tables, table_warnings = attachments.tables(lay, policy)
    warnings.extend(table_warnings)
    if n.title is None and n.tables and _table_first(lay):
        n.title = n.tables[0].title  # a title printed inside the table's first row
    if n.title is None and lay.order:
        n.title = _issued_title(lay)
    n.doc_type = head.doc_kind(n.title) if n.title else None
    if lay.standalone:
        label = head.label(texts("label"))
        warnings.append(
            ParseWarning(
                "attachment_only", f"the document is an attachment ({label}) without its notice"
            )
        )
        n.attachments = [head.standalone_attachment(label, n.title, n.tables)]
    else:
        n.attachments, found = attachments.read(lay, listed, n.tables, n.title)
        warnings.extend(found)

    body_text = "\n".join(body_lines)
    n.references = body.find_references(body_text)
    n.contacts = body.find_contacts("\n".join([body_text, *n.notes]))
    _issuer(n, lay.order)

    if n.title is None:
        warnings.append(ParseWarning("no_title", "no title (标题) found"))
    if n.date is None and not lay.standalone:
        warnings.append(ParseWarning("no_date", "no 成文日期 (date line) found"))
    if not any([n.title, n.sections, n.recipients, n.date, n.tables]):
        warnings.append(
            ParseWarning("no_parts", "no part of a notice was recognised (title, sections, date…)")
        )
    n.warnings = warnings
    return n


def _table_first(lay: layout.Layout) -> bool:
    """The document opens with a table (labels aside): its title row is the title."""
    for e in lay.entries:
        if e.is_line and e.role not in ("label", "noise", "attachment_label"):
            return False
        if not e.is_line:
            return True
    return False


def _issued_title(lay: layout.Layout) -> str | None:
    """A 令 without a title of its own: the title of the regulation it promulgates."""
    for g in sorted({e.group for e in lay.entries if e.group is not None}):
        lines = [e.text for e in lay.entries if e.group == g and e.role == "attachment_title"]
        if lines:
            return head.title(lines)
    return None


def _issuer(n: Notice, order: bool) -> None:
    issuer = head.issuer_of(n.title) if n.title else None
    if issuer:
        n.issuer, n.issuer_from = issuer, "title"
    elif n.signatories and not order:  # a 令 is signed by a person
        # The signature names each organ on its own; a joint masthead runs them together.
        n.issuer, n.issuer_from = " ".join(n.signatories), "signature"
    elif n.masthead:
        n.issuer = re.sub(r"(文件|令)$", "", n.masthead)
        n.issuer_from = "masthead"
