"""Hand-over: the plan leaves the workbench in the forms a client and a doctor use.

Owns the client's handout (one self-contained HTML page and its PDF), the calendar (an
``.ics`` file), the plan's data (CSV and JSON), the doctor's consultation brief (or, for a
referred client, the referral letter) and the doctor's answer going back into the
clearance. Templates are Jinja2 with autoescaping on (:mod:`workbench.handover.render`);
no HTML is built by string concatenation. Every word a client reads passes the threat-word
check (:mod:`workbench.language`).

May import the ground, ``catalog``, ``client``, ``rules``, ``planning`` and ``records``
(the session logs and issued plans, passed in as plain records); never ``optimize``,
``followup``, the face, ``ui`` or ``cli``.
"""
