## The minutes (biên bản sinh hoạt chi bộ) as a Word file (src/services/minutes/)
mdoc-party = ĐẢNG CỘNG SẢN VIỆT NAM
mdoc-organisation-prefix = Đảng bộ
mdoc-cell-prefix = Chi bộ
mdoc-place-date = { $place }, ngày { $day } tháng { $month } năm { $year }
mdoc-blank = ……………………………
mdoc-blank-short = ……………
mdoc-clock = { $hour } giờ { $minute }
mdoc-title = BIÊN BẢN
mdoc-subtitle = SINH HOẠT CHI BỘ{ $kind ->
        [thematic] {" "}CHUYÊN ĐỀ
       *[regular] {""}
    } THÁNG { $month } NĂM { $year }
mdoc-revision = (Bản đã sửa lần { $revision } sau khi chốt điểm danh)
mdoc-opening = Hôm nay, vào lúc { $time } ngày { $date }, tại { $place }, { $cell } tiến hành sinh hoạt { $kind ->
        [thematic] chuyên đề
       *[regular] định kỳ
    } tháng { $month } năm { $year }.
mdoc-section-time = THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN
mdoc-start = Thời gian bắt đầu: { $time } ngày { $date }.
mdoc-end = Thời gian kết thúc: { $time } ngày { $date }.
mdoc-place = Địa điểm: { $place }.
mdoc-chair = Chủ trì: đồng chí { $name }.
mdoc-taker = Thư ký: đồng chí { $name }.
mdoc-attendance = Thành phần:
mdoc-total = - Tổng số đảng viên của chi bộ: { $total } đồng chí (chính thức: { $official }, dự bị: { $probationary }).
mdoc-exempt = - Miễn công tác và sinh hoạt đảng: { $count } đồng chí{ $count ->
        [0] .
       *[other] :
    }
mdoc-special-duty = - Lực lượng vũ trang làm nhiệm vụ đặc biệt: { $count } đồng chí{ $count ->
        [0] .
       *[other] :
    }
mdoc-status-person = + Đồng chí { $name }{ $attended ->
        [yes] {" "}(có dự sinh hoạt)
       *[no] {""}
    }.
mdoc-eligible = - Số đảng viên phải dự sinh hoạt: { $eligible } đồng chí.
mdoc-present = - Có mặt: { $present }/{ $eligible } đồng chí, đạt tỷ lệ { $rate }%.
mdoc-present-none = - Có mặt: { $present } đồng chí (không có đảng viên phải dự nên không tính tỷ lệ).
mdoc-excused = - Vắng có lý do: { $count } đồng chí{ $count ->
        [0] .
       *[other] :
    }
mdoc-excused-person = + Đồng chí { $name }, lý do: { $reason }.
mdoc-no-reason = không ghi lý do
mdoc-unexcused = - Vắng không có lý do: { $count } đồng chí{ $count ->
        [0] .
       *[other] :
    }
mdoc-unexcused-person = + Đồng chí { $name }.
mdoc-unexcused-rejected = + Đồng chí { $name } (lý do «{ $reason }» không được chi bộ chấp nhận).
mdoc-committee = - Cấp ủy viên phụ trách chi bộ: đồng chí { $name }, { $present ->
        [yes] có mặt
       *[no] vắng mặt
    }.
mdoc-committee-count = - Cấp ủy viên phụ trách chi bộ: { $count } đồng chí:
mdoc-committee-person = + Đồng chí { $name }: { $present ->
        [yes] có mặt
       *[no] vắng mặt
    }.
mdoc-committee-none = - Cấp ủy viên phụ trách chi bộ: chưa phân công.
mdoc-section-agenda = NỘI DUNG SINH HOẠT
mdoc-agenda-none = (Nội dung chưa được ghi trong lịch họp.)
mdoc-section-votes = KẾT QUẢ BIỂU QUYẾT
mdoc-vote-col-no = TT
mdoc-vote-col-text = Nội dung biểu quyết
mdoc-vote-col-approve = Tán thành
mdoc-vote-col-reject = Không tán thành
mdoc-vote-col-abstain = Không biểu quyết
mdoc-vote-col-result = Kết quả
mdoc-vote-count = { $count }/{ $of }
mdoc-vote-result = { $passed ->
        [yes] Thông qua
       *[no] Không thông qua
    }
mdoc-section-quality = TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT
mdoc-quality-col-no = TT
mdoc-quality-col-item = Tiêu chí
mdoc-quality-col-points = Điểm
mdoc-quality-col-by = Người chấm
mdoc-quality-col-why = Căn cứ
mdoc-quality-points = { $points }/{ $max }
mdoc-quality-by = { $by ->
        [bot] Bot tự tính
       *[secretary] Chi ủy
    }
mdoc-quality-total = Tổng điểm: { $total }/{ $max }; xếp loại: { $grade }.
mdoc-closing = Buổi sinh hoạt kết thúc lúc { $time } ngày { $date }.
mdoc-signature-taker = THƯ KÝ
mdoc-signature-chair = CHỦ TRÌ
mdoc-signature-hint = (Ký, ghi rõ họ tên)

## Getting the file
mdoc-caption = 📄 Biên bản sinh hoạt chi bộ (tệp Word) — { $cell }, ngày { $date }
mdoc-error-not-closed = Cuộc họp này chưa chốt điểm danh nên chưa có biên bản.
mdoc-button = 📄 Biên bản { $cell }, { $date } (.docx)
mdoc-file-failed = Chưa tạo được tệp biên bản. Đồng chí vui lòng thử lại sau ít phút.
mdoc-zalo-unavailable = 📄 Biên bản sinh hoạt dạng tệp Word (.docx) không gửi được qua Zalo: Zalo Bot chỉ gửi được tin nhắn chữ, không gửi được tệp. Đồng chí nhận tệp qua Telegram (lệnh /baocao, chọn biên bản) hoặc đề nghị quản trị viên xuất bằng lệnh «npm run cli -- minutes».
