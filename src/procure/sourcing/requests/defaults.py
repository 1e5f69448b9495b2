"""The suggested contract procedure rules of a police force, used until an organisation sets its own."""

from datetime import date
from decimal import Decimal

from procure.sourcing.choices import SuggestedRoute
from procure.sourcing.requests.rules import Band

# From the day the Procurement Act 2023 came into force. Values include VAT. Above the Act's threshold for
# the need's type a regulated tender applies, whatever these bands say.
EFFECTIVE_FROM = date(2025, 2, 24)
DEFAULT_BANDS = (
    Band(Decimal("0.00"), Decimal("10000.00"), SuggestedRoute.QUOTES,
         "get at least one written quotation, from a local small business where one can do the job, and raise a "
         "purchase order before the work starts", EFFECTIVE_FROM),
    Band(Decimal("10000.00"), Decimal("50000.00"), SuggestedRoute.QUOTES,
         "get three written quotations, at least one from a local small business or charity where there is one; "
         "procurement keeps the record", EFFECTIVE_FROM),
    Band(Decimal("50000.00"), None, SuggestedRoute.TENDER,
         "procurement runs a competitive tender advertised on Contracts Finder, or calls off from a framework "
         "that fits", EFFECTIVE_FROM),
)
