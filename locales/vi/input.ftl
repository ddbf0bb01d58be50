## What a person types (issue 12: text cleaned where it enters, codes, links)
error-text-unreadable = Tin nhắn của đồng chí không có chữ đọc được (chỉ có khoảng trắng hoặc ký tự điều khiển). Đồng chí vui lòng gõ lại bằng chữ.
