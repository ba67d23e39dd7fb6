"""Dates as the inspectorate writes them: 6 December 2018 (British English's own format,
"6 Dec 2018", would otherwise win over the DATE_FORMAT setting)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
