"""The documents stay true to the code they describe."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def test_the_readme_documents_every_environment_variable_the_settings_read():
    names = set()
    for settings_file in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(re.findall(r"\benv(?:_bool|_list)?\(\s*\"([A-Z_]+)\"",
                                settings_file.read_text(encoding="utf-8")))
    assert names, "no env() call found: has the settings module changed?"
    readme = read("README.md")
    assert sorted(n for n in names if f"`{n}`" not in readme) == []


def test_docs_dependencies_explains_every_pinned_dependency():
    project = tomllib.loads(read("pyproject.toml"))["project"]
    pinned = project["dependencies"] + [
        d for extra in project["optional-dependencies"].values() for d in extra]
    names = [re.split(r"[\[=<>]", requirement)[0] for requirement in pinned]
    text = read("docs/dependencies.md").lower()
    assert sorted(n for n in names if n.lower() not in text) == []


def test_the_licence_is_the_agpl_version_3():
    licence = read("LICENSE")
    assert licence.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "Version 3, 19 November 2007" in licence
    assert "13. Remote Network Interaction; Use with the GNU General Public License." in licence
