# Báo cáo sinh hoạt chi bộ hằng tháng (SPEC §4 bước 6): /baocao, bản tin ngày 1, tệp CSV/Excel

command-baocao = Báo cáo sinh hoạt tháng

## Errors
report-not-allowed = Chỉ bí thư, phó bí thư chi bộ và cấp ủy viên phụ trách mới xem được báo cáo sinh hoạt.
report-bad-month = Tháng không hợp lệ. Gõ /baocao để xem tháng trước, hoặc /baocao kèm tháng, ví dụ: /baocao { $example }
report-future-month = Tháng { $month } chưa đến nên chưa có số liệu. Gõ /baocao để xem tháng trước.
report-unknown-unit = Không có đơn vị nào mã { $code }.

## The report as a chat message
report-title = 📊 Báo cáo sinh hoạt chi bộ tháng { $month }
report-scope-unit = 🏛 { $cell }
report-scope-cell = 🏛 { $cell } — { $organisation }
report-scope-many = { $units } chi bộ thuộc { $organisations } tổ chức cơ sở đảng
report-as-of = (số liệu đến { $time } ngày { $date }, tháng chưa kết thúc)
report-no-units = Không có chi bộ nào trong phạm vi báo cáo.
report-unit-not-held = 🔴 Chi bộ không tổ chức sinh hoạt trong tháng.
report-unit-no-meeting = Chưa có cuộc họp nào trong tháng.
report-year-findings = Theo dõi trong năm:
report-cancelled = Đã hủy { $count } cuộc họp trong tháng.
report-state = { $state ->
    [held] đã họp
    [not-closed] chưa chốt điểm danh (chậm báo cáo)
    [in-progress] đang họp
   *[upcoming] chưa họp
}
report-meeting = { $state ->
    [held] ✅
    [not-closed] ⏰
    [in-progress] 🟢
   *[upcoming] 🕓
    } { $weekday }, { $date } lúc { $time } — { meeting-kind }: { report-state }
report-meeting-nobody-eligible = {"   "}Không có đảng viên thuộc diện tính tỷ lệ.
report-meeting-rate = {"   "}Có mặt { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%) — { $verdict ->
        [ok] đạt tỷ lệ
       *[failed] ❌ không đạt tỷ lệ trên { NUMBER($threshold, maximumFractionDigits: 1) }% (cần ít nhất { $minimum })
    }
report-meeting-absent = {"   "}Vắng có lý do: { $excused } · vắng không có lý do: { $unexcused }
report-meeting-exempt-attended = {"   "}Đảng viên miễn sinh hoạt hoặc làm nhiệm vụ đặc biệt có dự: { $count } (không tính tỷ lệ)
report-meeting-committee = {"   "}Cấp ủy viên dự: { $names }
report-meeting-duration = {"   "}Thời gian họp: { $minutes } phút
report-meeting-all-answered = {"   "}Cả { $reminded } đồng chí được nhắc đều đã trả lời.
report-meeting-unanswered = {"   "}Chưa trả lời lời nhắc: { $count }/{ $reminded } — { $names }
report-finding-r4 = {"   "}❌ Vắng không có lý do ({ $count }): { $names }
report-finding = {"   "}{ $type ->
    [r2-not-held] 🔴 Không tổ chức sinh hoạt trong tháng
    [r3-failed] ❌ Không đạt tỷ lệ tham dự trên { NUMBER($threshold, maximumFractionDigits: 1) }%
    [r4-unexcused] ❌ Vắng không có lý do: { $member }
    [r5-warning] ⚠️ Vắng có lý do { $value } lần liên tiếp (lần sau sẽ vi phạm): { $member }
    [r5-violation] ❌ Vắng có lý do { $value } lần liên tiếp, vượt quy định: { $member }
    [r8-warning] ⚠️ { $value } tháng có buổi vắng không lý do trong năm: { $member }
    [r8-consider] ❌ { $value } tháng vắng không lý do trong năm, đề nghị xem xét xóa tên: { $member }
   *[r9-short] ⏱ Thời gian họp { $value } phút, ngắn hơn quy định
}

## Several units: totals, then one line per unit
report-totals = Tổng cộng: { $unitsHeld }/{ $units } chi bộ đã sinh hoạt, { $meetings } cuộc họp{ $hasRate ->
        [yes] ; có mặt { $present }/{ $eligible } lượt ({ NUMBER($rate, maximumFractionDigits: 1) }%)
       *[no] {""}
    }
report-totals-no-findings = ✅ Không có vi phạm nào.
report-totals-finding = { $type ->
    [r3-failed] ❌ Không đạt tỷ lệ tham dự: { $count } cuộc họp
    [r4-unexcused] ❌ Vắng không có lý do: { $count } lượt
    [r5-warning] ⚠️ Vắng có lý do liên tiếp đến mức cảnh báo: { $count } đảng viên
    [r5-violation] ❌ Vắng có lý do liên tiếp vượt quy định: { $count } đảng viên
    [r8-warning] ⚠️ Nhiều tháng vắng không lý do (cảnh báo): { $count } đảng viên
    [r8-consider] ❌ Đề nghị xem xét xóa tên: { $count } đảng viên
   *[r9-short] ⏱ Họp ngắn hơn quy định: { $count } cuộc họp
}
report-totals-unanswered = 📭 Chưa trả lời lời nhắc: { $count }/{ $reminded } lượt
report-totals-not-held = 🔴 Không sinh hoạt trong tháng ({ $count }): { $names }
report-last-to-report = ⏰ Chậm báo cáo, chưa chốt điểm danh ({ $count }): { $names }
report-organisation = 🏛 { $organisation } — { $unitsHeld }/{ $units } chi bộ đã sinh hoạt{ $hasRate ->
        [yes] , có mặt { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%)
       *[no] {""}
    }
report-unit-line = • { $cell }: { $text }
report-grassroots-line = 🏛 { $cell }: { $text }
report-units-fine = {"  "}✅ { $shown ->
        [0] Cả { $count } chi bộ không có vấn đề cần lưu ý
       *[other] { $count } chi bộ khác không có vấn đề cần lưu ý
    }
report-grassroots-fine = ✅ { $count } chi bộ cơ sở khác không có vấn đề cần lưu ý
report-short-not-held = 🔴 không sinh hoạt
report-short-no-meeting = chưa có lịch họp
report-short-meeting = { $state ->
    [not-closed] ⏰ { $day } chưa chốt điểm danh
    [in-progress] 🟢 { $day } đang họp
   *[upcoming] 🕓 { $day } chưa họp
}
report-short-nobody = ✅ { $day } đã họp
report-short-held = { $verdict ->
    [ok] ✅
   *[failed] ❌
    } { $day } có mặt { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%)
report-short-issue = { $type ->
    [r4-unexcused] { $count } vắng không lý do
    [r5] { $count } vắng có lý do liên tiếp
    [r8] { $count } nhiều tháng vắng không lý do
   *[r9-short] { $count } họp ngắn
}
report-short-unanswered = { $count } chưa trả lời nhắc
report-more = … và { $count } dòng nữa.
report-more-file = … và { $count } dòng nữa (xem đầy đủ trong tệp Excel).

## /baocao
report-hint = Xem tháng khác: /baocao MM/yyyy, ví dụ /baocao { $example }
report-file-caption = 📎 Báo cáo sinh hoạt chi bộ tháng { $month } — { $count } chi bộ (Excel)
report-file-failed = Không tạo được tệp Excel lúc này; báo cáo ở trên vẫn đầy đủ số liệu tổng hợp.

## The monthly digest (day 1)
report-digest-intro = 📬 Kính gửi đồng chí { $name }: báo cáo sinh hoạt tháng { $month } của các chi bộ đồng chí phụ trách.
report-digest-outro = Gõ /baocao { $month } để nhận bảng chi tiết (tệp Excel).
report-digest-outro-text = Gõ /baocao { $month } để xem lại báo cáo này.

## Export (CSV, Excel, terminal table)
report-sheet-units = Chi bộ
report-sheet-meetings = Cuộc họp
report-sheet-organisations = Tổng hợp
report-sheet-title = Báo cáo sinh hoạt chi bộ tháng { $month }
report-sheet-as-of = Số liệu đến { $time } ngày { $date } (tháng chưa kết thúc)
report-sheet-total = Tổng cộng
report-col-code = Mã
report-col-cell = Chi bộ
report-col-organisation = Tổ chức cơ sở đảng
report-col-cell-kind = Loại chi bộ
report-col-planned = Số cuộc họp theo lịch
report-col-held = Số cuộc họp đã tổ chức
report-col-units = Số chi bộ
report-col-units-held = Chi bộ đã sinh hoạt
report-col-units-not-held = Chi bộ không sinh hoạt
report-col-members = Tổng số đảng viên
report-col-eligible = Đảng viên phải dự
report-col-present = Có mặt
report-col-excused = Vắng có lý do
report-col-unexcused = Vắng không lý do
report-col-minimum = Số có mặt tối thiểu
report-col-rate = Tỷ lệ tham dự
report-col-rate-percent = Tỷ lệ tham dự (%)
report-col-rate-ok = Đạt tỷ lệ (trên { NUMBER($threshold, maximumFractionDigits: 1) }%)
report-col-exempt = Miễn sinh hoạt, nhiệm vụ đặc biệt có dự
report-col-committee = Cấp ủy viên dự
report-col-duration = Thời gian họp (phút)
report-col-date = Ngày họp
report-col-time = Giờ họp
report-col-kind = Loại cuộc họp
report-col-state = Tình trạng
report-col-r2 = R2 Không sinh hoạt
report-col-r3 = R3 Cuộc họp không đạt tỷ lệ
report-col-r4 = R4 Vắng không lý do (lượt)
report-col-r5 = R5 Vắng có lý do liên tiếp
report-col-r8 = R8 Nhiều tháng vắng không lý do
report-col-r9 = R9 Họp ngắn
report-col-reminded = Được nhắc
report-col-unanswered = Chưa trả lời lời nhắc
report-col-unanswered-names = Chưa trả lời (họ tên)
report-col-rollcall = Chốt điểm danh
report-col-last-to-report = Chậm báo cáo
report-col-findings = Chi tiết vi phạm, cảnh báo
report-value-yes = Có
report-value-no = Không
report-value-closed = Đã chốt
report-value-open = Chưa chốt
report-cell-kind = { $kind ->
    [residential] Khu dân cư
    [other] Cơ quan, đơn vị
   *[grassroots-cell] Chi bộ cơ sở
}
report-state-value = { $state ->
    [held] Đã họp
    [not-closed] Chưa chốt điểm danh
    [in-progress] Đang họp
   *[upcoming] Chưa họp
}
report-percent = { NUMBER($rate, maximumFractionDigits: 1) }%
report-finding-short = { $type ->
    [r2-not-held] Không sinh hoạt trong tháng
    [r3-failed] Không đạt tỷ lệ tham dự
    [r4-unexcused] Vắng không có lý do: { $member }
    [r5-warning] Vắng có lý do { $value } lần liên tiếp (cảnh báo): { $member }
    [r5-violation] Vắng có lý do { $value } lần liên tiếp (vi phạm): { $member }
    [r8-warning] { $value } tháng vắng không lý do (cảnh báo): { $member }
    [r8-consider] { $value } tháng vắng không lý do, xem xét xóa tên: { $member }
   *[r9-short] Họp { $value } phút, ngắn hơn quy định
}
report-table-units = Theo chi bộ
report-table-organisations = Tổng hợp theo tổ chức cơ sở đảng
report-table-last-to-report = Chậm báo cáo (chưa chốt điểm danh): { $names }
report-col-short-held = Họp
report-col-short-present = Có mặt
report-col-short-rate = Tỷ lệ
report-col-short-ok = Đạt
report-col-short-unanswered = Chưa TL
report-col-short-rollcall = Điểm danh
report-col-short-units = Chi bộ họp
report-col-short-failed = Không đạt
report-col-short-late = Chậm BC
