"""Every callback of the page, registered on one app for one record (Dash's global registry would hand them to the
first app that starts, and none to a second app built in the same process)."""

from layouts import deck, explorer, filter_change, presenter, rowdetail, table_links


def register(app, query) -> None:
    filter_change.register(app, query)
    presenter.register(app, query)
    deck.register(app, query)
    rowdetail.register(app, query)
    table_links.register(app, query)
    explorer.register(app)
