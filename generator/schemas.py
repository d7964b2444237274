"""JSON Schemas of the data files, generated from the pydantic models (editors validate with them)."""

from __future__ import annotations

from pydantic import BaseModel

from .community.model import CommunityFile
from .data.model import StationsFile
from .data.reports import ReportsFile
from .study.model import ActivitiesFile, LibraryFile

_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "stations.schema.json": (StationsFile, "小蜜蜂驿站 stations.yaml"),
    "study-library.schema.json": (LibraryFile, "小蜜蜂驿站 content/study/library.yaml"),
    "study-activities.schema.json": (ActivitiesFile, "小蜜蜂驿站 content/study/activities.yaml"),
    "reports.schema.json": (ReportsFile, "小蜜蜂驿站 content/reports.yaml"),
    "community.schema.json": (CommunityFile, "小蜜蜂驿站 content/community.yaml（先锋力量）"),
}


def schema_of(model: type[BaseModel], title: str) -> dict:
    """One model's JSON Schema (draft 2020-12) with a title."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def all_schemas() -> dict[str, dict]:
    """Every data file's schema, keyed by its file name under schema/."""
    return {name: schema_of(model, title) for name, (model, title) in _SCHEMAS.items()}
