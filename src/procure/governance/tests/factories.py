from datetime import date, timedelta

import factory

from procure.governance.models import BoardMeeting
from procure.organisations.tests.factories import OrganisationFactory


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMeeting

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Strategic Procurement Board"
    meets_on = factory.LazyFunction(lambda: date.today() + timedelta(days=14))
