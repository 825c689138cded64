"""Every Vietnamese word the program says: messages, labels and phrases, in one file to review.

Users of reportgen (department clerks, planning staff, reviewers) read
Vietnamese; code, logs and developer documentation are English. Every text a
user reads comes from here: the validation messages, the form's labels, the
report's phrases, the command line's help and answers. A test fails on a
Vietnamese string literal anywhere else in the package (the Word template,
the catalog and the demo's data files aside).

The sections follow the data through the program: a city's working folder and
its catalog, the store, the form a department fills, the checks a returned
form goes through and the answers to it, the figures, the report, and last the
command line. A text with blanks is a ``str.format`` template with named
fields (``"Đã tạo {path}"``), filled where it is used.
"""

from __future__ import annotations

# A table's keys are the plain values of reportgen.model's enums where it has one (an enum member looks its text up
# as itself); else a rule code, a column or row name, or a yes/no, as its comment says.

# Files that cannot be written or read, and why (by the system's error name) -------------------------------------------

CANNOT_WRITE = "Không ghi được tệp {path}: {reason}. Không có tệp dở dang nào được để lại."
OS_REASONS = {
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã hết hạn mức dung lượng được cấp",
    "EROFS": "ổ đĩa hoặc thư mục chỉ cho phép đọc",
    "EACCES": "không có quyền ghi vào đó",
    "EPERM": "không có quyền ghi vào đó",
    "EISDIR": "đường dẫn đó là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "ENOENT": "thư mục chứa nó không tồn tại",
    "EFBIG": "tệp quá lớn",
    "ENAMETOOLONG": "tên tệp quá dài",
}

# The working folder (``reportgen init``) ------------------------------------------------------------------------------

TEMPLATES_EXIST = "Thư mục đã có {names}; dùng --force nếu muốn ghi đè bằng bản mặc định."

# The catalog's vocabulary ---------------------------------------------------------------------------------------------

# Groups of the year's key targets, as the December report titles them.
TARGET_GROUPS: dict[str, str] = {
    "economic": "Các chỉ tiêu kinh tế",
    "social": "Các chỉ tiêu xã hội",
    "environment": "Chỉ tiêu môi trường",
    "defence": "Chỉ tiêu quốc phòng, an ninh",
}

# Units counted in whole numbers: a value with decimals is impossible.
COUNT_UNITS: frozenset[str] = frozenset({
    "doanh nghiệp", "dự án", "con", "người", "lao động", "lượt", "lượt khách", "lượt người", "vụ", "trường hợp",
    "xã", "sản phẩm", "cuộc", "đơn", "quả", "tổ chức", "quỹ", "giấy chứng nhận", "hồ sơ", "ca", "trường",
    "huy chương", "đoàn", "văn bản", "phương tiện", "cơ sở", "mẫu", "nhiệm vụ", "căn", "bác sĩ",
    "quyết định", "phiếu", "giấy phép", "liều", "hộ chiếu", "kỳ", "hiện vật", "áp phích", "giải", "dịch vụ",
    "thủ tục", "điểm cầu", "lĩnh vực", "kết quả", "hộp thư", "chỉ tiêu", "thông tin", "phút", "quận", "huyện",
    "ấp", "khu vực",
})

# What an indicator's plan is called when the catalog gives no ``plan_label`` (kế hoạch).
PLAN_LABEL = "KH"

# Periods, as the reports name them ------------------------------------------------------------------------------------

BAD_MONTH = "Tháng không hợp lệ: {month}"
BAD_PERIOD = "Kỳ báo cáo '{text}' không đúng dạng NĂM-THÁNG (ví dụ 2023-03)."
MONTH_NAME = "tháng {mm}/{year}"  # tháng 03/2023
QUARTER_NAME = "Quý {roman}/{year}"  # Quý I/2023
# The span from January to a month, by the month's number (March is the first quarter's name); else YTD_NAME.
YTD_NAMES = {6: "6 tháng đầu năm {year}", 9: "9 tháng năm {year}", 12: "12 tháng/{year}", 1: "tháng 01/{year}"}
YTD_NAME = "{mm} tháng đầu năm {year}"  # 05 tháng đầu năm 2023
CUMULATIVE_NAME = "Lũy kế {mm} tháng đầu năm"

# Catalog errors -------------------------------------------------------------------------------------------------------

# The first line of the error; one line per problem follows: "{where}, trường '{field}': {message}".
CATALOG_INVALID = "Danh mục chỉ tiêu {path} không hợp lệ:"
CATALOG_PROBLEM = "{where}, trường '{field}': {message}"
CATALOG_UNREADABLE = "không đọc được tệp: {reason}"
CATALOG_TOML_SYNTAX = "lỗi cú pháp TOML: {error}"
CATALOG_TOML_SYNTAX_AT = "sai cú pháp ở dòng {line}, cột {column} ({error})"
CATALOG_NOT_UTF8 = ("tệp không phải văn bản UTF-8 (lỗi ở dòng {line}); hãy lưu lại tệp với bảng mã UTF-8 "
                    "(Notepad: Save As, Encoding: UTF-8)")
CATALOG_NOT_TABLE_LIST = "phải là danh sách các bảng, mỗi bảng mở đầu bằng [[{name}]] (hai cặp ngoặc vuông)"
CATALOG_ENTRY_NOT_TABLE = "mục thứ {n} của [[{name}]] phải là một bảng"
CATALOG_UNKNOWN_KEY = "danh mục không có mục này (các mục có: {keys})"

# Where in the catalog a problem is.
CATALOG_AT_TOP = "Danh mục"
CATALOG_AT_DEPARTMENT_NTH = "Đơn vị thứ {n} ({code})"
CATALOG_AT_DEPARTMENT = "Đơn vị '{code}'"
CATALOG_AT_SECTION_NTH = "Mục thứ {n} ({code})"
CATALOG_AT_INDICATOR = "Chỉ tiêu '{code}'"
CATALOG_NTH = "thứ {n}"  # an indicator without a code: "Chỉ tiêu 'thứ 3'"
CATALOG_AT_TARGET_NTH = "Chỉ tiêu chủ yếu thứ {n}"
CATALOG_AT_RULE_NTH = "Quy tắc kiểm tra thứ {n} ({code})"
CATALOG_AT_REPORT = "Mục [report]"

# What is wrong with a field.
CATALOG_MISSING = "thiếu giá trị"
CATALOG_NOT_TEXT = "phải là chuỗi ký tự"
CATALOG_NOT_INTEGER = "phải là số nguyên"
CATALOG_NOT_NUMBER = "phải là số"
CATALOG_NOT_BOOLEAN = "phải là true hoặc false"
CATALOG_NOT_TABLE = "phải là một bảng"
CATALOG_NOT_TEXT_LIST = "phải là danh sách chuỗi ký tự"
CATALOG_OUT_OF_RANGE = "phải từ {low} đến {high}, đang là {value}"
CATALOG_NOT_A_CHOICE = "'{value}' không hợp lệ; chọn một trong: {options}"
CATALOG_DUPLICATE_CODE = "mã '{code}' bị trùng"
CATALOG_BAD_CODE = "chỉ gồm chữ không dấu, số và dấu gạch dưới, không bắt đầu bằng số"
CATALOG_SECTIONS_NOT_LIST = "phải là danh sách mã mục, ví dụ [\"social.health\"]"
CATALOG_NO_DEPARTMENT = "không có đơn vị mã '{code}'"
CATALOG_NO_SECTION = "không có mục mã '{code}'"
CATALOG_NO_INDICATOR = "không có chỉ tiêu mã '{code}'"
CATALOG_NO_INDICATORS = "không có chỉ tiêu mã {codes}"
CATALOG_PARENT_UNIT = "đơn vị '{unit}' khác đơn vị của chỉ tiêu cha '{parent_unit}'"
CATALOG_PARENT_CYCLE = "quan hệ cha - con bị vòng lặp"
CATALOG_PLANS_NOT_TABLE = "phải là bảng năm = giá trị, ví dụ { 2023 = 125752 }"
CATALOG_PLAN_BAD_YEAR = "năm '{year}' không hợp lệ"
CATALOG_PLAN_BAD_RANGE = "khoảng kế hoạch năm {year} phải là [thấp, cao]"
CATALOG_PLAN_NOT_NUMBER = "kế hoạch năm {year} phải là số"
CATALOG_RANGE_NEEDS_BOUNDS = "hướng 'range' cần kế hoạch dạng [thấp, cao]"
CATALOG_BOUNDS_NEED_RANGE = "kế hoạch dạng khoảng cần hướng 'range'"
CATALOG_FORMULA_SYNTAX = "công thức '{formula}' sai cú pháp"
CATALOG_FORMULA_NODES = "chỉ được dùng mã chỉ tiêu, số và các phép + - * /"
CATALOG_FORMULA_NOT_DERIVED = "chỉ chỉ tiêu loại 'derived' mới có công thức"
CATALOG_FORMULA_UNKNOWN = "công thức dùng mã '{code}' không có trong danh mục"
CATALOG_FORMULA_DERIVED = "công thức không được dùng chỉ tiêu tính toán '{code}'"
CATALOG_DUPLICATE_NUMBER = "số thứ tự {number} bị trùng"
CATALOG_TARGET_NO_INDICATORS = "cần danh sách mã chỉ tiêu, ví dụ [\"grdp_growth\"]"
CATALOG_NO_RULE = "không có quy tắc mã '{code}'"
CATALOG_BAD_SEVERITY = "'{severity}' không hợp lệ; chọn error hoặc warning"
CATALOG_NO_PARAM = "quy tắc không có tham số '{name}'"
CATALOG_PARAM_NOT_NUMBER = "tham số '{name}' phải là số"

# Store errors ---------------------------------------------------------------------------------------------------------

STORE_NEEDS_ARCHIVE = ("Kho dữ liệu {url} cần một thư mục lưu bản gốc các tệp đã nộp: hãy chỉ ra bằng --archive "
                       "hoặc biến môi trường REPORTGEN_ARCHIVE.")
STORE_CANNOT_OPEN = "Không mở được kho dữ liệu {url}: {error}"
STORE_WRITE_FAILED = "Ghi vào kho dữ liệu {db} thất bại, không có gì thay đổi: {error}"
STORE_READ_FAILED = "Không đọc được kho dữ liệu {db}: {error}"
STORE_READ_ONLY = ("Kho dữ liệu {db} nằm ở nơi chỉ cho phép đọc: xem được số liệu (status, figures, build) nhưng "
                   "không ghi được; không có gì thay đổi.")
STORE_FULL = "Ổ đĩa chứa kho dữ liệu {db} đã đầy; không có gì thay đổi. Hãy giải phóng dung lượng rồi làm lại."
STORE_DAMAGED = ("Kho dữ liệu {db} bị hỏng ({detail}). reportgen không sửa gì trong đó: hãy khôi phục bản sao lưu "
                 "gần nhất của kho.")
STORE_FOREIGN = ("Tệp {url} là cơ sở dữ liệu của chương trình khác (không có bảng nào của reportgen); reportgen không "
                 "ghi gì vào đó. Hãy chỉ đúng kho dữ liệu của reportgen bằng --db.")
STORE_NEEDS_UPGRADE = ("Kho dữ liệu {url} có phiên bản cũ ({found}; phiên bản hiện hành {newest}). "
                       "Hãy sao lưu rồi chạy: reportgen db upgrade --db {url}")
STORE_BROKEN_LINKS = "Nâng cấp kho dữ liệu {url} dừng lại: có dòng tham chiếu tới dòng không tồn tại; kho giữ nguyên."
STORE_UNKNOWN_VERSION = ("Kho dữ liệu {url} có phiên bản {found} mà chương trình này không biết (phiên bản hiện hành "
                         "{newest}); có thể kho do bản reportgen mới hơn tạo ra: hãy cập nhật reportgen.")

# The department's form ------------------------------------------------------------------------------------------------

UNKNOWN_DEPARTMENT = "Không có đơn vị mã '{code}' trong danh mục."
UNKNOWN_DEPARTMENTS = "Không có đơn vị mã {codes} trong danh mục."

# Sheet names: the reader finds a returned form's sheets by them.
SHEET_COVER = "Thông tin"
SHEET_DATA = "Số liệu"
SHEET_NARRATIVE = "Thuyết minh"

FORM_TITLE = "Biểu mẫu số liệu {month_name} - {department}"  # the workbook's document title
# The form's version as the cover shows it, and as the reader compares it.
FORM_VERSION_TEXT = "{form} / danh mục {catalog}"
INVALID_VALUE_TITLE = "Giá trị không hợp lệ"  # title of Excel's message on a refused entry

# Cover sheet: heading, then a label per row (keys of reportgen.forms.layout.COVER_ROWS), then the instructions.
COVER_HEADING = "BIỂU MẪU BÁO CÁO SỐ LIỆU KINH TẾ - XÃ HỘI HẰNG THÁNG"
COVER_ADDRESSEE = "Gửi Sở Kế hoạch và Đầu tư (Phòng Tổng hợp)"
COVER_LABELS: dict[str, str] = {
    "department": "Mã đơn vị",
    "department_name": "Tên đơn vị",
    "period": "Kỳ báo cáo",
    "form_version": "Phiên bản biểu mẫu",
    "deadline": "Hạn nộp",
    "preparer": "Người lập biểu",
    "phone": "Số điện thoại",
    "prepared_on": "Ngày lập (ngày/tháng/năm)",
}
FORM_INSTRUCTIONS: tuple[str, ...] = (
    "Hướng dẫn:",
    "1. Chỉ nhập vào các ô màu vàng. Các ô khác đã được khóa.",
    "2. Ô số liệu chỉ nhận số; dùng dấu phẩy cho phần thập phân theo cài đặt máy (ví dụ 1.234,5).",
    "3. Cột \"Cách ghi\" cho biết cách tính của từng chỉ tiêu (số trong tháng, số cuối tháng, lũy kế...).",
    "   Các cột màu xám nhạt chỉ để tham khảo: số đã báo cáo tháng trước và lũy kế tính từ số đã lưu.",
    "   Nếu số liệu chênh lệch lớn so với tháng trước hoặc cùng kỳ, hãy ghi lý do ở cột \"Ghi chú, giải trình\".",
    "4. Không đổi tên, thêm, xóa hoặc sắp xếp lại các sheet, dòng và cột của biểu mẫu.",
    "5. Sheet \"Thuyết minh\": mỗi dòng một đoạn văn; chọn mục báo cáo và loại (Đoạn văn hoặc Chú thích).",
    "   Dòng \"Chú thích\" là chú thích cuối trang của đoạn văn ngay phía trên nó.",
)

# Data sheet: heading, hint, and the column titles ({month}: the form's month, {previous}: the month before).
DATA_HEADING = "SỐ LIỆU {month_name}"
DATA_HINT = ("Chỉ nhập vào ô màu vàng; ô màu xám không áp dụng cho chỉ tiêu đó trong tháng này. "
             "Cột \"Cách ghi\" và ghi chú hiện ra khi chọn ô cho biết ô đó ghi số gì.")
DATA_COLUMN_TITLES: dict[str, str] = {
    "no": "STT",
    "code": "Mã chỉ tiêu",
    "name": "Chỉ tiêu",
    "unit": "Đơn vị tính",
    "how": "Cách ghi",
    "month": "Ước thực hiện {month}",
    "previous": "Thực hiện chính thức {previous}",
    "stored": "Số đã báo cáo {previous} (tham khảo)",
    "ytd": "Lũy kế từ đầu năm đến {month} (theo đơn vị)",
    "computed": "Lũy kế tính từ số đã báo cáo (tham khảo)",
    "note": "Ghi chú, giải trình",
}
# The "Cách ghi" column: what a quarterly or yearly indicator's cell holds, else what a monthly one's holds by kind;
# then, where a cell holds something else than its column's title says, what each such cell holds.
HOW_TO_FILL_BY_FREQUENCY: dict[str, str] = {
    "quarterly": "Số lũy kế từ đầu năm đến hết quý",
    "yearly": "Số cả năm",
}
HOW_TO_FILL_BY_KIND: dict[str, str] = {
    "flow": "Số phát sinh trong tháng",
    "stock": "Số tại thời điểm cuối tháng",
    "average": "Chỉ số của tháng",
    "cumulative": "Số lũy kế từ đầu năm đến thời điểm báo cáo",
    "index": "Chỉ số (%) so với cùng kỳ năm trước",
}
HOW_TO_FILL_INDEX_MOM = "Chỉ số (%) so với tháng trước"  # an index whose name says so (INDEX_MONTH_ON_MONTH)
HOW_TO_FILL_NOT_ASKED: dict[str, str] = {  # a row kept in a month its indicator is not asked, by frequency
    "quarterly": "Chỉ báo cáo vào tháng 3, 6, 9 và 12; tháng này để trống",
    "yearly": "Chỉ báo cáo vào tháng 12; tháng này để trống",
}
HOW_TO_FILL_CELLS = "{hint}. {cells}."  # the hint, then "Cột F: …; cột G: …"
HOW_TO_FILL_CELL = "Cột {column}: {title}"
# An index compares with the same period last year unless its name holds these words.
INDEX_MONTH_ON_MONTH = "so với tháng trước"
# What a value cell holds where its column's title does not say it ({month}: the form's month, {previous}: the month
# before, {span}: what a quarterly indicator covers, "Quý I/2023", "6 tháng đầu năm 2023"; {year}).
CELL_TITLES: dict[str, str] = {
    "cumulative_month": "Ước lũy kế từ đầu năm đến {month}",
    "cumulative_previous": "Lũy kế chính thức từ đầu năm đến hết {previous}",
    "quarterly": "Ước thực hiện {span}",
    "yearly": "Ước thực hiện cả năm {year}",
}
# Excel's prompt on a number cell, and its message when the entry is refused ({limit}: one of the two below).
NUMBER_PROMPT_TITLE = "Nhập số"
NUMBER_PROMPT_FOR = "{title}. Đơn vị: {unit}; tối đa {decimals} chữ số thập phân."  # {title}: what the cell holds
NUMBER_REFUSED = "Ô này chỉ nhận {limit} (đơn vị: {unit})."
NUMBER_NON_NEGATIVE = "một số không âm"
NUMBER_ANY = "một số"

# Narrative sheet: heading, hint, column headers, and the kinds of rows a clerk picks from.
NARRATIVE_HEADING = "THUYẾT MINH, NHIỆM VỤ THÁNG TỚI VÀ CHÚ THÍCH"
NARRATIVE_HINT = "Mỗi dòng một đoạn văn. Dòng \"Chú thích\" gắn với đoạn văn ngay phía trên."
NARRATIVE_HEADERS: dict[str, str] = {"no": "STT", "section": "Mục báo cáo", "kind": "Loại", "text": "Nội dung"}
NARRATIVE_KIND_LABELS: dict[str, str] = {"paragraph": "Đoạn văn", "footnote": "Chú thích"}
CHOOSE_FROM_LIST = "Hãy chọn một giá trị trong danh sách."

# Checking a returned file: what it is when it is no workbook, and why reading it stopped ------------------------------

FILE_KINDS: dict[str, str] = {
    "html": "trang web (HTML)",
    "pdf": "tệp PDF",
    "xml": "tệp XML",
    "unknown": "tệp không rõ định dạng",
    "csv": "tệp văn bản CSV",
    "text": "tệp văn bản",
    "docx": "tài liệu Word (.docx)",
    "zip": "tệp nén không phải bảng tính",
}
ZIP_TOO_MANY_ENTRIES = "{count} phần tử"
ZIP_TOO_LARGE = "giải nén ra {size_mb} MB"
ZIP_RATIO = "tỷ lệ nén {ratio}:1"
READER_DIED = "tiến trình đọc tệp bị dừng đột ngột"

# Validation findings --------------------------------------------------------------------------------------------------

SEVERITY_TEXT: dict[str, str] = {"error": "Lỗi", "warning": "Cảnh báo"}

# The message of each rule of reportgen.catalog.rules.RULES, by rule code: a template whose fields the check fills
# ({indicator} and {indicator_name}: the indicator's code and name; {column}: a data column's title).
FINDINGS: dict[str, str] = {
    "file.missing": "Không tìm thấy tệp hoặc thư mục này.",
    "file.not_a_file": "Đây không phải là tệp thông thường.",
    "file.folder": "Đây là một thư mục, không phải tệp biểu mẫu.",
    "file.no_workbook":
        "Không tìm thấy biểu mẫu (.xlsx) nào trong thư mục {folder} (kể cả các thư mục con); hãy đặt các tệp biểu "
        "mẫu vào đó hoặc chỉ đúng thư mục.",
    "file.link": "Đường dẫn là một liên kết (shortcut) chứ không phải tệp; hãy nộp chính tệp biểu mẫu.",
    "file.empty": "Tệp rỗng (0 byte); hãy lưu lại biểu mẫu và nộp lại.",
    "file.too_large": "Tệp dung lượng {size_mb} MB, vượt giới hạn {limit_mb} MB của biểu mẫu.",
    "file.encrypted": "Tệp được đặt mật khẩu; hãy bỏ mật khẩu (File > Info > Protect Workbook) rồi nộp lại.",
    "file.old_xls": "Tệp có định dạng Excel cũ (.xls); hãy nhập số liệu vào biểu mẫu .xlsx được gửi kèm.",
    "file.not_workbook": "Tệp không phải bảng tính Excel mà là {kind}; hãy nộp biểu mẫu .xlsx được gửi kèm.",
    "file.truncated": "Tệp bị hỏng hoặc tải về chưa trọn vẹn; hãy mở lại trong Excel, lưu và nộp lại.",
    "file.zip_bomb":
        "Tệp có cấu trúc bất thường ({detail}), không thể là biểu mẫu; tệp bị từ chối để bảo vệ hệ thống.",
    "file.xml_entities": "Tệp chứa khai báo DOCTYPE hoặc ENTITY ({part}), không được phép trong biểu mẫu.",
    "file.sheet_too_large":
        "Bảng tính có kích thước bất thường ({rows} dòng, {columns} cột), vượt xa kích thước biểu mẫu.",
    "file.timeout": "Đọc tệp mất quá {seconds} giây nên đã dừng; tệp bị từ chối.",
    "file.reader_crashed": "Chương trình đọc tệp gặp sự cố và đã dừng an toàn; tệp bị từ chối ({detail}).",
    "file.unreadable": "Không đọc được tệp: tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng ({detail}).",
    "form.not_a_form":
        "Tệp không phải biểu mẫu báo cáo của Sở Kế hoạch và Đầu tư (thiếu sheet '{sheet_name}'). "
        "Vui lòng dùng biểu mẫu được gửi kèm.",
    "form.old_version":
        "Biểu mẫu thuộc phiên bản {found}, phiên bản hiện hành là {expected}. "
        "Vui lòng tải biểu mẫu mới và nhập lại số liệu.",
    "form.unknown_department": "Mã đơn vị '{department}' không có trong danh mục.",
    "form.wrong_period": "Biểu mẫu của kỳ {found}, nhưng đang tiếp nhận số liệu kỳ {expected}.",
    "form.wrong_department":
        "Biểu mẫu của đơn vị {found}, nhưng tài khoản này chỉ được nộp số liệu của {expected}.",
    "form.bad_period": "Kỳ báo cáo '{found}' trong biểu mẫu không hợp lệ.",
    "form.cover_mismatch":
        "Thông tin '{label}' trên sheet bìa đã bị sửa ('{found}'), không khớp với biểu mẫu ('{expected}').",
    "cover.required": "Chưa điền '{label}'.",
    "row.missing": "Thiếu dòng chỉ tiêu '{indicator_name}' (mã {indicator}); không được xóa dòng của biểu mẫu.",
    "row.unknown": "Mã chỉ tiêu '{found}' không có trong biểu mẫu của đơn vị kỳ này.",
    "row.label_changed":
        "Tên chỉ tiêu mã {indicator} đã bị sửa thành '{found}' (đúng là '{expected}'); "
        "không sửa cột tên chỉ tiêu.",
    "row.duplicate": "Chỉ tiêu mã {indicator} xuất hiện hai lần (dòng {first_row} và dòng {row}).",
    "cell.required": "Chưa nhập số liệu '{column}' của chỉ tiêu '{indicator_name}'.",
    "cell.not_number":
        "Ô '{column}' của chỉ tiêu '{indicator_name}' phải là số; giá trị '{value}' không phải là số "
        "(ví dụ đúng: 1.234,5).",
    "cell.negative": "Chỉ tiêu '{indicator_name}' không thể âm; ô '{column}' đang là {value}.",
    "cell.too_many_decimals":
        "Ô '{column}' của chỉ tiêu '{indicator_name}' có {found} chữ số thập phân, "
        "quá số {allowed} chữ số của chỉ tiêu; báo cáo sẽ làm tròn.",
    "cell.not_applicable":
        "Ô '{column}' không áp dụng cho chỉ tiêu '{indicator_name}'; giá trị '{value}' được bỏ qua.",
    "cell.date": "Ô '{column}' của chỉ tiêu '{indicator_name}' đang là ngày tháng ({value}), không phải số.",
    "cell.formula_without_value":
        "Ô '{column}' của chỉ tiêu '{indicator_name}' chứa công thức nhưng không có giá trị đã lưu; "
        "hãy mở tệp trong Excel, tính lại (F9) và lưu, hoặc nhập số trực tiếp.",
    "cell.excel_error":
        "Ô {cell} ('{column}') của chỉ tiêu '{indicator_name}' đang là giá trị lỗi {error} của Excel ({meaning}), "
        "không phải số; hãy sửa công thức hoặc nhập số trực tiếp.",
    "cell.out_of_range":
        "Ô {cell} ('{column}') của chỉ tiêu '{indicator_name}' có giá trị {value}, không thể là số liệu báo cáo: "
        "số liệu có tối đa 15 chữ số có nghĩa, nhỏ hơn 1.000.000.000.000.000 và, nếu khác 0, không nhỏ hơn "
        "0,000000000000001 (giá trị tuyệt đối). Hãy kiểm tra lại ô này.",
    "cell.over_maximum": "Chỉ tiêu '{indicator_name}' không thể vượt {maximum}; ô '{column}' đang là {value}.",
    "cell.fractional_count":
        "Chỉ tiêu '{indicator_name}' đếm theo {unit}, phải là số nguyên; ô '{column}' đang là {value}.",
    "consistency.parts_sum":
        "Tổng các chỉ tiêu thành phần của '{indicator_name}' là {parts}, khác số tổng {value} "
        "ở cột '{column}'.",
    "consistency.ytd_mismatch":
        "Lũy kế đơn vị báo cáo ({value}) khác tổng các tháng đã lưu ({computed}; gồm {months}).",
    "consistency.final_vs_estimate":
        "Số chính thức {previous} ({value}) chênh {share}% so với số ước đã báo cáo ({estimate}).",
    "plausibility.jump":
        "Số liệu {value} {comparison} {base_name} ({base}); đề nghị kiểm tra lại hoặc giải trình.",
    "plausibility.outlier":
        "Số liệu {value} khác thường so với {count} tháng trước (điểm lệch chuẩn hóa {score}); "
        "đề nghị kiểm tra lại hoặc giải trình.",
    "consistency.part_exceeds_whole":
        "Chỉ tiêu '{indicator_name}' ({value}) lớn hơn chỉ tiêu tổng '{parent_name}' ({parent_value}) "
        "ở cột '{column}'.",
    "narrative.unknown_section":
        "Mục báo cáo '{found}' không có trong danh sách; hãy chọn mục trong danh sách thả xuống.",
    "narrative.unknown_kind": "Loại '{found}' không hợp lệ; chọn 'Đoạn văn' hoặc 'Chú thích'.",
    "narrative.missing_section": "Dòng thuyết minh có nội dung nhưng chưa chọn mục báo cáo.",
    "narrative.orphan_footnote": "Chú thích không đi sau một đoạn văn của cùng mục '{section}'.",
    "narrative.at_cell_limit":
        "Nội dung ô {cell} dài {length} ký tự, chạm giới hạn {limit} ký tự một ô của Excel: đoạn văn có thể đã bị "
        "cắt mất phần cuối khi dán vào. Hãy kiểm tra phần cuối và tách đoạn dài thành nhiều dòng.",
    "period.locked":
        "Kỳ {period} đã được khóa sổ lúc {locked_at} bởi {locked_by}; không nhận thêm số liệu. "
        "Liên hệ Phòng Tổng hợp nếu cần điều chỉnh.",
    "period.locked_forced": "Kỳ {period} đã khóa sổ nhưng tệp được nhận theo yêu cầu bắt buộc (--force) của {actor}.",
    "file.duplicate": "Tệp này đã được tiếp nhận trước đó (cùng nội dung); không có gì thay đổi.",
}

# Phrases the checks fill into the findings above.
COVER_REQUIRED_LABELS: dict[str, str] = {  # cover.required's {label}, by cover row
    "preparer": "Người lập biểu",
    "phone": "Số điện thoại",
    "prepared_on": "Ngày lập",
}
YTD_MONTHS = "tháng {months}/{year}"  # consistency.ytd_mismatch's {months}: "tháng 01, 02, 03/2023"
JUMP_SAME_MONTH_LAST_YEAR = "cùng kỳ {month_name}"  # plausibility.jump's {base_name}, against last year
JUMP_STORED_FINAL = "số chính thức {month_name} đã báo cáo"  # … a final against the final stored before
JUMP_TIMES = "gấp {ratio} lần"  # plausibility.jump's {comparison}, up
JUMP_SHARE = "chỉ bằng {percent}%"  # plausibility.jump's {comparison}, down
EXCEL_ERRORS: dict[str, str] = {  # cell.excel_error's {meaning}, by the error value Excel writes
    "#DIV/0!": "phép chia cho 0",
    "#N/A": "không có giá trị",
    "#REF!": "công thức tham chiếu tới ô đã bị xóa",
    "#VALUE!": "công thức dùng giá trị sai kiểu",
    "#NAME?": "công thức có tên hàm hoặc tên vùng không đúng",
    "#NUM!": "kết quả tính không phải số hợp lệ",
    "#NULL!": "hai vùng trong công thức không giao nhau",
}
EXCEL_ERROR_OTHER = "lỗi công thức"  # … any other error value (#SPILL!, #CALC! …)

# Where a finding is, and the clerk's explanation after its message.
LOCATION_SHEET = "sheet '{sheet}'"
LOCATION_CELL = "ô {cell}"
LOCATION_INDICATOR = "chỉ tiêu {indicator}"
EXPLAINED = "{message} Đã giải trình: {explanation}"

# The annotated copy: a returned workbook with its findings, sent back to the department -------------------------------

ANNOTATED_FILENAME = "{stem}_ket-qua-kiem-tra.xlsx"
ANNOTATION_SHEET = "Kết quả kiểm tra"
ANNOTATION_HEADING = "KẾT QUẢ KIỂM TRA TỆP {name}"
ANNOTATION_SUMMARY = "{verdict}: {errors} lỗi, {warnings} cảnh báo. {advice}"
ANNOTATION_VERDICT: dict[bool, str] = {True: "HỢP LỆ", False: "BỊ TỪ CHỐI"}  # by "no errors"
ANNOTATION_ADVICE: dict[bool, str] = {True: "Số liệu đã được tiếp nhận.", False: "Hãy sửa các ô tô đỏ rồi nộp lại."}
ANNOTATION_HEADERS: tuple[str, ...] = ("STT", "Mức độ", "Sheet", "Ô", "Chỉ tiêu", "Nội dung", "Mã lỗi")

# The import summary ---------------------------------------------------------------------------------------------------

# Outcomes of a submitted file, as the import summary and the portal say them.
STATUS_TEXT: dict[str, str] = {
    "accepted": "ĐÃ TIẾP NHẬN",
    "rejected": "BỊ TỪ CHỐI",
    "duplicate": "ĐÃ CÓ, KHÔNG THAY ĐỔI",
    "checked": "HỢP LỆ (CHƯA LƯU)",
}

# Status ---------------------------------------------------------------------------------------------------------------

# A department's state for a period (``reportgen status``).
STATE_TEXT: dict[str, str] = {"accepted": "Đã tiếp nhận", "rejected": "Bị từ chối", "missing": "Chưa nộp"}

# The figures workbook (``reportgen figures --xlsx``) ------------------------------------------------------------------

FIGURES_SHEET = "So lieu {period}"
# Column titles, by column of reportgen.figures.figures_frame: the workbook has these columns, in this order.
FIGURES_HEADERS: dict[str, str] = {
    "code": "Mã",
    "name": "Chỉ tiêu",
    "unit": "ĐVT",
    "kind": "Loại",
    "estimate": "Ước",
    "month": "Tháng",
    "prev_month": "Tháng trước",
    "month_ly": "Cùng tháng năm trước",
    "qtd": "Quý đến nay",
    "qtd_ly": "Cùng kỳ quý năm trước",
    "ytd": "Lũy kế năm",
    "ytd_ly": "Lũy kế cùng kỳ",
    "plan": "Kế hoạch năm",
    "mom": "% so tháng trước",
    "yoy_month": "% tháng so cùng kỳ",
    "yoy_qtd": "% quý so cùng kỳ",
    "yoy_ytd": "% lũy kế so cùng kỳ",
    "index_month": "Chỉ số tháng - 100",
    "index_ytd": "Chỉ số lũy kế - 100",
    "plan_ratio": "% kế hoạch",
}

# The report's words for figures (DESIGN.md §5) -----------------------------------------------------------------------

MISSING_FIGURE = "[chưa có số liệu]"  # printed where a figure is not in the store
VERDICTS = {"exceeded": "Vượt chỉ tiêu", "met": "Đạt chỉ tiêu", "missed": "Không đạt chỉ tiêu"}  # a key target
ESTIMATED = "ước "  # before a verb while the month's figure is an estimate: "ước thực hiện"
SAME = "tương đương"  # a change that rounds to zero
UP = "tăng"
DOWN = "giảm"
CHANGE = "{verb} {percent}%"  # tăng 8,92%
DIFFERENCE = "{verb} {amount} {unit}"  # tăng 84 trường hợp
LEVEL = "{word} {percent}%"  # bằng 64,13%
LEVEL_WORD = "bằng"
PLAN_EXCEEDED = "vượt {percent}% {label}"  # vượt 13,15% KH
PLAN_REACHED = "đạt {percent}% {label}"  # đạt 22,81% KH
PLAN_RATE = "đạt tỷ lệ {percent}% {label}"  # the disbursement sentences: đạt tỷ lệ 19,3% KH
TARGET_RESULT = "{actual} (KH: {plan})"  # a key target's year: 85,99 triệu đồng/người (KH: 77,5 triệu đồng/người, …)
TARGET_PLAN_SHARE = "{plan}, {share}"  # … its plan and how far the year got: 77,5 triệu đồng/người, vượt 10,95% KH
RANGE = "{low} - {high}"  # a plan given as a range: 12 - 13%
# A breakdown footnote: its default lead, then each part; {base} is one of COMPARED_BASES.
BREAKDOWN_LEAD = "Trong đó, "
PART_SHARE = ", chiếm {share}%"
PART_COMPARED = ", {change} so với {base}"
COMPARED_BASES = {"yoy": "cùng kỳ", "mom": "tháng trước"}

# The report document: its header, and what a template can get wrong ---------------------------------------------------

PLACE_DATE = "{place}, ngày {day:02d} tháng {month} năm {year}"  # Cần Thơ, ngày 28 tháng 3 năm 2023
REPORT_TITLE = "Báo cáo tình hình kinh tế - xã hội {month_name}"  # the document's title property
TEMPLATE_NOT_FOUND = "Không tìm thấy mẫu báo cáo {path}."
TEMPLATE_UNKNOWN_SECTION = "Mẫu báo cáo gọi mục '{section}' không có trong danh mục."
TEMPLATE_FAILED = "Lỗi trong mẫu báo cáo {name}: {error}"

# A template staff edited: a file that cannot be read, code that fails, ``reportgen check-template`` -------------------

# The file itself ({name}: the template's file name; {reason}: one of TEMPLATE_UNREADABLE_REASONS).
TEMPLATE_UNREADABLE = "Không đọc được mẫu báo cáo {name}: {reason}."
TEMPLATE_UNREADABLE_REASONS = {
    "not_docx": "tệp không phải văn bản Word .docx, hoặc đã bị hỏng (chẳng hạn tải về chưa trọn vẹn)",
    "not_word": "đây là tệp Office khác (Excel, PowerPoint…) được đổi đuôi thành .docx, không phải văn bản Word",
    "no_document": "tệp .docx thiếu phần nội dung chính của văn bản (word/document.xml)",
    "damaged": "nội dung bên trong tệp .docx bị hỏng",
    "unreadable": "không mở được tệp (không có quyền đọc hoặc tệp đang bị khóa)",
}
# Template code that fails: where (the places below, joined by TEMPLATE_WHERE_JOIN), then what is wrong.
TEMPLATE_PROBLEM = "Lỗi trong mẫu báo cáo {name}, {where}: {problem}"
TEMPLATE_PROBLEM_NOWHERE = "Lỗi trong mẫu báo cáo {name}: {problem}"
TEMPLATE_WHERE_PART = "phần {part}"
TEMPLATE_PARTS = {  # the parts of the document other than its body
    "header": "đầu trang",
    "footer": "chân trang",
    "footnotes": "chú thích cuối trang có sẵn trong mẫu",
    "properties": "thuộc tính của tệp (File > Info)",
}
TEMPLATE_WHERE_HEADING = "mục “{heading}”"
TEMPLATE_WHERE_TABLE = "trong bảng"
TEMPLATE_WHERE_PARAGRAPH = "đoạn “{paragraph}”"
TEMPLATE_WHERE_TAG = "thẻ {tag}"
TEMPLATE_WHERE_JOIN = ", "
TEMPLATE_ELLIPSIS = "…"  # where a quoted paragraph or tag is cut
# What is wrong ({keyword}: a tag's first word, such as if, for, endif; {block}: the block still open).
TEMPLATE_UNCLOSED = "thẻ mở khối '{keyword}' không có thẻ đóng {{% end{keyword} %}}"
TEMPLATE_MISPLACED = ("thẻ '{keyword}' không đúng chỗ: khối '{block}' đang mở phải được đóng trước bằng "
                      "{{% end{block} %}}")
TEMPLATE_UNMATCHED = "thẻ '{keyword}' không có thẻ mở tương ứng phía trước"
TEMPLATE_UNKNOWN_TAG = ("không có loại thẻ '{keyword}' (dùng được: if, elif, else, for, set, footnote và các thẻ "
                        "đóng end…)")
TEMPLATE_NO_KEYWORD = "thẻ {% … %} không có lệnh nào"  # printed as it is (not a str.format template)
TEMPLATE_SYNTAX = "mã mẫu viết sai cú pháp (chi tiết: {detail})"
TEMPLATE_OPEN_STRING = "chuỗi mở bằng dấu {quote} chưa được đóng (hoặc Word đã đổi dấu nháy thẳng thành dấu nháy cong)"
TEMPLATE_BAD_CHARACTER = "ký tự '{char}' không dùng được trong mã mẫu"
TEMPLATE_RUNS_ON = ("thẻ không kết thúc trong đoạn của nó: thiếu }} hoặc %}, hoặc một chuỗi trong dấu nháy chưa được "
                    "đóng")  # printed as it is (not a str.format template)
TEMPLATE_UNKNOWN_FILTER = "không có bộ lọc '{filter}' (tên viết sau dấu |, ví dụ upper, capitalize)"
TEMPLATE_UNKNOWN_TEST = "không có phép thử '{test}' (tên viết sau chữ is)"
TEMPLATE_UNKNOWN_NAME = "không có tên '{name}' trong mẫu báo cáo (các tên dùng được có trong hướng dẫn mẫu)"
TEMPLATE_UNKNOWN_INDICATOR = "không có chỉ tiêu mã '{code}' trong danh mục"
TEMPLATE_NO_ATTRIBUTE = "{owner} không có thuộc tính '{attribute}'"
TEMPLATE_NO_ATTRIBUTE_BARE = "không có thuộc tính '{attribute}'"
TEMPLATE_DIVISION_BY_ZERO = "phép chia cho 0"
TEMPLATE_BAD_ARGUMENTS = "gọi {function}() với đối số không đúng (chi tiết: {detail})"
TEMPLATE_ARGUMENT_MISSING = "gọi {function}() thiếu đối số {names}"
TEMPLATE_ARGUMENTS_TOO_MANY = "gọi {function}() với {given} đối số, nhiều hơn số đối số nó nhận ({takes})"
TEMPLATE_ARGUMENT_UNKNOWN = "{function}() không có đối số tên '{name}'"
TEMPLATE_NOT_CALLABLE = "giá trị được gọi như một hàm, có dấu (…), nhưng không phải hàm (kiểu {kind})"
TEMPLATE_BAD_OPERATION = "phép tính không thực hiện được với các giá trị này (chi tiết: {detail})"
TEMPLATE_FAILED_VALUE = "không tính được giá trị của thẻ (chi tiết: {detail})"
# reportgen check-template: its help, the sample narrative the template is tried with, its answers.
CHECK_TEMPLATE_HELP = ("Kiểm tra mẫu báo cáo Word FILE mà không lập báo cáo (mặc định templates/report.docx của thư "
                       "mục làm việc nếu có, nếu không thì mẫu có sẵn): dựng thử với số liệu mẫu và liệt kê mọi lỗi.")
SAMPLE_PARAGRAPH = "Đoạn văn mẫu của đơn vị."
SAMPLE_FOOTNOTE = "Chú thích mẫu của đơn vị."
TEMPLATE_SOUND = ("Mẫu báo cáo {name} không có lỗi: đã dựng thử với số liệu mẫu cho một tháng thường, một tháng "
                  "cuối quý và tháng 12.")
TEMPLATE_PROBLEMS = "Mẫu báo cáo {name} có {count} lỗi:"
TEMPLATE_PROBLEM_LINE = "- {where}: {problem}"
TEMPLATE_PROBLEM_LINE_NOWHERE = "- {problem}"

# Builds and where their figures came from (``reportgen builds``, ``reportgen explain``) ------------------------------

BUILD_NOT_FOUND = "Không có lần lập báo cáo số {build} trong kho dữ liệu."
DOCX_NOT_BUILT = "Tệp này không phải báo cáo do reportgen lập từ kho dữ liệu này (hoặc đã bị sửa sau khi lập)."
FIGURE_NOT_IN_BUILD = "Lần lập báo cáo số {build} không có số liệu '{span}' của chỉ tiêu {indicator}."
UNKNOWN_SPAN = "Không có loại số liệu '{span}'; chọn một trong: {spans}."
SPAN_NAMES = {  # by reportgen.figures.SPANS
    "month": "số của tháng", "prev_month": "số tháng trước", "month_ly": "số cùng tháng năm trước",
    "qtd": "lũy kế quý", "qtd_ly": "lũy kế quý cùng kỳ năm trước", "ytd": "lũy kế từ đầu năm",
    "ytd_ly": "lũy kế cùng kỳ năm trước",
}
STATUS_NAMES = {"estimate": "ước", "final": "chính thức"}  # a stored value's status

# The report's appendix and charts, and its PDF ------------------------------------------------------------------------

REPORT_FILENAME = "bao-cao-{period}.docx"

# The appendix's last column: whether a row's figures are still estimates.
APPENDIX_ESTIMATE = "Ước"
APPENDIX_FINAL = "Chính thức"

# A chart: "{name} ({unit}, {basis}), {previous}–{year}", one bar per month ("T3") and year ("Năm 2023").
CHART_TITLE = "{name} ({unit}, {basis}), {previous}–{year}"
CHART_CUMULATIVE = "lũy kế đến tháng"
CHART_MONTHLY = "theo tháng"
CHART_YEAR = "Năm {year}"
CHART_MONTH = "T{month}"

PDF_NO_LIBREOFFICE = ("Không tìm thấy LibreOffice (lệnh soffice) để xuất PDF. Hãy cài LibreOffice "
                      "(ví dụ: apt-get install libreoffice-writer-nogui) rồi chạy lại; tệp .docx vẫn đã được tạo.")
PDF_TIMEOUT = "LibreOffice không xuất xong PDF trong {seconds:g} giây."
PDF_FAILED = "LibreOffice không xuất được PDF: {detail}"

# The command line: help -----------------------------------------------------------------------------------------------

# Each command's help (``reportgen COMMAND --help``; its first sentence is the command's line in ``reportgen --help``).
COMMAND_HELP: dict[str, str] = {
    "reportgen": "reportgen: báo cáo tình hình kinh tế - xã hội hằng tháng từ biểu mẫu Excel của các đơn vị.",
    "init": "Sao chép danh mục, mẫu báo cáo và hướng dẫn mặc định vào FOLDER/templates để địa phương chỉnh sửa.",
    "catalog": "Liệt kê danh mục chỉ tiêu.",
    "forms": "Tạo biểu mẫu Excel cho các đơn vị (kèm số đã lưu của tháng trước để tham khảo).",
    "ingest": "Kiểm tra và tiếp nhận biểu mẫu đã điền (tệp hoặc thư mục).",
    "validate": "Chỉ kiểm tra biểu mẫu (không lưu gì); có thể ghi bản đánh dấu lỗi.",
    "status": "Tình hình nộp biểu mẫu của các đơn vị trong kỳ.",
    "lock": "Khóa sổ một kỳ: không nhận thêm biểu mẫu của kỳ đó.",
    "unlock": "Mở khóa sổ một kỳ.",
    "history": "Lịch sử mọi giá trị đã lưu của một chỉ tiêu.",
    "figures": "Tính số liệu tổng hợp của kỳ theo từng chỉ tiêu.",
    "build": "Tạo báo cáo Word cho kỳ báo cáo.",
    "demo": "Chạy thử: tạo biểu mẫu, điền số liệu mẫu 2021-01 đến 2023-03, tiếp nhận và lập báo cáo.",
    "builds": ("Các lần lập báo cáo đã ghi nhận: thời điểm, người lập, kỳ, mã băm của tệp, mẫu và danh mục, "
               "và trạng thái xem xét của từng bản."),
    "changes": ("Các số liệu thay đổi giữa hai bản báo cáo (hai lần lập, hoặc hai tệp .docx): số cũ → số mới và "
                "lần nộp biểu mẫu đã làm thay đổi; số sửa tay trong bản nháp ghi là 'sửa tay'."),
    "serve": ("Chạy cổng thông tin trên web: các sở, ngành tải và nộp biểu mẫu; chuyên viên theo dõi tiến độ, "
              "khóa kỳ, tạo dự thảo; lãnh đạo so sánh, duyệt hoặc trả lại dự thảo."),
    "users": "Quản lý tài khoản của cổng thông tin: tạo, liệt kê, khóa, đặt mật khẩu.",
    "users add": "Tạo tài khoản mới (mật khẩu được hỏi, không hiện trên màn hình).",
    "users list": "Liệt kê các tài khoản.",
    "users disable": "Khóa một tài khoản: không đăng nhập được nữa, lịch sử vẫn giữ.",
    "users set-password": "Đặt mật khẩu mới cho một tài khoản.",
    "compare": ("So sánh hai bản báo cáo (.docx): bản so sánh với thay đổi được theo dõi mà Word và LibreOffice "
                "chấp nhận hoặc từ chối được; mỗi số liệu thay đổi có chú giải lần nộp biểu mẫu đã làm nó thay đổi."),
    "review": ("Ghi nhận việc xem xét một lần lập báo cáo: đã xem, trả lại kèm ghi chú, hoặc duyệt; duyệt bản cuối "
               "thì khóa kỳ báo cáo."),
    "explain": ("Giải trình một số liệu của một lần lập báo cáo: từ số liệu trong báo cáo đến các giá trị đã lưu, "
                "tệp, ô, thời điểm nộp của từng đơn vị và bản gốc đã lưu."),
    "db": "Quản lý kho dữ liệu: phiên bản, nâng cấp, kiểm tra bản gốc các tệp đã nộp.",
    "db upgrade": "Nâng cấp kho dữ liệu lên phiên bản mới nhất, giữ nguyên mọi dữ liệu (hãy sao lưu trước).",
    "db current": "Phiên bản hiện tại của kho dữ liệu và phiên bản mới nhất.",
    "db check": "Kiểm tra mọi tệp gốc mà kho dữ liệu nhắc tới đều còn trong kho lưu và đúng mã băm.",
}

# Options shared by several commands.
HELP_DB = "Kho dữ liệu: đường dẫn SQLite hoặc URL SQLAlchemy (hoặc biến môi trường REPORTGEN_DB)."
HELP_CATALOG = ("Tệp danh mục chỉ tiêu (mặc định templates/catalog.toml của thư mục làm việc nếu có, "
                "nếu không thì danh mục có sẵn).")
HELP_PERIOD = "Kỳ báo cáo, ví dụ 2023-03."
HELP_PERIOD_FILTER = "Chỉ một kỳ."
HELP_JSON = "In dạng JSON."
HELP_USER = "Người thực hiện (mặc định tài khoản đang dùng)."
HELP_ARCHIVE = ("Thư mục lưu bản gốc các tệp đã nộp (hoặc biến môi trường REPORTGEN_ARCHIVE; với kho SQLite mặc "
                "định là thư mục <tên kho>-archive bên cạnh tệp kho).")
HELP_BUILD_ID = "Số của lần lập báo cáo (xem reportgen builds)."
HELP_DOCX = "Tệp báo cáo .docx do reportgen lập (nhận ra theo mã băm)."
HELP_SPAN = "Loại số liệu: month, prev_month, month_ly, qtd, qtd_ly, ytd, ytd_ly."

# Options of one command each, in the order of the commands above.
HELP_INIT_FORCE = "Ghi đè các tệp đã có bằng bản mặc định."
HELP_FORMS_DEPARTMENT = "Chỉ tạo biểu mẫu cho đơn vị này (có thể lặp lại)."
HELP_FORMS_OUT = "Thư mục ghi biểu mẫu."
HELP_INGEST_PERIOD = "Chỉ nhận biểu mẫu của kỳ này."
HELP_ANNOTATE = "Ghi bản sao từng tệp có đánh dấu lỗi vào thư mục này."
HELP_MAX_SIZE = "Dung lượng tối đa một tệp (MB)."
HELP_TIMEOUT = "Thời gian đọc tối đa một tệp (giây)."
HELP_DRY_RUN = "Chỉ kiểm tra, không lưu."
HELP_INGEST_FORCE = "Nhận cả biểu mẫu của kỳ đã khóa sổ (được ghi lại)."
HELP_INDICATOR = "Mã chỉ tiêu."
HELP_FIGURES_XLSX = "Ghi ra tệp Excel."
HELP_BUILD_OUT = "Tệp .docx kết quả (mặc định outputs/bao-cao-YYYY-MM.docx)."
HELP_TEMPLATE = "Mẫu Word (mặc định templates/report.docx của thư mục làm việc nếu có, nếu không thì mẫu có sẵn)."
HELP_MANIFEST = "Ghi kèm tệp JSON mọi số liệu của báo cáo và nguồn của từng số."
HELP_NUMBER = "Số văn bản, ví dụ '742/BC-SKHĐT'."
HELP_DATE = "Ngày ký báo cáo (mặc định ngày 28 của tháng báo cáo)."
HELP_SIGNER = "Họ tên người ký."
HELP_SIGNER_TITLE = "Chức vụ người ký (mặc định theo danh mục)."
HELP_PDF = "Xuất thêm tệp PDF (cần LibreOffice)."
HELP_DEMO_OUT = "Thư mục kết quả."
HELP_DEMO_DB = "Kho dữ liệu của bản chạy thử (mặc định OUT/demo.sqlite, tạo mới)."

# The command line: click's own words (usage, help, errors), by the English text click asks gettext for.
# Vietnamese has one form where English has a singular and a plural: both map to it.
CLICK_TEXTS: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Xem hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Xem phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để biết cách dùng.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu tên lệnh.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Thừa đối số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa đối số ({args})",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} nhận {nargs} giá trị.",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các dạng {formats}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp, cần một thư mục.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục, cần một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {name} {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "integer": "số nguyên",
    "float": "số",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "Aborted!": "Đã dừng.",
    "unknown error": "lỗi không rõ",
}

# The command line: answers --------------------------------------------------------------------------------------------

ERROR_LINE = "Lỗi: {error}"  # any error that stops a command
FINDING_LINE = "{severity}: {location}: {message}"  # one finding on a file, as ingest and validate print it
USING_TEMPLATE = "Dùng {path} ({origin})."  # which catalog or Word template a command uses
TEMPLATE_ORIGIN: dict[bool, str] = {True: "của thư mục làm việc", False: "mặc định"}  # by "the city's own"
CREATED = "Đã tạo {path}"
WROTE = "Đã ghi {path}"

# reportgen catalog
CATALOG_TABLE_TITLE = "Danh mục chỉ tiêu, phiên bản {version}"
CATALOG_TABLE_COLUMNS: tuple[str, ...] = ("Mã", "Chỉ tiêu", "ĐVT", "Đơn vị", "Loại", "Kỳ", "KH")
CATALOG_TABLE_TOTAL = "{indicators} chỉ tiêu, {departments} đơn vị, {targets} chỉ tiêu chủ yếu."

# reportgen forms
FORMS_TOTAL = "Tổng cộng {count} biểu mẫu {month_name}."

# reportgen ingest and validate: a line per file, then the totals and the import summary table.
RESULT_FROM = " ({department}, kỳ {period})"
RESULT_COUNTS = " - {created} số liệu mới, {replaced} thay thế, {unchanged} không đổi"
RESULT_REPLACED = "thay thế {indicator} {period} ({basis}): {old} → {new}"
RESULT_NOT_COUNTED = "không tính {indicator} {period} ({basis}): {value}, vì đã có số chính thức {final}"
RESULT_ANNOTATED = "Bản đánh dấu lỗi: {path}"
INTAKE_TOTAL = "Tổng cộng {files} tệp: {valid} hợp lệ, {rejected} bị từ chối."
INGEST_PROGRESS = "Đang tiếp nhận"
CHECK_PROGRESS = "Đang kiểm tra"
FORMS_PROGRESS = "Đang tạo biểu mẫu"
INTAKE_PARTIAL = ("Trước khi gặp lỗi ở tệp {failed}, {count} tệp đã được lưu và vẫn giữ nguyên trong kho: {files}. "
                  "Các tệp còn lại chưa được lưu; sau khi khắc phục, hãy tiếp nhận lại (tệp đã lưu sẽ được "
                  "nhận ra là trùng).")
SUMMARY_TABLE_TITLE = "Tổng hợp tiếp nhận"
SUMMARY_TABLE_COLUMNS: tuple[str, ...] = ("Tệp", "Đơn vị", "Kỳ", "Kết quả")
SUMMARY_TABLE_COUNTS: tuple[str, ...] = ("Mới", "Thay thế", "Không đổi", "Không tính", "Bỏ qua", "Lỗi", "Cảnh báo")

# reportgen status
STATUS_TABLE_TITLE = "Tình hình nộp biểu mẫu {month_name}"
STATUS_TABLE_COLUMNS: tuple[str, ...] = (
    "Mã", "Đơn vị", "Hạn nộp", "Tình trạng", "Đúng hạn", "Cảnh báo", "Số lần nộp", "Lần nộp cuối",
)
TIMELINESS: dict[bool, str] = {True: "Đúng hạn", False: "Trễ hạn"}  # by "on time"
STATUS_RECEIVED = "Đã nhận {received}/{expected} biểu mẫu ({share:.0%})."
STATUS_LOCKED = " Kỳ đã khóa sổ lúc {locked_at} bởi {locked_by}."

# reportgen lock, unlock and history
LOCKED = "Đã khóa sổ {month_name}."
ALREADY_LOCKED = "{month_name} đã được khóa sổ từ trước."
UNLOCKED = "Đã mở khóa sổ {month_name}."
NOT_LOCKED = "{month_name} chưa bị khóa sổ."
UNKNOWN_INDICATOR = "Không có chỉ tiêu mã '{code}' trong danh mục."
HISTORY_TABLE_TITLE = "Lịch sử {code}: {name}"
HISTORY_TABLE_COLUMNS: tuple[str, ...] = (
    "Số hiệu", "Tháng", "Cơ sở", "Loại", "Giá trị", "Thay cho", "Tình trạng", "Tệp", "Ô", "Đơn vị", "Thời điểm",
)
HISTORY_COUNTS = "đang được tính"
HISTORY_REPLACED = "đã được thay (số hiệu {by})"
HISTORY_NOT_COUNTED = "không tính: đã có số chính thức"

# reportgen figures
FIGURES_TABLE_TITLE = "Số liệu tổng hợp {month_name}"
FIGURES_TABLE_COLUMNS: dict[str, str] = {  # by key of reportgen.figures_record
    "code": "Mã",
    "month": "Tháng",
    "prev_month": "Tháng trước",
    "change_vs_prev_month": "% so tháng trước",
    "year_to_date": "Lũy kế",
    "change_ytd_vs_last_year": "% so cùng kỳ",
    "plan": "KH năm",
    "percent_of_plan": "% KH",
}

# reportgen builds and explain
BUILDS_TABLE_TITLE = "Các lần lập báo cáo"
BUILDS_TABLE_COLUMNS: tuple[str, ...] = ("Số", "Thời điểm", "Người lập", "Kỳ", "Tệp", "Trạng thái", "Mã băm tệp",
                                         "Mã băm mẫu", "Danh mục")
EXPLAIN_FIGURE = "{name} ({code}), {span_name}, báo cáo {month_name}: {stated} {unit}{estimate}"
EXPLAIN_ESTIMATE = " (ước)"
EXPLAIN_BUILD = "Trong lần lập báo cáo số {build} lúc {at}, tính từ {count} giá trị đã lưu:"
EXPLAIN_SOURCE = ("  ← số hiệu {id}: {period} ({basis}) = {value}, {status}; {department}, tệp {file}, sheet "
                  "'{sheet}', ô {cell}, nộp lúc {at}")
EXPLAIN_ARCHIVED = "      bản gốc: {path}"
EXPLAIN_NOT_ARCHIVED = "      bản gốc: không còn trong kho lưu (mã băm {hash})"
EXPLAIN_NEEDS_BUILD = "Hãy chỉ ra lần lập báo cáo bằng --build SỐ hoặc --docx TỆP."

# reportgen db
DB_UPGRADED = "Đã nâng cấp kho dữ liệu {db}: phiên bản {before} → {after}."
DB_CREATED = "Đã tạo kho dữ liệu {db} ở phiên bản {after}."
DB_ALREADY_CURRENT = "Kho dữ liệu {db} đã ở phiên bản mới nhất ({revision})."
DB_CURRENT = "Kho dữ liệu {db}: phiên bản {revision}; phiên bản mới nhất: {head}."
DB_EMPTY = "Kho dữ liệu {db} chưa được tạo; phiên bản mới nhất: {head}."
DB_CHECK_OK = "Đủ {count} tệp gốc trong {archive}, đúng mã băm."
DB_CHECK_MISSING = "Thiếu bản gốc {name} (mã băm {hash}): {path}"
DB_CHECK_ALTERED = "Bản gốc {name} đã bị thay đổi (mã băm {hash}): {path}"
DB_CHECK_FAILED = "{count} tệp gốc thiếu hoặc bị thay đổi trong {archive}."

# reportgen build
BUILD_RECORDED = "Đã ghi nhận lần lập báo cáo số {build}."

# Comparing drafts (reportgen/compare)
DRAFT_BUILD = "lần lập số {build}"
CAUSE = "{department} {verb} {file} lúc {time} ngày {day}: {action}"
CAUSE_SENT = "nộp"
CAUSE_RESENT = "nộp lại"
CHANGE_ACTIONS = {"final": "ước → chính thức", "correction": "sửa số liệu", "new": "số liệu mới"}
CHANGE_BY_HAND = "sửa tay"
CHANGE_NO_SUBMISSION = "không có lần nộp mới (đổi do số liệu kỳ khác hoặc danh mục)"
CHANGE_WORDING = "đổi cách nói do so sánh đảo chiều; {reason}"
CHANGE_KINDS = {"value": "đổi số liệu", "wording": "đổi cách nói", "hand": "sửa tay"}
CHANGE_ABSENT = "—"
CHANGE_SPAN_NAMES = {
    "month": "tháng", "prev_month": "tháng trước", "month_ly": "cùng tháng năm trước", "qtd": "lũy kế quý",
    "qtd_ly": "lũy kế quý năm trước", "ytd": "lũy kế năm", "ytd_ly": "lũy kế năm trước", "plan": "kế hoạch năm",
    "mom": "so tháng trước", "yoy_month": "tháng so cùng kỳ", "yoy_qtd": "quý so cùng kỳ",
    "yoy_ytd": "lũy kế so cùng kỳ", "index_month": "chỉ số tháng", "index_ytd": "chỉ số lũy kế",
    "plan_ratio": "so kế hoạch", "diff_prev": "chênh lệch tháng trước", "diff_ytd": "chênh lệch cùng kỳ",
}
CHANGES_SHEET = "Số liệu thay đổi"
COMPARISON_VERBS = ("tăng", "giảm", "tương", "đạt", "vượt", "bằng")  # a stated comparison's first word
DRAFT_METAVAR = "SỐ|TỆP.docx"
OLD_DOCX_METAVAR, NEW_DOCX_METAVAR = "CŨ.docx", "MỚI.docx"
BUILD_METAVAR = "SỐ"
CHANGES_TITLE = "Số liệu thay đổi từ {old} đến {new}"
CHANGES_COLUMNS = ("Chỉ tiêu", "Số liệu", "Bản cũ", "Bản mới", "Loại thay đổi", "Lý do")
CHANGES_NONE = "Không có số liệu nào thay đổi từ {old} đến {new}."
CHANGES_COUNT = "{count} số liệu thay đổi từ {old} đến {new}."
CHANGES_WROTE_XLSX = "Đã ghi danh sách số liệu thay đổi vào {path}"
CHANGES_SIDE_HELP = "một lần lập báo cáo (số) hoặc một tệp .docx"
CHANGES_NOT_A_DRAFT = "'{text}' không phải số của một lần lập báo cáo, cũng không phải tệp .docx có sẵn."
# The redline engine (reportgen/compare/redline.py): which draft could not be compared, and why
OLD_SIDE, NEW_SIDE, BOTH_SIDES, DOCUMENT_SIDE = "bản cũ", "bản mới", "bản cũ hoặc bản mới", "tài liệu"
CANNOT_COMPARE = "Không so sánh được hai bản: {problem}."
NOT_DOCX = "{side} không phải là tệp Word (.docx) đọc được: {reason}"
NOT_A_DOCUMENT = "Không đọc được tệp: {problem}."
ENGINE_MISSING = "chưa cài công cụ so sánh Docxodus (python-redlines[docxodus]): {reason}"
ENGINE_FAILED = "công cụ so sánh không đọc được {side}: {reason}"
ENGINE_SLOW = "công cụ so sánh chạy quá {seconds} giây với {side}"
REASON_NOT_ZIP = "không phải tệp nén zip"
REASON_NO_MAIN = "thiếu phần văn bản chính ({part})"
REASON_BAD_XML = "phần {part} hỏng ({detail})"
REASON_NO_OUTPUT = "không có kết quả"
COMPARE_NEEDS_OUTPUT = "Hãy cho biết nơi ghi kết quả: --out TỆP.docx, --package THƯ_MỤC, hoặc cả hai."
COMPARE_WROTE = "Đã ghi {path}"
COMPARE_COUNTS = ("Thay đổi: {paragraphs} đoạn văn, {rows} dòng bảng, {footnotes} chú thích; {figures} số liệu "
                  "(mỗi số liệu có chú giải lý do trong bản so sánh).")
HELP_REDLINE_OUT = "Tệp .docx so sánh, mọi khác biệt là thay đổi được theo dõi (Track Changes)."
HELP_PACKAGE = "Thư mục cho người xem: bản so sánh, danh sách số liệu thay đổi (.xlsx) và trang tóm tắt."
# Accounts of the portal (reportgen/accounts, reportgen users)
PASSWORD_TOO_SHORT = "Mật khẩu cần ít nhất {length} ký tự."
USERNAME_INVALID = ("Tên đăng nhập '{username}' không hợp lệ: dùng 2–64 ký tự chữ thường không dấu, số, dấu chấm, "
                    "gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số.")
CLERK_NEEDS_DEPARTMENT = ("Cán bộ của sở, ngành cần đúng một mã sở, ngành trong danh mục (--department); "
                          "'{department}' không có. Các mã: {known}.")
ONLY_CLERKS_HAVE_DEPARTMENT = "Chỉ tài khoản cán bộ sở, ngành (clerk) mới gắn với một sở, ngành."
USERNAME_TAKEN = "Tên đăng nhập '{username}' đã có."
ACCOUNT_NOT_FOUND = "Không có tài khoản '{username}'."
ROLE_NAMES = {"clerk": "cán bộ sở, ngành", "staff": "chuyên viên tổng hợp", "reviewer": "lãnh đạo duyệt",
              "admin": "quản trị"}
ACCOUNT_ADDED = "Đã tạo tài khoản {username} ({role}{department})."
ACCOUNT_PASSWORD_SET = "Đã đặt mật khẩu mới cho {username}."
ACCOUNT_DISABLED = "Đã khóa tài khoản {username}: không đăng nhập được nữa, lịch sử vẫn giữ."
ACCOUNTS_TITLE = "Tài khoản"
ACCOUNTS_COLUMNS = ("Tên đăng nhập", "Họ tên", "Vai trò", "Sở, ngành", "Trạng thái", "Tạo lúc")
ACCOUNT_ACTIVE, ACCOUNT_INACTIVE = "đang dùng", "đã khóa"
PASSWORD_PROMPT = "Mật khẩu"
PASSWORD_AGAIN = "Nhập lại mật khẩu"
PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không khớp."
HELP_ROLE = "Vai trò: clerk (cán bộ sở, ngành), staff (chuyên viên), reviewer (lãnh đạo duyệt), admin (quản trị)."
HELP_DEPARTMENT_OF_CLERK = "Mã sở, ngành của cán bộ (chỉ với vai trò clerk)."
HELP_FULL_NAME = "Họ và tên."
HELP_PASSWORD_STDIN = "Đọc mật khẩu từ dòng đầu của đầu vào chuẩn (cho kịch bản), thay vì hỏi."
SUMMARY_TITLE = "Tóm tắt thay đổi từ {old} đến {new}"
SUMMARY_PARAGRAPHS = "{count} đoạn văn thay đổi."
SUMMARY_ROWS = "{count} dòng bảng thay đổi."
SUMMARY_FOOTNOTES = "{count} chú thích thay đổi."
SUMMARY_DRAWINGS = "{count} hình (biểu đồ) thêm hoặc bỏ."
SUMMARY_FIGURES = "{count} số liệu thay đổi, trong đó {wording} đổi cách nói do so sánh đảo chiều và {hand} sửa tay."
SUMMARY_CAUSES = "Các lần nộp biểu mẫu đã làm thay đổi số liệu:"
SUMMARY_NO_CAUSES = "Không có lần nộp biểu mẫu nào làm thay đổi số liệu."
REVIEW_ACTION_NAMES = {"reviewed": "đã xem", "returned": "trả lại", "approved": "đã duyệt"}
REVIEW_DONE = "Lần lập báo cáo số {build}: {action}{note}."
REVIEW_APPROVED_LOCKED = "Đã duyệt bản cuối {month_name}: kỳ này đã được khóa, không nhận thêm biểu mẫu."
REVIEW_NEEDS_ONE = "Hãy chọn đúng một trong --reviewed, --return, --approve."
REVIEW_RETURN_NEEDS_NOTE = "Trả lại bản nháp cần một ghi chú (--note) nói cần sửa gì."
REVIEW_NOT_FOUND = "Không có lần lập báo cáo số {build} trong kho dữ liệu."
REVIEW_STATE_NONE = "chưa xem"
HELP_NOTE = "Ghi chú của người xem (bắt buộc khi trả lại)."
HELP_CHANGES_XLSX = "Ghi danh sách ra tệp Excel cho người xem."
BUILD_NOT_RECORDED = (
    "Lưu ý: kho dữ liệu {store} chỉ đọc được, nên lần lập báo cáo này không được ghi nhận "
    "(báo cáo vẫn được tạo đầy đủ).")
BAD_DATE = "Ngày '{text}' không đúng dạng NĂM-THÁNG-NGÀY."
CREATED_REPORT = "Đã tạo báo cáo {path}"
WROTE_MANIFEST = "Đã ghi danh sách số liệu {path}"
CREATED_PDF = "Đã tạo bản PDF {path}"

# reportgen demo
DEMO_PROGRESS = "Nhập số liệu chạy thử"
DEMO_REJECTED = "{count} biểu mẫu chạy thử bị từ chối."
DEMO_ACCOUNTS = "Tài khoản chạy thử của cổng thông tin: {accounts} (mật khẩu: {password})."

# The portal (reportgen/web) ---------------------------------------------------------------------------------------
WEB_FORBIDDEN = "Tài khoản của anh/chị không có quyền xem trang này. Lần truy cập đã được ghi lại."
WEB_OTHER_DEPARTMENT = (
    "Trang này thuộc đơn vị khác; anh/chị chỉ xem và nộp được số liệu của đơn vị mình. Lần truy cập đã được ghi lại.")
WEB_NOT_FOUND = "Không tìm thấy trang hoặc tệp này."
WEB_CSRF = "Biểu mẫu đã hết hạn hoặc không gửi từ trang của hệ thống. Vui lòng tải lại trang rồi thử lại."
WEB_TOO_LARGE = "Tệp gửi lên quá lớn (tối đa {size} MB); tệp không được nhận."
WEB_LOGIN_FAILED = "Tên đăng nhập hoặc mật khẩu không đúng."
WEB_LOGIN_PAUSED = "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {minutes} phút."
WEB_INTERNAL_ERROR = "Hệ thống gặp sự cố khi xử lý yêu cầu; không có số liệu nào bị thay đổi. Vui lòng thử lại sau."
WEB_NO_FILE = "Chưa chọn tệp biểu mẫu để nộp."
WEB_DRAFT_MISSING = "Không còn tệp của dự thảo số {build} (đã bị xóa hoặc sửa sau khi tạo)."
WEB_SAME_DRAFT = "Hãy chọn hai dự thảo khác nhau để so sánh."
WEB_SEVERITY_NAMES = SEVERITY_TEXT
WEB_OUTCOME_NAMES = {"accepted": "đã tiếp nhận", "rejected": "bị từ chối", "duplicate": "trùng tệp đã nộp",
                     "missing": "chưa nộp"}
WEB_AUDIT_NAMES = {
    "login": "đăng nhập", "login.failed": "đăng nhập sai", "login.disabled": "đăng nhập (tài khoản đã khóa)",
    "login.throttled": "đăng nhập bị tạm chặn", "logout": "đăng xuất", "upload": "nộp biểu mẫu",
    "form.download": "tải biểu mẫu", "lock": "khóa kỳ", "unlock": "mở khóa kỳ", "build": "tạo dự thảo",
    "draft.download": "tải dự thảo", "compare": "so sánh dự thảo", "compare.download": "tải kết quả so sánh",
    "review.reviewed": "đã xem dự thảo", "review.returned": "trả lại dự thảo", "review.approved": "duyệt dự thảo",
    "access.denied": "truy cập bị từ chối", "csrf.refused": "biểu mẫu không hợp lệ (CSRF)",
    "account.add": "thêm tài khoản", "account.password": "đổi mật khẩu", "account.disable": "khóa tài khoản",
}
HELP_HOST = "Địa chỉ lắng nghe (127.0.0.1: chỉ máy này; 0.0.0.0: mọi máy trong mạng)."
HELP_PORT = "Cổng lắng nghe."
HELP_PORTAL_DATA = ("Thư mục của cổng thông tin: dự thảo, tệp đã đánh dấu lỗi, kết quả so sánh, khóa phiên "
                    "(mặc định <tên kho>-portal cạnh kho SQLite, hoặc outputs/portal).")
SERVING = "Cổng thông tin chạy tại {url} (thư mục dữ liệu {data}); nhấn Ctrl+C để dừng."
