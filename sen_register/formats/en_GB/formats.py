"""How the register writes dates for people, in pages, PDFs and sentences alike: "1 March
2024", the GOV.UK style, never a bare ISO date or a shortened month. Templates get it from
`|date` with no argument; Python from `sen_register.core.dates.in_words`. Data columns in
downloaded files stay ISO 8601 (YYYY-MM-DD), which every spreadsheet and MIS reads."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
