# Cảnh báo (SPEC §3) và lệnh /donvi của cấp ủy viên phụ trách

## Alerts raised by the sweep and by delivery failures
alert-r2-unscheduled =
    ⚠️ { $cell } chưa có lịch sinh hoạt chi bộ tháng { $monthLabel }.
    Theo quy định, chi bộ sinh hoạt ít nhất mỗi tháng một lần. Đề nghị bí thư chi bộ đặt lịch họp trước cuối tháng (/lichhop).
alert-r2-not-held =
    🔴 { $cell } không tổ chức sinh hoạt chi bộ trong tháng { $monthLabel }.
    Quy định: ít nhất một lần sinh hoạt thường kỳ mỗi tháng.
alert-r2c-thematic =
    ⚠️ { $cell } chưa có buổi sinh hoạt chuyên đề nào trong quý { $quarter }/{ $year }, và tháng { $monthLabel } là tháng cuối quý.
    Quy định: sinh hoạt chuyên đề ít nhất mỗi quý một lần (có thể kết hợp với buổi sinh hoạt thường kỳ).
alert-rollcall-open =
    ⏰ Cuộc họp { $cell } ngày { $date } lúc { $time } (dự kiến kết thúc lúc { $end }) chưa được chốt điểm danh.
    Đề nghị bí thư hoặc phó bí thư dùng /diemdanh để chốt điểm danh.
alert-unreachable =
    ⚠️ Không gửi được tin nhắn cho đồng chí { $member } ({ $cell }) từ { $time } ngày { $date }: đồng chí ấy đã chặn bot, đã xóa cuộc trò chuyện hoặc chưa từng mở cuộc trò chuyện với bot.
    Vui lòng báo trực tiếp cho đồng chí ấy và gửi lại mã mời (/moi).
alert-deliveries-unknown =
    ⚠️ { $count } tin nhắn về cuộc họp { $cell } ngày { $date } lúc { $time } có thể chưa đến người nhận (mạng bị gián đoạn); bot không tự gửi lại để tránh trùng lặp.
    { $count ->
        [1] Đồng chí: { $members }.
       *[other] Các đồng chí: { $members }.
    }
    Vui lòng kiểm tra trực tiếp với { $count ->
        [1] đồng chí này.
       *[other] các đồng chí này.
    }
alert-r5-risk =
    ⚠️ Đồng chí { $member } đã vắng có lý do { $streak } lần liên tiếp trong năm và vừa báo vắng cuộc họp { $cell } ngày { $date } lúc { $time }.
    Nếu vắng buổi này sẽ là lần thứ { $next } liên tiếp — vi phạm quy định (không quá { $max } lần liên tiếp). Đề nghị bí thư trao đổi với đồng chí ấy trước buổi họp.

## Acknowledging an alert
alert-acknowledged = 👁 Đã xem bởi { $name } lúc { $time } { $date }
alert-ack-done = Đã ghi nhận: đồng chí đã xem cảnh báo này.
alert-already-acknowledged = Cảnh báo này đã được xác nhận bởi { $name } lúc { $time } { $date }.

## Short names of findings (/donvi)
finding = { $type ->
    [r2-unscheduled] Chưa có lịch họp trong tháng
    [r2-not-held] Không sinh hoạt trong tháng
    [r2c-thematic] Chưa sinh hoạt chuyên đề trong quý
    [r3-risk] Nguy cơ không đạt tỷ lệ tham dự
    [r3-failed] Không đạt tỷ lệ tham dự
    [r4-unexcused] Vắng không có lý do
    [r5-notice] Vắng có lý do 2 lần liên tiếp
    [r5-risk] Có thể vắng có lý do quá 3 lần liên tiếp
    [r5-warning] Vắng có lý do 3 lần liên tiếp
    [r5-violation] Vắng có lý do quá 3 lần liên tiếp
    [r8-warning] 2 tháng vắng không lý do trong năm
    [r8-consider] 3 tháng vắng không lý do trong năm: xem xét xóa tên
    [r9-short] Cuộc họp ngắn hơn quy định
    [rollcall-open] Chưa chốt điểm danh
    [unreachable] Không liên lạc được
    [deliveries-unknown] Tin nhắn có thể chưa đến
   *[other] Cảnh báo
}

## /donvi
donvi-header = 📋 Các chi bộ đồng chí phụ trách — tháng { $month } ({ $count } đơn vị)
donvi-none = Chưa có chi bộ nào được phân công cho đồng chí.
donvi-unit = 🏛 { $cell }
donvi-no-meeting = • Chưa có lịch họp trong tháng
donvi-meeting-upcoming = • { $weekday }, { $date } lúc { $time } ({ meeting-kind }): 🕓 chưa họp
donvi-meeting-in-progress = • { $weekday }, { $date } lúc { $time } ({ meeting-kind }): 🟢 đang họp
donvi-meeting-not-closed = • { $weekday }, { $date } lúc { $time } ({ meeting-kind }): ⏰ đã họp nhưng chưa chốt điểm danh
donvi-meeting-held-nobody = • { $weekday }, { $date } lúc { $time } ({ meeting-kind }): ✅ đã họp (không có đảng viên thuộc diện tính tỷ lệ)
donvi-meeting-held = • { $weekday }, { $date } lúc { $time } ({ meeting-kind }): ✅ đã họp — có mặt { $present }/{ $eligible } ({ NUMBER($percent, maximumFractionDigits: 1) }%), { $verdict ->
        [ok] đạt tỷ lệ
       *[failed] không đạt tỷ lệ
    }
donvi-open-alerts = { $count ->
        [0] ✔️ Không có cảnh báo chưa xem
       *[other] ⚠️ { $count } cảnh báo chưa xem:
    }
donvi-finding = {"    "}– { $text }
