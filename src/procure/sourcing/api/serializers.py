from rest_framework import serializers

from procure.sourcing.models import Criterion, Lot, PriceItem, SelectionQuestion, Tender

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True}
PERCENT = {"max_digits": 5, "decimal_places": 2, "coerce_to_string": True}


class LotSerializer(serializers.ModelSerializer):
    estimated_value_gross = serializers.DecimalField(**MONEY, allow_null=True)

    class Meta:
        model = Lot
        fields = ["id", "number", "title", "description", "estimated_value_gross"]


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(**PERCENT)

    class Meta:
        model = Criterion
        fields = ["id", "number", "title", "question", "parent", "lot", "weight", "max_mark", "minimum_mark",
                  "is_social_value"]


class SelectionQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SelectionQuestion
        fields = ["id", "number", "text", "guidance"]


class PriceItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriceItem
        fields = ["id", "number", "description", "unit", "quantity", "lot"]


class TenderSerializer(serializers.ModelSerializer):
    """A tender's set-up and timetable. Bids are never part of it: their content is sealed."""

    estimated_value_gross = serializers.DecimalField(**MONEY, allow_null=True)
    price_weight = serializers.DecimalField(**PERCENT)
    quality_weight = serializers.DecimalField(**PERCENT)
    category = serializers.StringRelatedField()
    department = serializers.StringRelatedField()
    lots = LotSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    selection_questions = SelectionQuestionSerializer(many=True, read_only=True)
    price_items = PriceItemSerializer(many=True, read_only=True)

    class Meta:
        model = Tender
        fields = ["id", "reference", "title", "description", "contract_type", "category", "department", "route",
                  "estimated_value_gross", "status", "publish_on", "published_at", "clarification_deadline",
                  "submission_deadline", "evaluation_on", "award_on", "standstill_ends_on", "contract_starts_on",
                  "contract_ends_on", "price_weight", "quality_weight", "social_value_policy", "price_formula",
                  "tie_break", "abnormally_low_pct", "lots", "criteria", "selection_questions", "price_items"]
