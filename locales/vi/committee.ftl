# Cấp ủy viên phụ trách nhiều chi bộ: cảnh báo gộp, lựa chọn trong /caidat (issue 13 mục 9)

## Several alerts raised together, in one message to a committee member
committee-batch-header = 📋 { $count } cảnh báo mới về { $cells } chi bộ đồng chí phụ trách:
committee-batch-group = { $type ->
    [r2-unscheduled] ⚠️ Chưa có lịch sinh hoạt chi bộ tháng { $monthLabel } ({ $count }):
    [r2-not-held] 🔴 Không tổ chức sinh hoạt chi bộ trong tháng { $monthLabel } ({ $count }):
    [r2c-thematic] ⚠️ Chưa có buổi sinh hoạt chuyên đề nào trong quý { $quarter }/{ $year }, tháng { $monthLabel } là tháng cuối quý ({ $count }):
    [rollcall-open] ⏰ Cuộc họp đã qua nhưng chưa chốt điểm danh ({ $count }):
   *[other] ⚠️ { $finding } ({ $count }):
}
committee-batch-line = • { $cell }{ $hasOrganisation ->
        [yes] {" "}({ $organisation })
       *[no] {""}
    }{ $detail }
committee-batch-detail-meeting = {" "}— họp ngày { $date } lúc { $time }
committee-batch-detail-member = {" "}— đồng chí { $member }
committee-batch-detail-member-meeting = {" "}— đồng chí { $member }, cuộc họp ngày { $date }
committee-batch-more = {"  "}… và { $count } chi bộ khác
committee-batch-footer = Gõ /donvi để xem tình hình từng chi bộ.
committee-batch-ack = 👁 Đã xem tất cả
committee-batch-ack-done = Đã ghi nhận: đồng chí đã xem { $count } cảnh báo.
committee-batch-ack-already = Các cảnh báo này đã được xác nhận trước đó.

## /caidat for a committee member in charge
committee-settings-every-meeting = 📬 Các chi bộ phụ trách: đồng chí nhận lời nhắc của từng cuộc họp và biên bản sau mỗi buổi họp.
committee-settings-summary = 📋 Các chi bộ phụ trách: đồng chí chỉ nhận bản tóm tắt — các cảnh báo gộp trong một tin nhắn và báo cáo tháng; không nhận lời nhắc và biên bản của từng cuộc họp (cảnh báo khẩn vẫn gửi ngay).
button-committee-summary = 📋 Chỉ nhận tóm tắt các chi bộ
button-committee-every-meeting = 📬 Nhận lời nhắc từng cuộc họp

## Zalo: no buttons, so never «bấm nút»; a question with a single choice
zalo-answer-attending-note = ✅ Đã ghi nhận đồng chí sẽ tham dự. Nếu có thay đổi, đồng chí gõ lich rồi trả lời lại trước giờ họp.
zalo-settings-saved = ✅ Đã lưu lựa chọn của đồng chí.
zalo-choice-one-hint = Trả lời 1 để chọn «{ $label }».

## The monthly digest: what the member has seen already
report-totals-not-held-seen = 🔴 Không sinh hoạt trong tháng ({ $count }): { $seen } chi bộ đồng chí đã xem trong cảnh báo{ $rest ->
        [0] .
       *[other] ; còn lại: { $names }
    }
