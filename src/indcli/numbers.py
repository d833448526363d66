"""Numbers as Chinese documents write them: 1.3万亿, 2,000, 七点七, 第九 — parsed and formatted, pure functions."""

from __future__ import annotations

import math
import re

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def cn_int(text: str) -> int | None:
    """Parse a Chinese integer below 10000 (九 → 9, 十二 → 12, 二十五 → 25, 一百 → 100); None if not one."""
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def cn_decimal(text: str) -> float | None:
    """Parse 七点七 → 7.7, 二十五点三 → 25.3, 六 → 6; None if the text is not such a numeral."""
    whole, _, frac = text.partition("点")
    w = cn_int(whole)
    if w is None:
        return None
    if not frac:
        return float(w)
    if any(ch not in CN_DIGITS for ch in frac):
        return None
    return float(f"{w}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")


_ARABIC = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?$")


def parse_number(text: str) -> float:
    """Parse an Arabic number with optional thousands separators and a Chinese multiplier: '1.3万亿' → 1.3e12.

    Raises ValueError on anything else, so callers never get a silent guess.
    """
    s = text.strip()
    mult = 1.0
    for word, factor in MULTIPLIERS.items():
        if s.endswith(word) and s != word:
            s, mult = s[: -len(word)], factor
            break
    if not _ARABIC.match(s):
        raise ValueError(f"not a number: {text!r}")
    value = float(s.replace(",", "")) * mult
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return round(value, 6) if mult == 1.0 else round(value, 2)


def format_number(value: float) -> str:
    """Shortest plain decimal that parses back to the same float (no exponent): 1.3e12 → '1300000000000'."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(value) if "e" not in repr(value) else f"{value:.10f}".rstrip("0").rstrip(".")


def format_money(value: float) -> str:
    """Money the way a Chinese reader expects it: 1.3e12 → '1.3万亿元', 4.58e11 → '4580亿元', 3.5e6 → '350万元'."""
    for factor, word in ((1e12, "万亿元"), (1e8, "亿元"), (1e4, "万元")):
        if abs(value) >= factor:
            return f"{_trim(value / factor)}{word}"
    return f"{_trim(value)}元"


def _trim(x: float) -> str:
    """Up to four decimals, trailing zeros dropped."""
    return f"{x:.4f}".rstrip("0").rstrip(".")
