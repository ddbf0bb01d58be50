## What a person types (issue 12: text cleaned where it enters, codes, links)
error-text-unreadable = Tin nhắn của đồng chí không có chữ đọc được (chỉ có khoảng trắng hoặc ký tự điều khiển). Đồng chí vui lòng gõ lại bằng chữ.
link-not-a-code = Đây không phải mã mời. Mã mời gồm { $length } chữ cái và chữ số (ví dụ: ABCD234567) do bí thư chi bộ gửi; đồng chí vui lòng gửi đúng mã đó. Tin nhắn này không bị tính là nhập sai mã.
link-replaced =
    🔒 Tài khoản { $platform ->
        [ZALO] Zalo
       *[other] Telegram
    } này không còn được liên kết với đồng chí { $name } ({ $cell }): lúc { $time } ngày { $date }, mã mời mới đã được dùng trên một tài khoản khác, từ nay bot nhắn tới tài khoản đó.
    Nếu không phải đồng chí làm việc này, vui lòng báo ngay bí thư chi bộ.
link-added-elsewhere =
    🔔 Lúc { $time } ngày { $date }, một tài khoản { $platform ->
        [ZALO] Zalo
       *[other] Telegram
    } đã được liên kết với đồng chí { $name } ({ $cell }) bằng mã mời. Tài khoản này vẫn được liên kết như cũ.
    Nếu không phải đồng chí làm việc này, vui lòng báo ngay bí thư chi bộ.
