from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from procure.core.errors import BusinessRuleViolation
from procure.organisations.mixins import HasOrganisationPermission
from procure.spend import selectors, services
from procure.spend.api.serializers import SpendImportSerializer, SpendLineSerializer, SpendUploadSerializer
from procure.spend.choices import ImportStatus
from procure.spend.filters import SpendImportFilter, SpendLineFilter
from procure.spend.models import SpendImport, SpendLine

_UPLOAD_STATUS = {ImportStatus.COMPLETED: status.HTTP_201_CREATED, ImportStatus.DUPLICATE: status.HTTP_200_OK,
                  ImportStatus.REJECTED: status.HTTP_422_UNPROCESSABLE_ENTITY}


class SpendLineListApi(generics.ListAPIView):
    """Spend lines of the organisation, filterable as on the spend page (financial_year=2024 for 2024/25)."""

    permission_classes = [HasOrganisationPermission]
    permission = "spend.view"
    serializer_class = SpendLineSerializer
    filterset_class = SpendLineFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular describing the endpoint
            return SpendLine.objects.none()
        return selectors.spend_line_list(organisation=self.organisation).order_by("-payment_date", "id")


class SpendImportListApi(generics.ListCreateAPIView):
    """Imports of spend files. POST a file (multipart, field `file`) to import it: the answer is the report.

    201 when imported, 200 when the same file was imported before (nothing added), 422 when refused
    (nothing imported; `rejected` lists every row to correct).
    """

    permission_classes = [HasOrganisationPermission]
    permission = "spend.view"
    change_permission = "spend.import"
    serializer_class = SpendImportSerializer
    filterset_class = SpendImportFilter
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular describing the endpoint
            return SpendImport.objects.none()
        return selectors.spend_import_list(organisation=self.organisation).order_by("-created_at", "-id")

    @extend_schema(request=SpendUploadSerializer, responses={201: SpendImportSerializer,
                                                             200: SpendImportSerializer, 422: SpendImportSerializer})
    def post(self, request, *args, **kwargs):
        upload = SpendUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        uploaded: UploadedFile = upload.validated_data["file"]
        try:
            stored = services.spend_upload_store(organisation=self.organisation, uploaded_file=uploaded)
        except BusinessRuleViolation as error:
            raise ValidationError({"file": [error.message]}) from None
        record = services.spend_import_queue(organisation=self.organisation, stored_file=stored,
                                             file_name=uploaded.name, actor=request.user)
        record = services.spend_import_run(import_id=record.pk)
        return Response(SpendImportSerializer(record).data, status=_UPLOAD_STATUS[record.status])


class SpendImportDetailApi(generics.RetrieveAPIView):
    """One import's report."""

    permission_classes = [HasOrganisationPermission]
    permission = "spend.view"
    serializer_class = SpendImportSerializer

    def get_object(self):
        record = selectors.spend_import_get(organisation=self.organisation, import_id=self.kwargs["pk"])
        if record is None:
            raise Http404("No such import")
        return record
