## Roll call (/diemdanh): roster, minutes (biên bản) and the rule alerts raised at closing

rollcall-title = 📋 Điểm danh — { $cell }
rollcall-meeting = 🗓 { $weekday }, { $date } lúc { $time } — { meeting-kind }
rollcall-counts =
    ✅ Có mặt: { $present }/{ $eligible } — cần ít nhất { $minimum } để đạt trên { $threshold }%
    🟡 Vắng có lý do: { $excused }
    🔴 Vắng không lý do: { $unexcused }
    ⬜ Chưa điểm danh: { $unmarked }
rollcall-legend = Bấm vào tên để đổi: ⬜ chưa điểm danh → ✅ có mặt → 🟡 vắng có lý do → 🔴 vắng không lý do. 🙋 là đã xác nhận sẽ đến (chưa phải có mặt). Khi chốt, ai chưa điểm danh được ghi vắng không lý do.
rollcall-legend-closed = Bấm vào tên để sửa: ✅ có mặt → 🟡 vắng có lý do → 🔴 vắng không lý do. Mọi thay đổi đều được ghi nhật ký; sửa xong, bấm «📤 Gửi lại biên bản».
rollcall-reasons = Lý do vắng (bấm ⚖️ nếu lý do không chính đáng):
rollcall-reason-line = 🟡 { $name }: { $reason }
rollcall-reason-rejected-line = ⛔ { $name }: «{ $reason }» — không chính đáng, tính là vắng không lý do
rollcall-no-reason = (không ghi lý do)
rollcall-exempt = 🛡 Miễn sinh hoạt, nhiệm vụ đặc biệt (không tính vào tỷ lệ): { $names }
rollcall-guests = 👤 Khách mời (cấp ủy viên phụ trách): { $present }/{ $total } có mặt, không tính vào tỷ lệ.
rollcall-open-hint = Kết thúc buổi họp, bấm «🔒 Chốt điểm danh».
rollcall-closed = 🔒 Đã chốt lúc { $time } ngày { $date }. Có thể sửa đến { $untilTime } ngày { $untilDate }.
rollcall-closed-final = 🔒 Đã chốt lúc { $time } ngày { $date }. Đã hết thời hạn sửa (24 giờ sau khi chốt).
rollcall-confirm-close = ⚠️ Còn { $count } đồng chí chưa điểm danh: { $names }. Khi chốt, { $count ->
        [1] đồng chí này được
       *[other] các đồng chí này được
    } ghi là vắng không lý do. Đồng chí có chắc muốn chốt?
rollcall-page = Trang { $page }/{ $pages } ({ $count } người).
rollcall-page-unmarked = Đang hiện { $count } đồng chí chưa điểm danh (trang { $page }/{ $pages }).
rollcall-confirmed-line = 🙋 Đã xác nhận sẽ tham dự, chưa điểm danh: { $count }
rollcall-marked-confirmed = ✅ Đã ghi có mặt { $count } đồng chí đã xác nhận tham dự.
rollcall-confirm-early = ⏰ Cuộc họp dự kiến bắt đầu lúc { $time } ngày { $date } mà chưa đến giờ. Biên bản sẽ ghi cuộc họp bắt đầu từ lúc mở điểm danh.
button-rollcall-previous = ◀ Trang trước
button-rollcall-next = Trang sau ▶
button-rollcall-only-unmarked = 🔎 Chỉ hiện người chưa điểm danh ({ $count })
button-rollcall-show-all = 👥 Hiện tất cả
button-rollcall-mark-confirmed = ✅ Có mặt tất cả người đã xác nhận ({ $count })
error-rollcall-bulk-closed = Điểm danh đã chốt: vui lòng sửa từng đồng chí.
button-rollcall-close = 🔒 Chốt điểm danh
button-rollcall-resend = 📤 Gửi lại biên bản
button-rollcall-confirm = ✅ Xác nhận chốt
button-rollcall-back = ↩️ Quay lại
button-rollcall-reject = ⚖️ Không chính đáng
button-rollcall-accept = ↩️ Chấp nhận lý do
rollcall-status = { $status ->
        [present] có mặt
        [excused] vắng có lý do
        [unexcused] vắng không lý do
       *[unmarked] chưa điểm danh
    }
rollcall-marked = { $name }: { rollcall-status }
rollcall-corrected = ✏️ Đã sửa (có ghi nhật ký) — { $name }: { rollcall-status }
rollcall-reason-rejected = { $name }: lý do không chính đáng, tính là vắng không lý do.
rollcall-reason-accepted = { $name }: lý do được chấp nhận.
rollcall-closed-toast = 🔒 Đã chốt điểm danh. Biên bản đã gửi bí thư, phó bí thư và cấp ủy viên phụ trách.
rollcall-resent-toast = 📤 Đã gửi lại biên bản.

error-rollcall-leaders-only = Chỉ bí thư hoặc phó bí thư chi bộ mới điểm danh được.
error-rollcall-no-meeting = Hiện không có cuộc họp nào để điểm danh. Điểm danh mở được từ 12 giờ trước giờ họp đến 24 giờ sau buổi họp (hoặc sau khi chốt). Gõ /lich để xem cuộc họp tới.
error-rollcall-not-open = Điểm danh cuộc họp này chưa được mở. Vui lòng gõ /diemdanh.
error-rollcall-correction-closed = Đã quá 24 giờ kể từ khi chốt điểm danh nên không thể sửa nữa.
error-rollcall-not-in-roster = Đồng chí này không có trong danh sách điểm danh của cuộc họp.
error-rollcall-no-reason = Chỉ đánh giá được lý do của đồng chí đang được ghi vắng có lý do.
error-rollcall-status-not-allowed = Không thể ghi trạng thái này cho đồng chí { $name } (đồng chí miễn sinh hoạt hoặc khách mời chỉ ghi có mặt hay không; sau khi chốt không thể bỏ trống).

## Minutes (biên bản): the attendance part
minutes-title = 📋 BIÊN BẢN ĐIỂM DANH{ $corrected ->
        [yes] {" "}(bản đã sửa)
       *[no] {""}
    }
minutes-meeting = { $cell } — { meeting-kind } ngày { $date }
minutes-time = Thời gian: từ { $start } ngày { $startDate } đến { $end } ngày { $endDate }
minutes-total = Tổng số đảng viên: { $total }
minutes-eligible = Số đảng viên phải dự (trừ miễn sinh hoạt, nhiệm vụ đặc biệt): { $eligible }
minutes-present = ✅ Có mặt: { $present }/{ $eligible } — tỷ lệ { $rate }%
minutes-rate-ok = Đạt tỷ lệ dự họp trên { $threshold }%.
minutes-rate-failed = ❌ Không đạt tỷ lệ dự họp trên { $threshold }% (cần ít nhất { $minimum }/{ $eligible } đồng chí có mặt).
minutes-rate-none = Không có đảng viên nào phải dự nên không tính tỷ lệ.
minutes-excused = 🟡 Vắng có lý do: { $count }
minutes-excused-line = • { $name }: { $reason }
minutes-no-reason = (không ghi lý do)
minutes-unexcused = 🔴 Vắng không lý do: { $count }
minutes-unexcused-line = • { $name }
minutes-unexcused-rejected-line = • { $name } (lý do «{ $reason }» không chính đáng)
minutes-exempt = 🛡 Miễn sinh hoạt, nhiệm vụ đặc biệt: { $count }
minutes-exempt-line = • { $name } ({ $standing ->
        [special_duty] nhiệm vụ đặc biệt
       *[exempt] miễn sinh hoạt
    }{ $attended ->
        [yes] , có dự họp
       *[no] {""}
    })
minutes-guests = 👤 Khách mời có mặt: { $count }
minutes-guest-line = • { $name } — cấp ủy viên phụ trách
minutes-findings = Kết luận:
minutes-no-findings = ✅ Không có vi phạm quy định sinh hoạt.
minutes-finding-r3-failed = ❌ Tỷ lệ dự họp { $rate }%, không đạt trên { $threshold }%.
minutes-finding-r4-unexcused = ❌ Đồng chí { $member } vắng không lý do.
minutes-finding-r5-notice = 🔔 Đồng chí { $member } vắng có lý do { $streak } lần liên tiếp trong năm.
minutes-finding-r5-warning = ⚠️ Đồng chí { $member } vắng có lý do { $streak } lần liên tiếp trong năm: vắng thêm lần nữa là vi phạm.
minutes-finding-r5-violation = ❌ Đồng chí { $member } vắng có lý do { $streak } lần liên tiếp trong năm, quá { $max } lần.
minutes-finding-r8-warning = ⚠️ Đồng chí { $member } đã có { $months } tháng vắng không lý do trong năm { $year }.
minutes-finding-r8-consider = ❌ Đồng chí { $member } đã có { $months } tháng vắng không lý do trong năm { $year }: cần xem xét theo Điều 8 Điều lệ Đảng.
minutes-finding-r9-short = ⚠️ Buổi họp kéo dài { $minutes } phút, ít hơn { $required } phút theo quy định.
minutes-see-file = (Danh sách đầy đủ trong tệp CSV.)
minutes-file-caption = 📎 Biên bản điểm danh (tệp CSV) — { $cell }, ngày { $date }

minutes-csv-title = BIÊN BẢN ĐIỂM DANH
minutes-csv-cell = Chi bộ
minutes-csv-meeting = Cuộc họp
minutes-csv-date = Ngày họp
minutes-csv-start = Bắt đầu
minutes-csv-end = Kết thúc
minutes-csv-total = Tổng số đảng viên
minutes-csv-eligible = Số phải dự
minutes-csv-present = Có mặt
minutes-csv-rate = Tỷ lệ
minutes-csv-percent = { $rate }%
minutes-csv-excused = Vắng có lý do
minutes-csv-unexcused = Vắng không lý do
minutes-csv-exempt = Miễn sinh hoạt, nhiệm vụ đặc biệt
minutes-csv-guests = Khách mời có mặt
minutes-csv-no = STT
minutes-csv-name = Họ và tên
minutes-csv-role = Tư cách
minutes-csv-status = Tình trạng
minutes-csv-reason = Lý do
minutes-csv-role-value = { $role ->
        [probationary] Đảng viên dự bị
        [guest] Khách mời (cấp ủy viên phụ trách)
       *[full] Đảng viên chính thức
    }
minutes-csv-status-value = { $status ->
        [present] Có mặt
        [excused] Vắng có lý do
        [unexcused] Vắng không lý do
        [rejected] Vắng không lý do (lý do không chính đáng)
        [absent] Không dự
       *[exempt] { $standing ->
            [special_duty] Nhiệm vụ đặc biệt
           *[exempt] Miễn sinh hoạt
        }
    }

## Alerts raised when a roll call closes (rendered with the alert's args)
alert-r3-failed = ❌ Không đạt tỷ lệ dự họp: cuộc họp { $cell } ngày { $date } lúc { $time } có { $present }/{ $eligible } đồng chí có mặt ({ $rate }%), cần ít nhất { $minimum } để đạt trên { $threshold }%.
alert-r4-unexcused = ❌ Vắng không lý do: đồng chí { $member } vắng không lý do tại cuộc họp { $cell } ngày { $date }.
alert-r5-notice = 🔔 Đồng chí { $member } đã vắng có lý do { $streak } lần liên tiếp trong năm (gần nhất: cuộc họp { $cell } ngày { $date }). Theo quy định, không được vắng có lý do quá { $max } lần liên tiếp trong năm; đồng chí lưu ý sắp xếp dự các buổi sinh hoạt tới.
alert-r5-warning = ⚠️ Đồng chí { $member } đã vắng có lý do { $streak } lần liên tiếp trong năm (gần nhất: cuộc họp { $cell } ngày { $date }). Nếu vắng thêm lần nữa sẽ vi phạm quy định (không quá { $max } lần liên tiếp).
alert-r5-violation = ❌ Đồng chí { $member } đã vắng có lý do { $streak } lần liên tiếp trong năm, quá { $max } lần theo quy định (cuộc họp { $cell } ngày { $date }).
alert-r8-warning = ⚠️ Đồng chí { $member } đã có { $months } tháng vắng sinh hoạt không lý do trong năm { $year } (gần nhất: cuộc họp { $cell } ngày { $date }). Đủ 3 tháng sẽ phải xem xét theo Điều 8 Điều lệ Đảng.
alert-r8-consider = ❌ Đồng chí { $member } đã có { $months } tháng vắng sinh hoạt không lý do trong năm { $year } (gần nhất: cuộc họp { $cell } ngày { $date }). Đề nghị chi bộ xem xét theo Điều 8 Điều lệ Đảng; bot không tự động thực hiện biện pháp nào.
alert-r9-short = ⚠️ Cuộc họp { $cell } ngày { $date } kéo dài { $minutes } phút (từ lúc mở đến lúc chốt điểm danh), ít hơn { $required } phút theo quy định.
