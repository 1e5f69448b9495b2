from django.apps import AppConfig


class SourcingConfig(AppConfig):
    name = "procure.sourcing"
    label = "sourcing"
    verbose_name = "Sourcing"

    def ready(self) -> None:
        """Procurement requests are what the Strategic Procurement Board decides."""
        from procure.governance import registry
        from procure.sourcing.models import ProcurementRequest
        from procure.sourcing.requests import selectors, services

        registry.register(registry.BoardSubject(
            model=ProcurementRequest, pending=selectors.requests_awaiting_board,
            describe=selectors.board_describe, decided=services.procurement_request_board_decided))
