"""The bid form: built from the tender's questionnaire and price schedule."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import forms

from procure.sourcing import selectors
from procure.sourcing.models import Tender

OFFER_LINES = 3


class BidForm(forms.Form):
    def __init__(self, *args, tender: Tender, measures, initial_content: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tender = tender
        content = initial_content or {}
        lots = list(tender.lots.all())
        if lots:
            self.fields["lot"] = forms.ModelChoiceField(queryset=tender.lots.all(), label="Lot you are bidding for",
                                                        empty_label="Choose a lot")
        self.selection = list(tender.selection_questions.all())
        for question in self.selection:
            self.fields[f"selection_{question.pk}"] = forms.CharField(
                label=f"{question.number} {question.text}", widget=forms.Textarea(attrs={"rows": 2}),
                help_text=question.guidance or "Answer yes or no, with the evidence asked for",
                initial=content.get("selection", {}).get(str(question.pk)),
                error_messages={"required": f"Answer selection question {question.number}"})
        self.quality = selectors.tender_leaf_criteria(tender=tender)
        for criterion in self.quality:
            where = f" (lot {criterion.lot.number} only)" if criterion.lot_id else ""
            self.fields[f"quality_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.number} {criterion.title}{where}", widget=forms.Textarea(attrs={"rows": 6}),
                help_text=f"{criterion.question} Weight: {criterion.weight.normalize():f}% of the total score.",
                required=not criterion.lot_id, initial=content.get("quality", {}).get(str(criterion.pk)),
                error_messages={"required": f"Answer quality question {criterion.number}"})
        self.items = list(tender.price_items.select_related("lot").order_by("number", "id"))
        for item in self.items:
            self.fields[f"price_{item.pk}"] = forms.CharField(
                label=f"{item.number} {item.description}: rate per {item.unit} (£, excluding VAT)",
                help_text=f"Quantity {item.quantity.normalize():f} {item.unit}", required=not item.lot_id,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
                initial=content.get("prices", {}).get(str(item.pk)),
                error_messages={"required": f"Enter a rate for price item {item.number}"})
        choices = [("", "Not in the framework")] + [(str(m.pk), f"{m.code} {m.name} ({m.unit})") for m in measures]
        self.measures = {str(m.pk): m for m in measures}
        for n in range(1, OFFER_LINES + 1):
            self.fields[f"sv_measure_{n}"] = forms.ChoiceField(choices=choices, required=False,
                                                               label=f"Commitment {n}: measure")
            self.fields[f"sv_description_{n}"] = forms.CharField(required=False, label=f"Commitment {n}: what you "
                                                                 "will deliver")
            self.fields[f"sv_target_{n}"] = forms.CharField(required=False, label=f"Commitment {n}: target",
                                                            help_text="A number, in the measure's unit",
                                                            widget=forms.TextInput(attrs={"inputmode": "decimal"}))
            self.fields[f"sv_due_on_{n}"] = forms.CharField(required=False, label=f"Commitment {n}: by when",
                                                            help_text="For example 31/03/2028")
        for n, line in enumerate(content.get("social_value_offer", [])[:OFFER_LINES], start=1):
            for name in ("measure", "description", "target"):
                key = "measure_id" if name == "measure" else name
                self.fields[f"sv_{name}_{n}"].initial = str(line.get(key) or "")
            if line.get("due_on"):
                self.fields[f"sv_due_on_{n}"].initial = datetime.fromisoformat(line["due_on"]).strftime("%d/%m/%Y")
        self.fields["document_1"] = forms.FileField(required=False, label="Supporting document (optional)")
        self.fields["document_2"] = forms.FileField(required=False, label="Another document (optional)")

    def offer(self) -> list[dict]:
        lines = []
        for n in range(1, OFFER_LINES + 1):
            measure_id = self.cleaned_data.get(f"sv_measure_{n}") or ""
            description = self.cleaned_data.get(f"sv_description_{n}", "").strip()
            target, due = self.cleaned_data.get(f"sv_target_{n}", "").strip(), self.cleaned_data.get(
                f"sv_due_on_{n}", "").strip()
            if not (measure_id or description or target or due):
                continue
            try:
                amount = Decimal(target.replace(",", ""))
            except InvalidOperation:
                self.add_error(f"sv_target_{n}", f"Commitment {n}: enter the target as a number")
                continue
            try:
                due_on = datetime.strptime(due, "%d/%m/%Y").date()
            except ValueError:
                self.add_error(f"sv_due_on_{n}", f"Commitment {n}: enter a date like 31/03/2028")
                continue
            measure = self.measures.get(measure_id)
            if not description and measure is None:
                self.add_error(f"sv_description_{n}", f"Commitment {n}: say what you will deliver")
                continue
            lines.append({"measure_id": int(measure_id) if measure else None,
                          "description": description or measure.name, "target": f"{amount}",
                          "unit": measure.unit if measure else "", "due_on": due_on.isoformat()})
        return lines

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "lot": data.get("lot"),
            "selection": {str(q.pk): data.get(f"selection_{q.pk}", "") for q in self.selection},
            "quality": {str(c.pk): data.get(f"quality_{c.pk}", "") for c in self.quality},
            "prices": {str(i.pk): data.get(f"price_{i.pk}", "") for i in self.items},
        }

    def sections(self):
        return {
            "selection": [self[f"selection_{q.pk}"] for q in self.selection],
            "quality": [self[f"quality_{c.pk}"] for c in self.quality],
            "prices": [self[f"price_{i.pk}"] for i in self.items],
            "offer": [[self[f"sv_{name}_{n}"] for name in ("measure", "description", "target", "due_on")]
                      for n in range(1, OFFER_LINES + 1)],
            "documents": [self["document_1"], self["document_2"]],
        }


class QuestionForm(forms.Form):
    question = forms.CharField(label="Your question", widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="The question and its answer are published to every bidder; your name "
                                         "and your company's are not")
