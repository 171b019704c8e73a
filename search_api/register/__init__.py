"""The register of agreements (Daftar Naskah), read through the library.

rows.py    rows with a status and follow-ups; a page of them, filtered and sorted in SQL, and
           its counts per status, year and kind (store/register_reads.py)
completeness.py  Kelengkapan: requirements met per agreement, kept with a fingerprint
labels.py  its words in each language (kinds, statuses, partner types, fields of affairs)
export.py  CSV, XLSX and iCalendar files of the rows
chart.py   geometry of the bar chart of agreements per signing year and kind
"""

from search_api.register.chart import Chart, bar_chart
from search_api.register.completeness import keep_completeness
from search_api.register.export import to_csv, to_ics, to_xlsx
from search_api.register.labels import sector_label, sector_labels
from search_api.register.rows import (
    DOC_TYPES,
    STATUSES,
    FollowUp,
    RegisterFilter,
    RegisterPage,
    RegisterRead,
    RegisterRow,
    RegisterSort,
    RegisterStats,
    RegisterStatus,
    Standing,
    derived_fields,
    effective_end,
    follow_up_of,
    is_incomplete,
    next_expiries,
    read_register,
    refresh_completeness,
    register_rows,
    register_status,
    register_stream,
    standing,
    stats_of,
)

__all__ = [
    "DOC_TYPES",
    "STATUSES",
    "Chart",
    "RegisterFilter",
    "RegisterPage",
    "RegisterRow",
    "RegisterSort",
    "RegisterStats",
    "RegisterStatus",
    "bar_chart",
    "derived_fields",
    "FollowUp",
    "Standing",
    "effective_end",
    "RegisterRead",
    "read_register",
    "follow_up_of",
    "is_incomplete",
    "keep_completeness",
    "next_expiries",
    "refresh_completeness",
    "register_rows",
    "register_stream",
    "register_status",
    "sector_label",
    "sector_labels",
    "standing",
    "stats_of",
    "to_csv",
    "to_ics",
    "to_xlsx",
]
