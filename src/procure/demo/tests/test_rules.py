import pytest

from procure.core.errors import BusinessRuleViolation
from procure.demo.rules import check_scale, check_sign_ins_free


@pytest.mark.parametrize(("scale", "allowed"), [(0.01, True), (1.0, True), (20.0, True), (0.0, False),
                                                (-1.0, False), (20.5, False)])
def test_scale_must_be_above_zero_and_at_most_twenty(scale, allowed):
    if allowed:
        check_scale(scale)
    else:
        with pytest.raises(BusinessRuleViolation, match="DEMO-2"):
            check_scale(scale)


def test_sign_ins_already_taken_are_named():
    check_sign_ins_free([])
    with pytest.raises(BusinessRuleViolation, match="admin, officer already exist"):
        check_sign_ins_free(["officer", "admin"])
