"""Why a line is on or off contract, in words."""

from procure.spend.coverage.rules import coverage_reason
from procure.spend.models import SpendLine


def line_reason(line: SpendLine) -> str:
    """The coverage rules' sentence ('Contract DC-2024-0012 ended on 31/03/2025'), else the coverage label."""
    return coverage_reason(line) or line.get_coverage_display()
