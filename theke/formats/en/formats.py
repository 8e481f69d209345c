"""English: "December 7, 2026" and "December 7, 2026, 14:05".

Django's own ("Dec. 7, 2026, 2:05 p.m.") abbreviates some months and not others;
Theke writes every month in full and times on the 24-hour clock, as in German.
"""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "F j, Y, H:i"
