"""German: "7. Dezember 2026" and "7. Dezember 2026, 14:05"."""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j. F Y, H:i"
