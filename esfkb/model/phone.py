"""Phone numbers as a Belgian reader writes them, from the E.164 form they are stored in (+3214210001).

``014 21 00 01`` (zone 014), ``02 123 45 67`` (Brussels), ``0470 12 34 56`` (a mobile): the national notation with
the grouping of the Belgian numbering plan, as ``phonenumbers`` (Google's libphonenumber metadata) knows it. A
foreign number is written internationally (``+44 20 …``). The link beside it holds the E.164 form.
"""

from __future__ import annotations

from typing import NamedTuple


class PhoneNumber(NamedTuple):
    """A phone number as shown and as dialled."""

    shown: str
    """Belgian national notation, or international for a foreign number; as given when it is no phone number."""
    tel: str | None
    """The ``tel:`` URI with the E.164 form; None when the value is no phone number."""


def phone_number(value: str) -> PhoneNumber:
    """How ``value`` (E.164, or written with a Belgian prefix) reads and dials."""
    import phonenumbers  # lazy: only the matchmakers edition shows phone numbers

    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        return PhoneNumber(value, None)
    if not phonenumbers.is_possible_number(number):
        return PhoneNumber(value, None)
    belgian = number.country_code == phonenumbers.country_code_for_region("BE")
    notation = phonenumbers.PhoneNumberFormat.NATIONAL if belgian else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return PhoneNumber(phonenumbers.format_number(number, notation), f"tel:{e164}")
