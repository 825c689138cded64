"""A report assembled once as data: every figure with the stored rows behind it, rendered from nothing else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from reportgen import Aggregator, Catalog, Period, ReportOptions, Store, assemble, build_report, render
from reportgen.cli import main
from reportgen.figures import chart_series, figures_record, values_span
from reportgen.report.data import indented_json

from conftest import MakeWorkbook, Put, Submit

MARCH = Period(2023, 3)


def ids_of(store: Store, indicator: str) -> dict[tuple[str, str], int]:
    return {(row["period"], row["basis"]): row["id"] for row in store.history(indicator)}


def it_traces_a_flows_quarter_to_its_months_and_a_ratio_to_its_operands(put: Put, small_catalog: Catalog,
                                                                        store: Store) -> None:
    put([("retail_sales", f"2023-0{m}", "month", "final", str(9000 + m)) for m in (1, 2, 3)]
        + [("retail_sales", "2022-03", "month", "final", "8000")])
    put([("loans", "2023-03", "month", "estimate", "142300"), ("bad_debt", "2023-03", "month", "estimate", "2600")],
        "NHNN")
    data = assemble(small_catalog, store, MARCH)
    retail = ids_of(store, "retail_sales")
    quarter = data.figures["retail_sales"].qtd
    assert quarter is not None and quarter.sources == tuple(retail[(f"2023-0{m}", "month")] for m in (1, 2, 3))
    assert data.figures["retail_sales"].month_ly.sources == (retail[("2022-03", "month")],)  # type: ignore[union-attr]
    ratio = data.figures["bad_debt_ratio"].month
    operands = sorted([ids_of(store, "loans")[("2023-03", "month")], ids_of(store, "bad_debt")[("2023-03", "month")]])
    assert ratio is not None and list(ratio.sources) == operands
    manifest = json.loads(data.to_json())
    assert manifest["figures"]["retail_sales"]["spans"]["qtd"] == {
        "value": "27006", "estimate": False, "observations": list(quarter.sources)}
    assert manifest["figures"]["bad_debt_ratio"]["spans"]["month"]["observations"] == operands
    assert manifest["figures"]["cpi"]["spans"]["month"] is None


def it_names_the_submission_of_every_narrative(small_catalog: Catalog, store: Store, make_workbook: MakeWorkbook,
                                               submit: Submit) -> None:
    submit(make_workbook())
    [accepted] = store.submissions()
    data = assemble(small_catalog, store, MARCH)
    assert [(n.department, n.section, str(n.kind), n.submission_id) for n in data.narratives] == [
        ("SCT", "econ.trade", "paragraph", accepted["id"]), ("SCT", "econ.trade", "footnote", accepted["id"]),
        ("SCT", "tasks.next_month", "task", accepted["id"])]
    assert json.loads(data.to_json())["narratives"][0] == {
        "department": "SCT", "section": "econ.trade", "kind": "paragraph",
        "text": "Sức mua tăng nhờ Công ty A&B mở rộng <siêu thị>.", "submission": accepted["id"]}


def it_renders_from_the_data_alone(demo_db: Path, tmp_path: Path, catalog: Catalog, store: Store,
                                   clock: Callable[[], dt.datetime], docx_text: Callable[[Path | bytes], str]) -> None:
    copy = demo_db
    with Store.open(str(copy)) as store:
        options = ReportOptions(number="742/BC-SKHĐT")
        data = assemble(catalog, store, MARCH, options)
        built = build_report(catalog, store, MARCH, tmp_path / "built.docx", options=options, clock=clock, actor="test")
    copy.unlink()  # the store is gone: rendering must not need it
    document = render(data)
    assert document == built.docx.read_bytes()
    assert "ước thực hiện 9.239,42 tỷ đồng, tăng 8,92% so với tháng trước" in docx_text(document)


def it_writes_the_same_manifest_twice_with_sorted_keys(catalog: Catalog, demo_store: Store) -> None:
    first = assemble(catalog, demo_store, MARCH).to_json()
    second = assemble(catalog, demo_store, MARCH).to_json()
    assert first == second
    manifest = json.loads(first)
    assert first == json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # as stored
    data = assemble(catalog, demo_store, MARCH)
    assert data.to_json(indent=True) == json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert (manifest["format"], manifest["period"], manifest["catalog"]["version"]) == (
        "reportgen.manifest/1", "2023-03", catalog.version)
    retail = manifest["figures"]["retail_sales"]
    assert (retail["spans"]["month"]["value"], retail["spans"]["ytd"]["value"]) == ("9239.42", "28684.031")
    assert len(retail["spans"]["ytd"]["observations"]) == 3
    with_figures = [code for code, fig in manifest["figures"].items()
                    if fig["spans"]["month"] or fig["spans"]["ytd"]]  # March has no yearly figure
    assert [row["code"] for row in manifest["appendix"] if not row["heading"]] == [
        code for code in catalog.indicators if code in with_figures]
    assert len(with_figures) < len(catalog.indicators)
    assert [t["number"] for t in manifest["targets"]] == list(range(1, 18))
    assert [c["indicator"] for c in manifest["charts"]] == list(catalog.report.charts)


def it_reads_only_the_months_the_figures_and_charts_rest_on(catalog: Catalog, demo_store: Store) -> None:
    for period in (Period(2023, 1), MARCH, Period(2022, 12)):  # January's previous month is last year's
        data = assemble(catalog, demo_store, period)
        whole = Aggregator(catalog, demo_store.current_values(*values_span(period)))
        assert {code: figures_record(fig) for code, fig in data.figures.items()} == {
            code: figures_record(whole.figures(ind, period)) for code, ind in catalog.indicators.items()}
        assert list(data.charts) == [chart_series(whole, catalog.indicators[code], period)
                                     for code in catalog.report.charts]


def it_writes_the_manifest_as_the_json_module_would() -> None:
    value = {"b": [1, -20, 10**30, True, None, "x\"\\\n\t\u0001é\u2028", [], {}, [[]], (3, "4")],
             "a": {"z": {}, "y": [0]}, "é": False}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    other = {"y": [1.5], "x": {"2": float("inf")}}  # left to the json module
    assert indented_json(other) == json.dumps(other, ensure_ascii=False, sort_keys=True, indent=1)


def it_writes_the_manifest_beside_the_document_on_request(demo_db: Path, tmp_path: Path) -> None:
    out, manifest = tmp_path / "bao-cao.docx", tmp_path / "bao-cao.json"
    result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--out", str(out), "--manifest", str(manifest),
                                       "--db", str(demo_db)])
    assert (result.exit_code, result.stdout) == (
        0, f"Đã tạo báo cáo {out}\nĐã ghi danh sách số liệu {manifest}\nĐã ghi nhận lần lập báo cáo số 3.\n")
    written = manifest.read_text(encoding="utf-8")
    payload = json.loads(written)
    assert written.startswith('{\n "appendix": [\n')  # indented, for people to read
    assert payload["period"] == "2023-03" and payload["header"]["issuer"] == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
