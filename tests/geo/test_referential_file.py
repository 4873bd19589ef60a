"""Reading and checking a referential file (no database)."""

import gzip
import json

import pytest

from territoria.geo.domain.referential import (
    MAX_LENGTHS,
    ReferentialError,
    decode_referential,
)


def _gz(document) -> bytes:
    return gzip.compress(json.dumps(document, ensure_ascii=False).encode(), mtime=0)


def _refused(raw: bytes, **kwargs) -> str:
    with pytest.raises(ReferentialError) as caught:
        decode_referential(raw, **kwargs)
    return str(caught.value)


def test_a_valid_file_gives_its_records(small_document):
    referential = decode_referential(_gz(small_document))
    assert str(referential.source) == "test 1"
    assert referential.counts() == {
        "regions": 2, "departments": 3, "epcis": 2, "communes_current": 4,
        "communes_associated": 0, "communes_delegated": 1, "communes_arrondissement": 1}


def test_a_delegated_commune_with_its_chief_towns_code_is_not_a_duplicate(small_document):
    referential = decode_referential(_gz(small_document))
    assert {(c.code, c.kind) for c in referential.communes if c.code == "01015"} == {
        ("01015", "current"), ("01015", "delegated")}


def test_an_empty_file_is_refused():
    assert _refused(b"") == "The file is empty."


def test_a_file_that_is_not_gzip_is_refused(small_document):
    raw = json.dumps(small_document).encode()
    assert _refused(raw) == ("The file is not gzip-compressed: a referential file is a "
                             ".json.gz file.")


def test_a_truncated_file_is_refused(small_document):
    raw = _gz(small_document)
    assert _refused(raw[: len(raw) // 2]) == (
        "The file is truncated: its compressed data stops before the end.")


def test_a_corrupt_file_is_refused(small_document):
    raw = bytearray(_gz(small_document))
    raw[len(raw) // 2] ^= 0xFF
    raw[len(raw) // 2 + 1] ^= 0xFF
    assert _refused(bytes(raw)).startswith("The file is corrupt (")


def test_a_file_too_large_once_decompressed_is_refused(small_document):
    small_document["padding"] = " " * (2 * 1024 * 1024)  # compresses to a few kilobytes
    raw = _gz(small_document)
    assert len(raw) < 10_000
    assert _refused(raw, limit=1024 * 1024) == (
        "The file is too large once decompressed (more than 1 MB).")


def test_bad_json_is_refused_with_its_position():
    message = _refused(gzip.compress(b'{"format": "territoria.geo.referential",\n "version": 1,,}'))
    assert message == ("The file is not valid JSON: Expecting property name enclosed in double "
                       "quotes at line 2, column 15.")


def test_a_file_in_another_format_is_refused():
    assert _refused(_gz({"type": "FeatureCollection"})) == (
        "This is not a Territoria referential file (its “format” should be "
        "“territoria.geo.referential”).")


def test_an_unknown_format_version_is_refused(small_document):
    small_document["version"] = 2
    assert _refused(_gz(small_document)) == (
        "Unknown referential format version 2: this version of Territoria reads version 1.")


def test_a_file_without_its_source_is_refused(small_document):
    del small_document["source"]
    assert "“source” needs a “name” and a “version”" in _refused(_gz(small_document))


def test_a_missing_section_is_named(small_document):
    del small_document["epcis"]
    assert _refused(_gz(small_document)) == "The file has no list of “epcis”."


def test_a_missing_field_is_named_with_its_record(small_document):
    del small_document["communes"][1]["population"]
    assert _refused(_gz(small_document)) == "commune 42095: missing field “population”."


def test_a_commune_pointing_to_an_unknown_department_is_refused(small_document):
    small_document["communes"][0]["department"] = "99"
    assert _refused(_gz(small_document)) == "commune 42218: unknown département 99."


def test_a_commune_pointing_to_an_unknown_epci_is_refused(small_document):
    small_document["communes"][1]["epci"] = "200000000"
    assert _refused(_gz(small_document)) == "commune 42095: unknown EPCI 200000000."


def test_a_department_pointing_to_an_unknown_region_is_refused(small_document):
    small_document["departments"][0]["region"] = "99"
    assert _refused(_gz(small_document)) == "département 42: unknown région 99."


def test_a_commune_whose_region_is_not_its_departments_is_refused(small_document):
    small_document["communes"][0]["region"] = "11"
    assert _refused(_gz(small_document)) == (
        "commune 42218: région 11 differs from the région of its département 42 (84).")


def test_a_delegated_commune_pointing_to_an_unknown_parent_is_refused(small_document):
    small_document["communes"][3]["parent"] = "01999"
    assert _refused(_gz(small_document)) == (
        "commune 01015 (delegated): unknown parent commune 01999.")


def test_a_current_commune_with_a_parent_is_refused(small_document):
    small_document["communes"][1]["parent"] = "42218"
    assert "commune 42095: only associated and delegated communes" in _refused(
        _gz(small_document))


def test_a_duplicate_commune_is_refused(small_document):
    small_document["communes"].append(dict(small_document["communes"][0], name="Autre"))
    assert _refused(_gz(small_document)) == "Duplicate commune 42218."


def test_a_duplicate_epci_is_refused(small_document):
    small_document["epcis"].append(dict(small_document["epcis"][0]))
    assert _refused(_gz(small_document)) == "Duplicate EPCI 244200770."


def test_a_duplicate_department_is_refused(small_document):
    small_document["departments"].append(dict(small_document["departments"][0]))
    assert _refused(_gz(small_document)) == "Duplicate département 42."


@pytest.mark.parametrize(("field", "value", "message"), [
    ("population", "many", "commune 42218: “population” should be a whole number or null, "
                           "not \"many\"."),
    ("population", -3, "commune 42218: “population” should be a whole number or null, not -3."),
    ("code", "4221", "commune 4221: invalid code “4221”."),
    ("siren", "12", "commune 42218: invalid siren “12”."),
    ("kind", "hamlet", "commune 42218 (hamlet): unknown kind \"hamlet\" (expected one of "
                       "current, associated, delegated, arrondissement)."),
    ("name", "", "commune 42218: “name” should be a non-empty text, not \"\"."),
    ("name", "x" * 201, "commune 42218: “name” is longer than 200 characters."),
    ("postal_codes", "42000", "commune 42218: “postal_codes” should be a list of codes, not "
                              "\"42000\"."),
    ("postal_codes", ["4200"], "commune 42218: invalid postal_codes \"4200\"."),
])
def test_a_bad_value_is_named_with_its_record_and_field(small_document, field, value, message):
    small_document["communes"][0][field] = value
    assert _refused(_gz(small_document)) == message


def test_a_record_that_is_not_an_object_is_named_by_position(small_document):
    small_document["communes"][2] = ["01015", "Arboys en Bugey"]
    assert _refused(_gz(small_document)) == "communes[2] is not a record (a JSON object)."


def test_the_length_limits_are_those_of_the_database_columns():
    from territoria.geo.models import Commune, Department, Epci, Region

    def length(model, name):
        return model._meta.get_field(name).max_length

    assert MAX_LENGTHS == {
        "region.name": length(Region, "name"),
        "department.name": length(Department, "name"),
        "epci.name": length(Epci, "name"),
        "epci.financing": length(Epci, "financing"),
        "commune.name": length(Commune, "name"),
        "zone": min(length(Region, "zone"), length(Department, "zone")),
        "commune.postal_codes": length(Commune, "postal_codes"),
        "commune.former_codes": length(Commune, "former_codes"),
    }
