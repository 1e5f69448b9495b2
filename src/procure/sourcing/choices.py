from django.db import models


class ContractType(models.TextChoices):
    GOODS = "goods", "Goods"
    SERVICES = "services", "Services"
    WORKS = "works", "Works"


class ThresholdKind(models.TextChoices):
    """Which Procurement Act 2023 threshold applies: goods and services share one, works has its own."""

    GOODS_AND_SERVICES = "goods_services", "Goods and services"
    WORKS = "works", "Works"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to procurement"
    AWAITING_BOARD = "awaiting_board", "Awaiting the board"
    APPROVED = "approved", "Approved"
    DEFERRED = "deferred", "Deferred by the board"
    REJECTED = "rejected", "Rejected"
    MET_FROM_EXISTING = "met_from_existing", "Met from an existing contract"
    IN_TENDER = "in_tender", "Being tendered"
    CONTRACTED = "contracted", "Contract awarded"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SuggestedRoute(models.TextChoices):
    EXISTING_CONTRACT = "existing_contract", "Use an existing contract"
    FRAMEWORK_CALL_OFF = "framework_call_off", "Call off from a framework"
    QUOTES = "quotes", "Quotations"
    TENDER = "tender", "Tender"
    REGULATED_TENDER = "regulated_tender", "Tender under the Procurement Act 2023"


class TenderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Open for bids"
    CLOSED = "closed", "Closed: awaiting opening"
    OPENED = "opened", "Opened"
    EVALUATION = "evaluation", "In evaluation"
    AWARD_PROPOSED = "award_proposed", "Award proposed"
    STANDSTILL = "standstill", "In standstill"
    CONTRACTED = "contracted", "Contract made"
    CANCELLED = "cancelled", "Cancelled"


class SocialValuePolicy(models.TextChoices):
    """The minimum weight of social value: a share of the quality element, or of the whole score."""

    DEFAULT = "quality_2_5", "Our policy: at least 2.5% of the quality element"
    CENTRAL_GOVERNMENT = "total_10", "Central government: at least 10% of the total score"


class PriceFormula(models.TextChoices):
    LOWEST_OVER_BID = "lowest_over_bid", "Lowest price ÷ bid price × price weight"
    DIFFERENCE_FROM_LOWEST = "difference_from_lowest", "Full marks less 1% of the weight for each 1% above the lowest"


class TieBreak(models.TextChoices):
    HIGHEST_QUALITY = "highest_quality", "Highest quality score wins a tie"
    LOWEST_PRICE = "lowest_price", "Lowest price wins a tie"
    HIGHEST_SOCIAL_VALUE = "highest_social_value", "Highest social value score wins a tie"


class QuestionKind(models.TextChoices):
    SELECTION = "selection", "Selection (pass or fail)"
    QUALITY = "quality", "Quality (weighted and marked)"


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUPERSEDED = "superseded", "Replaced by a later submission"


class AwardStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved: in standstill"
    CONCLUDED = "concluded", "Contract made"
    CANCELLED = "cancelled", "Cancelled"
