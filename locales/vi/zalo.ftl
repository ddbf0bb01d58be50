## Zalo: no buttons, so choices are numbered and answered by text

zalo-choice-line = { $number }. { $label }
zalo-choices-hint = Trả lời bằng một số từ 1 đến { $max }.
zalo-answer-hint = Trả lời 1 để tham dự, 2 nếu vắng.
zalo-reason-hint = Trả lời số 1–{ $max } để chọn lý do, hoặc gõ lý do của đồng chí.
zalo-type-hint = Gõ câu trả lời của đồng chí, hoặc trả lời bằng số của một lựa chọn ở trên.
zalo-stale = ⌛ Câu hỏi này đã hết hạn.
zalo-no-question = Hiện không có câu hỏi nào đang chờ trả lời. Gõ trogiup để xem các lệnh.
zalo-wrong-number = Số { $number } không có trong các lựa chọn. Vui lòng trả lời bằng một số từ 1 đến { $max }.
zalo-text-only = Xin lỗi, bot chỉ hỗ trợ tin nhắn chữ. Vui lòng gõ câu trả lời bằng chữ hoặc số.
zalo-unknown-text = Tôi chưa hiểu tin nhắn này. Gõ trogiup để xem các lệnh.
zalo-file-omitted = (Tệp «{ $name }» chỉ gửi được qua Telegram; nội dung chính ở trên.)
zalo-start-unlinked =
    Xin chào! Bot này giúp chi bộ nhắc lịch sinh hoạt và ghi nhận tham dự.
    Đồng chí chưa được liên kết. Vui lòng xin bí thư chi bộ mã mời rồi gửi mã đó vào đây (ví dụ: start ABCD234567).
zalo-start-welcome =
    Chào đồng chí { $name }! Tài khoản Zalo đã được liên kết với { $cell }.
    Bot sẽ nhắc lịch họp; đồng chí trả lời bằng số theo hướng dẫn trong tin nhắn. Gõ trogiup để xem các lệnh.
zalo-help-member =
    Các lệnh của đảng viên (gõ có hoặc không có dấu, có hoặc không có «/»):
    lich — cuộc họp tới và câu trả lời của đồng chí
    cuatoi — tình hình sinh hoạt của đồng chí năm nay
    caidat — bật/tắt bớt lời nhắc
zalo-help-leader =
    Dành cho bí thư, phó bí thư:
    diemdanh — điểm danh trong buổi họp
    Khi điểm danh: «3 c» có mặt, «3 v» vắng có lý do, «3 k» vắng không lý do, «3 t» lý do không chính đáng; «chot» để chốt.
    tinhhinh — tình hình trả lời cuộc họp tới
    nhacnho — nhắc các đồng chí chưa trả lời
    moi — tạo mã mời liên kết cho đảng viên
    traloithay — trả lời thay đảng viên
    lichhop — đặt, dời hoặc hủy cuộc họp
    baocao — báo cáo sinh hoạt tháng trước (hoặc baocao MM/yyyy)
zalo-help-committee =
    Dành cho cấp ủy viên phụ trách:
    donvi — tình hình tháng này của các chi bộ phụ trách
    baocao — báo cáo sinh hoạt tháng trước (hoặc baocao MM/yyyy)
zalo-lichhop-confirm-by-number = Vui lòng trả lời 1 để xác nhận hoặc 2 để hủy bỏ.
zalo-rollcall-line = { $number }. { $icon } { $name }{ $note }
zalo-rollcall-exempt-head = 🛡 Miễn sinh hoạt, nhiệm vụ đặc biệt (không tính vào tỷ lệ):
zalo-rollcall-guests-head = 👤 Khách mời (cấp ủy viên phụ trách, không tính vào tỷ lệ):
zalo-rollcall-legend = Trả lời «số c» có mặt, «số v» vắng có lý do, «số k» vắng không lý do (ví dụ: 3 c hoặc nhiều người: 1 2 5 c, 1-5,7 c); «còn lại k» cho mọi người chưa điểm danh, «tất cả c»; «xác nhận» ghi có mặt mọi người đã xác nhận sẽ đến; «số t» nếu lý do vắng không chính đáng; «ds» xem lại danh sách. Gõ «chot» để chốt điểm danh; ai chưa điểm danh được ghi vắng không lý do.
zalo-rollcall-legend-closed = Sửa bằng «số c», «số v», «số k», «số t» (có thể nhiều số: 1 2 5 c; có ghi nhật ký); gõ «chot» để gửi lại biên bản.
zalo-rollcall-wrong-code = Không hiểu mã điểm danh. Ví dụ: «3 c» có mặt, «3 v» vắng có lý do, «3 k» vắng không lý do, «3 t» lý do không chính đáng, «chot» để chốt.
zalo-rollcall-left = Có mặt { $present }/{ $eligible }. Còn { $count } đồng chí chưa điểm danh: số { $numbers }. Gõ «ds» để xem danh sách.
zalo-rollcall-none-left = Có mặt { $present }/{ $eligible }. Đã điểm danh đủ mọi đồng chí. Gõ «chot» để chốt.
zalo-rollcall-marked-many = { $correction ->
        [yes] ✏️ Đã sửa (có ghi nhật ký): { $count } đồng chí { rollcall-status }.
       *[no] Đã ghi: { $count } đồng chí { rollcall-status }.
    }
zalo-rollcall-nobody = Không còn ai để ghi.
zalo-rollcall-no-roster = Chưa có danh sách điểm danh đang mở. Gõ diemdanh để mở.
zalo-tinhhinh-hint = nhacnho — nhắc các đồng chí chưa trả lời
zalo-moi-help = Trả lời số thứ tự của một đồng chí (hoặc «moi số», ví dụ: moi 3) để tạo mã mời mới; mã cũ chưa dùng sẽ hết hiệu lực. Mã chỉ hiện một lần: hãy chuyển ngay cho đồng chí đó.
zalo-moi-code =
    🔑 Mã mời cho đồng chí { $name }: { $code }
    Đồng chí đó gửi mã này thành một tin nhắn cho bot trên Zalo (hoặc /start { $code } cho bot trên Telegram) để liên kết. Mã dùng được một lần, hết hạn { $time } ngày { $date }.
