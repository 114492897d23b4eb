"""正文: the section tree (一、… and 第X章/第X条), the documents it cites, its contacts."""

from __future__ import annotations

import re

from ..model import Contact, Reference, Section
from ..vocab import DOC_NUMBER_YEAR, HAN
from . import patterns as P

REFERENCE_RE = re.compile(
    rf"《([^《》]{{2,120}})》(?:\s*[（(]\s*([^（）()]{{2,40}}?{DOC_NUMBER_YEAR}"
    rf"\s*第?\s*\d+\s*号)\s*[）)])?"
)

# The rank of each numbering style. A notice numbers 一、 → （一） → 1. → （1）; a
# regulation 第X章 → 第X节 → 第X条, with （一） → 1. → （1） inside an article.
NOTICE_LEVELS = {"一、": 1, "（一）": 2, "1.": 3, "（1）": 4}
REGULATION_LEVELS = {"章": 1, "节": 2, "条": 3, "一、": 4, "（一）": 4, "1.": 5, "（1）": 6}


def build_sections(texts: list[str]) -> tuple[str, list[Section]]:
    """Paragraph texts to (preamble, section tree). Skipped levels are tolerated."""
    found = [P.match_heading(text) for text in texts]
    regulation = any(f and f[0] in ("章", "条") for f in found)
    levels = REGULATION_LEVELS if regulation else NOTICE_LEVELS
    preamble: list[str] = []
    roots: list[Section] = []
    stack: list[Section] = []
    bodies: dict[int, list[str]] = {}
    for text, heading in zip(texts, found, strict=True):
        if heading is None or (not regulation and heading[0] in ("章", "节", "条")):
            if stack:
                bodies[id(stack[-1])].append(text)
            else:
                preamble.append(text)
            continue
        kind, number, title, run_in = heading
        level = levels[kind]
        section = Section(level=level, kind=kind, number=number, heading=title)
        bodies[id(section)] = [run_in] if run_in else []
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)

    def finish(sections: list[Section]) -> None:
        for s in sections:
            s.text = "\n".join(bodies[id(s)])
            finish(s.children)

    finish(roots)
    return "\n".join(preamble), roots


def find_references(text: str) -> list[Reference]:
    refs: dict[str, Reference] = {}
    for m in REFERENCE_RE.finditer(text):
        title = m.group(1).strip()
        number = re.sub(r"\s+", "", m.group(2)) if m.group(2) else None
        if title not in refs or (number and not refs[title].doc_number):
            refs[title] = Reference(title=title, doc_number=number)
    return list(refs.values())


_PHONE_RE = re.compile(
    r"(?:联系电话|电话|手机|座机|传真)\s*[:：]?\s*"
    r"((?:[0-9０-９][0-9０-９\-－—()（） ]{5,}[0-9０-９]"
    r"(?:\s*(?:转|-|ext\.?)\s*[0-9０-９]+)?(?:\s*分机)?)"
    r"(?:\s*[、/，,]\s*[0-9０-９][0-9０-９\-－—]{5,})*)"
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_CONTACT_RE = re.compile(
    r"联\s*系\s*人\s*[:：]\s*([^，,；;。（）()\s:：]+(?:[、 ][^，,；;。（）()\s:：]+)*)"
)


def find_contacts(text: str) -> list[Contact]:
    """Contacts: each "联系人：X" with the phones and e-mails that follow it."""
    contacts = []
    matches = list(_CONTACT_RE.finditer(text))
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        segment = text[m.start() : end]
        stop = re.search(r"[。\n]|[）)](?![0-9０-９])", segment)
        segment = segment[: stop.start()] if stop else segment
        unit = re.search(rf"({HAN}{{2,20}})$", text[max(0, m.start() - 20) : m.start()])
        contact = Contact(
            name=m.group(1).strip(),
            unit=unit.group(1) if unit else None,
            phone=[re.sub(r"\s+", "", p) for p in _PHONE_RE.findall(segment)],
            email=_EMAIL_RE.findall(segment),
            text=segment.strip(),
        )
        contacts.append(contact)
    return contacts
