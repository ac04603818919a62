"""Widgets and the app that wires them: display only, no computation.

Callbacks read a widget's value, call one :mod:`workbench` function and assign
the result; the logic they call is tested without a browser.
"""
