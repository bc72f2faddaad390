from django.urls import reverse
from rest_framework import serializers

from uitdaagrecht.budgets.models import AMOUNT_UNIT, BudgetLine, Taakveld
from uitdaagrecht.tenants.models import Municipality


class MunicipalitySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="This resource.")
    page = serializers.SerializerMethodField(help_text="The municipality's public page.")

    class Meta:
        model = Municipality
        fields = ["cbs_code", "name", "slug", "province", "population", "is_active", "url", "page"]

    def _prefixes(self) -> tuple[str, str]:
        """Absolute URL prefixes, worked out once per response instead of once per row."""
        if "_prefixes" not in self.context:
            build = self.context["request"].build_absolute_uri
            api = build(reverse("opendata:municipality-detail", kwargs={"cbs_code": "GM0000"}))
            page = build(reverse("portal:municipality", kwargs={"municipality": "-"}))
            self.context["_prefixes"] = (api.removesuffix("GM0000/"), page.removesuffix("-/"))
        return self.context["_prefixes"]

    def get_url(self, obj: Municipality) -> str:
        return f"{self._prefixes()[0]}{obj.cbs_code}/"

    def get_page(self, obj: Municipality) -> str:
        return f"{self._prefixes()[1]}{obj.slug}/"


class TaakveldSerializer(serializers.ModelSerializer):
    hoofdtaakveld = serializers.CharField(source="hoofdtaakveld_id")
    hoofdtaakveld_name = serializers.CharField(source="hoofdtaakveld.name")
    valid_from_year = serializers.IntegerField(source="first_year", allow_null=True)
    valid_to_year = serializers.IntegerField(source="last_year", allow_null=True)

    class Meta:
        model = Taakveld
        fields = [
            "code",
            "name",
            "cbs_label",
            "hoofdtaakveld",
            "hoofdtaakveld_name",
            "valid_from_year",
            "valid_to_year",
        ]


class BudgetLineSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality_code")
    taakveld = serializers.CharField(source="taakveld_id")
    amount_unit = serializers.SerializerMethodField()

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "municipality",
            "year",
            "document",
            "taakveld",
            "expenditure_k_eur",
            "income_k_eur",
            "salaries_k_eur",
            "amount_unit",
        ]

    def get_amount_unit(self, obj) -> str:
        return AMOUNT_UNIT


class AmountsSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    expenditure_k_eur = serializers.IntegerField(source="expenditure", allow_null=True)
    income_k_eur = serializers.IntegerField(source="income", allow_null=True)
    expenditure_per_inhabitant_eur = serializers.FloatField(
        source="expenditure_per_inhabitant", allow_null=True
    )
    national_expenditure_per_inhabitant_eur = serializers.FloatField(
        source="national_per_inhabitant", allow_null=True
    )


class HoofdtaakveldAmountsSerializer(AmountsSerializer):
    taakvelden = AmountsSerializer(source="children", many=True)


class TotalSerializer(serializers.Serializer):
    expenditure_k_eur = serializers.IntegerField(source="expenditure", allow_null=True)
    income_k_eur = serializers.IntegerField(source="income", allow_null=True)
    expenditure_per_inhabitant_eur = serializers.FloatField(
        source="expenditure_per_inhabitant", allow_null=True
    )


class BudgetSerializer(serializers.Serializer):
    municipality = serializers.CharField(source="municipality.cbs_code")
    year = serializers.IntegerField()
    document = serializers.CharField()
    delivered = serializers.BooleanField(
        help_text="False when the municipality did not deliver this document to CBS: amounts "
        "are unknown, not zero."
    )
    population = serializers.IntegerField(allow_null=True)
    amount_unit = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()
    total = TotalSerializer()
    hoofdtaakvelden = HoofdtaakveldAmountsSerializer(source="rows", many=True)

    def get_amount_unit(self, obj) -> str:
        return AMOUNT_UNIT

    def get_source(self, obj) -> str:
        from uitdaagrecht.budgets.models import SOURCE_ATTRIBUTION

        return SOURCE_ATTRIBUTION
