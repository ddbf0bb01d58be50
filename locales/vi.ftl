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
    🗓 { $weekday }, ngày { $date }{ $soon }
    🕢 { $time }
    📍 { $place }
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

## Linking
start-unlinked =
    Xin chào! Bot này giúp chi bộ nhắc lịch sinh hoạt và ghi nhận tham dự.
    Đồng chí chưa được liên kết. Vui lòng xin bí thư chi bộ đường liên kết mời (hoặc mã mời) rồi bấm vào đường liên kết đó, hoặc gửi: /start MÃ-MỜI
start-unlinked-short = Đồng chí chưa được liên kết. Gửi /start để xem hướng dẫn.
start-welcome =
    Chào đồng chí { $name }! Tài khoản đã được liên kết với { $cell }.
    Bot sẽ nhắc lịch họp và đồng chí trả lời bằng các nút bấm. Gõ /trogiup để xem các lệnh.
start-linked = Chào đồng chí { $name } ({ $cell }). Gõ /lich để xem cuộc họp tới, /trogiup để xem các lệnh.
link-bad-code = Mã mời không đúng hoặc đã hết hạn. Đồng chí còn { $left } lần thử; vui lòng kiểm tra lại với bí thư chi bộ.
link-locked = Đồng chí đã nhập sai mã quá 5 lần trong một giờ. Vui lòng thử lại sau 1 giờ hoặc liên hệ bí thư chi bộ.

## Answers
button-confirm = ✅ Xác nhận
button-cancel = ↩️ Hủy
reason-sick = Ốm đau
reason-business-trip = Đi công tác
reason-family = Việc gia đình
reason-other = Lý do khác (tự nhập)
absence-ask = Đồng chí vắng vì lý do gì? Chọn một lý do hoặc gõ lý do của đồng chí.
absence-ask-text = Vui lòng gõ lý do vắng (tối đa { $max } ký tự).
absence-text-only = Vui lòng chọn một nút hoặc gõ lý do bằng chữ.
absence-confirm = Xác nhận: đồng chí VẮNG với lý do «{ $reason }»?
absence-confirm-press = Vui lòng bấm «Xác nhận» hoặc «Hủy» ở tin nhắn trên.
absence-cancelled = Đã hủy. Câu trả lời trước đó (nếu có) được giữ nguyên.
absence-recorded = ✅ Đã ghi nhận: đồng chí vắng, lý do «{ $reason }». Đồng chí có thể đổi câu trả lời trước giờ họp.
answer-attending = ✅ Đã ghi nhận: đồng chí tham dự.
answer-unchanged = Câu trả lời này đã được ghi nhận trước đó.
answer-attending-note = ✅ Đã ghi nhận đồng chí sẽ tham dự. Nếu có thay đổi, đồng chí có thể bấm lại nút trên lời nhắc trước giờ họp.

## Member
next-none = Hiện chưa có lịch họp sắp tới.
next-meeting =
    📅 Cuộc họp tới của { $cell }:
    🗓 { $weekday }, ngày { $date }, lúc { $time }
    📍 { $place }
    📝 { $agenda }
    Câu trả lời của đồng chí: { $answer }
my-answer-attending = Tham dự
my-answer-absent = Vắng – lý do: { $reason }
my-answer-none = chưa trả lời
my-year-none = Chưa có dữ liệu sinh hoạt năm nay.
my-year =
    📊 Năm { $year }: { $meetings } cuộc họp
    ✅ Có mặt: { $present }
    🟡 Vắng có lý do: { $excused }
    🔴 Vắng không lý do: { $unexcused }
    Số lần vắng có lý do liên tiếp hiện tại: { $streak } (tối đa { $max } lần liên tiếp trong năm)
settings-muted = 🔕 Đã tắt bớt lời nhắc: đồng chí chỉ nhận lời nhắc cuối cùng trước mỗi cuộc họp.
settings-unmuted = 🔔 Đồng chí nhận đầy đủ các lời nhắc trước mỗi cuộc họp.
button-mute = 🔕 Chỉ nhắc lần cuối
button-unmute = 🔔 Nhắc đầy đủ
help-member =
    Các lệnh của đảng viên:
    /lich — cuộc họp tới và câu trả lời của đồng chí
    /cuatoi — tình hình sinh hoạt của đồng chí năm nay
    /caidat — bật/tắt bớt lời nhắc
help-leader =
    Dành cho bí thư, phó bí thư:
    /tinhhinh — ai đã trả lời, ai vắng, dự kiến tỷ lệ
    /nhacnho — nhắc những đồng chí chưa trả lời
    /lichhop — đặt, dời hoặc hủy cuộc họp
    /traloithay — trả lời thay đảng viên
    /diemdanh (/rollcall) — điểm danh trong buổi họp
    /moi — mã mời liên kết cho đảng viên
    /baocao — báo cáo sinh hoạt tháng trước (hoặc /baocao MM/yyyy)
    Tỷ lệ dự họp được làm tròn xuống đến 0,1% (84,96% ghi là 84,9%), vì quy định là «trên 85%».
help-committee =
    Dành cho cấp ủy viên phụ trách:
    /donvi — các chi bộ phụ trách trong tháng
    /baocao — báo cáo sinh hoạt tháng trước (hoặc /baocao MM/yyyy)

## Command menu
command-start = Bắt đầu / liên kết tài khoản
command-lich = Cuộc họp tới
command-cuatoi = Tình hình sinh hoạt của tôi
command-caidat = Cài đặt lời nhắc
command-trogiup = Hướng dẫn
command-tinhhinh = Tình hình trả lời
command-nhacnho = Nhắc người chưa trả lời
command-rollcall = Điểm danh
command-diemdanh = Điểm danh
command-lichhop = Đặt, dời, hủy cuộc họp
command-traloithay = Trả lời thay đảng viên
command-moi = Mã mời liên kết
command-donvi = Các chi bộ phụ trách

## Errors
error-not-allowed = Đồng chí không có quyền thực hiện thao tác này.
error-meeting-not-found = Không tìm thấy cuộc họp này.
error-meeting-not-planned = Cuộc họp này đã diễn ra hoặc đã bị hủy.
error-meeting-started = Cuộc họp đã bắt đầu, không thể thay đổi câu trả lời nữa.
error-meeting-in-past = Thời gian họp phải ở tương lai.
error-meeting-cancelled = Cuộc họp này đã bị hủy.
error-reason-required = Vui lòng cho biết lý do vắng.
error-reason-too-long = Lý do quá dài: tối đa { $max } ký tự. Vui lòng gõ ngắn gọn hơn.
error-stale-button = Nút này không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất.
error-unknown-command = Lệnh không đúng. Gõ /trogiup để xem các lệnh.
error-unknown-text = Tôi chưa hiểu tin nhắn này. Vui lòng dùng các nút bấm hoặc gõ /trogiup để xem các lệnh.
error-text-only = Bot chỉ hỗ trợ tin nhắn chữ và nút bấm.
error-group-private-only = Vui lòng dùng lệnh này trong trò chuyện riêng với bot.
error-internal = Đã có lỗi xảy ra, vui lòng thử lại sau ít phút.

## Alerts
button-ack = 👁 Đã xem
alert-r3-risk = ⚠️ Nguy cơ không đạt tỷ lệ: cuộc họp { $cell } ngày { $date } lúc { $time } — { $declined }/{ $eligible } đồng chí báo vắng, cần ít nhất { $minimum } người dự (còn cần thêm { $needed } người xác nhận tham dự).
