"""Every callback of the page, registered on one app for one record (Dash's global registry would hand them to the
first app that starts, and none to a second app built in the same process)."""

from layouts import deck, embed, explorer, filter_change, presenter, rowdetail, stage, table_links


def register(app, query) -> None:
    filter_change.register(app, query)
    presenter.register(app, query)
    deck.register(app, query)
    stage.register(app, query)
    rowdetail.register(app, query)
    table_links.register(app, query)
    embed.register(app)
    explorer.register(app)
