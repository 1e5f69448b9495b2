from django.db import models


class ImportStatus(models.TextChoices):
    PENDING = "pending", "Waiting to start"
    RUNNING = "running", "Importing"
    COMPLETED = "completed", "Imported"
    REJECTED = "rejected", "Rejected: nothing imported"
    DUPLICATE = "duplicate", "Already imported: nothing added"
    REMOVED = "removed", "Removed: its lines were taken out"


class PayeeReviewStatus(models.TextChoices):
    OPEN = "open", "To review"
    LINKED = "linked", "Linked to a supplier"
    NEW_SUPPLIER = "new_supplier", "New supplier created"


class Coverage(models.TextChoices):
    """Why a spend line is on or off contract (DESIGN.md section 5)."""

    UNDECIDED = "undecided", "Not yet decided"
    COVERED = "covered", "On contract"
    NON_PROCURABLE = "non_procurable", "Not procurable (excluded)"
    NO_SUPPLIER = "no_supplier", "Payee not matched to a supplier"
    NO_CONTRACT = "no_contract", "No contract with this supplier"
    CONTRACT_NOT_STARTED = "contract_not_started", "Contract had not started"
    CONTRACT_ENDED = "contract_ended", "Contract had ended"
    CATEGORY_NOT_COVERED = "category_not_covered", "Category not covered by the contract"


class ExclusionKind(models.TextChoices):
    EXPENSE_TYPE = "expense_type", "Expense type contains"
    CATEGORY = "category", "Category (and everything under it)"
    PUBLIC_BODY = "public_body", "Payments to suppliers flagged as public bodies"
    SUPPLIER = "supplier", "A named supplier"


class ReviewRule(models.TextChoices):
    OVER_THRESHOLD = "over_threshold", "Supplier and category over the threshold in 12 months"
    PAID_AFTER_END = "paid_after_end", "Supplier paid after its contract ended"
    AGGREGATION = "aggregation", "Several suppliers in one category together over the threshold"
    SPLIT_PAYMENTS = "split_payments", "Runs of payments just under a procedure threshold"


class ReviewAction(models.TextChoices):
    UNDECIDED = "undecided", "Not yet decided"
    TENDER = "tender", "Tender"
    FRAMEWORK_CALL_OFF = "framework_call_off", "Framework call-off"
    AGGREGATE = "aggregate", "Aggregate with other spend"
    EXEMPT = "exempt", "Exempt (with a reason)"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CLOSED_NO_ACTION = "closed", "Closed, no action needed"


class SavingType(models.TextChoices):
    CASHABLE = "cashable", "Cashable"
    NON_CASHABLE = "non_cashable", "Non-cashable"
    COST_AVOIDANCE = "cost_avoidance", "Cost avoidance"
