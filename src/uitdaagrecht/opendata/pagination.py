from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class StrictPageSize:
    """A `page_size` that is not a positive whole number (or empty) is a 400, as the schema says, not
    silently the default; one above the maximum gives the maximum (documented)."""

    def get_page_size(self, request):
        for name in (self.page_size_query_param, "page", "cursor"):
            if len(request.query_params.getlist(name)) > 1:
                raise ValidationError({name: ["Once only."]})
        value = request.query_params.get(self.page_size_query_param)
        if value and not (value.isascii() and value.isdigit() and int(value) > 0):
            raise ValidationError({self.page_size_query_param: ["A positive whole number."]})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] += f" At most {self.max_page_size}; more gives that many."
        return parameters


class PageNumberPagination(StrictPageSize, pagination.PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class CursorPagination(StrictPageSize, pagination.CursorPagination):
    """Keyset pagination: the last page costs the same as the first."""

    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
