"""The validation catalogue: every check a workbook goes through, as data.

Every rule a workbook is checked against is data in :data:`RULES`: its code,
severity, Vietnamese message template with named fields, the stage it belongs
to (file, structure, cell, consistency, plausibility: checked in that order),
which catalog entries it applies to, and its parameters. The catalog may
override a rule's severity, parameters and indicators (``[[rule]]`` tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING


STAGES = ("file", "structure", "cell", "consistency", "plausibility")


@dataclass(frozen=True)
class Rule:
    """One check. ``applies_to`` selects catalog indicators: ``*`` (all), ``non_negative``,
    ``bounded`` (has a ``max``), ``count`` (counted in whole units), ``part`` (has a parent),
    ``sum_of_parts`` (a whole equal to the sum of its parts), ``flow``, ``monthly``;
    ``indicators`` (from the catalog) narrows it to listed codes, ``exclude`` removes codes."""

    code: str
    severity: str
    template: str
    stage: str = "structure"
    applies_to: str = "*"
    params: Mapping[str, float] = field(default_factory=dict)
    indicators: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("file.missing", ERROR,
             "Không tìm thấy tệp hoặc thư mục này.", stage="file"),
        Rule("file.not_a_file", ERROR,
             "Đây không phải là tệp thông thường.", stage="file"),
        Rule("file.folder", ERROR,
             "Đây là một thư mục, không phải tệp biểu mẫu.", stage="file"),
        Rule("file.link", ERROR,
             "Đường dẫn là một liên kết (shortcut) chứ không phải tệp; hãy nộp chính tệp biểu mẫu.", stage="file"),
        Rule("file.empty", ERROR,
             "Tệp rỗng (0 byte); hãy lưu lại biểu mẫu và nộp lại.", stage="file"),
        Rule("file.too_large", ERROR,
             "Tệp dung lượng {size_mb} MB, vượt giới hạn {limit_mb} MB của biểu mẫu.", stage="file"),
        Rule("file.encrypted", ERROR,
             "Tệp được đặt mật khẩu; hãy bỏ mật khẩu (File > Info > Protect Workbook) rồi nộp lại.", stage="file"),
        Rule("file.old_xls", ERROR,
             "Tệp có định dạng Excel cũ (.xls); hãy nhập số liệu vào biểu mẫu .xlsx được gửi kèm.", stage="file"),
        Rule("file.not_workbook", ERROR,
             "Tệp không phải bảng tính Excel mà là {kind}; hãy nộp biểu mẫu .xlsx được gửi kèm.", stage="file"),
        Rule("file.truncated", ERROR,
             "Tệp bị hỏng hoặc tải về chưa trọn vẹn; hãy mở lại trong Excel, lưu và nộp lại.", stage="file"),
        Rule("file.zip_bomb", ERROR,
             "Tệp có cấu trúc bất thường ({detail}), không thể là biểu mẫu; tệp bị từ chối để bảo vệ hệ thống.", stage="file"),
        Rule("file.xml_entities", ERROR,
             "Tệp chứa khai báo DOCTYPE hoặc ENTITY ({part}), không được phép trong biểu mẫu.", stage="file"),
        Rule("file.sheet_too_large", ERROR,
             "Bảng tính có kích thước bất thường ({rows} dòng, {columns} cột), vượt xa kích thước biểu mẫu.", stage="file"),
        Rule("file.timeout", ERROR,
             "Đọc tệp mất quá {seconds} giây nên đã dừng; tệp bị từ chối.", stage="file"),
        Rule("file.reader_crashed", ERROR,
             "Chương trình đọc tệp gặp sự cố và đã dừng an toàn; tệp bị từ chối ({detail}).", stage="file"),
        Rule("file.unreadable", ERROR,
             "Không đọc được tệp: tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng ({detail}).", stage="file"),
        Rule("form.not_a_form", ERROR,
             "Tệp không phải biểu mẫu báo cáo của Sở Kế hoạch và Đầu tư (thiếu sheet '{sheet_name}'). "
             "Vui lòng dùng biểu mẫu được gửi kèm."),
        Rule("form.old_version", ERROR,
             "Biểu mẫu thuộc phiên bản {found}, phiên bản hiện hành là {expected}. "
             "Vui lòng tải biểu mẫu mới và nhập lại số liệu."),
        Rule("form.unknown_department", ERROR,
             "Mã đơn vị '{department}' không có trong danh mục."),
        Rule("form.wrong_period", ERROR,
             "Biểu mẫu của kỳ {found}, nhưng đang tiếp nhận số liệu kỳ {expected}."),
        Rule("form.bad_period", ERROR,
             "Kỳ báo cáo '{found}' trong biểu mẫu không hợp lệ."),
        Rule("form.cover_mismatch", ERROR,
             "Thông tin '{label}' trên sheet bìa đã bị sửa ('{found}'), không khớp với biểu mẫu ('{expected}')."),
        Rule("cover.required", ERROR,
             "Chưa điền '{label}'."),
        Rule("row.missing", ERROR,
             "Thiếu dòng chỉ tiêu '{indicator_name}' (mã {indicator}); không được xóa dòng của biểu mẫu."),
        Rule("row.unknown", ERROR,
             "Mã chỉ tiêu '{found}' không có trong biểu mẫu của đơn vị kỳ này."),
        Rule("row.label_changed", ERROR,
             "Tên chỉ tiêu mã {indicator} đã bị sửa thành '{found}' (đúng là '{expected}'); "
             "không sửa cột tên chỉ tiêu."),
        Rule("row.duplicate", ERROR,
             "Chỉ tiêu mã {indicator} xuất hiện hai lần (dòng {first_row} và dòng {row})."),
        Rule("cell.required", ERROR,
             "Chưa nhập số liệu '{column}' của chỉ tiêu '{indicator_name}'.", stage="cell"),
        Rule("cell.not_number", ERROR,
             "Ô '{column}' của chỉ tiêu '{indicator_name}' phải là số; giá trị '{value}' không phải là số "
             "(ví dụ đúng: 1.234,5).", stage="cell"),
        Rule("cell.negative", ERROR,
             "Chỉ tiêu '{indicator_name}' không thể âm; ô '{column}' đang là {value}.", stage="cell", applies_to="non_negative"),
        Rule("cell.too_many_decimals", WARNING,
             "Ô '{column}' của chỉ tiêu '{indicator_name}' có {found} chữ số thập phân, "
             "quá số {allowed} chữ số của chỉ tiêu; báo cáo sẽ làm tròn.", stage="cell"),
        Rule("cell.not_applicable", WARNING,
             "Ô '{column}' không áp dụng cho chỉ tiêu '{indicator_name}'; giá trị '{value}' được bỏ qua.", stage="cell"),
        Rule("cell.date", ERROR,
             "Ô '{column}' của chỉ tiêu '{indicator_name}' đang là ngày tháng ({value}), không phải số.",
             stage="cell"),
        Rule("cell.formula_without_value", ERROR,
             "Ô '{column}' của chỉ tiêu '{indicator_name}' chứa công thức nhưng không có giá trị đã lưu; "
             "hãy mở tệp trong Excel, tính lại (F9) và lưu, hoặc nhập số trực tiếp.", stage="cell"),
        Rule("cell.over_maximum", ERROR,
             "Chỉ tiêu '{indicator_name}' không thể vượt {maximum}; ô '{column}' đang là {value}.",
             stage="cell", applies_to="bounded"),
        Rule("cell.fractional_count", ERROR,
             "Chỉ tiêu '{indicator_name}' đếm theo {unit}, phải là số nguyên; ô '{column}' đang là {value}.",
             stage="cell", applies_to="count"),
        Rule("consistency.parts_sum", ERROR,
             "Tổng các chỉ tiêu thành phần của '{indicator_name}' là {parts}, khác số tổng {value} "
             "ở cột '{column}'.", stage="consistency", applies_to="sum_of_parts"),
        Rule("consistency.ytd_mismatch", WARNING,
             "Lũy kế đơn vị báo cáo ({value}) khác tổng các tháng đã lưu ({computed}; gồm {months}).",
             stage="consistency", applies_to="flow", params={"tolerance": 0.001}),
        Rule("consistency.final_vs_estimate", WARNING,
             "Số chính thức {previous} ({value}) chênh {share}% so với số ước đã báo cáo ({estimate}).",
             stage="consistency", params={"share": 10}),
        Rule("plausibility.jump", WARNING,
             "Số liệu {value} {comparison} {base_name} ({base}); đề nghị kiểm tra lại hoặc giải trình.",
             stage="plausibility", params={"factor": 3, "min_base": 30}),
        Rule("plausibility.outlier", WARNING,
             "Số liệu {value} khác thường so với {count} tháng trước (điểm lệch chuẩn hóa {score}); "
             "đề nghị kiểm tra lại hoặc giải trình.", stage="plausibility", params={"z": 3.5, "window": 24}),
        Rule("consistency.part_exceeds_whole", ERROR,
             "Chỉ tiêu '{indicator_name}' ({value}) lớn hơn chỉ tiêu tổng '{parent_name}' ({parent_value}) "
             "ở cột '{column}'.", stage="consistency", applies_to="part"),
        Rule("narrative.unknown_section", ERROR,
             "Mục báo cáo '{found}' không có trong danh sách; hãy chọn mục trong danh sách thả xuống.", stage="structure"),
        Rule("narrative.unknown_kind", ERROR,
             "Loại '{found}' không hợp lệ; chọn 'Đoạn văn' hoặc 'Chú thích'.", stage="structure"),
        Rule("narrative.missing_section", ERROR,
             "Dòng thuyết minh có nội dung nhưng chưa chọn mục báo cáo.", stage="structure"),
        Rule("narrative.orphan_footnote", ERROR,
             "Chú thích không đi sau một đoạn văn của cùng mục '{section}'.", stage="structure"),
        Rule("period.locked", ERROR,
             "Kỳ {period} đã được khóa sổ lúc {locked_at} bởi {locked_by}; không nhận thêm số liệu. "
             "Liên hệ Phòng Tổng hợp nếu cần điều chỉnh."),
        Rule("period.locked_forced", WARNING,
             "Kỳ {period} đã khóa sổ nhưng tệp được nhận theo yêu cầu bắt buộc (--force) của {actor}."),
        Rule("file.duplicate", WARNING,
             "Tệp này đã được tiếp nhận trước đó (cùng nội dung); không có gì thay đổi.", stage="file"),
    )
}
