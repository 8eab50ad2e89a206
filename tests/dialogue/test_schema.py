"""Layer 1: the shape of a file, and YAML read the way writers expect."""

from __future__ import annotations

from feedback_bot.dialogue.schema import load_yaml, parse


def test_yes_and_no_stay_words() -> None:
    assert load_yaml("code: yes\nlabel: No\non: off\nflag: true") == {
        "code": "yes",
        "label": "No",
        "on": "off",
        "flag": True,
    }


def test_a_list_is_not_a_conversation() -> None:
    conv, problems = parse([1, 2], "x.v1.yaml")
    assert conv is None
    assert [str(p) for p in problems] == [
        "x.v1.yaml:-: must be a mapping with spec, id, version, title, start and nodes"
    ]


def test_missing_top_fields_are_all_reported() -> None:
    conv, problems = parse({"spec": 1}, "x.v1.yaml")
    assert conv is None
    assert [str(p) for p in problems] == [
        f"x.v1.yaml:-: '{name}' is missing" for name in ("id", "version", "title", "start", "nodes")
    ]


def test_age_band_questions_must_offer_the_standard_bands() -> None:
    data = {
        "spec": 1,
        "id": "x",
        "version": 1,
        "title": "X",
        "start": "age",
        "nodes": [
            {
                "id": "age",
                "kind": "choice",
                "ask": "How old are you?",
                "records": "age_band",
                "options": [{"code": "young", "label": "Young"}],
                "next": "end",
            },
            {"id": "end", "kind": "end", "say": "Bye."},
        ],
    }
    conv, problems = parse(data, "x.v1.yaml")
    assert conv is None
    assert [str(p) for p in problems] == [
        "x.v1.yaml:age: an age band question must offer exactly 8-11, 12-15, 16-17, 18-25, rather_not_say"
    ]


def test_faces_need_an_emoji_on_every_option() -> None:
    data = {
        "spec": 1,
        "id": "x",
        "version": 1,
        "title": "X",
        "start": "q",
        "nodes": [
            {
                "id": "q",
                "kind": "choice",
                "ask": "OK?",
                "scale": "faces",
                "options": [
                    {"code": "yes", "label": "Yes", "emoji": "😊"},
                    {"code": "no", "label": "No"},
                ],
                "next": "end",
            },
            {"id": "end", "kind": "end", "say": "Bye."},
        ],
    }
    _, problems = parse(data, "x.v1.yaml")
    assert [str(p) for p in problems] == [
        "x.v1.yaml:q: every option of a faces scale needs an 'emoji'"
    ]
