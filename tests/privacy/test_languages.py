"""Free text in any language is scrubbed of phone numbers, emails, postcodes and handles,
whatever digits or script it is written in."""

from __future__ import annotations

import pytest

from feedback_bot.privacy.scrub import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ffonia fi ar 07700 900123 plis", "ffonia fi ar [phone] plis"),  # Welsh
        ("zadzwoń do mnie 07700900123", "zadzwoń do mnie [phone]"),  # Polish
        ("میرا نمبر ۰۷۷۰۰۹۰۰۱۲۳ ہے", "میرا نمبر [phone] ہے"),  # Urdu, Extended Arabic-Indic digits
        ("رقمي ٠٧٧٠٠ ٩٠٠١٢٣", "رقمي [phone]"),  # Arabic, Arabic-Indic digits
        ("আমার নম্বর ০৭৭০০ ৯০০১২৩", "আমার নম্বর [phone]"),  # Bengali digits
        ("scrie-mi la ana.pop@example.ro", "scrie-mi la [email]"),  # Romanian
        ("snapkayga waa @hodan_2011", "snapkayga waa [handle]"),  # Somali
        ("أسكن في LS1 4AP", "أسكن في [postcode]"),  # Arabic with a postcode
    ],
)
def test_contact_details_are_scrubbed_in_every_language(text: str, expected: str) -> None:
    assert scrub(text) == expected
