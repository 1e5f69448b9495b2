from rest_framework import serializers

from procure.spend.models import SpendImport, SpendLine
from procure.spend.rules import UPLOAD_MAX_BYTES


class SpendLineSerializer(serializers.ModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True, default=None)
    category_code = serializers.CharField(source="category.code", read_only=True, default=None)
    department_name = serializers.CharField(source="department.name", read_only=True, default=None)

    class Meta:
        model = SpendLine
        fields = ["id", "spend_import", "line_number", "sheet", "payment_date", "amount", "irrecoverable_vat",
                  "payee_name", "payee_company_number", "payee_vat_number", "supplier", "supplier_name",
                  "transaction_reference", "invoice_reference", "expense_type", "description", "category_label",
                  "category", "category_code", "department_label", "department_code", "department",
                  "department_name"]


class SpendImportSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True, default=None)
    totals_agree = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = SpendImport
        fields = ["id", "file_name", "status", "created_at", "started_at", "finished_at", "uploaded_by", "checksum",
                  "size_bytes", "layout", "mapping", "lines", "total", "file_total", "file_total_source",
                  "totals_agree", "rejected", "skipped", "message", "duplicate_of", "payees_linked", "payees_new",
                  "payees_to_review", "progress_done", "progress_total"]
        read_only_fields = fields


class SpendUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=f"A CSV or XLSX spend file, smaller than {UPLOAD_MAX_BYTES // 2**20} MB")
