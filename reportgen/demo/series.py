"""Demo figures: what each department would have typed, January 2021 to March 2023.

The demo builds the two reference reports (December 2022 and March 2023) from
department forms, so the figures of those two months are exactly the
references' and every earlier month is "final" data chosen so that every
comparison the references state comes out right: "tăng 8,92% so với tháng
trước" fixes February 2023 retail sales, "tăng 41,48% so với cùng kỳ" fixes the
2021 total, and so on.

``anchors.toml`` next to this module holds, per indicator, the stated
``facts`` (the references' words turned into numbers), a few demo ``hints``
(choices of our own, in the same form) and how to shape the free months
(``profile``, ``shape``). This module turns them into monthly figures.

How a series is built
---------------------
Each indicator is held internally in one of two forms:

* **additive**: monthly amounts whose sums over spans of months are fixed
  (flow; average - the CPI; cumulative as monthly increments of the
  to-date value; index - a production level whose ratios are the indices);
* **level**: a value at each month end (stock; quarterly and yearly figures).

A fact either fixes a span (``month``: one month, ``ytd``: January to the
month), states a ratio between two spans (``mom``, ``yoy_month``,
``yoy_ytd``, ``index_month``, ``index_ytd``, ``share``) that must round to the
stated percentage, or states a difference between two spans (``diff_prev``:
the month minus the previous month, "tăng 84 trường hợp so với tháng trước";
``diff_ytd``: the year to date minus the same span a year earlier, "giảm 06
vụ so với cùng kỳ"). Ratios are solved one side from the other, the solution
being the value at the indicator's decimals nearest to the exact one whose
ratio rounds right; when neither side is known yet, the earlier side is taken
from a provisional fill. The fill spreads each fixed sum over its free months
in proportion to a smooth baseline (log-linear between shape points, times a
seasonal profile) and hands out the last units by largest remainder, so sums
are exact at the indicator's decimals. Levels are interpolated log-linearly
between fixed months. A level may instead be carried by its inflow and
outflow (``inflow``, ``outflow``: "số đầu kỳ + tăng - giảm = hiện có"), fixed
at one stated month. Nothing is random: the same catalog gives the same
figures.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from ..catalog import Catalog, Indicator, asked_in
from ..model import Period, months_between

DEMO_FIRST = Period(2021, 1)
DEMO_LAST = Period(2023, 3)

ANCHORS_FILE = Path(__file__).with_name("anchors.toml")

# Index levels start a year early so that January 2021 has a "same month last
# year"; they are held at a finer resolution than the indices they produce.
_INDEX_FIRST = DEMO_FIRST.shift(-12)
_INDEX_STEP = Decimal("0.0001")
_MAX_SEARCH = 200_000
_PRECISION = 50

Span = tuple[Period, Period]


@dataclass(frozen=True)
class Reported:
    month: Decimal | None  # what the clerk types in the form's "this month" column
    ytd: Decimal | None  # what the clerk types in the "year to date (as the department counts it)" column


def demo_series(catalog: Catalog) -> dict[str, dict[Period, Reported]]:
    """For every indicator with kind != 'derived', for every month DEMO_FIRST..DEMO_LAST
    in which it is reported (monthly: every month; quarterly: 3,6,9,12; yearly: 12),
    the values its department reports. Deterministic (no randomness without a fixed seed).

    An indicator that ``anchors.toml`` does not mention gets a flat series
    (100 for an index, otherwise 1 per month), so that a catalog edited by
    planning staff still yields a complete demo.
    """
    builder = _Builder(catalog, load_anchors())
    return {
        code: builder.reported(code)
        for code, indicator in catalog.indicators.items()
        if indicator.kind != "derived"
    }


# Anchors ------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One stated figure or comparison: ``measure`` of the indicator at ``period``."""

    period: Period
    measure: str
    value: Decimal
    precision: int


@dataclass(frozen=True)
class Anchors:
    profiles: dict[str, tuple[float, ...]]
    indicators: dict[str, dict[str, Any]]

    def of(self, code: str) -> dict[str, Any]:
        return self.indicators.get(code, {})


def load_anchors(path: Path = ANCHORS_FILE) -> Anchors:
    """Read ``anchors.toml``: ``[profile]`` seasonal factors and ``[indicator.CODE]`` tables."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    profiles = {name: tuple(float(x) for x in values) for name, values in raw.get("profile", {}).items()}
    for name, values in profiles.items():
        if len(values) != 12:
            raise ValueError(f"anchors: profile {name!r} needs 12 monthly factors")
    return Anchors(profiles=profiles, indicators=dict(raw.get("indicator", {})))


def _facts(entries: Iterable[list[Any]]) -> list[Fact]:
    facts = []
    for entry in entries:
        period, measure, value = entry[0], entry[1], entry[2]
        precision = int(entry[3]) if len(entry) > 3 else 2
        facts.append(Fact(Period.parse(period), measure, Decimal(str(value)), precision))
    return facts


# Arithmetic -----------------------------------------------------------------


def _step(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def _round(value: Decimal, places: int) -> Decimal:
    """Half away from zero, as the reports round."""
    return value.quantize(_step(places), rounding=ROUND_HALF_UP)


def _to_decimal(value: float, step: Decimal) -> Decimal:
    return Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)


def _growth_ok(num: Decimal, den: Decimal, pct: Decimal, precision: int) -> bool:
    """Whether num/den - 1, in percent and rounded, is the stated ``pct``."""
    if den <= 0:
        return False
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return _round((num / den - 1) * 100, precision) == _round(pct, precision)


def _nearest(centre: Decimal, step: Decimal, accept: Callable[[Decimal], bool], what: str) -> Decimal:
    """The multiple of ``step`` nearest to ``centre`` that ``accept`` takes."""
    base = (centre / step).to_integral_value(rounding=ROUND_HALF_UP)
    for distance in range(_MAX_SEARCH):
        for sign in (1, -1) if distance else (1,):
            candidate = (base + sign * distance) * step
            if candidate >= 0 and accept(candidate):
                return candidate
    raise ValueError(f"demo: no value at step {step} satisfies {what}")


@dataclass(frozen=True)
class _Ratio:
    """``value(num) / value(den) - 1`` rounds to ``pct`` at ``precision``;
    with ``diff``, ``value(num) - value(den)`` is exactly ``pct``."""

    num: Span
    den: Span
    pct: Decimal
    precision: int
    diff: bool = False

    def describe(self) -> str:
        if self.diff:
            return f"{_span_text(self.num)} - {_span_text(self.den)} = {self.pct}"
        return f"{_span_text(self.num)} / {_span_text(self.den)} - 1 = {self.pct}%"

    def holds(self, num: Decimal, den: Decimal) -> bool:
        if self.diff:
            return num - den == self.pct
        return _growth_ok(num, den, self.pct, self.precision)


def _solve(known: Decimal, ratio: _Ratio, unknown_is_num: bool, step: Decimal) -> Decimal:
    if ratio.diff:
        value = known + ratio.pct if unknown_is_num else known - ratio.pct
        if value < 0 or value.quantize(step, rounding=ROUND_HALF_UP) != value:
            raise ValueError(f"demo: {ratio.describe()} needs {value} at step {step}")
        return value
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        factor = 1 + ratio.pct / 100
        centre = known * factor if unknown_is_num else known / factor

    def accept(candidate: Decimal) -> bool:
        if unknown_is_num:
            return _growth_ok(candidate, known, ratio.pct, ratio.precision)
        return _growth_ok(known, candidate, ratio.pct, ratio.precision)

    return _nearest(centre, step, accept, ratio.describe())


def _apportion(total: Decimal, weights: list[float], step: Decimal) -> list[Decimal]:
    """Split ``total`` (a multiple of ``step``) in proportion to ``weights``, exactly.

    Largest remainder; ties go to evenly spread positions, so that 5 units over
    12 equal months do not all land at the start of the year.
    """
    units = int(total / step)
    if units < 0:
        raise ValueError(f"demo: a span needs a negative remainder ({total})")
    scaled = [max(int(w * 1e9), 0) for w in weights]
    if sum(scaled) == 0:
        scaled = [1] * len(weights)
    whole = sum(scaled)
    floors = [units * w // whole for w in scaled]
    remainders = [units * w % whole for w in scaled]
    left = units - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], _spread_key(i)))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(f) * step for f in floors]


def _spread_key(i: int) -> int:
    """Bit-reversed index: 0, 8, 4, 12, 2, ... spreads ties across a span."""
    return int(f"{i:08b}"[::-1], 2)


def _t(period: Period) -> int:
    return period.year * 12 + period.month - 1


def _interpolate(points: list[tuple[float, float]], t: float) -> float:
    """Log-linear between the neighbouring points (linear if one is not positive), flat outside."""
    points = sorted(points)
    if t <= points[0][0]:
        return points[0][1]
    if t >= points[-1][0]:
        return points[-1][1]
    for (t0, v0), (t1, v1) in pairwise(points):
        if t0 <= t <= t1:
            if t1 == t0:
                return v1
            share = (t - t0) / (t1 - t0)
            if v0 > 0 and v1 > 0:
                return float(v0 * (v1 / v0) ** share)
            return v0 + (v1 - v0) * share
    return points[-1][1]


def _ytd_span(period: Period) -> Span:
    return (Period(period.year, 1), period)


def _month_span(period: Period) -> Span:
    return (period, period)


def _shift(span: Span, months: int) -> Span:
    return (span[0].shift(months), span[1].shift(months))


def _span_text(span: Span) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}..{span[1]}"


# Models -----------------------------------------------------------------------


class _Model(Protocol):
    step: Decimal

    def known(self, span: Span) -> Decimal | None: ...

    def fix(self, span: Span, value: Decimal) -> None: ...

    def fill(self) -> dict[Period, Decimal]: ...

    def total(self, values: Mapping[Period, Decimal], span: Span) -> Decimal: ...

    def span_fixes(self) -> dict[Span, Decimal]: ...


def _exact(name: str, value: Decimal, step: Decimal) -> Decimal:
    """``value`` at the model's resolution; a figure with more decimals is an anchor error."""
    rounded = value.quantize(step, rounding=ROUND_HALF_UP)
    if rounded != value:
        raise ValueError(f"{name}: {value} has more decimals than the indicator allows ({step})")
    return rounded


class _Additive:
    """Monthly amounts with fixed months and fixed sums over spans starting in January."""

    def __init__(self, name: str, months: list[Period], step: Decimal,
                 baseline: Callable[[dict[Span, Decimal]], dict[Period, float]]) -> None:
        self.name = name
        self.months = months
        self.step = step
        self.baseline = baseline
        self.fixes: dict[Span, Decimal] = {}

    def known(self, span: Span) -> Decimal | None:
        if span in self.fixes:
            return self.fixes[span]
        total = Decimal(0)
        current = span[0]
        while current <= span[1]:
            ends = [(b, v) for (a, b), v in self.fixes.items() if a == current and b <= span[1]]
            if not ends:
                return None
            end, value = max(ends)
            total += value
            current = end.next
        return total

    def fix(self, span: Span, value: Decimal) -> None:
        if span[0] < self.months[0] or span[1] > self.months[-1]:
            raise ValueError(f"{self.name}: {_span_text(span)} is outside the demo months")
        value = _exact(self.name, value, self.step)
        if span in self.fixes and self.fixes[span] != value:
            raise ValueError(f"{self.name}: {_span_text(span)} fixed twice ({self.fixes[span]}, {value})")
        self.fixes[span] = value

    def total(self, values: Mapping[Period, Decimal], span: Span) -> Decimal:
        return sum((values[m] for m in months_between(*span)), Decimal(0))

    def span_fixes(self) -> dict[Span, Decimal]:
        return dict(self.fixes)

    def fill(self) -> dict[Period, Decimal]:
        weights = self.baseline(self.fixes)
        values: dict[Period, Decimal] = {}
        for (first, last), value in self.fixes.items():
            if first == last:
                values[first] = value
        spans = sorted((s for s in self.fixes if s[0] != s[1]), key=lambda s: (_t(s[1]) - _t(s[0]), s))
        for span in spans:
            members = months_between(*span)
            free = [m for m in members if m not in values]
            rest = self.fixes[span] - sum((values[m] for m in members if m in values), Decimal(0))
            if not free:
                if rest != 0:
                    raise ValueError(f"{self.name}: {_span_text(span)} is fully fixed but off by {rest}")
                continue
            try:
                shares = _apportion(rest, [weights[m] for m in free], self.step)
            except ValueError as exc:
                raise ValueError(f"{self.name}: {_span_text(span)}: {exc}") from None
            values.update(zip(free, shares, strict=True))
        for m in self.months:
            if m not in values:
                values[m] = _to_decimal(weights[m], self.step)
        return values


class _Level:
    """Values at month ends, fixed at some months and interpolated between them.

    With ``parent`` the interpolation runs over the child's share of the
    parent, so that a breakdown follows its whole.
    """

    def __init__(self, name: str, months: list[Period], step: Decimal,
                 shape: dict[Period, float], parent: Mapping[Period, Decimal] | None = None,
                 default: float = 1.0) -> None:
        self.name = name
        self.default = default
        self.months = months
        self.step = step
        self.shape = shape
        self.parent = parent
        self.fixes: dict[Period, Decimal] = {}

    def known(self, span: Span) -> Decimal | None:
        return self.fixes.get(span[0]) if span[0] == span[1] else None

    def fix(self, span: Span, value: Decimal) -> None:
        if span[0] != span[1] or span[0] not in self.months:
            raise ValueError(f"{self.name}: cannot fix {_span_text(span)}")
        month = span[0]
        value = _exact(self.name, value, self.step)
        if month in self.fixes and self.fixes[month] != value:
            raise ValueError(f"{self.name}: {month} fixed twice ({self.fixes[month]}, {value})")
        self.fixes[month] = value

    def total(self, values: Mapping[Period, Decimal], span: Span) -> Decimal:
        return values[span[0]]

    def span_fixes(self) -> dict[Span, Decimal]:
        return {_month_span(m): v for m, v in self.fixes.items()}

    def fill(self) -> dict[Period, Decimal]:
        if self.parent is not None:
            parent = self.parent
            points = [(float(_t(m)), float(v / parent[m])) for m, v in self.fixes.items() if parent[m] > 0]
            if not points:
                points = [(0.0, 0.0)]
            return {
                m: self.fixes[m] if m in self.fixes
                else _to_decimal(float(parent[m]) * _interpolate(points, _t(m)), self.step)
                for m in self.months
            }
        nodes = {m: float(v) for m, v in self.fixes.items()}
        for m, v in self.shape.items():
            nodes.setdefault(m, v)
        points = [(float(_t(m)), v) for m, v in nodes.items()] or [(0.0, self.default)]
        return {
            m: self.fixes[m] if m in self.fixes else _to_decimal(_interpolate(points, _t(m)), self.step)
            for m in self.months
        }


def _resolve(model: _Model, ratios: list[_Ratio], name: str) -> None:
    """Turn every ratio into fixed values, one side from the other."""
    pending = list(ratios)
    while pending:
        progressed = False
        for ratio in list(pending):
            num, den = model.known(ratio.num), model.known(ratio.den)
            if num is not None and den is not None:
                if not ratio.holds(num, den):
                    raise ValueError(f"{name}: {ratio.describe()} does not hold ({num} / {den})")
            elif num is not None:
                model.fix(ratio.den, _solve(num, ratio, False, model.step))
            elif den is not None:
                model.fix(ratio.num, _solve(den, ratio, True, model.step))
            else:
                continue
            pending.remove(ratio)
            progressed = True
        if not progressed:
            ratio = pending[0]
            model.fix(ratio.den, model.total(model.fill(), ratio.den))


# Building ---------------------------------------------------------------------


_IGNORED = ("plan", "derived", "target")


class _Builder:
    def __init__(self, catalog: Catalog, anchors: Anchors) -> None:
        self.catalog = catalog
        self.anchors = anchors
        self.cache: dict[str, dict[Period, Decimal]] = {}
        self.balance_of: dict[str, str] = {}
        self.companions: dict[str, list[str]] = {}
        for code, spec in anchors.indicators.items():
            if code not in catalog.indicators:
                continue
            if "balance" in spec:
                self.balance_of[spec["balance"]] = code
            if "levels_of" in spec:
                self.companions.setdefault(spec["levels_of"], []).append(code)

    # Public -------------------------------------------------------------------

    def reported(self, code: str) -> dict[Period, Reported]:
        ind = self.catalog.indicators[code]
        months = [m for m in months_between(DEMO_FIRST, DEMO_LAST) if asked_in(ind.frequency, m.month)]
        if ind.frequency != "monthly":
            values = self.internal(code)
            return {m: Reported(values[m], None) for m in months}
        if ind.kind == "index":
            return self._index_reported(ind, months)
        values = self.internal(code)
        step = _step(ind.decimals)
        out: dict[Period, Reported] = {}
        running = Decimal(0)
        for m in months:
            running = values[m] if m.month == 1 else running + values[m]
            if ind.kind == "flow":
                out[m] = Reported(values[m], running)
            elif ind.kind == "average":
                with localcontext() as ctx:
                    ctx.prec = _PRECISION
                    out[m] = Reported(values[m], (running / m.month).quantize(step, rounding=ROUND_HALF_UP))
            elif self._is_todate(ind):
                out[m] = Reported(running, None)
            else:
                out[m] = Reported(values[m], None)
        for m, rep in out.items():
            if ind.non_negative and any(v is not None and v < 0 for v in (rep.month, rep.ytd)):
                raise ValueError(f"{code}: negative figure at {m}: {rep}")
        return out

    # Internal series ------------------------------------------------------------

    def internal(self, code: str, extra: dict[Span, Decimal] | None = None) -> dict[Period, Decimal]:
        """Monthly amounts (additive kinds) or month-end values (levels) of ``code``."""
        if code in self.cache:
            return self.cache[code]
        if extra is None and code in self.balance_of:
            self.internal(self.balance_of[code])
            return self.cache[code]
        ind = self.catalog.indicators[code]
        spec = self.anchors.of(code)
        if "parts" in spec:
            values = self._sum_of_parts(ind, spec)
        elif "inflow" in spec:
            values = self._from_flows(ind, spec)
        else:
            model = self._model(ind, spec, self._all_facts(code), extra or {})
            values = model.fill()
        self.cache[code] = values
        return values

    def _sum_of_parts(self, ind: Indicator, spec: dict[str, Any]) -> dict[Period, Decimal]:
        balance = spec.get("balance")
        parts = [self.internal(c) for c in spec["parts"] if c != balance]
        if balance:
            own = self._model(ind, spec, self._all_facts(ind.code), {})
            extra: dict[Span, Decimal] = {}
            for span, value in own.span_fixes().items():
                taken = sum((self._span_total(ind, p, span) for p in parts), Decimal(0))
                extra[span] = value - taken
            parts.append(self.internal(balance, extra))
        months = parts[0].keys()
        return {m: sum((p[m] for p in parts), Decimal(0)) for m in months}

    def _from_flows(self, ind: Indicator, spec: dict[str, Any]) -> dict[Period, Decimal]:
        """A level carried by its flows: each month is the previous one plus inflow minus outflow.

        The first stated month (a ``month`` fact) fixes the level; every other
        stated month must then agree.
        """
        inflow, outflow = self.internal(spec["inflow"]), self.internal(spec["outflow"])
        stated = [f for f in self._all_facts(ind.code) if f.measure in ("month", "ytd")]
        if not stated:
            raise ValueError(f"{ind.code}: a level carried by flows needs one stated month")
        months = months_between(DEMO_FIRST, DEMO_LAST)
        anchor = stated[0]
        values = {anchor.period: _exact(ind.code, anchor.value, _step(ind.decimals))}
        start = months.index(anchor.period)
        for i in range(start + 1, len(months)):
            m = months[i]
            values[m] = values[months[i - 1]] + inflow[m] - outflow[m]
        for i in range(start, 0, -1):
            m = months[i]
            values[months[i - 1]] = values[m] - inflow[m] + outflow[m]
        for fact in stated[1:]:
            if values[fact.period] != fact.value:
                raise ValueError(f"{ind.code}: {fact.period} is {values[fact.period]} by its flows, "
                                 f"stated {fact.value}")
        if any(v < 0 for v in values.values()):
            raise ValueError(f"{ind.code}: its flows take the level below zero")
        return values

    def _span_total(self, ind: Indicator, values: Mapping[Period, Decimal], span: Span) -> Decimal:
        if self._is_additive(ind):
            return sum((values[m] for m in months_between(*span)), Decimal(0))
        return values[span[0]]

    def _all_facts(self, code: str) -> list[Fact]:
        spec = self.anchors.of(code)
        return _facts(spec.get("facts", [])) + _facts(spec.get("hints", []))

    def _is_todate(self, ind: Indicator) -> bool:
        return ind.kind == "cumulative"

    def _is_additive(self, ind: Indicator) -> bool:
        return self._form(ind) in ("index", "todate", "flow", "average")

    def _form(self, ind: Indicator) -> str:
        """How the indicator is held: periodic, index, todate, flow, average or level."""
        if ind.frequency != "monthly":
            return "periodic"
        if ind.kind == "index":
            return "index"
        if self._is_todate(ind):
            return "todate"
        if ind.kind in ("flow", "average"):
            return ind.kind
        return "level"

    def _model(self, ind: Indicator, spec: dict[str, Any], facts: list[Fact],
               extra: dict[Span, Decimal]) -> _Additive | _Level:
        """The indicator's model with every fact resolved into fixed values."""
        form = self._form(ind)
        step = _step(ind.decimals)
        model: _Additive | _Level
        parent: dict[Period, Decimal] | None = None
        if form == "periodic":
            months = [m for m in months_between(DEMO_FIRST, DEMO_LAST) if asked_in(ind.frequency, m.month)]
            model = _Level(ind.code, months, step, self._shape(spec),
                           default=100.0 if ind.kind == "index" else 1.0)
        elif form == "level":
            if spec.get("follow_parent") or any(f.measure == "share" for f in facts):
                if not ind.parent:
                    raise ValueError(f"{ind.code}: a share needs a parent indicator")
                parent = self.internal(ind.parent)
            follow = parent if spec.get("follow_parent") else None
            model = _Level(ind.code, months_between(DEMO_FIRST, DEMO_LAST), step, self._shape(spec), follow)
        else:
            months = months_between(_INDEX_FIRST if form == "index" else DEMO_FIRST, DEMO_LAST)
            step = _INDEX_STEP if form == "index" else step
            model = _Additive(ind.code, months, step, self._baseline(ind, spec, months))
        for span, value in extra.items():
            model.fix(span, value)
        ratios: list[_Ratio] = []
        for fact in sorted(facts, key=lambda f: f.measure != "share"):
            if fact.measure in _IGNORED:
                continue
            if fact.measure == "share" and parent is not None:
                model.fix(_month_span(fact.period), _share_value(parent[fact.period], fact, step, ind.code))
                continue
            rule = _RULES.get((form, fact.measure))
            if rule is None:
                raise ValueError(f"{ind.code}: measure {fact.measure!r} does not apply here ({form})")
            span, other = rule(fact.period)
            if other is None:
                model.fix(span, fact.value + 100 if fact.measure.startswith("index_") else fact.value)
            else:
                ratios.append(_Ratio(span, other, fact.value, fact.precision, fact.measure.startswith("diff_")))
        _resolve(model, ratios, ind.code)
        return model

    def _shape(self, spec: dict[str, Any]) -> dict[Period, float]:
        return {Period.parse(k): float(v) for k, v in spec.get("shape", {}).items()}

    def _baseline(self, ind: Indicator, spec: dict[str, Any],
                  months: list[Period]) -> Callable[[dict[Span, Decimal]], dict[Period, float]]:
        """Weights for spreading sums: shape points (or the fixed figures) times the profile."""
        profile = self.anchors.profiles.get(spec.get("profile", "flat"), (1.0,) * 12)
        mean = sum(profile) / 12
        season = [x / mean for x in profile]
        shape = self._shape(spec)
        pair = spec.get("pair_of")
        default = float(spec.get("level", 100.0 if ind.kind == "index" else 1.0))

        def baseline(fixes: dict[Span, Decimal]) -> dict[Period, float]:
            if pair:
                counts = self.internal(pair)
                return {m: float(counts.get(m, 0)) for m in months}
            if shape:
                points = [(float(_t(m)), v) for m, v in shape.items()]
            else:
                points = []
                for (first, last), value in fixes.items():
                    members = months_between(first, last)
                    weight = sum(season[m.month - 1] for m in members)
                    centre = (_t(first) + _t(last)) / 2
                    points.append((centre, float(value) / weight))
            if not points:
                points = [(0.0, default)]
            return {m: max(_interpolate(points, _t(m)), 1e-9) * season[m.month - 1] for m in months}

        return baseline

    def _index_reported(self, ind: Indicator, months: list[Period]) -> dict[Period, Reported]:
        spec = self.anchors.of(ind.code)
        base = spec.get("levels_of")
        levels = self._index_levels(base or ind.code)
        step = _step(ind.decimals)
        out: dict[Period, Reported] = {}
        with localcontext() as ctx:
            ctx.prec = _PRECISION
            for m in months:
                if base:
                    out[m] = Reported(_round(levels[m] / levels[m.previous] * 100, ind.decimals), None)
                    continue
                ytd = sum((levels[x] for x in months_between(*_ytd_span(m))), Decimal(0))
                ytd_before = sum((levels[x] for x in months_between(*_shift(_ytd_span(m), -12))), Decimal(0))
                out[m] = Reported(
                    (levels[m] / levels[m.shift(-12)] * 100).quantize(step, rounding=ROUND_HALF_UP),
                    (ytd / ytd_before * 100).quantize(step, rounding=ROUND_HALF_UP),
                )
        return out

    def _index_levels(self, code: str) -> dict[Period, Decimal]:
        """The production level behind an index and its companions (``levels_of``)."""
        if code in self.cache:
            return self.cache[code]
        ind = self.catalog.indicators[code]
        facts = self._all_facts(code)
        for companion in self.companions.get(code, []):
            facts += [Fact(f.period, "mom", f.value, f.precision)
                      for f in self._all_facts(companion) if f.measure == "index_month"]
        model = self._model(ind, self.anchors.of(code), facts, {})
        self.cache[code] = model.fill()
        return self.cache[code]


# What a fact constrains, by how the indicator is held (see _Builder._form):
# (the span it fixes or compares, the span it compares with - None for a fix).
def _ytd_vs_last_year(p: Period) -> tuple[Span, Span | None]:
    return _ytd_span(p), _shift(_ytd_span(p), -12)


def _month_vs(months: int) -> Callable[[Period], tuple[Span, Span | None]]:
    return lambda p: (_month_span(p), _month_span(p.shift(months)))


def _fix_month(p: Period) -> tuple[Span, Span | None]:
    return _month_span(p), None


def _fix_ytd(p: Period) -> tuple[Span, Span | None]:
    return _ytd_span(p), None


_RULES: dict[tuple[str, str], Callable[[Period], tuple[Span, Span | None]]] = {
    # quarterly and yearly figures: one value per period end
    ("periodic", "month"): _fix_month,
    ("periodic", "ytd"): _fix_month,
    ("periodic", "index_month"): _fix_month,
    ("periodic", "index_ytd"): _fix_month,
    ("periodic", "yoy_month"): _month_vs(-12),
    ("periodic", "yoy_ytd"): _month_vs(-12),
    # index: ratios of the production level; "mom" comes from a levels_of companion
    ("index", "index_month"): _month_vs(-12),
    ("index", "index_ytd"): _ytd_vs_last_year,
    ("index", "mom"): _month_vs(-1),
    # flow and average: monthly amounts
    ("flow", "month"): _fix_month,
    ("flow", "ytd"): _fix_ytd,
    ("flow", "mom"): _month_vs(-1),
    ("flow", "yoy_month"): _month_vs(-12),
    ("flow", "yoy_ytd"): _ytd_vs_last_year,
    ("flow", "diff_prev"): _month_vs(-1),
    ("flow", "diff_ytd"): _ytd_vs_last_year,
    # average (CPI): monthly index levels; a period is their mean
    ("average", "month"): _fix_month,
    ("average", "mom"): _month_vs(-1),
    ("average", "yoy_month"): _month_vs(-12),
    ("average", "yoy_ytd"): _ytd_vs_last_year,
    # cumulative: monthly increments, facts are to-date values
    ("todate", "month"): _fix_ytd,
    ("todate", "ytd"): _fix_ytd,
    ("todate", "yoy_month"): _ytd_vs_last_year,
    ("todate", "yoy_ytd"): _ytd_vs_last_year,
    ("todate", "diff_ytd"): _ytd_vs_last_year,
    # stock: month-end levels
    ("level", "month"): _fix_month,
    ("level", "ytd"): _fix_month,
    ("level", "mom"): _month_vs(-1),
    ("level", "yoy_month"): _month_vs(-12),
    ("level", "yoy_ytd"): _month_vs(-12),
    ("level", "diff_prev"): _month_vs(-1),
    ("level", "diff_ytd"): _month_vs(-12),
}


def _share_value(whole: Decimal, fact: Fact, step: Decimal, name: str) -> Decimal:
    """The child amount nearest to ``whole * share`` whose share rounds to the stated one."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        centre = whole * fact.value / 100

        def accept(candidate: Decimal) -> bool:
            with localcontext() as inner:
                inner.prec = _PRECISION
                return _round(candidate / whole * 100, fact.precision) == _round(fact.value, fact.precision)

        return _nearest(centre, step, accept, f"{name} share {fact.value}% of {whole}")
