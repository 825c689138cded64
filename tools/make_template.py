"""Write the starting Word template, templates/report.docx.

Run once by developers (``python tools/make_template.py``); afterwards planning
staff edit templates/report.docx in Word, and this script is only a record of
how the first version was made. Formatting follows Decree 30/2020/NĐ-CP,
Appendix I; the choices within its ranges are listed in templates/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from template_kit import (  # noqa: E402
    BLOCK, OUT, YE, all_borders, body, cell_para, fixed_widths, h, header_block, loop, narrative, no_borders,
    end, otherwise, para, setup_styles, short_rule, when,
)
from template_social import other_sections  # noqa: E402

# The sentences -----------------------------------------------------------

def economy(doc: Document) -> None:
    h(doc, "{% if period.is_year_end %}1. Về phát triển kinh tế{% else %}1. Về kinh tế{% endif %}", "1")
    h(doc, "a. Lĩnh vực công nghiệp:", "a")
    body(doc,
         "Chỉ số phát triển sản xuất công nghiệp (IIP) {{ period.month_name }} {{ f.iip.uoc }}"
         "{{ f.iip_mom.index_month }} so với tháng trước và {{ f.iip.index_month }} so với cùng kỳ."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, chỉ số phát triển sản xuất công nghiệp "
         "{{ f.iip.uoc }}{{ f.iip.index_ytd }} so với cùng kỳ năm trước{{ breakdown('iip') }}.{% endif %}")
    narrative(doc, "econ.industry")

    h(doc, "b. Hoạt động thương mại - dịch vụ:", "a")
    body(doc,
         "- Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ {{ period.month_name }} {{ f.retail_sales.uoc }}thực hiện "
         "{{ f.retail_sales.month }} {{ f.retail_sales.unit }}, {{ f.retail_sales.mom }} so với tháng trước"
         "{% if period.is_year_end %} và {{ f.retail_sales.yoy_month }} so với cùng kỳ{% endif %}."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ "
         "{{ f.retail_sales.uoc }}thực hiện {{ f.retail_sales.ytd }} {{ f.retail_sales.unit }}, "
         "{{ f.retail_sales.plan_ratio }}, {{ f.retail_sales.yoy_ytd }} so với cùng kỳ.{% endif %}")
    body(doc,
         "- Xuất, nhập khẩu: Trong {{ period.month_name }}, kim ngạch xuất khẩu hàng hóa và doanh thu dịch vụ "
         "{{ f.exports.uoc }}thực hiện {{ f.exports.month }} {{ f.exports.unit }}, {{ f.exports.mom }} so với tháng "
         "trước; kim ngạch nhập khẩu hàng hóa {{ f.imports.uoc }}thực hiện {{ f.imports.month }} "
         "{{ f.imports.unit }}, {{ f.imports.mom }} so với tháng trước."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, kim ngạch xuất khẩu hàng hóa và doanh thu dịch vụ "
         "{{ f.exports.uoc }}thực hiện {{ f.exports.ytd }} {{ f.exports.unit }}, {{ f.exports.plan_ratio }}, "
         "{{ f.exports.yoy_ytd }} so với cùng kỳ; kim ngạch nhập khẩu hàng hóa {{ f.imports.uoc }}thực hiện "
         "{{ f.imports.ytd }} {{ f.imports.unit }}, {{ f.imports.plan_ratio }}, {{ f.imports.yoy_ytd }} so với "
         "cùng kỳ.{% endif %}")
    body(doc,
         "- Hoạt động du lịch: Trong {{ period.month_name }}, tổng lượt khách đến tham quan du lịch "
         "{{ f.visitors.uoc }}đạt {{ f.visitors.month }} {{ f.visitors.unit }}, các doanh nghiệp lưu trú phục vụ "
         "{{ f.lodging_guests.month }} {{ f.lodging_guests.unit }}, tổng doanh thu du lịch {{ f.tourism_revenue.uoc }}"
         "đạt {{ f.tourism_revenue.month }} {{ f.tourism_revenue.unit }}."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, tổng lượt khách đến tham quan du lịch "
         "{{ f.visitors.uoc }}đạt {{ f.visitors.ytd }} {{ f.visitors.unit }}, {{ f.visitors.plan_ratio.text(0) }}, "
         "{{ f.visitors.yoy_ytd.text(0) }} so với cùng kỳ; các doanh nghiệp lưu trú phục vụ "
         "{{ f.lodging_guests.ytd }} {{ f.lodging_guests.unit }}, {{ f.lodging_guests.plan_ratio.text(1) }}, "
         "{{ f.lodging_guests.yoy_ytd.text(0) }} so với cùng kỳ; tổng doanh thu du lịch {{ f.tourism_revenue.uoc }}"
         "đạt {{ f.tourism_revenue.ytd }} {{ f.tourism_revenue.unit }}, {{ f.tourism_revenue.plan_ratio.text(0) }}, "
         "{{ f.tourism_revenue.yoy_ytd.text(0) }} so với cùng kỳ.{% endif %}")
    body(doc,
         "- Vận tải: {{ period.month_name|capitalize }}, vận chuyển hành khách "
         "{{ f.passengers.uoc }}đạt {{ f.passengers.month }} {{ f.passengers.unit }}, {{ f.passengers.mom }} so với "
         "tháng trước; vận chuyển hàng hóa {{ f.freight.uoc }}đạt {{ f.freight.month }} {{ f.freight.unit }}, "
         "{{ f.freight.mom }} so với tháng trước."
         f"{{% if {BLOCK} %}} Tính chung {{{{ period.ytd_name }}}}, số lượt hành khách vận chuyển "
         "{{ f.passengers.uoc }}đạt {{ f.passengers.ytd }} {{ f.passengers.unit }}, {{ f.passengers.yoy_ytd }} so "
         "với cùng kỳ; khối lượng hàng hóa vận chuyển {{ f.freight.uoc }}đạt {{ f.freight.ytd }} "
         "{{ f.freight.unit }}, {{ f.freight.yoy_ytd }} so với cùng kỳ.{% endif %}")
    body(doc,
         "- Chỉ số giá tiêu dùng (CPI) {{ period.month_name }} {{ f.cpi.mom }} so với tháng trước"
         "{% if period.is_year_end %}, {{ f.cpi.yoy_month }} so với cùng kỳ năm trước{% endif %}."
         f"{{% if {BLOCK} %}} Chỉ số giá bình quân {{{{ '%02d'|format(period.month) }}}} tháng/{{{{ period.year }}}} "
         "{{ f.cpi.yoy_ytd }} so với bình quân cùng kỳ năm trước.{% endif %}")
    narrative(doc, "econ.trade")

    h(doc, "c. Lĩnh vực nông nghiệp:", "a")
    body(doc,
         "Vụ Đông Xuân xuống giống {{ f.rice_winter_spring_area.month }} {{ f.rice_winter_spring_area.unit }}, "
         "{{ f.rice_winter_spring_area.plan_ratio }}, {{ f.rice_winter_spring_area.yoy_month.text(0) }} so với "
         "cùng kỳ{% if f.rice_summer_autumn_area.month %}; vụ Hè Thu xuống giống "
         "{{ f.rice_summer_autumn_area.month }} {{ f.rice_summer_autumn_area.unit }}"
         "{% if f.rice_summer_autumn_area.plan_ratio %}, {{ f.rice_summer_autumn_area.plan_ratio.text(0) }}"
         "{% endif %}{% endif %}. Tổng diện tích cây ăn trái {{ f.fruit_area.month }} {{ f.fruit_area.unit }}"
         "{% if f.fruit_area.plan_ratio %}, {{ f.fruit_area.plan_ratio.text(0) }}{% endif %}, "
         "{{ f.fruit_area.yoy_month }} so với cùng kỳ. Cây hàng năm có diện tích gieo trồng "
         "{{ f.annual_crops_area.month }} {{ f.annual_crops_area.unit }}, {{ f.annual_crops_area.plan_ratio.text(0) }}, "
         "{{ f.annual_crops_area.yoy_month.text(0) }} so với cùng kỳ, đã thu hoạch "
         "{{ f.annual_crops_harvested.month }} {{ f.annual_crops_harvested.unit }}"
         "{{ breakdown('annual_crops_area', 'month', '', compare='yoy', share=False) }}.")
    body(doc,
         "Tổng đàn heo {{ f.pig_herd.uoc }}khoảng {{ f.pig_herd.month }} {{ f.pig_herd.unit }}, "
         "{{ f.pig_herd.plan_ratio.text(1) }}, {{ f.pig_herd.yoy_month.text(0) }} so với cùng kỳ; đàn trâu "
         "{{ f.buffalo_herd.month }} {{ f.buffalo_herd.unit }}; đàn bò {{ f.cattle_herd.month }} "
         "{{ f.cattle_herd.unit }}, {{ f.cattle_herd.plan_ratio.text(1) }}, {{ f.cattle_herd.yoy_month.text(1) }} so "
         "với cùng kỳ; đàn gia cầm {{ f.poultry_herd.month }} {{ f.poultry_herd.unit }}, "
         "{{ f.poultry_herd.plan_ratio.text(1) }}, {{ f.poultry_herd.yoy_month.text(1) }} so với cùng kỳ. "
         "Sản lượng thịt hơi các loại {{ period.ytd_name }} đạt {{ f.meat_output.ytd }} {{ f.meat_output.unit }}"
         "{{ breakdown('meat_output') }}. Diện tích thả nuôi thủy sản {{ f.aquaculture_area.ytd }} "
         "{{ f.aquaculture_area.unit }}, {{ f.aquaculture_area.plan_ratio.text(0) }}, "
         "{{ f.aquaculture_area.yoy_ytd.text(0) }} so với cùng kỳ; sản lượng nuôi thu hoạch "
         "{{ f.aquaculture_output.ytd }} {{ f.aquaculture_output.unit }}, {{ f.aquaculture_output.plan_ratio.text(0) }}, "
         "{{ f.aquaculture_output.yoy_ytd.text(0) }} so với cùng kỳ và sản lượng khai thác "
         "{{ f.fishing_output.ytd }} {{ f.fishing_output.unit }}{% if f.fishing_output.plan_ratio %}, "
         "{{ f.fishing_output.plan_ratio.text(0) }}{% endif %}.")
    body(doc,
         "- Xây dựng nông thôn mới: Toàn thành phố có {{ f.ntm_advanced_communes.month }}/"
         "{{ f.ntm_communes_total.month }} xã đạt chuẩn nông thôn mới nâng cao và {{ f.ntm_model_communes.month }} xã "
         "đạt chuẩn nông thôn mới kiểu mẫu; {{ f.ocop_products.month }} sản phẩm OCOP"
         "{{ breakdown('ocop_products', 'month', 'Gồm ') }}.")
    narrative(doc, "econ.agriculture")


def investment(doc: Document) -> None:
    h(doc, "2. Huy động các nguồn vốn đầu tư phát triển", "1")
    h(doc, "a. Giải ngân vốn đầu tư công đến cuối {{ period.month_name }}:", "a")
    body(doc,
         "Kết quả giải ngân kế hoạch các nguồn vốn thuộc ngân sách nhà nước trên địa bàn thành phố là "
         "{{ f.disbursement.ytd }}/{{ f.disbursement.plan }} {{ f.disbursement.unit }}, "
         "{{ f.disbursement.plan_ratio.rate(1) }}. Trong đó, các nguồn vốn đầu tư công do thành phố quản lý giải "
         "ngân {{ f.disbursement_local.ytd }}/{{ f.disbursement_local.plan }} {{ f.disbursement_local.unit }}, "
         "{{ f.disbursement_local.plan_ratio.text(1) }} năm {{ period.year }}. Cấp thành phố giải ngân đạt "
         "{{ f.disbursement_rate_city.ytd }}% KH; cấp quận, huyện giải ngân đạt "
         "{{ f.disbursement_rate_district.ytd }}% KH.")
    narrative(doc, "invest.public")
    h(doc, "b. Đăng ký kinh doanh và thu hút đầu tư:", "a")
    body(doc,
         "- Đăng ký doanh nghiệp: {{ period.month_name|capitalize }}, cấp mới đăng ký kinh doanh cho "
         "{{ f.new_businesses.month }} doanh nghiệp các loại hình, với tổng vốn đăng ký "
         "{{ f.new_business_capital.month }} {{ f.new_business_capital.unit }}."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, cấp mới đăng ký kinh doanh cho {{{{ f.new_businesses.ytd }}}} "
         "doanh nghiệp, {{ f.new_businesses.plan_ratio }}; tổng vốn đăng ký {{ f.new_business_capital.ytd }} "
         "{{ f.new_business_capital.unit }}, {{ f.new_business_capital.plan_ratio }}. So cùng kỳ năm "
         "{{ period.year - 1 }}, số doanh nghiệp đăng ký {{ f.new_businesses.yoy_ytd.level() }} và số vốn đăng ký "
         "mới {{ f.new_business_capital.yoy_ytd.level() }}.{% endif %}")
    body(doc,
         "- Thu hút đầu tư trong nước (ngoài khu công nghiệp): {{ period.month_name|capitalize }}, "
         "{% if f.domestic_new_projects.month %}quyết định chủ trương đầu tư mới {{ f.domestic_new_projects.month }} "
         "dự án{% else %}chưa có dự án mới được chấp thuận chủ trương đầu tư{% endif %}."
         f"{{% if {BLOCK} and f.domestic_new_projects.ytd %}} {{{{ period.ytd_name }}}}, quyết định chủ trương đầu tư "
         "mới {{ f.domestic_new_projects.ytd }} dự án, tổng vốn đầu tư đăng ký {{ f.domestic_new_capital.ytd }} "
         "{{ f.domestic_new_capital.unit }}.{% endif %} Hiện có {{ f.domestic_projects_active.month }} dự án đang "
         "triển khai thực hiện trên địa bàn thành phố với tổng diện tích đất khoảng "
         "{{ f.domestic_projects_land.month }} {{ f.domestic_projects_land.unit }}.")
    body(doc,
         "- Thu hút đầu tư trực tiếp nước ngoài (FDI): {{ period.month_name|capitalize }}, "
         "{% if f.fdi_new_projects.month %}cấp mới {{ f.fdi_new_projects.month }} dự án với vốn đầu tư "
         "{{ f.fdi_new_capital.month }} {{ f.fdi_new_capital.unit }}{% else %}chưa có dự án được cấp mới{% endif %}"
         "{% if f.fdi_adjusted_projects.month %}, điều chỉnh tăng vốn đầu tư {{ f.fdi_adjusted_projects.month }} dự "
         "án (tăng {{ f.fdi_added_capital.month }} {{ f.fdi_added_capital.unit }}){% endif %}."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, {{% if f.fdi_new_projects.ytd %}}cấp mới "
         "{{ f.fdi_new_projects.ytd }} dự án FDI, vốn đăng ký {{ f.fdi_new_capital.ytd }} {{ f.fdi_new_capital.unit }}"
         "{% else %}chưa có dự án FDI được cấp mới{% endif %}{% if f.fdi_terminated_projects.ytd %}; chấm dứt hoạt "
         "động {{ f.fdi_terminated_projects.ytd }} dự án với tổng vốn đăng ký {{ f.fdi_terminated_capital.ytd }} "
         "{{ f.fdi_terminated_capital.unit }}{% endif %}.{% endif %} Trên địa bàn thành phố hiện có {{ f.fdi_projects.month }} "
         "dự án đầu tư trực tiếp nước ngoài, tổng vốn đầu tư đăng ký khoảng {{ f.fdi_capital.month }} "
         "{{ f.fdi_capital.unit }}.")
    body(doc,
         "- Hoạt động các khu công nghiệp: {{ period.month_name|capitalize }}, "
         "{% if f.kcn_new_projects.month %}cấp mới {{ f.kcn_new_projects.month }} dự án{% else %}không có dự án "
         "đầu tư mới{% endif %}{% if f.kcn_adjusted_projects.month %}, điều chỉnh {{ f.kcn_adjusted_projects.month }} "
         "giấy chứng nhận đăng ký đầu tư với số vốn tăng {{ f.kcn_added_capital.month }} "
         "{{ f.kcn_added_capital.unit }}{% endif %}."
         f"{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, {{% if f.kcn_new_projects.ytd %}}cấp "
         "{{ f.kcn_new_projects.ytd }} giấy chứng nhận đăng ký đầu tư, tổng vốn đầu tư đăng ký "
         "{{ f.kcn_new_capital.ytd }} {{ f.kcn_new_capital.unit }}{% else %}không có dự án đầu tư mới{% endif %}"
         "{% if f.kcn_adjusted_projects.ytd %}, điều chỉnh {{ f.kcn_adjusted_projects.ytd }} giấy chứng nhận đăng ký "
         "đầu tư với tổng vốn tăng {{ f.kcn_added_capital.ytd }} {{ f.kcn_added_capital.unit }}{% endif %}"
         ".{% endif %} Đến nay, có {{ f.kcn_projects.month }} dự án còn hiệu lực"
         "{{ breakdown('kcn_projects', 'month', 'Trong đó có ') }}, tổng vốn đăng ký "
         "{{ f.kcn_registered_capital.month }} {{ f.kcn_registered_capital.unit }}, vốn đầu tư đã thực hiện "
         "{{ f.kcn_realised_capital.month }} {{ f.kcn_realised_capital.unit }}, chiếm "
         "{{ f.kcn_realised_share.month.text(0) }}% vốn đăng ký. Tổng số lao động đang làm việc là "
         "{{ f.kcn_workers.month }} lao động ({{ f.kcn_workers_fdi.month }} lao động FDI), doanh thu "
         "{{ period.ytd_name }} đạt {{ f.kcn_revenue.ytd }} {{ f.kcn_revenue.unit }}.")
    narrative(doc, "invest.business")


def finance(doc: Document) -> None:
    h(doc, "3. Tài chính - ngân hàng", "1")
    h(doc, "a. Thu - chi ngân sách (đến cuối {{ period.month_name }}):", "a")
    body(doc,
         "Tổng thu ngân sách nhà nước trên địa bàn {{ f.budget_revenue_territory.ytd }} "
         "{{ f.budget_revenue_territory.unit }}, {{ f.budget_revenue_territory.plan_ratio }} TW giao và đạt "
         "{{ f.budget_revenue_territory_council_rate.ytd }}% dự toán HĐND thành phố giao. Tổng thu ngân sách nhà "
         "nước {{ f.budget_revenue.ytd }} {{ f.budget_revenue.unit }}, {{ f.budget_revenue.plan_ratio }} TW và HĐND "
         "thành phố giao, {{ f.budget_revenue.yoy_ytd.level(2, 'đạt') }} so với cùng kỳ"
         "{{ breakdown('budget_revenue') }}. Tổng chi ngân sách địa phương {{ f.budget_spending.ytd }} "
         "{{ f.budget_spending.unit }}, {{ f.budget_spending.plan_ratio }} TW và đạt "
         "{{ f.budget_spending_council_rate.ytd }}% dự toán HĐND giao, {{ f.budget_spending.yoy_ytd }} so với cùng "
         "kỳ{{ breakdown('budget_spending') }}.")
    narrative(doc, "finance.budget")
    h(doc, "b. Hoạt động ngân hàng:", "a")
    body(doc,
         "Hệ thống ngân hàng thành phố hiện có {{ f.credit_institutions.month }} chi nhánh tổ chức tín dụng và "
         "{{ f.people_credit_funds.month }} quỹ tín dụng nhân dân đang hoạt động. Đến cuối {{ period.month_name }}, "
         "tổng vốn huy động từ các tổ chức kinh tế và cá nhân trên địa bàn "
         "{{ f.deposits.uoc }}đạt {{ f.deposits.month }} {{ f.deposits.unit }}, {{ f.deposits.mom }} so với đầu "
         "tháng{{ breakdown('deposits', 'month') }}. Tổng dư nợ cho vay nền kinh tế {{ f.loans.uoc }}đạt "
         "{{ f.loans.month }} {{ f.loans.unit }}"
         "{{ breakdown('loans', 'month', 'Theo chương trình tín dụng: ', exclude=['bad_debt']) }}, "
         "{{ f.loans.mom }} so với đầu tháng. Nợ xấu {{ f.bad_debt.month }} {{ f.bad_debt.unit }}, chiếm "
         "{{ f.bad_debt_ratio.month }}% tổng dư nợ cho vay.")
    narrative(doc, "finance.banking")


def key_targets(doc: Document) -> None:
    h(doc, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM {{ period.year }}", "I")
    body(doc, "Tổng số {{ targets_met }}/{{ targets_total }} chỉ tiêu chủ yếu đạt và vượt chỉ tiêu kế hoạch đề ra, "
              "chi tiết:")
    para(doc, "{%p for group in target_groups %}")
    h(doc, "{{ group.letter }}. {{ group.title }}:", "a")
    para(doc, "{%p for t in group.targets %}")
    body(doc, "({{ t.number }}) {{ t.name }}: {{ t.status }}.")
    para(doc, "{%p for part in t.parts %}")
    body(doc, "- {{ part.name }}: {{ part.target_result() }}.")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")


def closing(doc: Document) -> None:
    body(doc, "Trên đây là báo cáo tình hình kinh tế - xã hội {{ period.month_name }}"
              "{% if period.is_year_end %}, 12 tháng năm {{ period.year }} và phương hướng, nhiệm vụ năm "
              "{{ period.year + 1 }}{% elif period.is_quarter_end %}, {{ period.ytd_name }} và các công tác trọng "
              "tâm {{ next.month_name }}{% else %} và các công tác trọng tâm {{ next.month_name }}{% endif %}, "
              "{{ report.issuer_name }} kính báo cáo./.")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    p = cell_para(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.space_before = Pt(12)
    cell_para(left, "{%p for r in report.recipients %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_para(left, "- {{ r }}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_para(left, "{%p endfor %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    cell_para(right, "{{ report.signer_title }}", bold=True, size=14, first=True).paragraph_format.space_before = Pt(12)
    for _ in range(4):
        cell_para(right, "", size=14)
    cell_para(right, "{{ report.signer_name }}", bold=True, size=14)


def table_with_header(doc: Document, headers: list[str], widths: list[float]) -> object:
    """A bordered table with fixed widths whose header row repeats on every page."""
    table = doc.add_table(rows=1, cols=len(headers))
    all_borders(table)
    fixed_widths(table, widths)
    for i, title in enumerate(headers):
        p = table.rows[0].cells[i].paragraphs[0]
        p.style = "Table Text"
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(title).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    return table


def marker(table: object, text: str) -> None:
    """A row holding only a docxtpl row tag ({%tr … %}); docxtpl removes it."""
    table.add_row().cells[0].paragraphs[0].add_run(text)  # type: ignore[attr-defined]


def no_split(row: object) -> None:
    """Keep a row on one page: a split row leaves an empty-looking stub under the repeated header."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # type: ignore[attr-defined]


def data_row(table: object, fields: list[str], left: tuple[str, ...] = ("name",)) -> None:
    row = table.add_row()  # type: ignore[attr-defined]
    no_split(row)
    for i, name in enumerate(fields):
        p = row.cells[i].paragraphs[0]
        p.style = "Table Text"
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if name in left else WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("{{ row.%s }}" % name)


def appendix_title(doc: Document, number: str, title: str, page_break: bool) -> None:
    p = para(doc, f"PHỤ LỤC {number}", style="Title Type")
    if page_break:
        p.paragraph_format.page_break_before = True
    para(doc, title, style="Title Summary")
    para(doc, "(Kèm theo Báo cáo số {{ report.number }} ngày {{ report.date_short }} của "
              "{{ report.issuer_name }})", style="Header Cell", italic=True)


def appendix(doc: Document) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    appendix_title(doc, "I", "Số liệu tổng hợp thực hiện các chỉ tiêu chủ yếu {{ period.month_name }}", False)
    fields = ["no", "name", "unit", "plan", "month", "ytd", "plan_ratio", "yoy", "status"]
    table = table_with_header(doc, ["STT", "Chỉ tiêu", "ĐVT", "KH năm", "Tháng", "Lũy kế", "% KH", "So cùng kỳ",
                                    "Tình trạng"], [1.2, 7.8, 2.3, 2.4, 2.4, 2.4, 2.5, 2.6, 2.4])
    marker(table, "{%tr for row in appendix %}")
    marker(table, "{%tr if row.heading %}")
    heading_row = table.add_row()  # type: ignore[attr-defined]
    no_split(heading_row)
    heading = heading_row.cells
    merged = heading[0].merge(heading[-1])
    merged.paragraphs[0].style = "Table Text"
    merged.paragraphs[0].add_run("{{ row.name }}").bold = True
    marker(table, "{%tr else %}")
    data_row(table, fields)
    marker(table, "{%tr endif %}")
    marker(table, "{%tr endfor %}")

    when(doc, YE)
    appendix_title(doc, "II", "Đánh giá kết quả thực hiện các chỉ tiêu chủ yếu năm {{ period.year }}", True)
    targets = table_with_header(doc, ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"],
                                [1.4, 12.0, 3.0, 3.0, 3.0, 3.6])
    marker(targets, "{%tr for row in target_rows %}")
    data_row(targets, ["no", "name", "unit", "plan", "actual", "status"])
    marker(targets, "{%tr endfor %}")
    end(doc)

    appendix_title(doc, "{% if period.is_year_end %}III{% else %}II{% endif %}",
                   "Biểu đồ một số chỉ tiêu chủ yếu năm {{ period.year }} so với năm {{ period.year - 1 }}", True)
    para(doc, "{%p for chart in charts %}")
    p = para(doc, "{{ chart }}", style="Header Cell")
    p.paragraph_format.keep_together = True
    para(doc, "{%p endfor %}")


def page_numbers(doc: Document) -> None:
    """A centred page number at the top from page 2 (later sections share this header)."""
    for index, section in enumerate(doc.sections):
        section.different_first_page_header_footer = index == 0
    header = doc.sections[0].header
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)


def build() -> Document:
    doc = Document()
    setup_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    header_block(doc)
    para(doc, "BÁO CÁO", style="Title Type").paragraph_format.space_before = Pt(12)
    para(doc, "Tình hình kinh tế - xã hội {{ period.month_name }}"
              "{% if period.is_year_end %}, 12 tháng năm {{ period.year }} và phương hướng, nhiệm vụ năm "
              "{{ period.year + 1 }}{% elif period.is_quarter_end %}, {{ period.ytd_name }} và các công tác trọng "
              "tâm {{ next.month_name }}{% else %} và các công tác trọng tâm {{ next.month_name }}{% endif %}",
         style="Title Summary")
    short_rule(para(doc, "", size=4), 6.5, after_pt=12)

    when(doc, YE)
    key_targets(doc)
    h(doc, "II. KẾT QUẢ PHÁT TRIỂN CÁC NGÀNH, LĨNH VỰC {{ period.month_name|upper }} VÀ 12 THÁNG NĂM "
           "{{ period.year }}", "I")
    otherwise(doc)
    h(doc, "I. Tình hình kinh tế - xã hội {{ period.month_name }}"
           "{% if period.is_quarter_end %}, {{ period.ytd_name }}{% endif %}", "I")
    end(doc)
    economy(doc)
    investment(doc)
    finance(doc)
    other_sections(doc)

    h(doc, "{% if period.is_year_end %}III. ĐÁNH GIÁ CHUNG{% else %}II. Đánh giá chung{% endif %}", "I")
    narrative(doc, "assessment.achievements")
    narrative(doc, "assessment.difficulties")
    when(doc, YE)
    h(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ period.year + 1 }}", "I")
    h(doc, "1. Mục tiêu:", "1")
    narrative(doc, "plan.goals")
    h(doc, "2. Một số giải pháp chủ yếu trong năm {{ period.year + 1 }}:", "1")
    narrative(doc, "plan.solutions")
    h(doc, "3. Một số công tác trọng tâm {{ next.month_name }}:", "1")
    otherwise(doc)
    h(doc, "III. Một số nhiệm vụ trọng tâm {{ next.month_name }}", "I")
    end(doc)
    loop(doc, "tasks", "- {{ p }}")
    closing(doc)
    appendix(doc)
    page_numbers(doc)
    props = doc.core_properties
    props.author = "Sở Kế hoạch và Đầu tư"
    props.title = "Mẫu báo cáo tình hình kinh tế - xã hội"
    return doc


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build().save(str(out))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
