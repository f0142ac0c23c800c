"""The agreement statistics against the reference packages: scikit-learn's cohen_kappa_score
and the `krippendorff` package, on the same data."""

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from wpsnap.analysis.agreement import (
    agreement,
    band,
    cohen_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
)


def reference_kappa(a, b):
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")  # sklearn warns where kappa is undefined (nan)
        value = cohen_kappa_score(a, b)
    return None if math.isnan(value) else float(value)


def reference_alpha(a, b):
    try:
        value = krippendorff.alpha(reliability_data=[a, b], level_of_measurement="nominal")
    except ValueError:  # "There has to be more than one value in the domain."
        return None
    return None if math.isnan(value) else float(value)


# Two coders on 12 units, values chosen by hand (not symmetric, some disagreement).
A = [1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1]
B = [1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1]


def test_kappa_matches_sklearn_on_a_hand_made_example():
    # po = 9/12, pe = (6*7 + 6*5)/144 = 72/144 = 0.5 → kappa = 0.5
    assert cohen_kappa(A, B) == pytest.approx(0.5)
    assert cohen_kappa(A, B) == pytest.approx(reference_kappa(A, B))
    assert percent_agreement(A, B) == pytest.approx(0.75)


def test_alpha_matches_krippendorff_on_a_hand_made_example():
    ours = krippendorff_alpha_nominal([A, B])
    assert ours == pytest.approx(reference_alpha(A, B))
    # by hand: 24 paired values, 13 ones and 11 zeros, 3 disagreeing units
    # alpha = 1 - (n - 1) * d / (n0 * n1) = 1 - 23 * 3 / (11 * 13)
    assert ours == pytest.approx(1 - 69 / 143)


def test_alpha_matches_krippendorff_with_missing_values_and_three_coders():
    data = [[None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
            [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
            [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4]]
    reference = krippendorff.alpha(
        reliability_data=[[np.nan if v is None else v for v in row] for row in data],
        level_of_measurement="nominal")
    assert krippendorff_alpha_nominal(data) == pytest.approx(reference)
    assert krippendorff_alpha_nominal(data) == pytest.approx(0.691358, abs=1e-6)


def test_no_variation_leaves_kappa_and_alpha_undefined_like_the_references():
    same = [1, 1, 1, 1]
    assert cohen_kappa(same, same) is None
    assert reference_kappa(same, same) is None  # sklearn: nan
    assert krippendorff_alpha_nominal([same, same]) is None
    assert reference_alpha(same, same) is None
    assert percent_agreement(same, same) == 1.0
    assert cohen_kappa([], []) is None and percent_agreement([], []) is None


def test_perfect_and_opposite_agreement():
    a, b = [1, 0, 1, 0], [0, 1, 0, 1]
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa(a, b) == pytest.approx(reference_kappa(a, b)) == pytest.approx(-1.0)
    assert krippendorff_alpha_nominal([a, b]) == pytest.approx(reference_alpha(a, b))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=1, max_size=60))
def test_binary_units_match_the_references(units):
    a = [x for x, _y in units]
    b = [y for _x, y in units]
    kappa, ref_kappa = cohen_kappa(a, b), reference_kappa(a, b)
    if ref_kappa is None:
        assert kappa is None
    else:
        assert kappa == pytest.approx(ref_kappa, abs=1e-9)
    alpha, ref_alpha = krippendorff_alpha_nominal([a, b]), reference_alpha(a, b)
    if ref_alpha is None:
        assert alpha is None
    else:
        assert alpha == pytest.approx(ref_alpha, abs=1e-9)
    assert percent_agreement(a, b) == pytest.approx(np.mean(np.array(a) == np.array(b)))


def test_agreement_per_code_and_pooled():
    # Statements 1..5; A and B code three Codes.
    coded_a = {1: {"x", "y"}, 2: {"x"}, 3: {"z"}, 4: {"x", "z"}, 5: {"y"}}
    coded_b = {1: {"x"}, 2: {"x"}, 3: {"z", "y"}, 4: {"x", "z"}, 5: {"y"}}
    result = agreement(coded_a, coded_b, [1, 2, 3, 4, 5], ["x", "y", "z"])
    assert result.statements == 5 and result.units == 15
    x, y, z = result.codes["x"], result.codes["y"], result.codes["z"]
    assert (x.both, x.only_a, x.only_b, x.neither) == (3, 0, 0, 2)
    assert (y.both, y.only_a, y.only_b, y.neither) == (1, 1, 1, 2)
    assert (z.both, z.only_a, z.only_b, z.neither) == (2, 0, 0, 3)
    assert x.kappa == pytest.approx(1.0) and z.kappa == pytest.approx(1.0)
    y_a, y_b = [1, 0, 0, 0, 1], [0, 0, 1, 0, 1]
    assert y.kappa == pytest.approx(reference_kappa(y_a, y_b))
    assert y.agreement == pytest.approx(0.6)
    pooled_a = [1, 1, 0, 1, 0] + y_a + [0, 0, 1, 1, 0]
    pooled_b = [1, 1, 0, 1, 0] + y_b + [0, 0, 1, 1, 0]
    assert result.kappa == pytest.approx(reference_kappa(pooled_a, pooled_b))
    assert result.alpha == pytest.approx(reference_alpha(pooled_a, pooled_b))
    assert result.percent_agreement == pytest.approx(13 / 15)
    assert result.mean_kappa == pytest.approx((1 + y.kappa + 1) / 3)
    as_json = result.as_json()
    assert as_json["codes"]["y"] == {"kappa": y.kappa, "agreement": y.agreement, "both": 1,
                                     "only_a": 1, "only_b": 1, "neither": 2}


def test_mean_kappa_leaves_out_undefined_codes():
    # "x" applied by both on every Statement: no variation, its kappa is undefined.
    result = agreement({1: {"x", "y"}, 2: {"x"}}, {1: {"x"}, 2: {"x", "y"}}, [1, 2], ["x", "y"])
    assert result.codes["x"].kappa is None
    assert result.mean_kappa == pytest.approx(result.codes["y"].kappa)
    assert agreement({}, {}, [], []).as_json()["kappa"] is None


@pytest.mark.parametrize("kappa,expected", [
    (None, None), (-0.1, "poor"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"),
    (0.4, "fair"), (0.55, "moderate"), (0.61, "substantial"), (0.8, "substantial"),
    (0.81, "almost_perfect"), (1.0, "almost_perfect"),
])
def test_landis_koch_bands(kappa, expected):
    assert band(kappa) == expected
