## People first (issue 13): typed answers, reminders that know the answer, old buttons

# A reminder's day, by distance from when it is sent: "19:30 hôm nay", "19:30 Thứ Năm 03/12".
reminder-soon = { $distance ->
    [today] {" "}(hôm nay)
    [tomorrow] {" "}(ngày mai)
   *[other] {""}
}
reminder-when = { $distance ->
    [today] { $time } hôm nay
    [tomorrow] { $time } ngày mai
   *[other] { $time } { $weekday } { $dayMonth }
}
reminder-at = {" "}tại { $place }
reminder-agenda = 📝 { $agenda }
reminder-attending =
    { reminder-title }
    { $cell } — { meeting-kind }
    ✅ Đồng chí đã xác nhận tham dự — hẹn gặp { reminder-when }{ $where }.
reminder-absent =
    { reminder-title }
    { $cell } — { meeting-kind }
    🟡 Đồng chí đã báo vắng cuộc họp { reminder-when }{ $where }, lý do «{ $reason }».
reminder-attending-change = Nếu có thay đổi, đồng chí chọn «Vắng (có lý do)» dưới đây.
reminder-absent-change = Nếu có thể tham dự, đồng chí chọn «Tham dự» dưới đây.

# Typed answers: "có", "tham du", "xin vắng vì …" under an open reminder.
typed-confirm-attending = Xác nhận: đồng chí THAM DỰ cuộc họp { $cell } lúc { reminder-when }?
typed-unclear = Tôi chưa hiểu câu trả lời này. Đồng chí có tham dự cuộc họp dưới đây không? Đồng chí có thể gõ «có» hoặc «vắng» (kèm lý do, ví dụ: «vắng vì ốm»), hoặc chọn bên dưới.
typed-cancelled = Đã hủy, chưa ghi nhận gì. Câu trả lời trước đó (nếu có) được giữ nguyên.

# A press on the button of a meeting that is over.
old-meeting-ended = Buổi sinh hoạt ngày { $date } đã kết thúc.
old-meeting-cancelled = Cuộc họp ngày { $date } đã bị hủy.
old-meeting-current = Cuộc họp tới của chi bộ:
old-meeting-none = Hiện chưa có cuộc họp mới cần trả lời.

# Zalo: the one choice under a reminder the member already answered.
zalo-change-hint = Trả lời 1 để đổi câu trả lời.
