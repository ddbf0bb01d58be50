# Bí thư, phó bí thư: /tinhhinh, /nhacnho, /lichhop, /traloithay, /moi

secretary-page = Trang { $page }/{ $pages }

## /tinhhinh
tinhhinh-none = Chi bộ chưa có cuộc họp nào sắp tới. Dùng /lichhop để đặt lịch họp.
tinhhinh-title =
    📊 Tình hình trả lời — { $cell }
    Cuộc họp { meeting-kind }: { $weekday }, ngày { $date }, lúc { $time }
tinhhinh-nobody = không có
tinhhinh-attending = ✅ Tham dự ({ $count }): { $names }
tinhhinh-declined = ❌ Vắng có lý do ({ $count }):
tinhhinh-declined-item = • { $name }: { $reason }
tinhhinh-silent = ⏳ Chưa trả lời ({ $count }): { $names }
tinhhinh-no-eligible = Không có đảng viên nào thuộc diện phải dự cuộc họp này.
tinhhinh-projection = 📈 Dự kiến: { $attending }/{ $eligible } đồng chí xác nhận tham dự; cần ít nhất { $minimum } người dự (trên { $rate }%), cần thêm { $needed } người xác nhận.
tinhhinh-projection-ok = 📈 Dự kiến: { $attending }/{ $eligible } đồng chí xác nhận tham dự; đã đủ số tối thiểu { $minimum } người dự (trên { $rate }%).
tinhhinh-at-risk = ⚠️ CÓ NGUY CƠ KHÔNG ĐẠT TỶ LỆ: { $declined } đồng chí báo vắng, nếu tất cả những đồng chí còn lại cùng dự thì cũng chỉ có { $possible }/{ $eligible } người, dưới mức tối thiểu { $minimum } người. Đề nghị đồng chí trao đổi lại với các đồng chí báo vắng hoặc dời lịch họp (/lichhop).
tinhhinh-hint = /nhacnho — nhắc các đồng chí chưa trả lời · /traloithay — trả lời thay đảng viên

## /nhacnho
nhacnho-no-meeting = Chi bộ chưa có cuộc họp nào sắp tới để nhắc.
nhacnho-too-soon = Đồng chí đã nhắc lúc { $lastTime } ngày { $lastDate }. Mỗi cuộc họp chỉ nhắc tối đa 1 lần trong { $hours } giờ; có thể nhắc lại từ { $nextTime } ngày { $nextDate }.
nhacnho-all-answered = Tất cả đảng viên đã trả lời về cuộc họp ngày { $date }, không cần nhắc.
nhacnho-done = 🔔 Đã gửi lời nhắc cuộc họp { $weekday }, ngày { $date }, lúc { $time } đến { $count } đồng chí chưa trả lời: { $names }.
nhacnho-none-reachable = Không gửi được lời nhắc nào: các đồng chí chưa trả lời đều chưa nhận được tin nhắn của bot.
nhacnho-unreachable = 📞 { $count } đồng chí chưa trả lời nhưng bot không nhắn được (chưa liên kết hoặc đã chặn bot), đề nghị đồng chí gọi điện trực tiếp: { $names }. Dùng /moi để tạo mã mời, /traloithay để ghi câu trả lời thay.

## /lichhop
lichhop-menu-title = 🗓 Lịch họp sắp tới của { $cell }:
lichhop-menu-item = { $n }. { $weekday }, ngày { $date }, lúc { $time } — { meeting-kind } — 📍 { $place }
lichhop-menu-empty = (chưa có cuộc họp nào)
lichhop-menu-question = Đồng chí muốn dời, sửa, hủy cuộc họp nào, hay thêm cuộc họp mới?
lichhop-button-edit = ✏️ Dời/sửa { $date } { $time }
lichhop-button-cancel-meeting = 🗑 Hủy họp { $date }
lichhop-button-new-regular = ➕ Thêm cuộc họp thường kỳ
lichhop-button-new-thematic = ➕ Thêm cuộc họp chuyên đề
lichhop-button-quit = ↩️ Thoát
lichhop-button-keep = Giữ nguyên: { $value }
lichhop-button-keep-agenda = Giữ nguyên nội dung cũ
lichhop-button-use = Dùng: { $value }
lichhop-button-skip = Bỏ qua
lichhop-ask-date = Nhập ngày họp theo dạng dd/MM/yyyy (ví dụ { $example }).
lichhop-ask-date-current = Ngày họp hiện tại: { $date }. Nhập ngày mới theo dạng dd/MM/yyyy (ví dụ { $example }).
lichhop-ask-time = Nhập giờ họp ngày { $date } theo dạng HH:mm (ví dụ 19:30).
lichhop-ask-place = Nhập địa điểm họp (tối đa { $max } ký tự).
lichhop-ask-agenda = Nhập nội dung họp (tối đa { $max } ký tự).
lichhop-bad-date = «{ $input }» không phải là ngày hợp lệ. Vui lòng nhập lại theo dạng dd/MM/yyyy, ví dụ { $example }.
lichhop-date-past = Ngày { $date } đã qua. Vui lòng nhập một ngày từ hôm nay ({ $today }) trở đi.
lichhop-date-too-far = Ngày { $date } quá xa: chỉ đặt lịch trong vòng { $days } ngày tới. Vui lòng nhập lại.
lichhop-bad-time = «{ $input }» không phải là giờ hợp lệ (giờ từ 00 đến 23, phút từ 00 đến 59). Vui lòng nhập lại theo dạng HH:mm, ví dụ 19:30.
lichhop-time-past = { $time } ngày { $date } đã qua. Vui lòng nhập giờ muộn hơn.
lichhop-too-long = Quá dài: tối đa { $max } ký tự. Vui lòng nhập ngắn gọn hơn.
lichhop-text-only = Vui lòng gõ câu trả lời bằng chữ hoặc bấm một nút ở trên.
lichhop-press-above = Vui lòng bấm một nút ở tin nhắn trên.
lichhop-aborted = Đã thoát. Lịch họp không thay đổi.
lichhop-confirm-create =
    Xác nhận thêm cuộc họp { meeting-kind } của { $cell }:
    🗓 { $weekday }, ngày { $date }, lúc { $time }
    📍 { $place }
    📝 { $agenda }
    Các đảng viên sẽ được nhắc lịch như thường lệ.
lichhop-confirm-move =
    Xác nhận sửa cuộc họp ngày { $oldDate } lúc { $oldTime } thành:
    🗓 { $weekday }, ngày { $date }, lúc { $time }
    📍 { $place }
    📝 { $agenda }
    Các đồng chí đã nhận lời nhắc sẽ được báo lịch mới.
lichhop-confirm-cancel = Xác nhận HỦY cuộc họp { meeting-kind } { $weekday }, ngày { $date }, lúc { $time }? Các đồng chí đã nhận lời nhắc sẽ được báo hủy.
lichhop-created = ✅ Đã thêm cuộc họp { meeting-kind }: { $weekday }, ngày { $date }, lúc { $time }, tại { $place }. Lời nhắc đã được lên lịch.
lichhop-moved = ✅ Đã cập nhật cuộc họp: { $weekday }, ngày { $date }, lúc { $time }, tại { $place }.
lichhop-cancelled = ✅ Đã hủy cuộc họp ngày { $date } lúc { $time }.
error-meeting-duplicate = Chi bộ đã có cuộc họp cùng loại vào đúng thời gian này.
error-meeting-too-far = Thời gian họp quá xa: chỉ đặt lịch trong vòng { $days } ngày tới.
error-text-too-long = Nội dung quá dài: tối đa { $max } ký tự.

## /traloithay
traloithay-none = Chi bộ chưa có cuộc họp nào sắp tới.
traloithay-pick = Trả lời thay cho đảng viên — cuộc họp { $weekday }, ngày { $date }, lúc { $time }. Chọn đồng chí (✅ tham dự, ❌ vắng, ⏳ chưa trả lời):
traloithay-member =
    Trả lời thay cho đồng chí { $name } — cuộc họp ngày { $date }, lúc { $time }.
    Hiện tại: { $answer }.
traloithay-button-back = ↩️ Danh sách
traloithay-attending = ✅ Đã ghi nhận thay: đồng chí { $name } tham dự.
traloithay-ask-reason = Đồng chí { $name } vắng vì lý do gì? Chọn một lý do hoặc gõ lý do (tối đa { $max } ký tự).
traloithay-absent = ✅ Đã ghi nhận thay: đồng chí { $name } vắng, lý do «{ $reason }».
traloithay-unchanged = Câu trả lời này của đồng chí { $name } đã được ghi nhận trước đó.
traloithay-cancelled = Đã hủy. Câu trả lời của đồng chí { $name } giữ nguyên.

## /moi
moi-title = 🔑 Liên kết tài khoản — { $cell }: { $linked }/{ $total } đồng chí đã liên kết.
moi-linked = ✅ { $name }
moi-pending = ⏳ { $name } — đã có mã mời, chưa dùng (hết hạn { $date })
moi-unlinked = ⬜ { $name } — chưa liên kết
moi-help = Bấm tên một đồng chí để tạo mã mời mới (mã cũ chưa dùng sẽ hết hiệu lực). Mã chỉ hiện một lần: hãy chuyển ngay cho đồng chí đó.
moi-code-toast = Đã tạo mã mời mới cho đồng chí { $name }.
moi-code =
    🔑 Mã mời cho đồng chí { $name }:
    { $link }
    Mã: { $code } (dùng được một lần, hết hạn { $time } ngày { $date })
    Đề nghị chuyển tin nhắn này cho đồng chí { $name }: bấm vào đường liên kết rồi bấm «Bắt đầu» là xong. Nếu không bấm được, gửi cho bot: /start { $code }

## /tinhhinh: when the reminders really go out (planned under the send capacity)
tinhhinh-reminder-offset = { $unit ->
    [d] trước { $amount } ngày
    [h] trước { $amount } giờ
    [m] trước { $amount } phút
   *[s] trước { $amount } giây
}
tinhhinh-reminder-at = 🔔 Lời nhắc { tinhhinh-reminder-offset }: gửi lúc { $to } ngày { $date }.
tinhhinh-reminder-between = 🔔 Lời nhắc { tinhhinh-reminder-offset }: gửi từ { $from } ngày { $fromDate } đến { $to } ngày { $date }.
tinhhinh-reminder-late = (Chậm hơn dự kiến { $time } ngày { $date } vì có quá nhiều lời nhắc cùng lúc.)
