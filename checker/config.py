"""Configuration: [tool.numcheck] in pyproject.toml or a numcheck.toml, found from the working directory up."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "never")


class ConfigError(Exception):
    """The configuration file cannot be used (one line naming the file and the problem)."""


@dataclass
class Config:
    """Settings an editor or CI job fixes once; command-line options override them."""
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    default_year: int | None = None
    tolerance: float | None = None
    time_budget: float | None = None
    across: bool = False
    id_field: str = "id"
    text_field: str = "text"
    path: Path | None = None


def find(start: Path | None = None) -> Config:
    """The first numcheck.toml, or pyproject.toml with a [tool.numcheck] table, from start upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "numcheck.toml"
        if own.is_file():
            return load(own)
        project = folder / "pyproject.toml"
        if project.is_file() and "numcheck" in _read(project).get("tool", {}):
            return load(project)
    return Config()


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc


def _own_table(path: Path, data: dict) -> dict:
    """A numcheck.toml's settings: at its top level, or under [tool.numcheck] as in pyproject.toml
    (the same text pasted from one into the other works), but not both."""
    if "tool" not in data:
        return data
    tool = data["tool"]
    if set(data) == {"tool"} and isinstance(tool, dict) and set(tool) == {"numcheck"} \
            and isinstance(tool["numcheck"], dict):
        return tool["numcheck"]
    raise ConfigError(f"{path}: write the settings at the top level (select = [...]) or all under "
                      f"[tool.numcheck], not both, and no other [tool.*] table")


def load(path: Path) -> Config:
    data = _read(path)
    table = data.get("tool", {}).get("numcheck", {}) if path.name == "pyproject.toml" else _own_table(path, data)
    known = {"select", "ignore", "severity", "fail-on", "default-year", "tolerance", "across", "id-field",
             "text-field", "time-budget"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    cfg = Config(path=path)
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key} must be a list of rule codes or names")
            setattr(cfg, key, value)
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ConfigError(f"{path}: severity must map rule codes to one of {', '.join(SEVERITIES)}")
    cfg.severity = {str(k): v for k, v in severity.items()}
    if "fail-on" in table:
        if table["fail-on"] not in FAIL_ON:
            raise ConfigError(f"{path}: fail-on must be one of {', '.join(FAIL_ON)}")
        cfg.fail_on = table["fail-on"]
    if "default-year" in table:
        if not isinstance(table["default-year"], int) or not 1800 <= table["default-year"] <= 2200:
            raise ConfigError(f"{path}: default-year must be a year such as 2025")
        cfg.default_year = table["default-year"]
    if "tolerance" in table:
        t = table["tolerance"]
        if not isinstance(t, (int, float)) or not 0 <= t < 1:
            raise ConfigError(f"{path}: tolerance must be a fraction between 0 and 1 (0.1 is ±10 %)")
        cfg.tolerance = float(t)
    if "time-budget" in table:
        b = table["time-budget"]
        if not isinstance(b, (int, float)) or b <= 0:
            raise ConfigError(f"{path}: time-budget must be a number of seconds above 0")
        cfg.time_budget = float(b)
    cfg.across = bool(table.get("across", False))
    cfg.id_field = str(table.get("id-field", "id"))
    cfg.text_field = str(table.get("text-field", "text"))
    return cfg
