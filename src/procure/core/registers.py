"""Building blocks shared by every register page: filter, sort, paginate and export."""

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export.views import ExportMixin


class RegisterListView(ExportMixin, SingleTableMixin, FilterView):
    """A register list: search and filters (a FilterSet), a sortable paginated table, CSV and XLSX export.

    Subclasses set `model`, `table_class`, `filterset_class`, `title` and implement `get_queryset`
    (scoped to the organisation through a selector).
    """

    template_name = "registers/list.html"
    export_formats = ("csv", "xlsx")
    export_trigger_param = "_export"
    paginate_by = 50
    title = ""
    intro = ""
    table_caption = ""

    def get_export_filename(self, export_format):
        slug = getattr(getattr(self, "organisation", None), "slug", "procure")
        return f"{slug}-{self.export_name}.{export_format}"

    def get_table_kwargs(self):
        return {"exclude": self.table_exclude()}

    def table_exclude(self) -> tuple[str, ...]:
        return ()

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        if not getattr(table, "caption", ""):
            table.caption = self.table_caption or self.title
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, intro=self.intro, table_caption=self.table_caption or self.title)
        return context
