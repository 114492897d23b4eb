"""Notices as GB/T 9704-2012 lays them out: the layout pass and one reader per group of parts.

- :mod:`.lines`: the reader's blocks as lines with their layout facts, broken lines
  (a date over several lines, 份号 run into the masthead) made whole;
- :mod:`.patterns`: the vocabulary: what a line says and what it reads like;
- :mod:`.layout`: every line gets a role from its text and layout facts (``Layout``);
- :mod:`.head`: 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人), 标题, 主送;
- :mod:`.body`: the section tree in both numbering systems, references, contacts;
- :mod:`.closing`: 附件说明, 署名, 成文日期, 附注;
- :mod:`.attachments`: the attachments with their text and tables;
- :mod:`.record`: 版记 (抄送, 印发).

:func:`pipeline.segment.segment` runs them in order.
"""
