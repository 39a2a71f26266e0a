"""nncourse/class_data.py: kinds of mistake (the report's grouping). Reading a graded class is
tested end to end in tests/end_to_end/test_class_report.py."""
from nncourse.class_data import kind_of


def test_messages_that_differ_only_in_their_numbers_are_one_kind():
    assert kind_of("mse_cost returned 0.25; expected 0.125") == kind_of("mse_cost returned 3.0; expected -1.5e-3")
    assert kind_of("mse_cost returned 0.25; expected 0.125") == "mse_cost returned #; expected #"


def test_names_with_digits_and_the_first_line_only():
    assert kind_of("CheckFailed: W1 has shape (2, 4); expected (4, 2)\nhint: rows are units") == \
        "W1 has shape (#…); expected (#…)"
    assert kind_of("A0 is wrong") != kind_of("A1 is wrong")


def test_other_wording_is_another_kind():
    assert kind_of("bce_cost returned nan") != kind_of("bce_cost returned inf for AL with 0 and 1")
