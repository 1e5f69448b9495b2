from django.core.management.base import BaseCommand

from procure.organisations.choices import OrganisationKind
from procure.organisations.services import organisation_add


class Command(BaseCommand):
    help = "Create an organisation (nothing happens if the slug exists): procure organisation add SLUG --name NAME"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--kind", choices=OrganisationKind.values, default=OrganisationKind.POLICE_FORCE)

    def handle(self, *args, slug, name, kind, **options):
        organisation, created = organisation_add(slug=slug, name=name, kind=kind)
        if created:
            self.stdout.write(f"Created organisation {organisation.slug}: {organisation.name}")
        else:
            self.stdout.write(f"Organisation {organisation.slug} already exists: {organisation.name}; nothing changed")
