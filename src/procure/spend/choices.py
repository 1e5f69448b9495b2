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
