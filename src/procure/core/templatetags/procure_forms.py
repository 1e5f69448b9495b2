from django import forms, template

from procure.core.money import format_money

register = template.Library()

_CLASSES = {
    "text": "govuk-input", "select": "govuk-select", "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input", "file": "govuk-file-upload", "date": "govuk-input",
    "radios": "govuk-radios__input",
}


@register.filter
def widget_type(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "text"


@register.filter
def govuk_widget(field):
    kind = widget_type(field)
    css = _CLASSES[kind]
    if field.errors:
        css += {"select": " govuk-select--error", "textarea": " govuk-textarea--error",
                "file": " govuk-file-upload--error"}.get(kind, " govuk-input--error")
    attrs = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def money(value) -> str:
    return format_money(value)


@register.filter
def elided_pages(page) -> list:
    """Page numbers to offer around the current one, with None where numbers are left out."""
    return [None if number == page.paginator.ELLIPSIS else number
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)]
