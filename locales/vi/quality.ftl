# Chất lượng sinh hoạt chi bộ (Chỉ thị 50-CT/TW, Hướng dẫn 42-HD/BTCTW): chấm điểm, tài liệu trước cuộc họp

command-chamdiem = Chấm điểm chất lượng sinh hoạt
command-tailieu = Gửi tài liệu cho cuộc họp

## Các mục của bảng chấm điểm (một địa phương có thể đặt tên riêng trong tệp QUALITY_RUBRIC)
quality-item = { $key ->
    [duration] Thời gian sinh hoạt
    [attendance] Tỷ lệ đảng viên dự họp
    [preparation-notice] Chuẩn bị: thông báo thời gian, địa điểm, nội dung
    [preparation-documents] Chuẩn bị: gửi tài liệu trước cuộc họp
    [preparation-other] Chuẩn bị: các việc khác
    [conduct] Tiến hành sinh hoạt
    [chairing] Điều hành của đồng chí chủ trì
    [principles] Nguyên tắc tập trung dân chủ, tự phê bình và phê bình
    [resolution] Kết quả thực hiện nghị quyết kỳ trước
    [closing-minutes] Kết thúc: gửi biên bản
    [closing-posted] Kết thúc: biên bản, tài liệu được lưu và công khai
   *[other] { $key }
}
quality-grade = { $grade ->
    [good] Tốt
    [fair] Khá
    [average] Trung bình
    [poor] Kém
   *[other] { $grade }
}

## Vì sao được số điểm đó
quality-size = { $size ->
    [thematic] có sinh hoạt chuyên đề
    [large] chi bộ từ { $largeFrom } đảng viên
   *[small] chi bộ dưới { $largeFrom } đảng viên
}
quality-why-duration-ok = Họp { $minutes } phút, đủ { $required } phút ({ quality-size }) → { $points } điểm
quality-why-duration-short = Họp { $minutes } phút, chưa đủ { $required } phút ({ quality-size }) → 0 điểm
quality-why-duration-unknown = Không rõ thời gian họp (cần { $required } phút) → 0 điểm
quality-why-attendance-rate = Tỷ lệ { NUMBER($rate, maximumFractionDigits: 1) }% ({ $present }/{ $eligible }) → { $points } điểm
quality-why-attendance-unexcused = { $count } đảng viên vắng không có lý do → { $points } điểm
quality-why-attendance-bonus = không ai vắng có lý do quá { $max } lần liên tiếp → +{ $points }
quality-why-attendance-no-bonus = có đảng viên vắng có lý do { $streak } lần liên tiếp (quá { $max } lần) → không cộng điểm
quality-why-attendance-nobody = Không có đảng viên thuộc diện tính tỷ lệ → 0 điểm
quality-why-notice-members = đã gửi thông báo cho đảng viên lúc { $at } → { $points } điểm
quality-why-notice-members-none = chưa gửi thông báo cho đảng viên trước cuộc họp → 0 điểm
quality-why-notice-committee = đã gửi cho cấp ủy viên phụ trách lúc { $at } → { $points } điểm
quality-why-notice-committee-none = chưa gửi cho cấp ủy viên phụ trách → 0 điểm
quality-why-notice-no-committee = chi bộ chưa có cấp ủy viên phụ trách → 0 điểm
quality-why-documents-early = Tài liệu gửi lúc { $at }, trước cuộc họp ít nhất { $days } ngày → { $points } điểm
quality-why-documents-late = Tài liệu gửi lúc { $at }, chưa đủ { $days } ngày trước cuộc họp → 0 điểm
quality-why-documents-none = Không có tài liệu gửi qua bot trước cuộc họp → 0 điểm
quality-why-minutes-in-time = Biên bản gửi lúc { $at }, trong { $days } ngày → { $points } điểm
quality-why-minutes-late = Biên bản gửi lúc { $at }, quá { $days } ngày → 0 điểm
quality-why-minutes-none = Chưa gửi biên bản → 0 điểm
quality-why-secretary-scored = Chi ủy chấm { $points }/{ $max }
quality-why-secretary-unscored = Chi ủy chưa chấm

## Điểm và xếp loại
quality-title = 📝 Chất lượng sinh hoạt (Hướng dẫn 42-HD/BTCTW):
quality-item-line = { $scored ->
    [yes] • { $label }: { $points }/{ $max } — { $why }
   *[no] • { $label }: chưa chấm (tối đa { $max })
}
quality-secretary-line = { $scored ->
    [yes] • { $label }: { $points }/{ $max }
   *[no] • { $label }: chưa chấm (tối đa { $max })
}
quality-line = Chất lượng sinh hoạt: { $total }/{ $max } điểm{ $complete ->
    [yes] {" "}— xếp loại { $grade }
   *[no] {" "}(chưa chấm xong, chưa xếp loại)
}
quality-csv-label = Chất lượng sinh hoạt
quality-csv-value = { $total }/{ $max }{ $complete ->
    [yes] {" "}{ $grade }
   *[no] {" "}(chưa chấm xong)
}

## Chấm điểm trong chat
quality-offer-button = 📝 Chấm điểm chất lượng
quality-zalo-offer = Gõ «chamdiem» để chấm điểm chất lượng cuộc họp này.
quality-sheet-title = 📝 Chấm điểm chất lượng — { $cell }, cuộc họp ngày { $date }
quality-bot-items = Bot đã chấm:
quality-secretary-items = Chi ủy chấm:
quality-ask = Mục «{ $label }» (tối đa { $max } điểm): đồng chí chọn mức, hoặc gõ số điểm từ 0 đến { $max }.
quality-ask-zalo = Mục «{ $label }» (tối đa { $max } điểm): chọn một mức bên dưới, hoặc gõ số điểm kèm chữ «điểm», ví dụ: { $example } điểm.
quality-button-full = Đạt đủ ({ $points } điểm)
quality-button-partial = Đạt một phần ({ $points } điểm)
quality-button-none = Không đạt (0 điểm)
quality-button-later = Để sau
quality-button-edit = ✏️ { $label }
quality-scored = Đã ghi: { $label } — { $points }/{ $max } điểm.
quality-corrected = Đã sửa: { $label } — { $points }/{ $max } điểm.
quality-later = Các mục còn lại để «chưa chấm». Gõ /chamdiem để chấm tiếp.
quality-later-zalo = Các mục còn lại để «chưa chấm». Gõ «chamdiem» để chấm tiếp.
quality-done = ✅ Đã chấm xong các mục của chi ủy.
quality-edit-until = Có thể sửa điểm đến { $time } ngày { $date }: chọn mục cần sửa.
quality-edit-until-zalo = Có thể sửa điểm đến { $time } ngày { $date }: trả lời số của mục cần sửa.
quality-final = Đã hết thời hạn sửa điểm ({ $time } ngày { $date }).
quality-none = Chi bộ chưa có cuộc họp nào đã chốt điểm danh để chấm điểm.
quality-type-number = Đồng chí chọn một mức, hoặc gõ số điểm từ 0 đến { $max }.
quality-error-not-held = Cuộc họp chưa chốt điểm danh nên chưa chấm điểm chất lượng được.
quality-error-points = Số điểm phải là số nguyên từ 0 đến { $max }.
quality-error-closed = Đã quá thời hạn sửa điểm (24 giờ sau khi chốt điểm danh); điểm giữ như đã chấm.

## Tài liệu trước cuộc họp (/tailieu)
tailieu-none = Chi bộ chưa có cuộc họp sắp tới để gửi tài liệu.
tailieu-ask = 📎 Tài liệu cho cuộc họp { $weekday }, { $date } lúc { $time }: đồng chí gửi đường link (https://…, ví dụ Sổ tay đảng viên điện tử) hoặc gửi tệp (tối đa { $maxMb } MB).
tailieu-ask-zalo = 📎 Tài liệu cho cuộc họp { $weekday }, { $date } lúc { $time }: đồng chí gõ đường link (https://…, ví dụ Sổ tay đảng viên điện tử). Tệp chỉ gửi được qua Telegram.
tailieu-ask-title = Đồng chí gõ tiêu đề tài liệu (một dòng, tối đa { $max } ký tự).
tailieu-button-cancel = Hủy
tailieu-cancelled = Đã hủy, không gửi tài liệu nào.
tailieu-error-url = Đường link phải bắt đầu bằng https:// và dài tối đa { $max } ký tự.
tailieu-error-file-size = Tệp quá lớn: tối đa { $maxMb } MB.
tailieu-error-title = Tiêu đề phải có từ 1 đến { $max } ký tự.
tailieu-error-meeting = Cuộc họp đã bắt đầu, đã hủy hoặc không còn: không gửi tài liệu được.
tailieu-link-or-file = Đồng chí gửi đường link https:// hoặc một tệp.
tailieu-saved = ✅ Đã ghi tài liệu «{ $title }». { $now ->
    [yes] Bot gửi ngay cho { $count } người (đảng viên và cấp ủy viên phụ trách).
   *[no] Bot sẽ gửi cho { $count } người (đảng viên và cấp ủy viên phụ trách) lúc { $time } ngày { $date }.
}
tailieu-message = 📎 Tài liệu cho cuộc họp của { $cell } { $weekday }, { $date } lúc { $time }:
    «{ $title }»
tailieu-message-read = Đọc xong, đồng chí bấm «Đã đọc».
tailieu-button-read = ✅ Đã đọc
tailieu-read = Đã ghi nhận đồng chí đã đọc «{ $title }». Cảm ơn đồng chí.
tailieu-read-again = Đồng chí đã báo đọc «{ $title }» rồi.
tailieu-overview = 📎 «{ $title }»: đã đọc { $read }/{ $total }{ $sent ->
    [yes] {""}
   *[no] {" "}(chưa gửi, sẽ gửi lúc { $time } ngày { $date })
}
tailieu-overview-read = {"   "}✅ Đã đọc: { $names }
tailieu-overview-unread = {"   "}⏳ Chưa đọc: { $names }

## Báo cáo tháng (/baocao, bản tin, CLI)
quality-short = chất lượng { $total }/{ $max }{ $complete ->
    [yes] {" "}{ $grade }
   *[no] {" "}(chưa chấm xong)
}
quality-col-quality = Chất lượng sinh hoạt
quality-col-total = Điểm chất lượng
quality-col-grade = Xếp loại chất lượng
quality-col-incomplete = chưa chấm xong
