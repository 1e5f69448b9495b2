from django.db import models


class Theme(models.TextChoices):
    """The social value policy's themes."""

    LIVING_WAGE = "living_wage", "Fair pay: the real Living Wage"
    APPRENTICESHIPS = "apprenticeships", "Apprenticeships and skills"
    LOCAL_JOBS = "local_jobs", "Local jobs and local supply chains"
    ENVIRONMENT = "environment", "Environment and net zero"
    ETHICAL_SOURCING = "ethical_sourcing", "Ethical sourcing and modern slavery"
    EQUALITY = "equality", "Equality, diversity and inclusion"
    COMMUNITY = "community", "Safer, stronger communities"


class CommitmentSource(models.TextChoices):
    AWARD = "award", "The winning bid's social value offer"
    AGREED = "agreed", "Agreed with the supplier after award"
