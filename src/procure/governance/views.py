"""Pages of the Strategic Procurement Board: meetings, their agendas, decisions and the threshold."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from procure.core.errors import BusinessRuleViolation
from procure.governance import registry, selectors, services
from procure.governance.forms import BoardThresholdForm, DecisionForm, MeetingForm, MinutesForm
from procure.governance.models import BoardMeeting
from procure.organisations.mixins import OrganisationPermissionMixin

READ, MANAGE, DECIDE = "board.view", "board.manage", "board.decide"


class MeetingListView(OrganisationPermissionMixin, TemplateView):
    permission = READ
    template_name = "governance/meeting_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return {**super().get_context_data(**kwargs),
                "meetings": selectors.meeting_list(organisation=self.organisation),
                "pending": len(selectors.pending_subjects(organisation=self.organisation)),
                "threshold": selectors.board_threshold_on(organisation=self.organisation, day=today),
                "can_manage": self.can(MANAGE)}


def _form(view, form, *, title: str, button: str, back_url: str, meeting=None, item=None):
    return render(view.request, "governance/form.html", {
        "form": form, "title": title, "button": button, "back_url": back_url, "meeting": meeting, "item": item,
        "organisation": view.organisation})


class MeetingCreateView(OrganisationPermissionMixin, View):
    permission = MANAGE
    title = "Schedule a board meeting"

    def back_url(self) -> str:
        return reverse("governance:meeting_list", args=[self.organisation.slug])

    def get(self, request, org):
        return _form(self, MeetingForm(), title=self.title, button="Schedule meeting", back_url=self.back_url())

    def post(self, request, org):
        form = MeetingForm(request.POST)
        if form.is_valid():
            meeting = services.meeting_create(organisation=self.organisation, actor=request.user,
                                              **form.cleaned_data)
            messages.success(request, f"{meeting} scheduled: now build its agenda")
            return redirect("governance:meeting_detail", self.organisation.slug, meeting.pk)
        return _form(self, form, title=self.title, button="Schedule meeting", back_url=self.back_url())


class MeetingMixin(OrganisationPermissionMixin):
    def get_meeting(self) -> BoardMeeting:
        meeting = selectors.meeting_get(organisation=self.organisation, meeting_id=self.kwargs["pk"])
        if meeting is None:
            raise Http404("No such board meeting")
        return meeting

    def meeting_url(self, meeting: BoardMeeting) -> str:
        return reverse("governance:meeting_detail", args=[self.organisation.slug, meeting.pk])


def _subject_key(record) -> str:
    return f"{ContentType.objects.get_for_model(record).pk}-{record.pk}"


class MeetingDetailView(MeetingMixin, TemplateView):
    permission = READ
    template_name = "governance/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        pending = []
        for record in selectors.pending_subjects(organisation=self.organisation, meeting=meeting):
            title, summary, url = registry.subject_for(type(record)).describe(record)
            pending.append({"key": _subject_key(record), "title": title, "summary": summary, "url": url})
        return {**super().get_context_data(**kwargs), "meeting": meeting,
                "agenda": selectors.agenda(meeting=meeting), "pending": pending,
                "can_manage": self.can(MANAGE), "can_decide": self.can(DECIDE),
                "can_minute": self.can(MANAGE) or self.can(DECIDE)}


class AgendaAddView(MeetingMixin, View):
    """Add one waiting subject (`subject`: its key) or all of them (`subject=all`) to the agenda."""

    permission = MANAGE

    def post(self, request, org, pk):
        meeting = self.get_meeting()
        wanted = request.POST.get("subject", "")
        try:
            if wanted == "all":
                added = services.agenda_add_pending(meeting=meeting, actor=request.user)
                messages.success(request, f"{len(added)} item{'s' if len(added) != 1 else ''} added to the agenda")
            else:
                record = self._find(meeting, wanted)
                if record is None:
                    messages.error(request, "Choose something that is waiting for the board")
                else:
                    item = services.agenda_item_add(meeting=meeting, subject=record, actor=request.user)
                    messages.success(request, f"Added to the agenda: {item.title}")
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        return redirect(self.meeting_url(meeting))

    def _find(self, meeting: BoardMeeting, key: str):
        for record in selectors.pending_subjects(organisation=self.organisation, meeting=meeting):
            if _subject_key(record) == key:
                return record
        return None


class MeetingMinutesView(MeetingMixin, View):
    permission = (MANAGE, DECIDE)
    title = "Minutes of the meeting"

    def get(self, request, org, pk):
        meeting = self.get_meeting()
        return _form(self, MinutesForm(initial={"minutes": meeting.minutes}), title=self.title,
                     button="Save minutes", back_url=self.meeting_url(meeting), meeting=meeting)

    def post(self, request, org, pk):
        meeting = self.get_meeting()
        form = MinutesForm(request.POST)
        if form.is_valid():
            services.meeting_minutes_record(meeting=meeting, minutes=form.cleaned_data["minutes"], actor=request.user)
            messages.success(request, "Minutes saved: the meeting is recorded as held")
            return redirect(self.meeting_url(meeting))
        return _form(self, form, title=self.title, button="Save minutes", back_url=self.meeting_url(meeting),
                     meeting=meeting)


class AgendaItemMixin(MeetingMixin):
    def get_item(self):
        self.meeting = self.get_meeting()
        item = selectors.agenda_item_get(meeting=self.meeting, item_id=self.kwargs["item_id"])
        if item is None:
            raise Http404("No such agenda item")
        return item


class AgendaItemRemoveView(AgendaItemMixin, View):
    permission = MANAGE

    def post(self, request, org, pk, item_id):
        item = self.get_item()
        try:
            services.agenda_item_remove(item=item, actor=request.user)
        except BusinessRuleViolation as violation:
            messages.error(request, violation.message)
        else:
            messages.success(request, f"Taken off the agenda: {item.title}")
        return redirect(self.meeting_url(self.meeting))


class AgendaItemDecideView(AgendaItemMixin, View):
    permission = DECIDE
    title = "Record the board's decision"

    def render_form(self, form, item):
        return _form(self, form, title=self.title, button="Record decision", back_url=self.meeting_url(self.meeting),
                     meeting=self.meeting, item=item)

    def get(self, request, org, pk, item_id):
        item = self.get_item()
        if item.is_decided:
            messages.error(request, "The board has already decided this item")
            return redirect(self.meeting_url(self.meeting))
        return self.render_form(DecisionForm(), item)

    def post(self, request, org, pk, item_id):
        item = self.get_item()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.agenda_item_decide(item=item, actor=request.user, now=timezone.now(), **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_violation(violation)
            else:
                item.refresh_from_db()
                messages.success(request, f"Decision recorded: {item.get_decision_display()} – {item.title}")
                return redirect(self.meeting_url(self.meeting))
        return self.render_form(form, item)


class BoardThresholdView(OrganisationPermissionMixin, View):
    permission = MANAGE
    title = "Board threshold"

    def render_form(self, form):
        return render(self.request, "governance/threshold.html", {
            "form": form, "organisation": self.organisation,
            "thresholds": selectors.board_threshold_list(organisation=self.organisation),
            "current": selectors.board_threshold_on(organisation=self.organisation, day=timezone.localdate())})

    def get(self, request, org):
        return self.render_form(BoardThresholdForm(initial={"effective_from": timezone.localdate()}))

    def post(self, request, org):
        form = BoardThresholdForm(request.POST)
        if form.is_valid():
            try:
                threshold = services.board_threshold_set(organisation=self.organisation, actor=request.user,
                                                         **form.cleaned_data)
            except BusinessRuleViolation as violation:
                form.add_error("value_gross", violation.message)
            else:
                messages.success(request, f"Board threshold set: {threshold}")
                return redirect("governance:meeting_list", self.organisation.slug)
        return self.render_form(form)
