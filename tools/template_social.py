"""Sections 4-7 of the starting template: urban affairs, culture and society,
administration, foreign affairs, defence and security.

Kept apart from make_template.py so the sentences of these sections can be
written without touching the rest. Each section: a heading, the generated
sentences over catalog figures, then the departments' narrative.

Most figures of these sections are counts that may well be zero in a given
month (no waterway accident, no exam, no auction), so lists are written with
:func:`seq`, which prints only the items whose figure is there, and whole
sentences that only make sense with a figure are wrapped in ``{%p if %}``.
Absolute differences are written as the references do with the figures'
``diff_prev`` and ``diff_ytd``: ``{{ f.x.diff_ytd.text('vụ') }}`` prints
``tăng 480 vụ``, ``giảm 06 vụ`` or ``tương đương``.
"""

from __future__ import annotations

from docx import Document
from template_kit import BLOCK, body, end, h, narrative, when

def seq(items: list[tuple[str, str]], sep: str = "; ") -> str:
    """Jinja writing each ``(condition, text)`` item whose condition holds, separated by ``sep``."""
    out = ["{% set ns = namespace(n=0) %}"]
    for condition, text in items:
        out.append(f"{{% if {condition} %}}{{% if ns.n %}}{sep}{{% endif %}}{text}"
                   "{% set ns.n = ns.n + 1 %}{% endif %}")
    return "".join(out)


def any_of(items: list[tuple[str, str]]) -> str:
    return " or ".join(condition for condition, _ in items)


def sentence(doc: Document, text: str, condition: str | None = None) -> None:
    """A paragraph of generated text; with ``condition``, only when it holds."""
    if condition:
        when(doc, condition)
    body(doc, text)
    if condition:
        end(doc)


def listing(doc: Document, lead: str, items: list[tuple[str, str]], tail: str = ".", sep: str = "; ") -> None:
    """``lead`` and the items that are there; no paragraph at all when none is."""
    sentence(doc, lead + seq(items, sep) + tail, any_of(items))


# 4. Đô thị, đất đai ---------------------------------------------------------

def urban_construction(doc: Document) -> None:
    """Neither reference states a figure for construction: the department's text only."""


def urban_land(doc: Document) -> None:
    listing(doc, "Đến nay, thành phố đã phê duyệt ", [
        ("f.land_use_plans_approved.month",
         ("kế hoạch sử dụng đất năm {{ period.year }} của {{ f.land_use_plans_approved.month }}/"
          "{{ f.districts_total.month }} quận, huyện")),
        ("f.land_use_masterplans_approved.month",
         ("quy hoạch sử dụng đất thời kỳ 2021 - 2030 của {{ f.land_use_masterplans_approved.month }}/"
          "{{ f.rural_districts_total.month }} huyện")),
    ], sep=" và ")
    listing(doc, "{{ period.cumulative_name }}, ", [
        ("f.survey_cases.ytd",
         ("thực hiện đo đạc, chuyển vẽ hồ sơ kỹ thuật cho {{ f.survey_cases.ytd }} trường hợp với tổng diện tích "
          "{{ f.survey_area.ytd }} ha{% if f.survey_area.plan_ratio %} ({{ f.survey_area.plan_ratio.level() }})"
          "{% endif %}")),
        ("f.land_recovery_cases.ytd",
         "thu hồi đất {{ f.land_recovery_cases.ytd }} trường hợp, diện tích {{ f.land_recovery_area.ytd }} ha"),
        ("f.land_allocation_cases.ytd",
         "giao đất {{ f.land_allocation_cases.ytd }} trường hợp, diện tích {{ f.land_allocation_area.ytd }} ha"),
        ("f.land_lease_cases.ytd",
         "cho thuê đất {{ f.land_lease_cases.ytd }} trường hợp, diện tích {{ f.land_lease_area.ytd }} ha"),
        ("f.land_use_change_cases.ytd",
         ("cho chuyển mục đích sử dụng đất {{ f.land_use_change_cases.ytd }} trường hợp, diện tích "
          "{{ f.land_use_change_area.ytd }} ha")),
        ("f.cadastral_appraisals.ytd",
         ("thẩm định {{ f.cadastral_appraisals.ytd }} hồ sơ trích đo địa chính với tổng diện tích "
          "{{ f.cadastral_appraisal_area.ytd }} ha")),
    ])
    sentence(doc,
             "Về đăng ký đất đai, từ đầu năm tiếp nhận {{ f.land_registration_files.ytd }} hồ sơ đăng ký cấp giấy "
             "chứng nhận quyền sử dụng đất, đăng ký giao dịch bảo đảm, tương ứng {{ f.land_certificates.ytd }} giấy "
             "chứng nhận{{ breakdown('land_registration_files', 'ytd', 'Trong đó: ') }}; tỷ lệ hồ sơ trễ hẹn "
             "{{ f.land_files_late_rate.month }}%."
             "{% if f.cadastral_slips.ytd %} Lập {{ f.cadastral_slips.ytd }} phiếu chuyển thông tin địa chính với "
             "diện tích {{ f.cadastral_slip_area.ytd }} ha, ước thu nộp ngân sách {{ f.cadastral_slip_revenue.ytd }} "
             "tỷ đồng.{% endif %}",
             "f.land_registration_files.ytd")
    listing(doc, "Về tài nguyên nước, từ đầu năm ", [
        ("f.groundwater_permits.ytd",
         ("cấp {{ f.groundwater_permits.ytd }} giấy phép khai thác nước dưới đất (tổng lưu lượng "
          "{{ f.groundwater_permitted_flow.ytd }} m3/ngày đêm)")),
        ("f.surface_water_permits.ytd",
         ("cấp {{ f.surface_water_permits.ytd }} giấy phép khai thác nước mặt (tổng lưu lượng "
          "{{ f.surface_water_permitted_flow.ytd }} m3/ngày đêm)")),
        ("f.water_fee_decisions.ytd",
         "ban hành {{ f.water_fee_decisions.ytd }} quyết định phê duyệt tiền cấp quyền khai thác tài nguyên nước"),
    ])


# 5. Văn hóa - xã hội ---------------------------------------------------------

def _school_level(key: str, label: str) -> str:
    return (f"'{label} ' ~ f.schools_standard_{key}.month ~ '/' ~ f.schools_total_{key}.month ~ "
            f"' trường, tỷ lệ ' ~ f.schools_standard_rate_{key}.month ~ '%'")


def social_education(doc: Document) -> None:
    levels = " ~ '; ' ~ ".join(_school_level(k, label) for k, label in (
        ("preschool", "mầm non"), ("primary", "tiểu học"), ("lower_secondary", "trung học cơ sở"),
        ("upper_secondary", "trung học phổ thông")))
    sentence(doc,
             "Đến cuối {{ period.month_name }}, toàn thành phố có {{ f.schools_standard.month }}/"
             "{{ f.schools_total.month }} trường đạt chuẩn quốc gia, tỷ lệ {{ f.schools_standard_rate.month }}%"
             "{{ footnote('Trong đó: ' ~ " + levels + " ~ '.') }}."
             "{% if f.startup_finalists.month %} Có {{ f.startup_finalists.month }} hồ sơ dự thi ý tưởng khởi "
             "nghiệp của học sinh, sinh viên thành phố vào vòng chung khảo cấp toàn quốc.{% endif %}",
             "f.schools_total.month")


def social_science(doc: Document) -> None:
    listing(doc, "Trong tháng, về quản lý nhiệm vụ khoa học và công nghệ: ", [
        ("f.sci_tasks_selected.month",
         "tuyển chọn, xét giao tổ chức, cá nhân chủ trì {{ f.sci_tasks_selected.month }} nhiệm vụ"),
        ("f.sci_tasks_appraised.month", "thẩm định nội dung và kinh phí {{ f.sci_tasks_appraised.month }} nhiệm vụ"),
        ("f.sci_tasks_contracted.month", "ký hợp đồng thực hiện {{ f.sci_tasks_contracted.month }} nhiệm vụ"),
        ("f.sci_tasks_midterm.month", "đánh giá giữa kỳ {{ f.sci_tasks_midterm.month }} nhiệm vụ"),
        ("f.sci_tasks_accepted.month", "đánh giá nghiệm thu {{ f.sci_tasks_accepted.month }} nhiệm vụ"),
        ("f.sci_tasks_closed.month",
         "công nhận, bàn giao kết quả và thanh lý hợp đồng {{ f.sci_tasks_closed.month }} nhiệm vụ"),
    ])
    listing(doc, "Về sở hữu trí tuệ, hướng dẫn ", [
        ("f.trademark_consultations.month",
         "{{ f.trademark_consultations.month }} trường hợp tra cứu, tư vấn đăng ký nhãn hiệu"),
        ("f.design_registrations.month",
         "{{ f.design_registrations.month }} trường hợp đăng ký kiểu dáng công nghiệp"),
        ("f.ip_title_amendments.month", "{{ f.ip_title_amendments.month }} trường hợp sửa đổi văn bằng bảo hộ"),
        ("f.trademark_renewals.month", "{{ f.trademark_renewals.month }} trường hợp gia hạn nhãn hiệu"),
    ])
    listing(doc, "Về tiêu chuẩn, đo lường, chất lượng: ", [
        ("f.standards_inspections.month",
         "thanh tra chuyên ngành đối với {{ f.standards_inspections.month }} cơ sở"),
        ("f.metrology_checks.month", "kiểm tra đo lường, chất lượng tại {{ f.metrology_checks.month }} cơ sở"),
        ("f.counterfeit_checks.month",
         "xác minh vi phạm về hàng hóa giả mạo nhãn hiệu đối với {{ f.counterfeit_checks.month }} cơ sở kinh doanh"),
    ])
    sentence(doc,
             "Hoạt động kiểm định, hiệu chuẩn, thử nghiệm phục vụ {{ f.lab_clients.month }} cơ quan, doanh nghiệp "
             "của thành phố và các tỉnh Đồng bằng sông Cửu Long{{ footnote('Kiểm định ' ~ "
             "f.instruments_verified.month ~ ' phương tiện đo, hiệu chuẩn ' ~ f.instruments_calibrated.month ~ "
             "' phương tiện; thử nghiệm ' ~ f.samples_tested.month ~ ' mẫu với ' ~ f.sample_parameters.month ~ "
             "' chỉ tiêu.') }}.{% if f.sci_web_updates.month %} Cập nhật {{ f.sci_web_updates.month }} tin, dữ liệu "
             "lên các trang thông tin điện tử của ngành.{% endif %}",
             "f.lab_clients.month")


def social_health(doc: Document) -> None:
    def cases(code: str, disease: str) -> str:
        return (f"{disease} {{% if f.{code}.month %}}ghi nhận {{{{ f.{code}.month }}}} trường hợp mắc"
                f"{{% else %}}không ghi nhận trường hợp mắc{{% endif %}}, "
                f"{{{{ f.{code}.diff_prev.text('trường hợp') }}}} so với tháng trước")

    sentence(doc,
             "{{ period.month_name|capitalize }}, " + cases("dengue_cases", "sốt xuất huyết") + "; "
             + cases("hfmd_cases", "tay chân miệng") + "; "
             "{% if f.dengue_deaths.month or f.hfmd_deaths.month %}có "
             + seq([("f.dengue_deaths.month", "{{ f.dengue_deaths.month }} trường hợp tử vong do sốt xuất huyết"),
                    ("f.hfmd_deaths.month", "{{ f.hfmd_deaths.month }} trường hợp tử vong do tay chân miệng")], ", ")
             + "{% else %}không có trường hợp tử vong{% endif %}.")
    def total(code: str, deaths: str, disease: str) -> str:
        return (f"{disease} {{% if f.{code}.ytd %}}ghi nhận {{{{ f.{code}.ytd }}}} trường hợp mắc{{% else %}}chưa "
                f"ghi nhận trường hợp mắc{{% endif %}}, {{{{ f.{code}.diff_ytd.text('trường hợp') }}}} so "
                f"với cùng kỳ{{% if f.{deaths}.ytd %}} ({{{{ f.{deaths}.ytd }}}} trường hợp tử vong){{% endif %}}")

    sentence(doc,
             "{{ period.cumulative_name }}, " + total("dengue_cases", "dengue_deaths", "sốt xuất huyết") + "; "
             + total("hfmd_cases", "hfmd_deaths", "tay chân miệng")
             + "{% if not (f.dengue_deaths.ytd or f.hfmd_deaths.ytd) %}, không có ca tử vong{% endif %}.",
             "period.month > 1")
    sentence(doc,
             "{% if f.food_poisoning_outbreaks.month %}Trong tháng xảy ra {{ f.food_poisoning_outbreaks.month }} vụ "
             "ngộ độc thực phẩm{% else %}Trong tháng không xảy ra vụ ngộ độc thực phẩm trên địa bàn thành phố"
             "{% endif %}{% if f.fs_monitored.month %}; giám sát {{ f.fs_monitored.month }} cơ sở kinh doanh dịch vụ "
             "ăn uống{% endif %}{% if f.fs_inspected.month %}; kiểm tra {{ f.fs_inspected.month }} cơ sở sản xuất, "
             "chế biến, kinh doanh thực phẩm{{ breakdown('fs_inspected', 'month', 'Kết quả: ') }}{% endif %}."
             f"{{% if {BLOCK} and f.fs_inspected.ytd %}} {{{{ period.ytd_name }}}}, "
             "{% if f.fs_teams.ytd %}{{ f.fs_teams.ytd }} đoàn kiểm tra đã {% endif %}kiểm tra "
             "{{ f.fs_inspected.ytd }} cơ sở, {{ f.fs_passed.ytd }} cơ sở đạt yêu cầu (tỷ lệ "
             "{{ f.fs_pass_rate.ytd }}%){% if f.fs_penalised.ytd %}, xử lý vi phạm {{ f.fs_penalised.ytd }} cơ sở "
             "với tổng số tiền {{ f.fs_fines.ytd }} triệu đồng{% endif %}.{% endif %}"
             "{% if f.prenatal_screened.month %} Thực hiện sàng lọc trước sinh cho {{ f.prenatal_screened.month }} "
             "thai phụ{% if f.prenatal_abnormal.month %}, trong đó {{ f.prenatal_abnormal.month }} trường hợp có kết "
             "quả bất thường{% endif %}.{% endif %}")
    sentence(doc,
             "Về phòng, chống dịch COVID-19, hiện có {{ f.covid_level1_units.month }}/{{ f.commune_units.month }} xã, "
             "phường, thị trấn ở cấp độ 1{% if f.covid_level2_units.month %} và {{ f.covid_level2_units.month }} xã, "
             "phường, thị trấn ở cấp độ 2{% endif %}. Đến cuối tháng, đã tiêm {{ f.covid_doses.month }} liều vắc xin "
             "phòng COVID-19 cho người dân (đạt {{ f.covid_doses_allocation_rate.month }}% số liều được phân bổ); "
             "tỷ lệ người từ 18 tuổi trở lên tiêm mũi 3, mũi 4 lần lượt đạt {{ f.covid_dose3_adult_rate.month }}% và "
             "{{ f.covid_dose4_adult_rate.month }}%; trẻ từ 12 đến 17 tuổi tiêm mũi 3 đạt "
             "{{ f.covid_dose3_teen_rate.month }}%; trẻ từ 5 đến 11 tuổi tiêm mũi 2 đạt "
             "{{ f.covid_dose2_child_rate.month }}%.{% if f.vaccine_passports.month %} Đã ký xác nhận "
             "{{ f.vaccine_passports.month }} hộ chiếu vắc xin.{% endif %}",
             "f.covid_doses.month")


def social_labour(doc: Document) -> None:
    sentence(doc,
             "{{ period.month_name|capitalize }}, thành phố giải quyết việc làm cho {{ f.jobs_created.month }} lao "
             "động; các cơ sở giáo dục nghề nghiệp tuyển mới và đào tạo nghề cho {{ f.vocational_trainees.month }} "
             f"người.{{% if {BLOCK} %}} {{{{ period.ytd_name }}}}, giải quyết việc làm cho {{{{ f.jobs_created.ytd }}}} "
             "lao động, {{ f.jobs_created.plan_ratio }}, {{ f.jobs_created.yoy_ytd }} so với cùng kỳ; tuyển mới và "
             "đào tạo nghề cho {{ f.vocational_trainees.ytd }} người, {{ f.vocational_trainees.plan_ratio }}, "
             "{{ f.vocational_trainees.yoy_ytd }} so với cùng kỳ.{% endif %}")
    sentence(doc,
             "{% if f.merit_files_resolved.month %}Trong tháng, tiếp nhận và giải quyết chế độ chính sách cho "
             "{{ f.merit_files_resolved.month }} hồ sơ người có công. {% endif %}Toàn thành phố hiện có "
             "{{ f.merit_beneficiaries.month }} đối tượng, người có công đang hưởng trợ cấp ưu đãi thường xuyên"
             "{% if f.heroic_mothers.month %} (trong đó {{ f.heroic_mothers.month }} Mẹ Việt Nam anh hùng còn sống)"
             "{% endif %}, tổng kinh phí chi trả trong tháng {{ f.merit_allowance.month }} tỷ đồng.")
    listing(doc, "Về chăm lo gia đình chính sách và trẻ em, trong tháng ", [
        ("f.gratitude_houses_handed_over.month",
         "bàn giao {{ f.gratitude_houses_handed_over.month }} căn nhà tình nghĩa xây mới"),
        ("f.gratitude_houses_started.month",
         "khởi công xây dựng {{ f.gratitude_houses_started.month }} căn nhà tình nghĩa"),
        ("f.milk_fund_children.month",
         "đăng ký {{ f.milk_fund_children.month }} trẻ em tham gia chương trình “Quỹ sữa vươn cao Việt Nam”"),
    ])
    sentence(doc,
             "Các cơ sở trợ giúp xã hội hiện quản lý, nuôi dưỡng {{ f.sp_residents.month }} đối tượng"
             "{{ breakdown('sp_residents', 'month', 'Trong đó: ', share=False) }} (số đầu kỳ "
             "{{ f.sp_residents.prev_month }}{% if f.sp_admissions.month %}; tiếp nhận mới "
             "{{ f.sp_admissions.month }}{% endif %}{% if f.sp_discharges.month %}; giảm "
             "{{ f.sp_discharges.month }}{% endif %}).",
             "f.sp_residents.month")


def social_culture(doc: Document) -> None:
    listing(doc, "Trong tháng, ", [
        ("f.culture_page_issues.month",
         ("thực hiện {{ f.culture_page_issues.month }} kỳ trang “Văn hóa cơ sở”, phát hành đến "
          "{{ f.culture_page_hamlets.month }} ấp, khu vực")),
        ("f.culture_tv_episodes.month",
         "phát sóng {{ f.culture_tv_episodes.month }} kỳ chương trình “Chuyện văn hóa” trên truyền hình thành phố"),
        ("f.artefact_records.month",
         ("lập hồ sơ khoa học cho {{ f.artefact_records.month }} hiện vật{% if f.artefact_records.plan_ratio %} "
          "(lũy kế {{ f.artefact_records.ytd }} hiện vật, {{ f.artefact_records.plan_ratio.text(1) }}){% endif %}")),
        ("f.culture_posters.month", "phát hành {{ f.culture_posters.month }} áp phích tuyên truyền"),
    ])
    sentence(doc,
             "Bảo tàng thành phố, Đền thờ Vua Hùng và các di tích lịch sử - văn hóa đón "
             "{{ f.heritage_visitors.month }} lượt khách tham quan"
             "{{ breakdown('heritage_visitors', 'month', 'Trong đó: ', share=False) }}"
             "{% if period.month > 1 %}; {{ period.cumulative_name|lower }} đạt {{ f.heritage_visitors.ytd }} lượt "
             "khách{% if f.heritage_visitors.plan_ratio %}, {{ f.heritage_visitors.plan_ratio }}{% endif %}"
             "{% endif %}.",
             "f.heritage_visitors.month")
    sentence(doc,
             "Về thể thao thành tích cao, từ đầu năm đã cử {{ f.coaches_sent.ytd }} huấn luyện viên, "
             "{{ f.athletes_sent.ytd }} lượt vận động viên ({{ f.athletes_sent_female.ytd }} nữ) tham dự "
             "{{ f.competitions_attended.ytd }} giải thể thao, đạt {{ f.medals.ytd }} huy chương các loại: "
             "{{ f.medals_gold.ytd }} HCV - {{ f.medals_silver.ytd }} HCB - {{ f.medals_bronze.ytd }} HCĐ"
             "{% if f.medals_gold_intl.ytd or f.medals_silver_intl.ytd or f.medals_bronze_intl.ytd %}"
             "{{ footnote('Trong đó, tại các giải quốc tế đạt ' ~ f.medals_gold_intl.ytd ~ ' HCV, ' ~ "
             "f.medals_silver_intl.ytd ~ ' HCB, ' ~ f.medals_bronze_intl.ytd ~ ' HCĐ.') }}{% endif %}.",
             "f.competitions_attended.ytd")


def social_information(doc: Document) -> None:
    sentence(doc,
             "Từ đầu năm, có {{ f.documents_exchanged.ytd }} văn bản điện tử gửi, nhận qua trục liên thông văn bản "
             "của thành phố{% if f.documents_signed.ytd %}, trong đó {{ f.documents_signed.ytd }} văn bản có ký số "
             "(tỷ lệ {{ f.documents_signed_rate.ytd.text(0) }}%){% endif %}; hệ thống quản lý văn bản và điều hành "
             "được triển khai đến {{ f.qlvb_coverage_rate.month }}% cơ quan hành chính, đơn vị sự nghiệp.",
             "f.documents_exchanged.ytd")
    sentence(doc,
             "Thành phố cung cấp dịch vụ công trực tuyến mức độ 4 cho {{ f.online_services_level4_rate.month }}% "
             "thủ tục đủ điều kiện, với {{ f.online_services_full.month }} dịch vụ công trực tuyến toàn trình"
             "{% if f.national_portal_procedures.month %}; {{ f.national_portal_procedures.month }} thủ tục hành "
             "chính được tích hợp trên Cổng Dịch vụ công quốc gia{% endif %}{% if f.digitised_results.month %}; đã "
             "số hóa {{ f.digitised_results.month }} kết quả giải quyết thủ tục hành chính{% endif %}. Hệ thống hội "
             "nghị truyền hình phủ {{ f.video_conf_coverage_rate.month }}% UBND quận, huyện, xã, phường, thị trấn "
             "với {{ f.video_conf_points.month }} điểm cầu{% if f.video_meetings.ytd %}, từ đầu năm đã phục vụ "
             "{{ f.video_meetings.ytd }} cuộc họp trực tuyến{% endif %}.")
    sentence(doc,
             "Trung tâm điều hành thông minh phục vụ chỉ đạo, điều hành trên {{ f.ioc_domains.month }} lĩnh vực; "
             "{{ f.antimalware_coverage_rate.month }}% máy chủ, máy trạm của cơ quan hành chính được cài phần mềm "
             "phòng, chống mã độc. Đã cấp {{ f.email_accounts.month }} hộp thư điện tử công vụ, "
             "{{ f.email_usage_rate.month }}% cán bộ, công chức, viên chức sử dụng thường xuyên và "
             "{{ f.computer_rate.month }}% có máy tính phục vụ công việc.{% if f.ict_trainings.month %} Trong tháng, "
             "tổ chức {{ f.ict_trainings.month }} hội thảo, hội nghị, lớp đào tạo, tập huấn về công nghệ thông tin, "
             "chuyển đổi số.{% endif %}")


# 6. Cải cách hành chính - thanh tra - tư pháp ---------------------------------

def admin_reform(doc: Document) -> None:
    sentence(doc,
             "Hoàn thành điều tra xã hội học phục vụ xác định Chỉ số cải cách hành chính với "
             "{{ f.par_survey_forms_local.month }} phiếu địa phương và {{ f.par_survey_forms_ministry.month }} phiếu "
             "bộ chủ quản.",
             "f.par_survey_forms_local.month or f.par_survey_forms_ministry.month")
    sentence(doc,
             "Tổ chức kỳ thi nâng ngạch, thăng hạng với {{ f.promotion_exam_candidates.month }} thí sinh dự thi; kết "
             "quả: nâng ngạch có {{ f.grade_promotion_passed.month }}/{{ f.grade_promotion_candidates.month }} thí "
             "sinh đạt, thăng hạng có {{ f.rank_promotion_passed.month }}/{{ f.rank_promotion_candidates.month }} "
             "thí sinh đạt.",
             "f.promotion_exam_candidates.month")
    listing(doc, "Về công tác cán bộ, trong tháng ", [
        ("f.cadre_decisions.month",
         "ban hành {{ f.cadre_decisions.month }} quyết định về công tác cán bộ thuộc diện UBND thành phố quản lý"),
        ("f.personnel_cases.month",
         ("giải quyết chế độ, chính sách cho {{ f.personnel_cases.month }} trường hợp công chức, viên chức"
          "{{ breakdown('personnel_cases', 'month', 'Gồm: ') }}")),
    ])


def admin_inspection(doc: Document) -> None:
    sentence(doc,
             "{{ period.month_name|capitalize }}, các cơ quan thanh tra triển khai {{ f.inspections.month }} cuộc "
             "thanh tra, kiểm tra{% if f.inspections_carried_over.month %}, trong đó "
             "{{ f.inspections_carried_over.month }} cuộc kỳ trước chuyển sang{% endif %}"
             "{{ breakdown('inspections', 'month', 'Gồm ', exclude=['inspections_carried_over']) }}"
             "{% if f.penalty_decisions.month %}; ban hành {{ f.penalty_decisions.month }} quyết định xử phạt vi "
             "phạm hành chính với số tiền {{ f.fines_imposed.month }} triệu đồng{% if f.fines_collected.month %}, đã "
             "thu nộp ngân sách nhà nước {{ f.fines_collected.month }} triệu đồng{% endif %}{% endif %}.",
             "f.inspections.month")
    sentence(doc,
             "Các cơ quan hành chính tiếp công dân {{ f.citizen_receptions.month }} lượt với "
             "{{ f.citizens_received.month }} người{{ footnote('Trong đó tiếp thường xuyên ' ~ "
             "f.receptions_regular.month ~ ' lượt với ' ~ f.citizens_regular.month ~ ' người; lãnh đạo tiếp định "
             "kỳ, đột xuất ' ~ f.receptions_leaders.month ~ ' lượt với ' ~ f.citizens_leaders.month ~ ' người.') }}.",
             "f.citizen_receptions.month")
    sentence(doc,
             "Tiếp nhận {{ f.petitions_received.month }} đơn khiếu nại, tố cáo, phản ánh, kiến nghị, trong đó "
             "{{ f.petitions_in_competence.month }} đơn thuộc thẩm quyền; đã giải quyết "
             "{{ f.petitions_resolved.month }}/{{ f.petitions_due.month }} đơn thuộc thẩm quyền phải giải quyết"
             "{% if f.complaints_due.month and f.denunciations_due.month %} (khiếu nại "
             "{{ f.complaints_resolved.month }}/{{ f.complaints_due.month }} đơn, tố cáo "
             "{{ f.denunciations_resolved.month }}/{{ f.denunciations_due.month }} đơn){% endif %}; các đơn còn lại "
             "đang được xác minh trong thời hạn giải quyết.",
             "f.petitions_received.month")


def admin_justice(doc: Document) -> None:
    sentence(doc,
             "Trong tháng, các quận, huyện giải quyết {{ f.civil_status_cases.month }} việc hộ tịch"
             "{{ breakdown('civil_status_cases', 'month', 'Gồm: ') }}.",
             "f.civil_status_cases.month")
    listing(doc, "Về xây dựng và kiểm tra văn bản quy phạm pháp luật: ", [
        ("f.legal_drafting_docs.month",
         ("thẩm định, góp ý {{ f.legal_drafting_docs.month }} văn bản{{ breakdown('legal_drafting_docs', 'month', "
          "'Gồm: ') }}")),
        ("f.city_docs_checked.month",
         ("kiểm tra {{ f.city_docs_checked.month }} văn bản do UBND thành phố ban hành "
          "({{ f.city_docs_compliant.month }} văn bản phù hợp quy định{% if f.city_docs_flagged.month %}, "
          "{{ f.city_docs_flagged.month }} văn bản có nội dung cần xử lý{% endif %})")),
        ("f.district_docs_checked.month",
         ("kiểm tra {{ f.district_docs_checked.month }} văn bản do UBND quận, huyện ban hành "
          "({{ f.district_docs_compliant.month }} văn bản phù hợp quy định{% if f.district_docs_flagged.month %}, "
          "{{ f.district_docs_flagged.month }} văn bản có nội dung cần xử lý{% endif %})")),
    ])
    listing(doc, "Về phổ biến, giáo dục pháp luật, các quận, huyện tổ chức ", [
        ("f.legal_outreach_sessions.month",
         ("{{ f.legal_outreach_sessions.month }} cuộc tuyên truyền trực tiếp với "
          "{{ f.legal_outreach_attendees.month }} lượt người dự")),
        ("f.legal_broadcasts.month",
         ("{{ f.legal_broadcasts.month }} lượt tuyên truyền trực tuyến, trên sóng phát thanh với thời lượng "
          "{{ f.legal_broadcast_minutes.month }} phút")),
        ("f.law_club_meetings.month",
         ("{{ f.law_club_meetings.month }} cuộc sinh hoạt câu lạc bộ pháp luật với {{ f.law_club_attendees.month }} "
          "lượt người tham dự")),
    ])
    sentence(doc,
             "Các tổ hòa giải ở cơ sở tiếp nhận {{ f.mediation_received.month }} vụ việc, đưa ra hòa giải "
             "{{ f.mediation_handled.month }} vụ, trong đó hòa giải thành {{ f.mediation_successful.month }} vụ (tỷ lệ "
             "{{ f.mediation_success_rate.month }}%), không thành {{ f.mediation_failed.month }} vụ (tỷ lệ "
             "{{ f.mediation_failure_rate.month }}%){% if f.mediation_pending.month %}, còn tồn "
             "{{ f.mediation_pending.month }} vụ{% endif %}.",
             "f.mediation_handled.month")
    sentence(doc,
             "{{ period.ytd_name }}, các quận, huyện giải quyết {{ f.civil_status_cases.ytd }} việc hộ tịch; thẩm "
             "định, góp ý {{ f.legal_drafting_docs.ytd }} văn bản; tổ chức {{ f.legal_outreach_sessions.ytd }} cuộc "
             "tuyên truyền pháp luật trực tiếp với {{ f.legal_outreach_attendees.ytd }} lượt người dự; hòa giải thành "
             "{{ f.mediation_successful.ytd }}/{{ f.mediation_handled.ytd }} vụ việc (tỷ lệ "
             "{{ f.mediation_success_rate.ytd.text(1) }}%).",
             f"{BLOCK} and f.mediation_handled.ytd")
    sentence(doc,
             "Tổ chức bán đấu giá tài sản {{ f.auctions_held.month }} cuộc, đấu giá thành "
             "{{ f.auctions_successful.month }} cuộc; tổng giá khởi điểm {{ f.auction_start_value.month }} triệu "
             "đồng, tổng giá bán được {{ f.auction_sale_value.month }} triệu đồng, chênh lệch "
             "{{ f.auction_gain.month }} triệu đồng so với giá khởi điểm.",
             "f.auctions_held.month")


# 7. Đối ngoại, quốc phòng - an ninh -------------------------------------------

def external_foreign(doc: Document) -> None:
    sentence(doc,
             "{{ period.month_name|capitalize }}, thành phố đã tiếp và làm việc với {{ f.foreign_delegations.month }} "
             "đoàn với {{ f.foreign_delegation_members.month }} lượt khách nước ngoài"
             f"{{% if {BLOCK} %}} ({{{{ period.ytd_name }}}}: {{{{ f.foreign_delegations.ytd }}}} đoàn với "
             "{{ f.foreign_delegation_members.ytd }} lượt khách){% endif %}.",
             "f.foreign_delegations.month")
    listing(doc, "Trong tháng, ", [
        ("f.intl_conference_applications.month",
         "tiếp nhận {{ f.intl_conference_applications.month }} hồ sơ xin tổ chức hội nghị, hội thảo quốc tế"),
        ("f.intl_conference_approvals.month",
         ("thống nhất cho {{ f.intl_conference_approvals.month }} đơn vị tổ chức hội nghị, hội thảo quốc tế trên "
          "địa bàn")),
        ("f.outbound_decisions.month",
         ("ban hành {{ f.outbound_decisions.month }} quyết định cử, cho phép {{ f.outbound_travellers.month }} lượt "
          "cán bộ, công chức, viên chức đi nước ngoài")),
        ("f.consular_cases.month",
         ("giải quyết {{ f.consular_cases.month }} vụ việc lãnh sự và bảo hộ công dân"
          "{{ breakdown('consular_cases', 'month', 'Gồm ') }}")),
        ("f.foreign_info_cases.month",
         "xử lý thông tin liên quan đến yếu tố nước ngoài về {{ f.foreign_info_cases.month }} vụ việc"),
        ("f.congratulatory_letters.month",
         "gửi {{ f.congratulatory_letters.month }} công thư, điện mừng đến các nước bạn"),
    ])


def _accidents(kind: str, label: str, basis: str = "month") -> str:
    """Jinja for one kind of road: 'xảy ra 04 vụ tai nạn giao thông đường bộ, làm chết 04 người'."""
    a, d, i = (f"f.traffic_{what}_{kind}.{basis}" for what in ("accidents", "deaths", "injuries"))
    return (f"{{% if {a} %}}xảy ra {{{{ {a} }}}} vụ tai nạn giao thông {label}{{% if {d} %}}, làm chết "
            f"{{{{ {d} }}}} người{{% endif %}}{{% if {i} %}}, làm bị thương {{{{ {i} }}}} người{{% endif %}}"
            f"{{% else %}}không xảy ra tai nạn giao thông {label}{{% endif %}}")


def _versus(what: str, unit: str) -> str:
    figure = f"f.traffic_{what}"
    return (f"{{{{ {figure}.diff_ytd.text('{unit}') }}}} (đường bộ "
            f"{{{{ {figure}_road.diff_ytd.text('{unit}') }}}}, đường thủy "
            f"{{{{ {figure}_waterway.diff_ytd.text('{unit}') }}}})")


def external_defence(doc: Document) -> None:
    sentence(doc,
             "Về trật tự an toàn giao thông, trong {{ period.month_name }} trên địa bàn thành phố "
             + _accidents("road", "đường bộ") + "; " + _accidents("waterway", "đường thủy") + ".")
    sentence(doc,
             "{{ period.cumulative_name }}, {% if f.traffic_accidents.ytd %}đã xảy ra {{ f.traffic_accidents.ytd }} "
             "vụ tai nạn giao thông{% if f.traffic_accidents_waterway.ytd %} (đường bộ "
             "{{ f.traffic_accidents_road.ytd }} vụ, đường thủy {{ f.traffic_accidents_waterway.ytd }} vụ){% endif %}"
             "{% if f.traffic_deaths.ytd %}, làm chết {{ f.traffic_deaths.ytd }} người"
             "{% if f.traffic_deaths_waterway.ytd %} (đường bộ {{ f.traffic_deaths_road.ytd }} người, đường thủy "
             "{{ f.traffic_deaths_waterway.ytd }} người){% endif %}{% endif %}{% if f.traffic_injuries.ytd %}, làm bị "
             "thương {{ f.traffic_injuries.ytd }} người{% endif %}{% else %}trên địa bàn thành phố chưa xảy ra tai "
             "nạn giao thông{% endif %}. So với cùng kỳ năm {{ period.year - 1 }}, số vụ tai nạn giao thông "
             + _versus("accidents", "vụ") + ", số người chết " + _versus("deaths", "người")
             + ", số người bị thương " + _versus("injuries", "người") + ".")


OTHER_SECTIONS = [
    ("4. Công tác quản lý đô thị, tài nguyên môi trường", [
        ("a. Công tác quản lý đô thị, xây dựng:", "urban.construction", urban_construction),
        ("b. Công tác quản lý đất đai, môi trường:", "urban.land", urban_land),
    ]),
    ("5. Lĩnh vực văn hóa - xã hội", [
        ("a. Giáo dục - đào tạo:", "social.education", social_education),
        ("b. Khoa học - công nghệ:", "social.science", social_science),
        ("c. Y tế và chăm sóc sức khỏe cộng đồng:", "social.health", social_health),
        ("d. Lao động - Thương binh và Xã hội:", "social.labour", social_labour),
        ("e. Văn hóa - Thể dục và thể thao:", "social.culture", social_culture),
        ("g. Thông tin và truyền thông:", "social.information", social_information),
    ]),
    ("6. Cải cách hành chính - thanh tra - tư pháp", [
        ("a. Công tác cải cách hành chính:", "admin.reform", admin_reform),
        ("b. Thanh tra:", "admin.inspection", admin_inspection),
        ("c. Tư pháp:", "admin.justice", admin_justice),
    ]),
    ("7. Hoạt động đối ngoại - Quốc phòng an ninh", [
        ("a. Hoạt động đối ngoại:", "external.foreign", external_foreign),
        ("b. Quốc phòng, an ninh:", "external.defence", external_defence),
    ]),
]


def other_sections(doc: Document) -> None:
    for title, parts in OTHER_SECTIONS:
        h(doc, title, "1")
        for heading, section, sentences in parts:
            h(doc, heading, "a")
            sentences(doc)
            narrative(doc, section)

