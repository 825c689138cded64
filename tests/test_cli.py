"""The command line, end to end through click, with exact expected output."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportgen import DEFAULT_TEMPLATES, Catalog, Period
from reportgen.cli import main
from reportgen.store.versions import HEAD

from conftest import MakeWorkbook


@pytest.fixture
def env(tmp_path: Path, small_catalog_file: Path) -> dict[str, str]:
    return {"catalog": str(small_catalog_file), "db": str(tmp_path / "store.sqlite")}


def stored_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_rows(printed: str) -> list[list[str]]:
    """The cells of a table rich printed, row by row, its header first."""
    return [[cell.strip() for cell in line[1:-1].split(line[0])] for line in printed.splitlines()
            if line[:1] in ("│", "┃")]


def invoke(*args: str) -> tuple[int, str]:
    """Run a command; its exit code and all it printed (standard output and errors, as a terminal shows them)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def it_writes_one_form_per_department(tmp_path: Path, env: dict[str, str]) -> None:
    code, out = invoke("forms", "--period", "2023-03", "--out", str(tmp_path / "f"), "--catalog", env["catalog"])
    assert code == 0
    assert out == (
        f"Đã tạo {tmp_path / 'f' / '2023-03_SCT.xlsx'}\n"
        f"Đã tạo {tmp_path / 'f' / '2023-03_NHNN.xlsx'}\n"
        "Tổng cộng 2 biểu mẫu tháng 03/2023.\n"
    )


def it_refuses_an_unknown_department_with_exit_2(env: dict[str, str]) -> None:
    code, out = invoke("forms", "--period", "2023-03", "--department", "XYZ", "--catalog", env["catalog"])
    assert code == 2
    assert out == "Lỗi: Không có đơn vị mã XYZ trong danh mục.\n"


def it_refuses_a_malformed_period_with_exit_2(env: dict[str, str]) -> None:
    code, out = invoke("figures", "--period", "03/2023", "--catalog", env["catalog"])
    assert (code, out) == (2, "Lỗi: Kỳ báo cáo '03/2023' không đúng dạng NĂM-THÁNG (ví dụ 2023-03).\n")


def it_ingests_and_reports_each_file(tmp_path: Path, make_workbook: MakeWorkbook, good: dict[str, Any],
                                     env: dict[str, str]) -> None:
    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(make_workbook({**good, "cpi": {"F": "khoảng 300"}}))
    code, out = invoke("ingest", str(form), str(bad), "--db", env["db"], "--catalog", env["catalog"])
    assert code == 1
    lines, table = out.split("Tổng hợp tiếp nhận")
    assert table_rows(table) == [
        ["Tệp", "Đơn vị", "Kỳ", "Kết quả", "Mới", "Thay thế", "Không đổi", "Không tính", "Bỏ qua", "Lỗi", "Cảnh báo"],
        ["2023-03_SCT.xlsx", "SCT", "2023-03", "ĐÃ TIẾP NHẬN", "9", "0", "0", "0", "0", "0", "0"],
        ["sai.xlsx", "SCT", "2023-03", "BỊ TỪ CHỐI", "0", "0", "0", "0", "0", "1", "0"],
    ]
    assert lines.rstrip(" \n") + "\n" == (
        "✔ ĐÃ TIẾP NHẬN: 2023-03_SCT.xlsx (SCT, kỳ 2023-03) - 9 số liệu mới, 0 thay thế, 0 không đổi\n"
        "✘ BỊ TỪ CHỐI: sai.xlsx (SCT, kỳ 2023-03)\n"
        "    Lỗi: sai.xlsx, sheet 'Số liệu', ô F8, chỉ tiêu cpi: Ô 'Ước thực hiện tháng 03/2023' "
        "của chỉ tiêu 'Chỉ số giá tiêu dùng' phải là số; giá trị 'khoảng 300' không phải là số (ví dụ đúng: 1.234,5).\n"
        "Tổng cộng 2 tệp: 1 hợp lệ, 1 bị từ chối.\n"
    )
    code, out = invoke("ingest", str(form), "--db", env["db"], "--catalog", env["catalog"])
    assert code == 0
    assert out.split("Tổng hợp tiếp nhận")[0].rstrip(" \n") + "\n" == (
        "= ĐÃ CÓ, KHÔNG THAY ĐỔI: 2023-03_SCT.xlsx (SCT, kỳ 2023-03)\n"
        "    Cảnh báo: 2023-03_SCT.xlsx: Tệp này đã được tiếp nhận trước đó (cùng nội dung); "
        "không có gì thay đổi.\n"
        "Tổng cộng 1 tệp: 1 hợp lệ, 0 bị từ chối.\n"
    )


def it_prints_findings_as_json(tmp_path: Path, make_workbook: MakeWorkbook, good: dict[str, Any],
                               env: dict[str, str]) -> None:
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(make_workbook({**good, "retail_goods": {"F": -1}}))
    code, out = invoke("ingest", str(bad), "--json", "--dry-run", "--catalog", env["catalog"])
    assert code == 1
    payload = json.loads(out)
    assert payload[0]["status"] == "rejected"
    assert payload[0]["findings"] == [{
        "code": "cell.negative", "severity": "error", "file": "sai.xlsx", "sheet": "Số liệu", "cell": "F7",
        "indicator": "retail_goods", "explanation": "",
        "message": "Chỉ tiêu 'Bán lẻ hàng hóa' không thể âm; ô 'Ước thực hiện tháng 03/2023' đang là -1.",
    }]
    assert not Path(env["db"]).exists()


def it_prints_figures_as_json(tmp_path: Path, make_workbook: MakeWorkbook, env: dict[str, str]) -> None:
    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    invoke("ingest", str(form), "--db", env["db"], "--catalog", env["catalog"])
    code, out = invoke("figures", "--period", "2023-03", "--json", "--db", env["db"], "--catalog", env["catalog"])
    assert code == 0
    records = {r["code"]: r for r in json.loads(out)}
    retail = records["retail_sales"]
    assert retail["month"] == "9239.42" and retail["estimate"] is True
    assert retail["prev_month"] == "8482.76" and retail["plan"] == "125752"
    assert round(Decimal(retail["change_vs_prev_month"]), 2) == Decimal("8.92")
    assert records["iip"]["index_month_minus_100"] == "10.95"


def it_writes_figures_to_excel(tmp_path: Path, env: dict[str, str]) -> None:
    out_file = tmp_path / "so-lieu.xlsx"
    code, out = invoke("figures", "--period", "2023-03", "--xlsx", str(out_file), "--db", env["db"],
                       "--catalog", env["catalog"])
    assert code == 0 and out == f"Đã ghi {out_file}\n"
    from openpyxl import load_workbook

    ws = load_workbook(out_file).active
    assert ws is not None
    assert ws["A1"].value == "Mã" and ws["A2"].value == "retail_sales"


def it_explains_a_bad_catalog_entry(tmp_path: Path, small_catalog_text: str) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(small_catalog_text.replace('kind = "stock"', 'kind = "stok"', 1), encoding="utf-8")
    code, out = invoke("catalog", "--catalog", str(broken))
    assert code == 1
    assert out == (
        f"Lỗi: Danh mục chỉ tiêu {broken} không hợp lệ:\n"
        "  - Chỉ tiêu 'loans', trường 'kind': 'stok' không hợp lệ; chọn một trong: flow, stock, average, "
        "cumulative, index, derived\n"
    )


def it_lists_the_catalog_as_json(env: dict[str, str]) -> None:
    code, out = invoke("catalog", "--json", "--catalog", env["catalog"])
    assert code == 0
    payload = json.loads(out)
    assert payload["version"] == "t1"
    assert [i["code"] for i in payload["indicators"]][:2] == ["retail_sales", "retail_goods"]
    assert payload["indicators"][0]["plans"] == {"2023": "125752"}


def it_shows_what_counts_in_the_history_of_an_indicator(tmp_path: Path, make_workbook: MakeWorkbook,
                                                          good: dict[str, Any], env: dict[str, str]) -> None:
    february = {k: v for k, v in good.items() if k != "grdp_growth"} | {"retail_sales": {"F": 8000}}
    sent = [("2023-02_SCT.xlsx", make_workbook(february, period=Period(2023, 2))),
            ("2023-03_SCT.xlsx", make_workbook()),  # February's final figure: it replaces the estimate
            ("2023-02_SCT_gui-lai.xlsx", make_workbook(february | {"retail_sales": {"F": 8100}},
                                                      period=Period(2023, 2)))]  # a late estimate: not counted
    outputs = []
    for name, data in sent:
        (tmp_path / name).write_bytes(data)
        outputs.append(invoke("ingest", str(tmp_path / name), "--db", env["db"], "--catalog", env["catalog"]))
    assert [code for code, _ in outputs] == [0, 0, 0]
    assert outputs[2][1].split("Tổng hợp tiếp nhận")[0].splitlines() == [
        "✔ ĐÃ TIẾP NHẬN: 2023-02_SCT_gui-lai.xlsx (SCT, kỳ 2023-02) - 0 số liệu mới, 0 thay thế, 4 không đổi",
        "    không tính retail_sales 2023-02 (month): 8.100, vì đã có số chính thức 8.482,76",
        "    không tính retail_goods 2023-02 (month): 7.000, vì đã có số chính thức 6.500",
        "Tổng cộng 1 tệp: 1 hợp lệ, 0 bị từ chối.",
    ]
    code, out = invoke("history", "--indicator", "retail_sales", "--period", "2023-02", "--json", "--db", env["db"],
                       "--catalog", env["catalog"])
    assert code == 0
    rows = json.loads(out)
    first, final, late = (r["id"] for r in rows)
    assert first < final < late
    assert [(r["status"], r["value"], r["replaces"], r["replaced_by"], r["counts"], r["not_counted"],
             r["submission"]["file"], r["submission"]["cell"]) for r in rows] == [
        ("estimate", "8000", None, final, False, None, "2023-02_SCT.xlsx", "F6"),
        ("final", "8482.76", first, None, True, None, "2023-03_SCT.xlsx", "G6"),
        ("estimate", "8100", None, None, False, "final_exists", "2023-02_SCT_gui-lai.xlsx", "F6"),
    ]
    assert rows[0]["submission"]["received_at"].endswith("+00:00")
    code, out = invoke("history", "--indicator", "retail_sales", "--period", "2023-02", "--db", env["db"],
                       "--catalog", env["catalog"])
    assert code == 0 and out.splitlines()[0] == "Lịch sử retail_sales: Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ"
    moment = r"\d\d/\d\d/\d{4} \d\d:\d\d"
    assert [re.sub(moment, "T", " ".join(row)) for row in table_rows(out)[1:]] == [
        f"{first} 2023-02 month ước 8.000  đã được thay (số hiệu {final}) 2023-02_SCT.xlsx F6 SCT T",
        f"{final} 2023-02 month chính thức 8.482,76 8.000 đang được tính 2023-03_SCT.xlsx G6 SCT T",
        f"{late} 2023-02 month ước 8.100  không tính: đã có số chính thức 2023-02_SCT_gui-lai.xlsx F6 SCT T",
    ]


def it_answers_in_the_departments_own_workbook(tmp_path: Path, make_workbook: MakeWorkbook,
                                               env: dict[str, str]) -> None:
    from openpyxl import load_workbook

    bad = tmp_path / "2023-03_NHNN.xlsx"
    values = {"budget_revenue": {"F": 100}, "loans": {"F": "N/A"}, "bad_debt": {"F": 2600}, "deposits": {"F": 10},
              "deposits_vnd": {"F": 8}, "deposits_fx": {"F": 2}, "safe_commune_rate": {"F": "75,25"},
              "credit_institutions": {"F": 48}}
    bad.write_bytes(make_workbook(values, narrative=[], department="NHNN"))
    copies = tmp_path / "tra-loi"
    code, out = invoke("validate", str(bad), "--annotate", str(copies), "--catalog", env["catalog"],
                       "--db", env["db"])
    assert code == 1
    annotated = copies / "2023-03_NHNN_ket-qua-kiem-tra.xlsx"
    assert out.split("Tổng hợp tiếp nhận")[0].rstrip(" \n").splitlines() == [
        "✘ BỊ TỪ CHỐI: 2023-03_NHNN.xlsx (NHNN, kỳ 2023-03)",
        "    Lỗi: 2023-03_NHNN.xlsx, sheet 'Số liệu', ô F7, chỉ tiêu loans: Ô 'Ước thực hiện tháng "
        "03/2023' của chỉ tiêu 'Tổng dư nợ cho vay' phải là số; giá trị 'N/A' không phải là số (ví dụ đúng: 1.234,5).",
        "    Cảnh báo: 2023-03_NHNN.xlsx, sheet 'Số liệu', ô F12, chỉ tiêu safe_commune_rate: "
        "Ô 'Ước thực hiện tháng 03/2023' của chỉ tiêu 'Tỷ lệ xã, phường đạt chuẩn an toàn' có 2 chữ số thập phân, quá "
        "số 1 chữ số của chỉ tiêu; báo cáo sẽ làm tròn.",
        f"    Bản đánh dấu lỗi: {annotated}",
        "Tổng cộng 1 tệp: 0 hợp lệ, 1 bị từ chối.",
    ]
    assert not Path(env["db"]).exists()
    wb = load_workbook(annotated)
    assert wb.sheetnames[0] == "Kết quả kiểm tra"
    summary = wb["Kết quả kiểm tra"]
    assert summary["A2"].value == "BỊ TỪ CHỐI: 1 lỗi, 1 cảnh báo. Hãy sửa các ô tô đỏ rồi nộp lại."
    assert [summary.cell(r, 7).value for r in (5, 6)] == ["cell.not_number", "cell.too_many_decimals"]
    assert str(summary.cell(5, 6).value).endswith("giá trị 'N/A' không phải là số (ví dụ đúng: 1.234,5).")
    data = wb["Số liệu"]
    assert data["F7"].fill.fgColor.rgb.endswith("FF9999")
    assert data["F7"].comment is not None and "'N/A' không phải là số" in data["F7"].comment.text
    assert data["F12"].fill.fgColor.rgb.endswith("FFEB84")
    assert data["F12"].comment.text.startswith("Cảnh báo: ")


def it_runs_every_command_from_the_command_line(tmp_path: Path, catalog: Catalog, store_location: str,
                                                archive_dir: Path | None,
                                                docx_text: Callable[[Path | bytes], str]) -> None:
    """The whole pipeline as a planner runs it, on the real catalog and template, for one month, on both stores."""
    from reportgen.demo.filler import fill_form
    from reportgen.demo.run import form_values
    from reportgen.demo.series import demo_series

    archive = archive_dir or tmp_path / "store-archive"
    db = store_location
    where = ["--db", db, *(["--archive", str(archive_dir)] if archive_dir else [])]
    code, _ = invoke("forms", "--period", "2023-03", "--department", "SCT", "--department", "NHNN",
                     "--out", str(tmp_path / "forms"), *where)
    assert code == 0
    series = demo_series(catalog)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for department in ("SCT", "NHNN"):
        blank = (tmp_path / "forms" / f"2023-03_{department}.xlsx").read_bytes()
        values = form_values(catalog, series, department, Period(2023, 3))
        cover = {"preparer": "Lê Văn Hùng", "phone": "0292 3800 111", "prepared_on": "17/03/2023"}
        (inbox / f"2023-03_{department}.xlsx").write_bytes(fill_form(blank, values, cover))
    code, out = invoke("ingest", str(inbox), "--period", "2023-03", *where)
    assert code == 0, out
    report = tmp_path / "bao-cao.docx"
    result = CliRunner().invoke(main, ["build", "--period", "2023-03", "--out", str(report), "--number",
                                       "742/BC-SKHĐT", "--date", "2023-03-28", "--signer", "Nguyễn Văn Minh",
                                       *where])
    assert (result.exit_code, result.stdout) == (0, f"Đã tạo báo cáo {report}\nĐã ghi nhận lần lập báo cáo số 1.\n")
    assert result.stderr == (f"Dùng {DEFAULT_TEMPLATES / 'catalog.toml'} (mặc định).\n"
                             f"Dùng {DEFAULT_TEMPLATES / 'report.docx'} (mặc định).\n")
    text = docx_text(report)
    assert "Số: 742/BC-SKHĐT" in text and "Cần Thơ, ngày 28 tháng 3 năm 2023" in text
    assert ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tháng 03/2023 ước thực hiện 9.239,42 tỷ đồng, "
            "tăng 8,92% so với tháng trước.") in text
    assert "Nợ xấu 2.600 tỷ đồng, chiếm 1,83% tổng dư nợ cho vay." in text
    assert "Nguyễn Văn Minh" in text
    assert "[chưa có số liệu]" in text  # departments that did not report show as missing, visibly
    code, out = invoke("builds", "--json", *where)
    [recorded] = json.loads(out)
    assert (code, recorded["id"], recorded["period"], recorded["file_name"]) == (0, 1, "2023-03", "bao-cao.docx")
    assert recorded["output_hash"] == hashlib.sha256(report.read_bytes()).hexdigest()
    explained = CliRunner().invoke(main, ["explain", "--docx", str(report), "--indicator", "retail_sales", *where])
    assert explained.exit_code == 0, explained.output
    lines = re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d", "T", explained.stdout).splitlines()
    history = CliRunner().invoke(main, ["history", "--indicator", "retail_sales", "--period", "2023-03", "--json",
                                        *where])
    [stored] = [row for row in json.loads(history.stdout) if row["basis"] == "month"]
    [archived] = archive.rglob(f"{stored_hash(inbox / '2023-03_SCT.xlsx')}.xlsx")
    assert lines == [
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ (retail_sales), số của tháng, báo cáo tháng 03/2023: 9.239,42 "
        "tỷ đồng (ước)",
        "Trong lần lập báo cáo số 1 lúc T, tính từ 1 giá trị đã lưu:",
        f"  ← số hiệu {stored['id']}: 2023-03 (month) = 9.239,42, ước; SCT, tệp 2023-03_SCT.xlsx, sheet 'Số liệu', "
        "ô F6, nộp lúc T",
        f"      bản gốc: {archived}",
    ]
    for command in (["status", "--period", "2023-03"], ["lock", "--period", "2023-03", "--user", "lan"],
                    ["unlock", "--period", "2023-03"], ["figures", "--period", "2023-03", "--json"],
                    ["validate", str(inbox)], ["db", "current"], ["db", "check"], ["db", "upgrade"],
                    ["changes", "--from", "1", "--to", str(report)], ["review", "1", "--reviewed"], ["builds"]):
        done = CliRunner().invoke(main, [*command, *where])
        assert done.exit_code == 0, (command, done.output)
    assert CliRunner().invoke(main, ["db", "current", *where]).stdout == (
        f"Kho dữ liệu {db}: phiên bản {HEAD}; phiên bản mới nhất: {HEAD}.\n")
    assert CliRunner().invoke(main, ["db", "check", *where]).stdout == f"Đủ 2 tệp gốc trong {archive}, đúng mã băm.\n"


def it_shows_status_and_locks_from_the_command_line(tmp_path: Path, make_workbook: MakeWorkbook, good: dict[str, Any],
                                                    env: dict[str, str]) -> None:
    form = tmp_path / "2023-03_SCT.xlsx"
    form.write_bytes(make_workbook())
    invoke("ingest", str(form), "--db", env["db"], "--catalog", env["catalog"])
    code, out = invoke("status", "--period", "2023-03", "--json", "--db", env["db"], "--catalog", env["catalog"])
    assert code == 0
    payload = json.loads(out)
    assert (payload["expected"], payload["received"], payload["share"], payload["locked"]) == (2, 1, 0.5, False)
    assert [d["state"] for d in payload["departments"]] == ["accepted", "missing"]
    assert invoke("lock", "--period", "2023-03", "--user", "truong.phong", "--db", env["db"]) == (
        0, "Đã khóa sổ tháng 03/2023.\n")
    again = tmp_path / "again.xlsx"
    again.write_bytes(make_workbook({**good, "cpi": {"F": 103}}))
    code, out = invoke("ingest", str(again), "--db", env["db"], "--catalog", env["catalog"])
    stamp = r"\d\d/\d\d/\d{4} \d\d:\d\d"
    assert code == 1
    assert re.sub(stamp, "T", out.split("Tổng hợp tiếp nhận")[0]).rstrip(" \n").splitlines() == [
        "✘ BỊ TỪ CHỐI: again.xlsx (SCT, kỳ 2023-03)",
        "    Lỗi: again.xlsx: Kỳ tháng 03/2023 đã được khóa sổ lúc T bởi truong.phong; không nhận thêm "
        "số liệu. Liên hệ Phòng Tổng hợp nếu cần điều chỉnh.",
        "Tổng cộng 1 tệp: 0 hợp lệ, 1 bị từ chối.",
    ]
    code, out = invoke("ingest", str(again), "--force", "--user", "chuyen.vien", "--db", env["db"],
                       "--catalog", env["catalog"])
    assert code == 0
    assert out.split("Tổng hợp tiếp nhận")[0].rstrip(" \n").splitlines() == [
        "✔ ĐÃ TIẾP NHẬN: again.xlsx (SCT, kỳ 2023-03) - 0 số liệu mới, 1 thay thế, 8 không đổi",
        "    thay thế cpi 2023-03 (month): 102,96 → 103",
        "    Cảnh báo: again.xlsx: Kỳ tháng 03/2023 đã khóa sổ nhưng tệp được nhận theo yêu cầu "
        "bắt buộc (--force) của chuyen.vien.",
        "Tổng cộng 1 tệp: 1 hợp lệ, 0 bị từ chối.",
    ]
    assert invoke("unlock", "--period", "2023-03", "--db", env["db"]) == (0, "Đã mở khóa sổ tháng 03/2023.\n")
    code, out = invoke("status", "--period", "2023-03", "--db", env["db"], "--catalog", env["catalog"])
    assert code == 0 and out.rstrip().splitlines()[-1] == "Đã nhận 1/2 biểu mẫu (50%)."
