"""The one Jinja2 environment of the hand-over templates, with HTML autoescaping on.

Every page a client or a doctor reads (the handout, the doctor's brief, the referral
letter) is rendered here from a template in ``workbench/handover/templates``. Autoescaping
is switched on explicitly for every template, so a name such as
``<script>alert(1)</script>`` renders as text; markup comes only from the templates.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

__all__ = ["environment", "render"]


@cache
def environment() -> Environment:
    """The hand-over templates' environment.

    Returns
    -------
    jinja2.Environment
        Loads ``workbench/handover/templates``; autoescaping is on for every template
        (``autoescape=True``, not only for ``.html`` names), undefined names raise, and
        whitespace around blocks is trimmed so re-rendering gives identical bytes.
    """
    return Environment(
        loader=PackageLoader("workbench.handover", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    """Render one template with autoescaping.

    Parameters
    ----------
    template : str
        Template file name in ``workbench/handover/templates``, e.g. ``"handout.html.j2"``.
    **context
        The template's values; strings are escaped on output.

    Returns
    -------
    str
        The rendered text.
    """
    return environment().get_template(template).render(**context)
