from django.urls import path

from procure.governance import views

app_name = "governance"
urlpatterns = [
    path("o/<slug:org>/board/", views.MeetingListView.as_view(), name="meeting_list"),
    path("o/<slug:org>/board/add/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("o/<slug:org>/board/threshold/", views.BoardThresholdView.as_view(), name="board_threshold"),
    path("o/<slug:org>/board/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("o/<slug:org>/board/<int:pk>/minutes/", views.MeetingMinutesView.as_view(), name="meeting_minutes"),
    path("o/<slug:org>/board/<int:pk>/agenda/add/", views.AgendaAddView.as_view(), name="agenda_add"),
    path("o/<slug:org>/board/<int:pk>/agenda/<int:item_id>/decide/", views.AgendaItemDecideView.as_view(),
         name="agenda_item_decide"),
    path("o/<slug:org>/board/<int:pk>/agenda/<int:item_id>/remove/", views.AgendaItemRemoveView.as_view(),
         name="agenda_item_remove"),
]
