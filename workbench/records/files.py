"""Client files in and out of the store: the document kept is the client file's JSON.

A client file imported and exported again is the same text: the store keeps
:func:`~workbench.client.assessment.client_to_dict`'s document and writes it back with
:func:`~workbench.client.assessment.save_client` (the checker, the format and the atomic
write are the client room's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.client.assessment import (
    client_from_dict,
    client_problems,
    client_to_dict,
    load_client,
    save_client,
)
from workbench.client.problems import AssessmentError
from workbench.domain import Client


def client_document(client: Client) -> dict[str, Any]:
    """The client file's JSON document for ``client``.

    Raises
    ------
    AssessmentError
        When the client has refused fields (a store keeps only files the checker accepts).
    """
    problems = client_problems(client)
    if problems:
        raise AssessmentError(problems)
    return client_to_dict(client)


def client_of(document: dict[str, Any]) -> Client:
    """The client a stored document describes."""
    return client_from_dict(document)


def read_client_file(path: Path) -> Client:
    """Read and check a client file (:func:`~workbench.client.assessment.load_client`)."""
    return load_client(path)


def write_client_file(document: dict[str, Any], path: Path) -> Path:
    """Write a stored document as a client file, exactly as ``save_client`` writes it."""
    return save_client(client_of(document), path)
