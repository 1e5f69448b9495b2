from procure.organisations.selectors import organisations_for_user, user_has_permission


def current_organisation(request):
    """The organisation in the address (if any) and what the user may see, for the navigation."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("org") if match else None
    if not slug or not request.user.is_authenticated:
        return {}
    organisation = organisations_for_user(request.user).filter(slug=slug).first()
    if organisation is None:
        return {}
    names = ("supplier.view", "contract.view", "spend.view", "spend.import", "organisation.view",
             "organisation.manage", "audit.view", "supplier.view_own", "payee.resolve", "request.view",
             "board.view", "tender.view", "social_value.view", "social_value.report_own", "bid.submit",
             "evaluation.mark")
    return {
        "current_organisation": organisation,
        "nav_can": {name.replace(".", "_"): user_has_permission(request.user, organisation, name) for name in names},
    }
