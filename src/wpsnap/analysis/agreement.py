"""Inter-coder agreement: Cohen's kappa, Krippendorff's alpha (nominal) and percent agreement.

Pure functions, no Django. The unit of analysis is one Statement × one Code: for each coder the
value is 1 when the coder applied the Code anywhere on the Statement, else 0 (presence at
statement level). The callers (analysis.queries.agreement) decide which Statements and Codes make
the units; the figures here only see the two coders' 0/1 values.

Undefined values are None (not NaN, so they survive JSON): kappa is undefined when the chance
agreement is 1 (both coders gave one and the same value to every unit: no variation, 0/0 — like
scikit-learn's cohen_kappa_score, which returns nan there); alpha is undefined when all the
paired values are the same (Krippendorff's "only one value in the domain").
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' nominal values on the same units (None when undefined)."""
    if len(a) != len(b):
        raise ValueError("the two coders must rate the same units")
    n = len(a)
    if n == 0:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[v] * count_b[v] for v in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def percent_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """The share of units (0..1) on which the two coders gave the same value."""
    if len(a) != len(b):
        raise ValueError("the two coders must rate the same units")
    if not a:
        return None
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def krippendorff_alpha_nominal(reliability_data: Sequence[Sequence[Hashable | None]]
                               ) -> float | None:
    """Krippendorff's alpha for nominal data.

    `reliability_data[c][u]` is coder c's value for unit u, None when missing. Units with fewer
    than two values are not pairable and are left out. Built on the coincidence matrix:
    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k."""
    coincidences: Counter = Counter()
    units = zip(*reliability_data, strict=True) if reliability_data else []
    for values in units:
        present = [v for v in values if v is not None]
        m = len(present)
        if m < 2:
            continue
        for i, c in enumerate(present):
            for j, k in enumerate(present):
                if i != j:
                    coincidences[(c, k)] += 1.0 / (m - 1)
    marginals: Counter = Counter()
    for (c, _k), o in coincidences.items():
        marginals[c] += o
    n = sum(marginals.values())
    if len(marginals) < 2 or n <= 1:
        return None
    disagreement = sum(o for (c, k), o in coincidences.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    return 1.0 - (n - 1) * disagreement / expected


@dataclass
class CodeAgreement:
    """Agreement on one Code over the units' Statements."""

    key: str
    both: int
    only_a: int
    only_b: int
    neither: int
    kappa: float | None
    agreement: float | None

    @property
    def units(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def disagreements(self) -> int:
        return self.only_a + self.only_b

    def as_json(self) -> dict:
        return {"kappa": self.kappa, "agreement": self.agreement, "both": self.both,
                "only_a": self.only_a, "only_b": self.only_b, "neither": self.neither}


@dataclass
class Agreement:
    """The figures for two coders on a set of units (Statements × Codes)."""

    statements: int
    codes: dict[str, CodeAgreement] = field(default_factory=dict)
    kappa: float | None = None
    alpha: float | None = None
    percent_agreement: float | None = None
    mean_kappa: float | None = None

    @property
    def units(self) -> int:
        return self.statements * len(self.codes)

    def as_json(self) -> dict:
        return {"statements": self.statements,
                "codes": {key: c.as_json() for key, c in self.codes.items()},
                "kappa": self.kappa, "alpha": self.alpha,
                "percent_agreement": self.percent_agreement, "mean_kappa": self.mean_kappa}


def agreement(coded_a: Mapping[Hashable, Iterable[str]], coded_b: Mapping[Hashable, Iterable[str]],
              statements: Iterable[Hashable], codes: Iterable[str]) -> Agreement:
    """Figures for two coders: `coded_a[s]` / `coded_b[s]` are the Code keys each coder applied to
    Statement s; the units are every Statement of `statements` × every key of `codes`.

    Per Code: counts, kappa and percent agreement over the Statements. Overall: kappa, alpha and
    percent agreement pooled over all units, and the mean of the per-Code kappas that are
    defined (None when none is)."""
    statements = list(dict.fromkeys(statements))
    codes = sorted(set(codes))
    sets_a = {s: set(coded_a.get(s, ())) for s in statements}
    sets_b = {s: set(coded_b.get(s, ())) for s in statements}
    pooled_a: list[int] = []
    pooled_b: list[int] = []
    result = Agreement(statements=len(statements))
    for key in codes:
        a = [int(key in sets_a[s]) for s in statements]
        b = [int(key in sets_b[s]) for s in statements]
        pooled_a += a
        pooled_b += b
        pairs = Counter(zip(a, b, strict=True))
        result.codes[key] = CodeAgreement(
            key=key, both=pairs[(1, 1)], only_a=pairs[(1, 0)], only_b=pairs[(0, 1)],
            neither=pairs[(0, 0)], kappa=cohen_kappa(a, b), agreement=percent_agreement(a, b))
    result.kappa = cohen_kappa(pooled_a, pooled_b)
    result.alpha = krippendorff_alpha_nominal([pooled_a, pooled_b])
    result.percent_agreement = percent_agreement(pooled_a, pooled_b)
    kappas = [c.kappa for c in result.codes.values() if c.kappa is not None]
    result.mean_kappa = sum(kappas) / len(kappas) if kappas else None
    return result


# Landis & Koch (1977): the usual plain-words reading of kappa, as (upper bound, band).
BANDS = [(0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")]


def band(kappa: float | None) -> str | None:
    """The Landis & Koch band of a kappa: poor (< 0), slight (0–0.20), fair (0.21–0.40),
    moderate (0.41–0.60), substantial (0.61–0.80), almost perfect (0.81–1); None if undefined."""
    if kappa is None:
        return None
    if kappa < 0:
        return "poor"
    for upper, key in BANDS:
        if kappa <= upper + 1e-9:
            return key
    return "almost_perfect"
