"""The data role: strict YAML with positions (`load`) → pydantic models (`model`) → cross-checks (`validate`).

Also the facts the data is made of: opening hours and the holiday calendar (`hours`), coordinates and
distances (`geo`), and the build's clock (`clock`). Nothing here renders or writes anything.
"""

from __future__ import annotations

from pathlib import Path

from .load import load_yaml
from .model import Network
from .validate import validate_document


def load_network(path: Path, display_name: str | None = None) -> Network:
    """Read and validate stations.yaml; raise DataErrors with every problem found."""
    return validate_document(load_yaml(path, display_name))
