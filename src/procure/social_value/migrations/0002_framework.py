"""The social value framework every organisation starts from: outcomes under the policy's themes, linked to the
Police and Crime Plan's priorities, each counted by measures in a stated unit. Organisations add their own."""

from django.db import migrations

PROTECTING = "Protecting local policing"
CRIME = "Tackling crime and re-offending"
VULNERABLE = "Supporting vulnerable people and victims"
COMMUNITIES = "Developing safe and confident communities"

FRAMEWORK = [
    # (outcome code, theme, outcome, Police and Crime Plan priority, [(measure code, measure, unit)])
    ("SV01", "living_wage", "Staff on the contract are paid at least the real Living Wage", COMMUNITIES, [
        ("SV01.1", "Staff working on the contract paid at least the real Living Wage", "people"),
        ("SV01.2", "Real Living Wage accreditation held for the contract's life", "yes (1) or no (0)"),
    ]),
    ("SV02", "apprenticeships", "Apprenticeships and training for local people", COMMUNITIES, [
        ("SV02.1", "Apprenticeship starts on the contract", "people"),
        ("SV02.2", "Weeks of apprenticeship delivered on the contract", "weeks"),
        ("SV02.3", "Hours of training for staff or local people", "hours"),
    ]),
    ("SV03", "local_jobs", "Jobs for local people, including those furthest from work", CRIME, [
        ("SV03.1", "New jobs on the contract filled by Lancashire residents", "people"),
        ("SV03.2", "Jobs for ex-offenders, care leavers, veterans or long-term unemployed people", "people"),
    ]),
    ("SV04", "local_jobs", "Spend with local small businesses and the voluntary sector", COMMUNITIES, [
        ("SV04.1", "Supply chain spend with Lancashire SMEs and voluntary organisations", "£"),
        ("SV04.2", "Support sessions for small local businesses (meet the buyer, bid writing)", "sessions"),
    ]),
    ("SV05", "environment", "Lower carbon emissions and less waste", PROTECTING, [
        ("SV05.1", "Carbon emissions saved on the contract", "tonnes CO2e"),
        ("SV05.2", "Waste diverted from landfill", "tonnes"),
        ("SV05.3", "Zero-emission vehicles used to deliver the contract", "vehicles"),
    ]),
    ("SV06", "ethical_sourcing", "Ethical sourcing and no modern slavery in the supply chain", VULNERABLE, [
        ("SV06.1", "Supply chain audits for modern slavery and labour standards", "audits"),
        ("SV06.2", "Goods supplied from certified ethical sources", "%"),
    ]),
    ("SV07", "equality", "Equal life chances and a diverse workforce", COMMUNITIES, [
        ("SV07.1", "Staff on the contract trained in equality, diversity and inclusion", "people"),
        ("SV07.2", "Work placements for people with disabilities or from under-represented groups", "people"),
    ]),
    ("SV08", "community", "Support for victims, vulnerable people and community safety", VULNERABLE, [
        ("SV08.1", "Volunteering hours with local community and victims' groups", "hours"),
        ("SV08.2", "Donations or in-kind support to community safety projects", "£"),
    ]),
]


def add_framework(apps, schema_editor):
    Outcome = apps.get_model("social_value", "Outcome")
    Measure = apps.get_model("social_value", "Measure")
    for code, theme, name, priority, measures in FRAMEWORK:
        outcome, _ = Outcome.objects.get_or_create(organisation=None, code=code, defaults={
            "theme": theme, "name": name, "plan_priority": priority})
        for measure_code, measure_name, unit in measures:
            Measure.objects.get_or_create(outcome=outcome, code=measure_code,
                                          defaults={"name": measure_name, "unit": unit})


def remove_framework(apps, schema_editor):
    Outcome = apps.get_model("social_value", "Outcome")
    Outcome.objects.filter(organisation=None, code__in=[row[0] for row in FRAMEWORK]).delete()


class Migration(migrations.Migration):
    dependencies = [("social_value", "0001_initial")]
    operations = [migrations.RunPython(add_framework, remove_framework)]
