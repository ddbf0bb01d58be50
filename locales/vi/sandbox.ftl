## Môi trường thử nghiệm: lỗi của API điều khiển (/api/sandbox), trang web hiển thị nguyên văn
sandbox-error-malformed-json = Nội dung yêu cầu không phải JSON hợp lệ.
sandbox-error-unknown-persona = Không tìm thấy người đóng vai này.
sandbox-error-text-required = Cần «text»: nội dung tin nhắn, không được để trống.
sandbox-error-no-zalo = Môi trường thử nghiệm này không có Zalo.
sandbox-error-zalo-no-buttons = Zalo không có nút bấm: hãy gửi số của lựa chọn dưới dạng tin nhắn.
sandbox-error-press-fields = Cần «messageId» (số) và «button» (nhãn nút nhìn thấy trên tin nhắn).
sandbox-error-unknown-message = Không tìm thấy tin nhắn này.
sandbox-error-unknown-button = Nút này không còn trên tin nhắn (tin nhắn vừa được sửa). Vui lòng bấm lại.
sandbox-error-advance-to = «advanceTo» phải là ngày giờ theo ISO 8601, ví dụ 2026-12-03T19:30:00+07:00.
sandbox-error-advance-by = «advanceBy» phải là khoảng thời gian theo ISO 8601, ví dụ PT2H hoặc P1D.
sandbox-error-too-far = Mỗi lần chỉ được tua đồng hồ ảo tối đa { $days } ngày.
sandbox-error-clock-back = Đồng hồ ảo không thể quay lùi.
sandbox-error-nothing-due = Không có lời nhắc nào đang chờ gửi.
sandbox-error-clock-body = Cần một trong: «advanceTo» (ngày giờ), «advanceBy» (khoảng thời gian) hoặc «next»: "reminder".
sandbox-error-action = Không thực hiện được: { $detail }
sandbox-error-internal = Môi trường thử nghiệm gặp lỗi khi xử lý yêu cầu ({ $request }); đồng hồ ảo đang ở { $now }. Chi tiết trong nhật ký.
