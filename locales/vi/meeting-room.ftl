## In the meeting (issue 16): self check-in with a code or a QR, and voting (biểu quyết)

button-rollcall-checkin-code = 📲 Mã tự điểm danh
button-rollcall-votes = 🗳 Biểu quyết
button-checkin-refresh = 🔄 Mã hiện tại
checkin-code-caption =
    📲 Mã tự điểm danh — { $cell }
    Đảng viên dùng điện thoại quét mã QR này, hoặc nhắn cho bot: { $numeric }
    (trên Zalo: «dd { $numeric }»). Mã đổi sau { $until }; mã cũ không dùng được nữa.
checkin-code-zalo =
    📲 Mã tự điểm danh — { $cell }: { $numeric }
    Đảng viên nhắn cho bot «dd { $numeric }» (Telegram: gõ { $numeric } hoặc quét mã QR).
    Mã đổi sau { $until }; nhắn «madd» để xem mã mới.
checkin-roll-call-not-open = Điểm danh chưa mở hoặc đã chốt: không có mã tự điểm danh.
checkin-unlinked = Tài khoản này chưa được liên kết với đảng viên nào, nên không thể tự điểm danh. Đồng chí hãy xin mã mời của bí thư chi bộ.
checkin-locked = Đồng chí đã nhập sai mã điểm danh quá nhiều lần. Vui lòng thử lại sau một giờ hoặc báo đồng chí bí thư điểm danh giúp.
checkin-bad-code = Mã điểm danh không đúng. Đồng chí còn { $left } lần thử.
checkin-expired = Mã điểm danh này đã hết hạn (mã đổi vài phút một lần). Đồng chí hãy quét hoặc nhập mã đang hiện trong phòng họp. Còn { $left } lần thử.
checkin-other-cell = Mã này là của buổi họp chi bộ khác: đồng chí không thể tự điểm danh ở đây. Không có gì thay đổi.
checkin-closed = Buổi họp này không còn mở điểm danh: không thể tự điểm danh. Không có gì thay đổi.
checkin-done = ✅ Đã ghi đồng chí { $name } có mặt (tự điểm danh lúc { $time }).
checkin-already = Đồng chí { $name } đã được ghi có mặt rồi.
rollcall-self-checked-line = 📲 Đã tự điểm danh: { $count }
tinhhinh-self-checked = 📲 Đã tự điểm danh: { $self }/{ $total }
minutes-self-checked = Trong đó tự điểm danh bằng mã: { $count }
zalo-checkin-how = Nhắn «dd» và mã gồm 6 chữ số đang hiện trong phòng họp, ví dụ: dd 123456.

vote-how-to-open = Để mở biểu quyết, gõ: /bieuquyet <nội dung>, ví dụ: /bieuquyet Thông qua nghị quyết tháng 12. Để hủy biểu quyết đang mở: /huybieuquyet <lý do>.
vote-text-missing = Đồng chí hãy ghi nội dung biểu quyết, ví dụ: /bieuquyet Thông qua nghị quyết tháng 12.
vote-text-long = Nội dung biểu quyết dài quá { $max } ký tự.
vote-no-meeting = Chỉ mở biểu quyết được khi đang điểm danh một buổi họp (mở /diemdanh trước, chưa chốt).
vote-no-voters = Chưa có đảng viên chính thức nào được ghi có mặt: chưa thể biểu quyết.
vote-not-found = Không tìm thấy cuộc biểu quyết này.
vote-closed = Cuộc biểu quyết này đã kết thúc: không thể biểu quyết hay thay đổi nữa.
vote-not-voter = Đồng chí không có phiếu trong cuộc biểu quyết này (chỉ đảng viên chính thức có mặt mới biểu quyết).
vote-annul-reason-missing = Đồng chí hãy ghi lý do hủy, ví dụ: /huybieuquyet Ghi sai nội dung.
vote-none-open = Không có cuộc biểu quyết nào đang mở.
vote-ballot =
    🗳 Biểu quyết — { $cell }
    «{ $text }»
    Đồng chí chọn một trong hai; có thể đổi cho đến khi kết thúc biểu quyết. Không ai thấy đồng chí chọn gì.
button-vote-approve = Tán thành
button-vote-reject = Không tán thành
button-vote-close = 🔒 Kết thúc biểu quyết
button-vote-annul = ✖ Hủy biểu quyết
vote-recorded = Đã ghi: { $choice ->
        [approve] Tán thành
       *[reject] Không tán thành
    }. Đồng chí có thể đổi cho đến khi kết thúc biểu quyết.
vote-tally-title = 🗳 Biểu quyết: «{ $text }»
vote-tally-counts = Tán thành { $approve } · Không tán thành { $reject } · Không biểu quyết { $abstain } — trên { $of } phiếu
vote-tally-open = Thông qua khi quá nửa { $policy ->
        [present] số đồng chí có mặt được biểu quyết ({ $base })
       *[official] số đảng viên chính thức không miễn sinh hoạt ({ $base })
    } tán thành.
vote-result = { $passed ->
        [yes] Thông qua
       *[no] Không thông qua
    }
vote-result-line = Kết quả: { vote-result } ({ $approve }/{ $base } tán thành; cần quá nửa).
vote-annulled-line = ✖ Đã hủy: { $reason }
vote-closed-toast = Đã kết thúc biểu quyết.
vote-annulled-toast = Đã hủy biểu quyết.
vote-annul-ask = Đồng chí gửi lý do hủy biểu quyết «{ $text }»:
minutes-votes = Biểu quyết ({ $count }):
minutes-vote-line = { $n }. «{ $text }»
minutes-vote-counts = Tán thành { $approve }, không tán thành { $reject }, không biểu quyết { $abstain }, trên { $of } đồng chí có mặt được biểu quyết. Kết quả: { vote-result } ({ $approve }/{ $base } { $policy ->
        [present] có mặt
       *[official] đảng viên chính thức
    }).
minutes-csv-vote = Biểu quyết { $n }
minutes-csv-vote-counts = Tán thành / Không tán thành / Không biểu quyết / Trên số
minutes-csv-vote-result = Kết quả
zalo-vote-menu = Nhắn «bieuquyet <nội dung>» để mở biểu quyết mới.
command-bieuquyet = Biểu quyết trong cuộc họp
