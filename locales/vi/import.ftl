# Nhập tổ chức, đảng viên, chức vụ, miễn sinh hoạt, phân công từ tệp Excel/CSV (npm run cli -- import)

## Báo cáo
import-problem-row = { $sheet }, dòng { $row }: { $reason }
import-problem-sheet = { $sheet }: { $reason }
import-refused = Chưa ghi gì vào hệ thống: có { $count } lỗi.
import-refused-hint = Sửa các lỗi trên rồi nhập lại cả tệp, hoặc thêm --partial để ghi các dòng hợp lệ và bỏ qua các dòng có lỗi.
import-partial-skipped = Đã bỏ qua { $rows } dòng có lỗi (--partial), { $count } lỗi:
import-warnings = Lưu ý:
import-written = Đã nhập { $files }:
import-unchanged = Không có gì thay đổi: dữ liệu trong { $files } đã có đầy đủ trong hệ thống.
import-checked = Đã kiểm tra { $files }: không có lỗi; chưa ghi gì (--dry-run). Nếu nhập sẽ:
import-count = { $sheet }: { $created } thêm mới, { $updated } cập nhật, { $unchanged } không đổi
import-total = Tổng cộng: { $created } thêm mới, { $updated } cập nhật.
import-absent = Lưu ý: { $count } đảng viên đang sinh hoạt tại các chi bộ có trong tệp nhưng không có tên trong tệp; không ai bị xóa: { $codes }. Đảng viên đã chuyển đi thì ghi «Ngày thôi sinh hoạt».
import-planned = Lịch họp: { $created } cuộc họp mới, { $moved } cuộc họp đổi ngày giờ, { $reminders } lời nhắc được xếp lịch.
import-planner-failed = Dữ liệu đã được ghi nhưng chưa lập được lịch họp ({ $error }). Hãy chạy: npm run cli -- planner run

## Tệp không đọc được
import-file-missing = { $file }: không tìm thấy tệp
import-file-unreadable = { $file }: không đọc được tệp ({ $detail })
import-file-not-xlsx = { $file }: không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai đuôi tệp)
import-file-xls = { $file }: tệp Excel 97-2003 (.xls) chưa được hỗ trợ; mở bằng Excel và lưu lại dạng .xlsx
import-file-type = { $file }: chỉ nhận tệp .xlsx hoặc .csv
import-file-encoding = { $file }: tệp CSV không dùng bảng mã UTF-8; trong Excel chọn Lưu thành › «CSV UTF-8 (Comma delimited)»

## Lỗi của trang tính
import-missing-column = thiếu cột «{ $column }» ở dòng tiêu đề; trang này không được đọc
import-column-twice = cột «{ $column }» có hai lần ở dòng tiêu đề; trang này không được đọc
import-unknown-csv = không nhận ra loại dữ liệu: dòng đầu tiên phải là tiêu đề cột của một trong các trang { $sheets }
import-no-known-sheet = không có trang tính nào đúng mẫu ({ $sheets }); tạo tệp mẫu bằng lệnh: npm run cli -- import --template mau.xlsx
import-unknown-column = bỏ qua cột «{ $column }» (không có trong mẫu)
import-unknown-sheet = bỏ qua trang tính này (tên và tiêu đề cột không khớp trang nào của mẫu: { $sheets })

## Lỗi của từng dòng
import-empty-value = chưa ghi { $column }
import-too-long = { $column } dài quá { $max } ký tự
import-bad-choice = { $column } «{ $value }» không hợp lệ; ghi một trong: { $choices }
import-bad-date = { $column } «{ $value }» không phải ngày hợp lệ; ghi theo dạng dd/MM/yyyy, ví dụ 03/02/2025
import-bad-time = { $column } «{ $value }» không phải giờ hợp lệ; ghi theo dạng HH:mm, ví dụ 19:30
import-bad-day-rule = { $column } «{ $value }» không hợp lệ; ví dụ: «ngày 5», «thứ Ba đầu tiên», «thứ Sáu cuối cùng»
import-duplicate-unit = mã đơn vị «{ $code }» bị trùng (các dòng { $rows })
import-duplicate-member = mã đảng viên «{ $code }» bị trùng (các dòng { $rows })
import-duplicate-row = dòng bị ghi lặp (các dòng { $rows })
import-cell-needs-parent = chi bộ trực thuộc phải ghi mã đảng bộ cơ sở cấp trên
import-top-has-parent = đảng bộ cấp trên cơ sở không có đơn vị cấp trên (đang ghi «{ $code }»)
import-unknown-parent = đơn vị cấp trên «{ $code }» không có trong tệp và cũng chưa có trong hệ thống
import-reference-bad = { $what ->
    [unit] đơn vị
   *[member] đảng viên
} «{ $code }» có lỗi ở trang «{ $sheet }», dòng { $row }
import-bad-parent-kind = { $kind } không thể trực thuộc «{ $code }» ({ $parentKind }); đơn vị cấp trên phải là { $expected }
import-missing-cell-kind = chưa ghi { $column } (Khu dân cư hoặc Khác)
import-kind-change-members = không thể đổi thành { $kind }: đơn vị còn { $count } đảng viên đang sinh hoạt
import-kind-change-children = không thể đổi thành { $kind }: còn { $count } đơn vị trực thuộc ({ $codes })
import-missing-cell = chi bộ «{ $code }» không có trong tệp và cũng chưa có trong hệ thống
import-not-a-cell = «{ $code }» là { $kind }, không phải chi bộ; đảng viên sinh hoạt ở chi bộ trực thuộc hoặc chi bộ cơ sở
import-no-cell = chưa ghi { $column } (chỉ được để trống với cấp ủy viên có phân công phụ trách)
import-left-before-joined = ngày thôi sinh hoạt { $left } phải sau ngày bắt đầu sinh hoạt { $joined }
import-unknown-member = đảng viên «{ $code }» không có trong tệp và cũng chưa có trong hệ thống
import-two-roles = đảng viên «{ $member }» được ghi nhiều chức vụ (các dòng { $rows })
import-two-secretaries = chi bộ «{ $cell }» có nhiều hơn một bí thư (các dòng { $rows })
import-role-not-member = { $role } «{ $member }» không sinh hoạt tại chi bộ «{ $cell }» mà tại chi bộ «{ $actual }»
import-role-no-cell = { $role } «{ $member }» không sinh hoạt tại chi bộ «{ $cell }» (không thuộc chi bộ nào)
import-role-left = đảng viên «{ $member }» đã thôi sinh hoạt từ { $date }, không thể giữ chức vụ
import-roles-cell-bad = bỏ qua: chức vụ của chi bộ «{ $cell }» có lỗi ở dòng { $rows } (các chức vụ của một chi bộ được ghi cùng nhau)
import-period-reversed = đến ngày { $to } trước từ ngày { $from }
import-period-overlap = trùng thời gian với dòng { $row }: { $kind } { $to ->
    [none] từ { $from }, chưa có ngày kết thúc
   *[other] từ { $from } đến { $to }
}
import-period-overlap-db = trùng thời gian với giai đoạn đã có trong hệ thống: { $kind } { $to ->
    [none] từ { $from }, chưa có ngày kết thúc
   *[other] từ { $from } đến { $to }
}
import-unknown-unit = đơn vị «{ $code }» không có trong tệp và cũng chưa có trong hệ thống
import-assign-top = không phân công phụ trách «{ $code }» ({ $kind }); chỉ phân công phụ trách đảng bộ cơ sở, chi bộ cơ sở hoặc chi bộ

## Tệp mẫu (--template)
import-template-written = Đã ghi tệp mẫu { $file }: trang Hướng dẫn và các trang { $sheets }.
import-template-exists = { $file }: tệp đã có, không ghi đè (thêm --force để ghi đè)
import-template-unwritable = { $file }: không ghi được tệp ({ $detail })
import-template-choose = Chọn một trong: { $choices }

import-guide-title = Hướng dẫn nhập dữ liệu tổ chức đảng và đảng viên
import-guide-rules =
    1. Mỗi trang tính chứa một loại dữ liệu: Đơn vị, Đảng viên, Chức vụ, Miễn sinh hoạt, Phân công phụ trách. Trang không dùng thì để trống hoặc xóa đi.
    2. Dòng 1 là tiêu đề cột, giữ nguyên; dữ liệu ghi từ dòng 2, mỗi dòng một đơn vị, một đảng viên, một chức vụ… Cột không có trong mẫu được bỏ qua.
    3. Ngày ghi theo dạng dd/MM/yyyy (ví dụ 03/02/2025) hoặc nhập kiểu ngày của Excel; giờ ghi theo dạng HH:mm (ví dụ 19:30).
    4. Mã đơn vị và mã đảng viên là khóa: nhập lại cùng một tệp không tạo bản ghi mới; sửa tên, chi bộ, ngày… thì dữ liệu được cập nhật.
    5. Xóa một dòng khỏi tệp không xóa dữ liệu đã nhập. Đảng viên chuyển đi thì ghi «Ngày thôi sinh hoạt».
    6. Tệp có lỗi thì không dữ liệu nào được ghi; danh sách lỗi nêu rõ trang, dòng và lý do. Sửa rồi nhập lại (hoặc thêm --partial để chỉ ghi các dòng hợp lệ).
    7. Có thể dùng tệp CSV (bảng mã UTF-8) thay cho tệp Excel: mỗi tệp một loại dữ liệu, dòng đầu là tiêu đề cột như trang tương ứng.
    8. Lệnh nhập: npm run cli -- import ten-tep.xlsx (chỉ kiểm tra, không ghi: thêm --dry-run).
import-guide-sheet = Trang
import-guide-column = Cột
import-guide-required = Bắt buộc
import-guide-how = Cách ghi
import-guide-yes = Có

import-sheet-units = Cây tổ chức: đảng bộ cấp trên cơ sở → tổ chức cơ sở đảng (đảng bộ cơ sở, chi bộ cơ sở) → chi bộ trực thuộc. Mỗi dòng một đơn vị.
import-sheet-members = Danh sách đảng viên, mỗi người một dòng.
import-sheet-roles = Bí thư, phó bí thư của từng chi bộ.
import-sheet-statuses = Thời gian đảng viên được miễn công tác và sinh hoạt đảng, hoặc là lực lượng vũ trang làm nhiệm vụ đặc biệt: trong thời gian này không tính vào tỷ lệ dự họp.
import-sheet-assignments = Cấp ủy viên phụ trách đảng bộ cơ sở, chi bộ cơ sở hoặc chi bộ: nhận nhắc lịch, cảnh báo và báo cáo của đơn vị. Một người có thể phụ trách nhiều đơn vị, một đơn vị có thể có nhiều người phụ trách.

import-column-units-code = Mã đơn vị do văn phòng đặt, không trùng nhau và không đổi về sau (ví dụ DB01, DB01-KP3).
import-column-units-name = Tên đầy đủ (ví dụ Chi bộ Khu phố 3).
import-column-units-kind = Đảng bộ cấp trên cơ sở (đảng bộ thị xã, huyện…), Đảng bộ cơ sở (có chi bộ trực thuộc), Chi bộ cơ sở hoặc Chi bộ trực thuộc.
import-column-units-parent = Mã đơn vị cấp trên (ở trang này hoặc đã có trong hệ thống). Chi bộ trực thuộc: mã đảng bộ cơ sở, bắt buộc. Đảng bộ cơ sở, chi bộ cơ sở: mã đảng bộ cấp trên cơ sở, có thể để trống.
import-column-units-cellKind = Bắt buộc với chi bộ trực thuộc và chi bộ cơ sở: Khu dân cư (khu phố, thôn, xóm: họp ngày 3 hằng tháng) hoặc Khác (cơ quan, trường học, doanh nghiệp, lực lượng vũ trang…).
import-column-units-dayRule = Ngày họp thường kỳ của chi bộ loại Khác, ví dụ «ngày 5», «thứ Ba đầu tiên», «thứ Sáu cuối cùng». Để trống: bí thư đặt lịch từng tháng. Chi bộ khu dân cư họp ngày 3.
import-column-units-meetingTime = Giờ họp, dạng HH:mm (ví dụ 19:30). Để trống: 19:30.
import-column-units-meetingPlace = Địa điểm họp thường lệ (ví dụ Nhà văn hóa khu phố 3).
import-column-members-code = Mã đảng viên do văn phòng đặt, không trùng nhau và không đổi về sau (ví dụ DV00042). Không dùng số căn cước.
import-column-members-fullName = Họ và tên đầy đủ, có dấu (ví dụ Nguyễn Văn Bình).
import-column-members-cell = Mã chi bộ nơi đảng viên sinh hoạt (ở trang Đơn vị hoặc đã có trong hệ thống). Chỉ để trống với cấp ủy viên có phân công phụ trách nhưng không sinh hoạt ở chi bộ nào trong hệ thống.
import-column-members-membership = Chính thức hoặc Dự bị. Để trống: Chính thức.
import-column-members-joinedOn = Ngày bắt đầu sinh hoạt tại chi bộ, dd/MM/yyyy (không bắt buộc).
import-column-members-leftOn = Ngày thôi sinh hoạt tại chi bộ (chuyển đi, từ trần…), dd/MM/yyyy; để trống nếu đang sinh hoạt.
import-column-roles-cell = Mã chi bộ.
import-column-roles-member = Mã đảng viên giữ chức vụ; đảng viên phải đang sinh hoạt tại chi bộ này.
import-column-roles-fullName = Để đối chiếu, không bắt buộc (không được ghi vào hệ thống).
import-column-roles-role = Bí thư hoặc Phó bí thư; mỗi chi bộ một bí thư. Chi bộ có tên ở trang này thì những đảng viên không có tên ở đây không còn giữ chức vụ.
import-column-statuses-member = Mã đảng viên.
import-column-statuses-fullName = Để đối chiếu, không bắt buộc (không được ghi vào hệ thống).
import-column-statuses-kind = Miễn công tác và sinh hoạt đảng, hoặc LLVT làm nhiệm vụ đặc biệt (lực lượng vũ trang làm nhiệm vụ đặc biệt).
import-column-statuses-from = Từ ngày, dd/MM/yyyy.
import-column-statuses-to = Đến ngày (tính cả ngày này), dd/MM/yyyy; để trống nếu chưa có ngày kết thúc. Các giai đoạn của cùng một đảng viên không được trùng nhau.
import-column-statuses-decision = Số quyết định (ví dụ 15-QĐ/ĐU), không bắt buộc.
import-column-assignments-member = Mã đảng viên của cấp ủy viên được phân công phụ trách.
import-column-assignments-fullName = Để đối chiếu, không bắt buộc (không được ghi vào hệ thống).
import-column-assignments-unit = Mã đảng bộ cơ sở, chi bộ cơ sở hoặc chi bộ được phân công phụ trách; phụ trách đảng bộ cơ sở là phụ trách mọi chi bộ trực thuộc.

## Báo cáo dài, tệp CSV sai cú pháp (issue 12)
import-more-problems = … và { $count } lỗi khác (sửa các lỗi trên rồi nhập lại để xem tiếp).
import-more-warnings = … và { $count } lưu ý khác.
import-csv-quote-not-closed = dấu ngoặc kép (") mở ở dòng này không được đóng, nên phần còn lại của tệp không đọc được; kiểm tra ô có dấu ngoặc kép ở dòng này hoặc mở tệp bằng Excel rồi lưu lại dạng «CSV UTF-8»
import-csv-unreadable = tệp CSV sai cú pháp từ dòng này ({ $code }); mở tệp bằng Excel rồi lưu lại dạng «CSV UTF-8»
