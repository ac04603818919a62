"""The design app's block panel: why the selected block is there, with Pin here and Ban.

Display only: :class:`BlockPanel` shows a hint until a block of the week grid is
selected, then that block's reasons (:func:`~workbench.ui.answer_html._block_html`);
Pin here and Ban are passed to the app, which holds the pins and bans and re-plans.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from workbench.domain import Day
from workbench.planning.result import Block
from workbench.ui.answer_html import _block_html

#: The panel's frame (the app adds it to the page's style).
PANEL_STYLE = "<style>.wb-block-reasons { border: 1px solid #e2e8f0; padding: 4px 10px; }</style>"

#: What the panel says before a block is selected.
HINT = "Click a block to see why it is there."


class BlockPanel(widgets.VBox):
    """The selected block's reasons, Pin here and Ban (CSS class ``wb-block-reasons``).

    Parameters
    ----------
    on_pin, on_ban : callable
        Called with no argument when Pin here or Ban is pressed.
    """

    def __init__(self, on_pin: Callable[[], None], on_ban: Callable[[], None]):
        self.block_info = widgets.HTML(f"<p class='wb-hint'>{HINT}</p>")
        self.block_info.add_class("wb-block-info")
        self.pin_block = widgets.Button(description="Pin here", disabled=True)
        self.ban_block = widgets.Button(description="Ban", disabled=True)
        self.pin_block.add_class("wb-pin")
        self.ban_block.add_class("wb-ban")
        self.pin_block.on_click(lambda _b: on_pin())
        self.ban_block.on_click(lambda _b: on_ban())
        super().__init__([self.block_info, widgets.HBox([self.pin_block, self.ban_block])])
        self.add_class("wb-block-reasons")

    def hint(self, new_blocks: bool = False) -> None:
        """No block selected: say how to select one (and, ``new_blocks``, what green means)."""
        text = HINT
        if new_blocks:
            text += " Blocks edged in green are new on their day since the last plan."
        self.block_info.value = f"<p class='wb-hint'>{text}</p>"
        self.pin_block.disabled = self.ban_block.disabled = True

    def show(self, block: Block, week: int, day: Day, cue: str) -> None:
        """Show why ``block`` is on ``day`` of ``week``; ``cue`` is its exercise's cue."""
        self.block_info.value = _block_html(block, week, day, cue)
        self.pin_block.disabled = self.ban_block.disabled = False
