"""The CSS the form, the app and the constraint lab share (one ``<style>`` element).

The form marks refused fields (``wb-invalid``, ``wb-error``, ``wb-problems``), forced
questions and hints; the app's week grid, referral and diagnosis panels and tables use
the rest. :mod:`workbench.ui.form` re-exports :data:`STYLE` for the app and the lab.
"""

from __future__ import annotations

__all__ = ["APP_STYLE", "STYLE"]

#: CSS shared by the form and the app (one <style> element in an HTML widget).
STYLE = """<style>
.wb-invalid input, .wb-invalid textarea, .wb-invalid select,
input.wb-invalid, textarea.wb-invalid {
  border: 2px solid #b5472f !important; background: #fdf3ee !important; }
.wb-invalid.widget-gridbox, .wb-invalid.widget-box, .wb-invalid.widget-toggle-buttons {
  outline: 2px solid #b5472f; outline-offset: 2px; }
.wb-error { color: #9a3412; font-size: 0.9em; line-height: 1.3; }
.wb-problems { background: #fdf3ee; border-left: 4px solid #b5472f; padding: 4px 10px; }
.wb-forced { background: #fff7db; border-left: 4px solid #d4a017; padding-left: 6px; }
.wb-hint { color: #475569; font-size: 0.9em; }
.wb-flag-question { font-weight: 500; }
.wb-ok { color: #166534; }
.wb-block { height: auto !important; min-height: 2.2em; white-space: normal !important;
  text-align: left !important; line-height: 1.25 !important; padding: 4px 6px !important;
  background: #eef4fb !important; border: 1px solid #c7d7ea !important; }
.wb-block.wb-new { border-left: 5px solid #009E73 !important; }
.wb-block.wb-selected { background: #cfe2f7 !important; border: 2px solid #0072B2 !important; }
.wb-day-head { font-weight: 600; text-align: center; }
.wb-busy { color: #0b5394; font-weight: 600; }
.wb-referral { background: #f1f6fb; border-left: 4px solid #0072B2; padding: 6px 12px; }
.wb-diagnosis { background: #fff7db; border-left: 4px solid #d4a017; padding: 6px 12px; }
.wb-table { border-collapse: collapse; font-size: 0.9em; }
.wb-table th, .wb-table td { border-bottom: 1px solid #e2e8f0; padding: 2px 8px;
  text-align: left !important; vertical-align: top; }
.wb-scroll { max-height: 320px; overflow-y: auto; }
</style>"""

#: The design app's own CSS: its results dim while a plan is made; an unproven plan's note.
APP_STYLE = """<style>
.wb-app.wb-planning .wb-results { opacity: 0.55; transition: opacity 0.1s; }
.wb-unproven { border-left: 3px solid #d69e2e; padding-left: 8px; }
</style>"""
