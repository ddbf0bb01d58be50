# chibo-bot — tiếng Việt (ngôn ngữ mặc định)

weekday = { $day ->
    [0] Chủ nhật
    [1] Thứ Hai
    [2] Thứ Ba
    [3] Thứ Tư
    [4] Thứ Năm
    [5] Thứ Sáu
   *[6] Thứ Bảy
}

meeting-kind = { $meetingKind ->
    [thematic] sinh hoạt chuyên đề
   *[regular] sinh hoạt thường kỳ
}

## Reminders
reminder-title = { $reminder ->
    [h2] 🔔 Sắp đến giờ họp chi bộ
   *[other] 🔔 Nhắc lịch sinh hoạt chi bộ
}
reminder =
    { reminder-title }
    { $cell } — { meeting-kind }
    🗓 { $weekday }, ngày { $date }
    🕢 { $time }
    📍 { $place }
    📝 { $agenda }
reminder-question = Đồng chí vui lòng cho biết có tham dự không.
reminder-guest = Đồng chí được phân công dự họp với tư cách cấp ủy viên phụ trách.
place-unknown = (chưa có địa điểm)
agenda-unknown = (chưa có nội dung)
button-attend = ✅ Tham dự
button-decline = ❌ Vắng (có lý do)

## Meeting changes
meeting-moved =
    📢 Lịch họp của { $cell } đã thay đổi:
    🗓 { $weekday }, ngày { $date }, lúc { $time }
    📍 { $place }
meeting-cancelled =
    📢 Cuộc họp { $cell } ngày { $date } lúc { $time } đã bị hủy.
    Đồng chí không cần trả lời lời nhắc trước đó.

## Delivery problems (to the secretary)
member-unreachable = ⚠️ Không gửi được tin nhắn cho đồng chí { $member } ({ $cell }): đồng chí ấy đã chặn bot hoặc chưa mở trò chuyện. Vui lòng báo trực tiếp và gửi lại mã mời.
deliveries-unknown = ⚠️ { $count } tin nhắc của cuộc họp ngày { $date } có thể chưa đến người nhận (mạng bị gián đoạn). Danh sách: { $members }. Vui lòng kiểm tra lại với các đồng chí này.
