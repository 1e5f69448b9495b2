from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procure.contracts import rules
from procure.contracts.choices import ContractStatus, RouteToMarket
from procure.contracts.models import Category, Contract, ContractExtension, CpvCode, Framework
from procure.organisations.models import Department, Organisation, User
from procure.suppliers.models import Supplier

MONEY = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": True}


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "scheme", "code", "name", "level", "parent", "path", "clarification"]


class CpvCodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CpvCode
        fields = ["code", "description", "significant_digits"]


class FrameworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Framework
        fields = ["id", "name", "reference", "provider", "is_public_buying_organisation", "starts_on",
                  "ends_on"]


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractExtension
        fields = ["id", "ends_on", "is_exercised", "exercised_on"]


class SupplierSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "name", "companies_house_number"]


class DepartmentSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class CategorySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "path"]


class ContractSerializer(serializers.ModelSerializer):
    """A contract as the register holds it. Money is a string of pounds and pence, net or including VAT."""

    status = serializers.SerializerMethodField(
        help_text="On status_on (lists) or today, counting exercised extensions")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    suppliers = SupplierSummarySerializer(many=True, read_only=True)
    categories = CategorySummarySerializer(many=True, read_only=True)
    cpv_codes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    participating_organisations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    department = DepartmentSummarySerializer(read_only=True)
    framework = FrameworkSerializer(read_only=True)
    extensions = ExtensionSerializer(many=True, read_only=True)
    total_value_net = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)
    total_value_gross = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)
    annual_value_net = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)
    annual_value_gross = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)

    class Meta:
        model = Contract
        fields = ["id", "organisation", "reference", "title", "description", "status", "route", "framework",
                  "department", "owner", "suppliers", "participating_organisations", "collaborative_bodies",
                  "categories", "cpv_codes", "starts_on", "ends_on", "final_ends_on", "review_due_on",
                  "extensions", "total_value_net", "total_value_gross", "annual_value_net",
                  "annual_value_gross",
                  "is_managed_by_procurement", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=ContractStatus.choices))
    def get_status(self, contract: Contract) -> str:
        """The list works it out in SQL for `status_on` (today by default); one contract is read for today."""
        annotated = getattr(contract, "status", None)
        return str(annotated or rules.contract_status(contract, on=timezone.localdate()))


class ContractWriteSerializer(serializers.Serializer):
    """What a client sends to add or change a contract; lists replace what the contract had."""

    reference = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True)
    suppliers = serializers.PrimaryKeyRelatedField(many=True, queryset=Supplier.objects.none(),
                                                   help_text="Supplier ids in this organisation's register")
    categories = serializers.PrimaryKeyRelatedField(many=True, queryset=Category.objects.all(),
                                                    required=False)
    cpv_codes = serializers.SlugRelatedField(many=True, slug_field="code", queryset=CpvCode.objects.all(),
                                             required=False, help_text="With check digit, e.g. 79710000-4")
    participating_organisations = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Organisation.objects.all(), required=False)
    collaborative_bodies = serializers.CharField(max_length=500, required=False, allow_blank=True)
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.none(), required=False,
                                                    allow_null=True)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.none(), required=False, allow_null=True)
    route = serializers.ChoiceField(choices=RouteToMarket.choices, required=False)
    framework = serializers.PrimaryKeyRelatedField(queryset=Framework.objects.none(), required=False,
                                                   allow_null=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    review_due_on = serializers.DateField(required=False, allow_null=True)
    total_value_net = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    total_value_gross = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    annual_value_net = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    annual_value_gross = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    is_managed_by_procurement = serializers.BooleanField(required=False)

    RULE_FIELDS = {"CON-3": "ends_on", "CON-5": "framework", "CON-6": "total_value_gross",
                   "CON-8": "suppliers", "CON-11": "reference"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.context.get("organisation")
        if organisation is None:
            return
        members = User.objects.filter(memberships__organisation=organisation).distinct()
        self.fields["suppliers"].child_relation.queryset = Supplier.objects.filter(organisation=organisation)
        self.fields["department"].queryset = Department.objects.filter(organisation=organisation)
        self.fields["framework"].queryset = Framework.objects.filter(organisation=organisation)
        self.fields["owner"].queryset = members

    @classmethod
    def violation_errors(cls, violation) -> dict:
        """A rule the service refused, as DRF validation errors keyed by the field it concerns."""
        field = cls.RULE_FIELDS.get(violation.code, "non_field_errors")
        if violation.code == "CON-6" and "annual" in violation.message:
            field = "annual_value_gross"
        return {field: [f"{violation.code}: {violation.message}"]}
