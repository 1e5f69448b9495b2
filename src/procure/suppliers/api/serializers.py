from rest_framework import serializers

from procure.suppliers import rules
from procure.suppliers.choices import SupplierSize
from procure.suppliers.matching import normalise_company_number
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification


class SupplierAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupplierAlias
        fields = ["name", "kind"]


class SupplierClassificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupplierClassification
        fields = ["valid_from", "size", "is_vcse"]


class SupplierSerializer(serializers.ModelSerializer):
    """A supplier as the register holds it; `current_size` and `current_is_vcse` hold today."""

    current_size = serializers.CharField(
        allow_null=True, read_only=True,
        help_text=f"Size band today, one of {', '.join(SupplierSize.values)}; null when never classified")
    current_is_vcse = serializers.BooleanField(allow_null=True, read_only=True,
                                               help_text="VCSE status today; null when never classified")
    aliases = SupplierAliasSerializer(many=True, read_only=True)
    classifications = SupplierClassificationSerializer(many=True, read_only=True)

    class Meta:
        model = Supplier
        fields = ["id", "name", "companies_house_number", "charity_number", "vat_number", "address_line_1",
                  "address_line_2", "town", "postcode", "postcode_district", "is_living_wage_accredited",
                  "living_wage_accredited_on", "is_public_body", "is_verified", "source", "current_size",
                  "current_is_vcse", "aliases", "classifications", "created_at", "updated_at"]
        read_only_fields = fields


class SupplierWriteSerializer(serializers.ModelSerializer):
    """What a client may set. On create, `size` and `is_vcse` record a first classification."""

    size = serializers.ChoiceField(choices=SupplierSize.choices, required=False, write_only=True)
    is_vcse = serializers.BooleanField(required=False, write_only=True)

    class Meta:
        model = Supplier
        fields = ["name", "companies_house_number", "charity_number", "vat_number", "address_line_1",
                  "address_line_2", "town", "postcode", "is_living_wage_accredited", "living_wage_accredited_on",
                  "is_public_body", "is_verified", "size", "is_vcse"]
        extra_kwargs = {"name": {"error_messages": {"blank": "Enter the supplier's legal name",
                                                    "required": "Enter the supplier's legal name"}},
                        "companies_house_number": {"max_length": 10}, "postcode": {"max_length": 10}}

    def validate_companies_house_number(self, value: str) -> str:
        number = normalise_company_number(value)
        if number and not rules.is_valid_company_number(number):
            raise serializers.ValidationError(
                "Enter a Companies House number of 8 characters, like 01234567 or SC123456")
        return number

    def validate_postcode(self, value: str) -> str:
        if value and not rules.is_valid_postcode(value):
            raise serializers.ValidationError("Enter a real UK postcode, like PR4 5SB")
        return rules.normalise_postcode(value)


class SupplierChangeSerializer(SupplierWriteSerializer):
    """What a client may change on an existing supplier (size and VCSE change by dated classification)."""

    size = None
    is_vcse = None

    class Meta(SupplierWriteSerializer.Meta):
        fields = [name for name in SupplierWriteSerializer.Meta.fields if name not in ("size", "is_vcse")]
