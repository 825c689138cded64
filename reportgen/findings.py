"""Validation findings: values with a stable code, a severity, a place and a message.

Every rule a workbook is checked against is listed in :data:`RULES`: its code,
its severity and its Vietnamese message template with named fields. A check
produces a :class:`Finding` through :func:`finding`, never by raising, so all
problems of a file are reported at once and can be printed, filtered or
serialised to JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"

SEVERITY_TEXT = {ERROR: "Lỗi", WARNING: "Cảnh báo"}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    template: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("file.missing", ERROR,
             "Không tìm thấy tệp hoặc thư mục này."),
        Rule("file.not_a_file", ERROR,
             "Đây không phải là tệp thông thường."),
        Rule("file.folder", ERROR,
             "Đây là một thư mục, không phải tệp biểu mẫu."),
        Rule("file.link", ERROR,
             "Đường dẫn là một liên kết (shortcut) chứ không phải tệp; hãy nộp chính tệp biểu mẫu."),
        Rule("file.empty", ERROR,
             "Tệp rỗng (0 byte); hãy lưu lại biểu mẫu và nộp lại."),
        Rule("file.too_large", ERROR,
             "Tệp dung lượng {size_mb} MB, vượt giới hạn {limit_mb} MB của biểu mẫu."),
        Rule("file.encrypted", ERROR,
             "Tệp được đặt mật khẩu; hãy bỏ mật khẩu (File > Info > Protect Workbook) rồi nộp lại."),
        Rule("file.old_xls", ERROR,
             "Tệp có định dạng Excel cũ (.xls); hãy nhập số liệu vào biểu mẫu .xlsx được gửi kèm."),
        Rule("file.not_workbook", ERROR,
             "Tệp không phải bảng tính Excel mà là {kind}; hãy nộp biểu mẫu .xlsx được gửi kèm."),
        Rule("file.truncated", ERROR,
             "Tệp bị hỏng hoặc tải về chưa trọn vẹn; hãy mở lại trong Excel, lưu và nộp lại."),
        Rule("file.zip_bomb", ERROR,
             "Tệp có cấu trúc bất thường ({detail}), không thể là biểu mẫu; tệp bị từ chối để bảo vệ hệ thống."),
        Rule("file.xml_entities", ERROR,
             "Tệp chứa khai báo DOCTYPE hoặc ENTITY ({part}), không được phép trong biểu mẫu."),
        Rule("file.sheet_too_large", ERROR,
             "Bảng tính có kích thước bất thường ({rows} dòng, {columns} cột), vượt xa kích thước biểu mẫu."),
        Rule("file.timeout", ERROR,
             "Đọc tệp mất quá {seconds} giây nên đã dừng; tệp bị từ chối."),
        Rule("file.reader_crashed", ERROR,
             "Chương trình đọc tệp gặp sự cố và đã dừng an toàn; tệp bị từ chối ({detail})."),
        Rule("file.unreadable", ERROR,
             "Không đọc được tệp: tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng ({detail})."),
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
        Rule("row.duplicate", ERROR,
             "Chỉ tiêu mã {indicator} xuất hiện hai lần (dòng {first_row} và dòng {row})."),
        Rule("cell.required", ERROR,
             "Chưa nhập số liệu '{column}' của chỉ tiêu '{indicator_name}'."),
        Rule("cell.not_number", ERROR,
             "Ô '{column}' của chỉ tiêu '{indicator_name}' phải là số; giá trị '{value}' không phải là số "
             "(ví dụ đúng: 1.234,5)."),
        Rule("cell.negative", ERROR,
             "Chỉ tiêu '{indicator_name}' không thể âm; ô '{column}' đang là {value}."),
        Rule("cell.too_many_decimals", WARNING,
             "Ô '{column}' của chỉ tiêu '{indicator_name}' có {found} chữ số thập phân, "
             "quá số {allowed} chữ số của chỉ tiêu; báo cáo sẽ làm tròn."),
        Rule("cell.not_applicable", WARNING,
             "Ô '{column}' không áp dụng cho chỉ tiêu '{indicator_name}'; giá trị '{value}' được bỏ qua."),
        Rule("consistency.part_exceeds_whole", ERROR,
             "Chỉ tiêu '{indicator_name}' ({value}) lớn hơn chỉ tiêu tổng '{parent_name}' ({parent_value}) "
             "ở cột '{column}'."),
        Rule("narrative.unknown_section", ERROR,
             "Mục báo cáo '{found}' không có trong danh sách; hãy chọn mục trong danh sách thả xuống."),
        Rule("narrative.unknown_kind", ERROR,
             "Loại '{found}' không hợp lệ; chọn 'Đoạn văn' hoặc 'Chú thích'."),
        Rule("narrative.missing_section", ERROR,
             "Dòng thuyết minh có nội dung nhưng chưa chọn mục báo cáo."),
        Rule("narrative.orphan_footnote", ERROR,
             "Chú thích không đi sau một đoạn văn của cùng mục '{section}'."),
        Rule("period.locked", ERROR,
             "Kỳ {period} đã được khóa sổ lúc {locked_at} bởi {locked_by}; không nhận thêm số liệu. "
             "Liên hệ Phòng Tổng hợp nếu cần điều chỉnh."),
        Rule("period.locked_forced", WARNING,
             "Kỳ {period} đã khóa sổ nhưng tệp được nhận theo yêu cầu bắt buộc (--force) của {actor}."),
        Rule("file.duplicate", WARNING,
             "Tệp này đã được tiếp nhận trước đó (cùng nội dung); không có gì thay đổi."),
    )
}


@dataclass(frozen=True)
class Finding:
    """One problem in one place of one file."""

    code: str
    severity: str
    message: str
    file: str
    sheet: str = ""
    cell: str = ""
    indicator: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        """``tệp.xlsx, sheet 'Số liệu', ô F7, chỉ tiêu retail_sales``"""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"ô {self.cell}")
        if self.indicator:
            parts.append(f"chỉ tiêu {self.indicator}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{SEVERITY_TEXT[self.severity]} [{self.code}] {self.location}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def finding(code: str, file: str, sheet: str = "", cell: str = "", indicator: str = "",
            **fields: Any) -> Finding:
    """A finding of the rule ``code``, its message filled from ``fields``."""
    rule = RULES[code]
    return Finding(
        code=code,
        severity=rule.severity,
        message=rule.template.format(indicator=indicator, **fields),
        file=file,
        sheet=sheet,
        cell=cell,
        indicator=indicator,
    )
