from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from procure.core.money import format_money

register = template.Library()


@register.filter
def pct(value: Decimal | None) -> str:
    """'90.12%', or 'No figure' where the whole it is a share of is zero."""
    return "No figure" if value is None else f"{value:.2f}%"


@register.filter
def figure(value, is_money: bool = True) -> str:
    if value is None:
        return "No figure"
    return format_money(value) if is_money else intcomma(value)
