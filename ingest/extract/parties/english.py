"""English parties (DOMAIN 3.2): 'between A, a Delaware corporation (the "Company"), and B
("Partner")', 'A, represented by NAME, its OFFICE', and the Indonesian komparisi in English:
'NAME, Regent of Y, acting for and on behalf of X, hereinafter referred to as the FIRST PARTY'
or 'Name : … / Title : …' rows before 'acting for and on behalf of X'."""

from __future__ import annotations

import re

from ingest.extract.parties.common import PartyLanguage

ROLE = (
    r"(?:(?:FIRST|SECOND|THIRD|FOURTH|First|Second|Third|Fourth)\s+(?:PARTY|Party)\b"
    r"|(?:PARTY|Party)\s+(?:IV|III|II|I|[1-4])(?![A-Za-z0-9]))"
)
_QUOTE = "[\"“”'‘’]"
# company suffixes that follow a comma inside a name ('ADMA BioManufacturing, LLC')
_SUFFIX = r"(?:Inc|LLC|L\.L\.C|Ltd|LP|L\.P|S\.A|Corp|N\.V|B\.V|PLC|GmbH|Tbk)\.?"

# 'IU and the Company (hereinafter referred to as the "Partner" or collectively as "the
# Partners")', '... (each a "Participant" and together the "Participants")': one label for
# every party, used when no party has a label of its own.
JOINT_ROLE = re.compile(
    r"\band\b[^()\n]{1,80}?\(\s*(?:hereinafter\s+)?(?:each\s+|individually\s+|severally\s+)?"
    r"(?:(?:be\s+)?referred\s+to\s+as\s+|called\s+)?(?:the\s+|a\s+|an\s+)?"
    r"[\"“”']+(?P<role>[^\"“”'()]{1,40})[\"“”']+\s*,?\s*(?:or|and)\s+"
    r"(?:collectively|jointly|together)\b",
    re.IGNORECASE,
)


LANGUAGE = PartyLanguage(
    role_marker=re.compile(
        # 'hereinafter referred to as the "FIRST PARTY"', OCR'd 'hereinafter call as FIRST PARTY'
        # ('referred toas': OCR ran two words together)
        rf"\bhereinafter\b[^\"“”'(;]{{0,80}}?(?:\b|(?<=to))(?:as|called)\s+(?:the\s+|an?\s+)?{_QUOTE}?\s*"
        # '"the First Party"': the article inside the quotes
        rf"(?:(?<={_QUOTE})(?:the|The|THE)\s+)?(?P<role>{ROLE}|(?-i:[A-Z][\w&.-]*(?:[ ][A-Z][\w&.-]*){{0,3}}))\s*{_QUOTE}?"
        # '(the "Company")', '("Partner")', '(hereinafter "the Adviser")'
        rf"|\(\s*(?:hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?)?"
        rf"(?:(?P<together>collectively|together|jointly)\s*,?\s*)?(?:the\s+|a\s+|an\s+)?"
        rf"{_QUOTE}+(?:the\s+)?(?P<quoted>[^\"“”'‘’()]{{1,40}}){_QUOTE}+\s*(?:,[^()]*)?\)",
        re.IGNORECASE,
    ),
    role_header=re.compile(
        rf"^[ \t]*(?:(?:\d{{1,2}}|[IVX]{{1,4}})[.)][ \t]*)?(?:THE\s+|The\s+)?(?P<role>{ROLE})"
        r"[ \t]*[:,.]?[ \t]*$",
        re.MULTILINE,
    ),
    collective=re.compile(
        r"\bcollectively\b|\bjointly\s+referred\b|,\s*together\s+(?:the|referred)\b"
        r"|\btogether\s+referred\b",
        re.IGNORECASE,
    ),
    komparisi_start=re.compile(
        r"\b(?:the\s+undersigned(?:\s+below)?|by\s+and\s+between|between|"
        r"entered\s+into\s+by(?!\s+and\s+between))\b"
        r"\s*:?",
        re.IGNORECASE,
    ),
    head_stop=re.compile(
        r",?\s*\b(?:acting(?=\s+(?:for|on|in|as|and|under|pursuant))|duly|having|residing|domiciled|"
        r"whose|located|in\s+this\s+(?:matter|case)|"
        r"hereinafter|on\s+behalf|for\s+and\s+on|represented|appointed|pursuant|based\s+on|"
        r"with\s+(?:its|his|her)\s+(?:registered|principal|office|address))\b|;|\(",
        re.IGNORECASE,
    ),
    office_opener=re.compile(
        r"\s*,?\s*\bin\s+(?:his|her|their|its)\s+capacity\s+as\s+|,\s*(?:its|his|her)\s+"
        r"|[ \t]+:[ \t]*|\t+",
        re.IGNORECASE,
    ),
    office_stop=re.compile(
        r"\s*(?:;|\(|,?\s*\b(?:acting(?=\s+(?:for|on|in|as|and|under|pursuant))|duly|hereinafter|"
        r"having|residing|domiciled|located|whose|appointed|"
        r"pursuant|based\s+on|in\s+this\s+(?:matter|case)|on\s+behalf)\b)",
        re.IGNORECASE,
    ),
    # 'acting for and on behalf of and lawfully representing X': one phrase
    on_behalf=re.compile(
        r"\b(?:acting\s+)?(?:for\s+and\s+)?on\s+behalf\s+of\s+"
        r"(?:and\s+(?:lawfully\s+|duly\s+)?representing\s+)?",
        re.IGNORECASE,
    ),
    on_own_behalf=re.compile(
        r"\bon\s+(?:his|her)\s+own\s+behalf\b|\bin\s+(?:his|her)\s+personal\s+capacity\b",
        re.IGNORECASE,
    ),
    represented=re.compile(
        r"\b(?:as\s+)?(?:duly\s+|legally\s+|herein\s+)?represented\s+(?:herein\s+)?by\s*:?\s*",
        re.IGNORECASE,
    ),
    institution_stop=re.compile(
        # '(Persero)', '(Perseroda)' belong to an Indonesian state company's name
        r"\s*(?:\((?!\s*(?:Persero|Perseroda|Perum)\b)|;|,(?=\s*(?:a|an|the|whose|with|having|located|acting|duly|herein\w*|"
        r"(?:as\s+)?represented|organi[sz]ed|incorporated|established|domiciled|residing|"
        r"based\s+on|pursuant\s+to|in\s+accordance\s+with|under)\b)"
        r"|,?\s+(?:whose|located|acting|duly|herein\w*|(?:as\s+)?represented|organi[sz]ed|"
        r"incorporated|established)\b|,\s*$|\s*\n\s*\n|\s*$)",
        re.IGNORECASE,
    ),
    not_a_role=re.compile(
        r"^(?:the\s+)?(?:agreement|memorandum|mou|moa|contract|amendment|addendum|letter|"
        r"parties|party|partners|participants|effective\s+date|term|territory|products?|"
        r"services?|program(?:me)?|project|event|schedule|annex|exhibit|act|plan|"
        r".*\b(?:agreement|date|amendment|memorandum|understanding|mou))$",
        re.IGNORECASE,
    ),
    recitals=re.compile(
        r"\b(?:WHEREAS|Whereas|RECITALS|Recitals|NOW,?\s+THEREFORE|Now,?\s+therefore)\b"
    ),
    joint_role=JOINT_ROLE,
    apposition=re.compile(
        rf"^\s*[^,()\n]{{2,120}}?(?:,\s*{_SUFFIX})?,\s*(?:a|an)\s+(?!individual\b)"
    ),
    entities=re.compile(
        r"(?:,\s*(?:(?i:and)\s+)?|\s+(?i:and)\s+)"
        rf"(?!{_SUFFIX}[,\s])(?=(?:[A-Z][\w&.'’-]*\s*){{1,8}}(?:,\s*{_SUFFIX})?,\s*(?i:a|an)\s|\[\*\])"
    ),
)
