"""The app's two tabs: "Assess and design" (the design page) and "Follow up".

:func:`app_tabs` puts the design page in the first tab and builds the
:class:`~workbench.ui.follow_up.FollowUpView` the first time the Follow up tab is opened,
so the app opens as fast as before and opens no store until the trainer asks for one.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from workbench.domain import Client

__all__ = ["TAB_TITLES", "app_tabs"]

TAB_TITLES = ("Assess and design", "Follow up")


def app_tabs(design: widgets.Widget, client_source: Callable[[], Client], catalog) -> widgets.Tab:
    """A Tab of the design page and the Follow up view (built on first opening).

    The Follow up view, once built, is the tab's attribute ``follow_up`` (None before);
    ``open_follow_up()`` builds and selects it (tests, notebooks).
    """
    holder = widgets.VBox([widgets.HTML("<p class='wb-hint'>Opening the store…</p>")])
    holder.add_class("wb-follow-up-tab")
    tabs = widgets.Tab(children=[design, holder], titles=TAB_TITLES)
    tabs.add_class("wb-tabs")
    tabs.follow_up = None

    def build() -> None:
        if tabs.follow_up is None:
            from workbench.ui.follow_up import FollowUpView  # the store only when asked for

            tabs.follow_up = FollowUpView(catalog=catalog, client_source=client_source)
            holder.children = [tabs.follow_up]

    def opened(change) -> None:
        if change["new"] == 1:
            build()

    def open_follow_up():
        tabs.selected_index = 1
        build()
        return tabs.follow_up

    tabs.observe(opened, names="selected_index")
    tabs.open_follow_up = open_follow_up
    return tabs
