# The web console (issue 17)
web-brand = Chi bộ Bot — Trang quản lý
web-skip = Bỏ qua, đến nội dung chính
web-nav-label = Mục chính
web-nav-month = Tháng này
web-nav-charts = Biểu đồ
web-nav-audit = Nhật ký thay đổi
web-nav-import = Nhập dữ liệu
web-role-admin = Quản trị văn phòng
web-role-leader = Bí thư, { $cell }
web-role-committee = Cấp ủy viên phụ trách
web-sign-out-everywhere = Đăng xuất mọi nơi

# Access
web-link = Liên kết đăng nhập trang quản lý (dùng một lần, hết hạn sau { $minutes } phút):
    { $url }
    Không chuyển liên kết này cho người khác.
web-not-allowed = Trang quản lý dành cho bí thư, phó bí thư, cấp ủy viên phụ trách và quản trị văn phòng.
web-admin-unknown-member = Không có đảng viên nào mang mã { $code }.
web-sign-in-title = Đăng nhập trang quản lý
web-sign-in-intro = Bấm nút dưới đây để đăng nhập. Liên kết chỉ dùng được một lần.
web-sign-in = Đăng nhập
web-link-refused-title = Liên kết không còn dùng được
web-link-refused = Liên kết đăng nhập này đã được dùng hoặc đã hết hạn. Đồng chí hãy gửi lệnh /web (trên Zalo: web) cho bot để nhận liên kết mới.
web-signed-out-title = Chưa đăng nhập
web-signed-out = Đồng chí chưa đăng nhập hoặc phiên đã hết hạn. Hãy gửi lệnh /web (trên Zalo: web) cho bot để nhận liên kết đăng nhập.
web-signed-out-everywhere-title = Đã đăng xuất
web-signed-out-everywhere = Đã đăng xuất khỏi trang quản lý trên mọi thiết bị.
web-forbidden-title = Không có quyền xem
web-forbidden = Đồng chí không có quyền xem trang này: nội dung thuộc đơn vị ngoài phạm vi phụ trách.
web-csrf = Biểu mẫu đã cũ hoặc không hợp lệ. Đồng chí hãy tải lại trang rồi thử lại.
web-not-found-title = Không tìm thấy
web-not-found = Không có trang này.
web-error-title = Có lỗi
web-error = Có lỗi phía hệ thống. Đồng chí vui lòng thử lại sau.
web-bad-request-title = Yêu cầu không hợp lệ
web-bad-month = Tháng hoặc năm không hợp lệ.
web-bad-date = Ngày không hợp lệ (dạng năm-tháng-ngày).

# Common
web-all = Tất cả
web-apply = Lọc
web-show = Xem
web-filters = Bộ lọc
web-month = Tháng
web-organisation = Tổ chức cơ sở đảng
web-none = Không có
web-yes = Có
web-no = Không
web-from = Từ ngày
web-to = Đến ngày
web-prev = ‹ Trang trước
web-next-page = Trang sau ›
web-pages = Phân trang
web-page-of = Trang { $page }/{ $pages }
web-place-unknown = Chưa có địa điểm
web-open-ended = nay

# Page 1: this month
web-month-title = Tình hình sinh hoạt tháng { $month }
web-sort = Sắp xếp theo
web-sort-dir = Thứ tự
web-sort-asc = Tăng dần
web-sort-desc = Giảm dần
web-filter-late = Chậm báo cáo
web-filter-risk = Có nguy cơ
web-download-report = Tải báo cáo (Excel)
web-counts = Số chi bộ theo tình trạng
web-month-rows = { $count } chi bộ, tháng { $month }.
web-month-table = Bảng chi bộ trong tháng
web-col-cell = Chi bộ
web-col-organisation = Tổ chức cơ sở đảng
web-col-meeting = Cuộc họp
web-col-answers = Trả lời
web-col-rollcall = Điểm danh
web-col-rate = Tỷ lệ
web-col-findings = Vi phạm, cảnh báo
web-next = Sắp tới
web-last = Gần nhất
web-no-meeting = Chưa có lịch
web-answers = { $attending } dự · { $absent } vắng · { $none } chưa trả lời
web-at-risk = nguy cơ
web-no-findings = Không có
web-state = { $state ->
    [held] Đã chốt điểm danh
    [late] Chậm chốt điểm danh
    [in-progress] Đang họp
    [upcoming] Chưa họp
    [not-held] Không sinh hoạt
   *[none] Chưa có lịch
}

# Page 2: a cell
web-meetings = Các cuộc họp
web-meetings-of-year = Các cuộc họp năm { $year }
web-members = Đảng viên
web-members-of-year = Đảng viên qua từng cuộc họp năm { $year }
web-no-meetings-year = Chưa có cuộc họp nào trong năm.
web-year-before = Năm { $year }
web-col-date = Ngày họp
web-col-kind = Loại
web-col-present = Có mặt
web-col-minutes = Biên bản
web-col-member = Đảng viên
web-col-streak = Vắng có lý do liên tiếp
web-col-r8 = Số tháng vắng không lý do
web-download-minutes = Tải biên bản
web-meeting-kind = { $kind ->
    [thematic] Chuyên đề
   *[regular] Thường kỳ
}
web-mark = { $mark ->
    [present] Có mặt
    [excused] Vắng có lý do
    [unexcused] Vắng không lý do
    [exempt] Miễn sinh hoạt
    [special-duty] Nhiệm vụ đặc biệt
   *[outside] Chưa/không sinh hoạt ở chi bộ
}
web-cell-role = { $role ->
    [SECRETARY] Bí thư
    [DEPUTY] Phó bí thư
   *[MEMBER] Đảng viên
}

# Page 3: a member
web-member-kind = Đảng viên
web-membership = { $kind ->
    [PROBATIONARY] Dự bị
   *[FULL] Chính thức
}
web-status-periods = Thời gian miễn sinh hoạt, nhiệm vụ đặc biệt
web-status-kind = { $kind ->
    [EXEMPT] Miễn công tác và sinh hoạt đảng
   *[SPECIAL_DUTY] Lực lượng vũ trang làm nhiệm vụ đặc biệt
}
web-channels = Kênh trò chuyện đã liên kết
web-no-channels = Chưa liên kết kênh nào: đảng viên không nhận được lời nhắc.
web-platform = { $platform ->
    [TELEGRAM] Telegram
    [ZALO] Zalo
   *[other] { $platform }
}
web-channel-since = liên kết từ { $since }, dùng gần nhất { $used }
web-history = Lịch sử tham dự
web-history-of-year = Lịch sử tham dự năm { $year }
web-col-answer = Trả lời trước cuộc họp
web-col-mark = Điểm danh
web-answer-attending = Tham dự
web-answer-absent = Vắng: { $reason }
web-answer-none = Chưa trả lời

# Page 4: charts
web-charts-title = Biểu đồ sinh hoạt
web-chart-until = Đến tháng
web-chart-rate = Tỷ lệ tham dự
web-chart-rate-of = Tỷ lệ tham dự theo tháng — { $name }
web-chart-rate-scope = Tỷ lệ tham dự theo tháng — { $count } chi bộ
web-chart-on-time-of = Tỷ lệ chi bộ sinh hoạt trong tháng — { $name }
web-chart-scope-all = các chi bộ trong phạm vi
web-chart-threshold = Ngưỡng { $rate }%
web-chart-caption = 12 tháng, từ { $from } đến { $to }.
web-chart-data = Số liệu của biểu đồ
web-chart-value = Giá trị

# Page 5: the audit log
web-audit-title = Nhật ký thay đổi
web-audit-actor = Người thực hiện
web-audit-action-label = Thao tác
web-audit-when = Thời điểm
web-audit-changes = Trước → sau
web-audit-system = Hệ thống
web-audit-total = { $count } mục — trang { $page }/{ $pages }
web-audit-action = { $action ->
    [answer-record] Trả lời lời nhắc
    [answer-on-behalf] Trả lời thay đảng viên
    [identity-link] Liên kết kênh trò chuyện
    [identity-replace] Thay kênh trò chuyện
    [import-organisation] Nhập dữ liệu tổ chức
    [invite-create] Tạo mã mời
    [meeting-cancel] Hủy cuộc họp
    [meeting-create] Tạo cuộc họp
    [meeting-move] Dời cuộc họp
    [meeting-nudge] Nhắc người chưa trả lời
    [member-mute] Tắt/bật lời nhắc phụ
    [rollcall-close] Chốt điểm danh
    [rollcall-correction] Sửa điểm danh
    [rollcall-mark-confirmed] Điểm danh người đã báo dự
    [rollcall-open] Mở điểm danh
    [web-link] Xin liên kết trang quản lý
    [web-sign-in] Đăng nhập trang quản lý
    [web-sign-out-everywhere] Đăng xuất mọi nơi
    [web-admin-grant] Cấp quyền quản trị văn phòng
    [web-import] Nhập dữ liệu qua trang quản lý
   *[other] { $action }
}
web-audit-field = { $field ->
    [kind] Loại
    [reason] Lý do
    [status] Tình trạng
    [startsAt] Bắt đầu
    [plannedEndAt] Dự kiến kết thúc
    [place] Địa điểm
    [agenda] Nội dung
    [expiresAt] Hết hạn
    [rollCallClosedAt] Chốt điểm danh lúc
    [rollCallOpenedAt] Mở điểm danh lúc
    [present] Có mặt
    [memberId] Đảng viên
    [member] Đảng viên
    [platform] Kênh
    [externalId] Mã tài khoản
    [muted] Tắt lời nhắc phụ
    [admin] Quản trị văn phòng
    [sessions] Số phiên
    [files] Tệp
    [counts] Số lượng
    [created] Tạo mới
    [updated] Cập nhật
    [units] Đơn vị
    [members] Đảng viên
    [periods] Thời gian miễn
    [partial] Nhập một phần
    [skippedRows] Dòng bỏ qua
    [rows] Số dòng
    [problems] Số lỗi
    [reasonAccepted] Lý do được chấp nhận
    [reasonRejected] Lý do bị bác
   *[other] { $field }
}
web-audit-value = { $value ->
    [ATTENDING] Tham dự
    [ABSENT] Vắng
    [PRESENT] Có mặt
    [EXCUSED] Vắng có lý do
    [UNEXCUSED] Vắng không lý do
    [PLANNED] Đã lên lịch
    [HELD] Đã họp
    [CANCELLED] Đã hủy
    [TELEGRAM] Telegram
    [ZALO] Zalo
    [SANDBOX] Thử nghiệm
   *[other] { $value }
}

# Page 6: import
web-import-title = Nhập dữ liệu tổ chức
web-import-intro = Tải lên tệp Excel (.xlsx) theo mẫu. Hệ thống kiểm tra trước và báo mọi dòng lỗi; chưa ghi gì cho đến khi đồng chí bấm «Nhập».
web-import-file = Tệp Excel (.xlsx)
web-import-check = Kiểm tra tệp
web-import-no-file = Đồng chí chưa chọn tệp.
web-import-unreadable = Không đọc được tệp ({ $reason }). Hãy dùng tệp .xlsx theo mẫu.
web-import-dry-run = Kết quả kiểm tra tệp { $file }
web-import-clean = Không có lỗi: { $rows } dòng hợp lệ. Chưa ghi gì vào hệ thống.
web-import-bad = Có { $problems } lỗi trong { $bad } trên { $rows } dòng. Chưa ghi gì vào hệ thống.
web-import-problems = Các dòng lỗi
web-import-warnings = Lưu ý (không chặn việc nhập)
web-import-sheet = Trang tính
web-import-row = Dòng
web-import-reason = Lý do
web-import-kind = { $kind ->
    [units] Đơn vị
    [members] Đảng viên
    [roles] Chức vụ
    [periods] Miễn sinh hoạt
   *[assignments] Phân công phụ trách
}
web-import-write = Nhập
web-import-fix = Sửa các dòng trên trong tệp rồi tải lên lại.
web-import-gone = Tệp đã kiểm tra không còn nữa. Đồng chí hãy tải lên lại.
web-import-done = { $status ->
    [written] Đã nhập dữ liệu vào hệ thống.
    [unchanged] Dữ liệu không có gì thay đổi.
   *[other] Không nhập được.
}
web-import-again = Nhập tệp khác

# Minutes download
web-minutes-title = Biên bản sinh hoạt (phần điểm danh)
web-minutes-total = Tổng số đảng viên
web-minutes-none = Cuộc họp này chưa chốt điểm danh nên chưa có biên bản.

# CLI
web-admin-granted = Đã cấp quyền quản trị văn phòng cho { $name } ({ $code }).
web-admin-already = { $name } ({ $code }) đã có quyền quản trị văn phòng.
command-web = Mở trang quản lý trên máy tính, điện thoại
