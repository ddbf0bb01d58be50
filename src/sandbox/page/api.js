// The control API at /api/sandbox: one fetch helper, its errors in Vietnamese.

const API = "/api/sandbox";

const ERRORS = {
  "nothing is due": "Không có lời nhắc nào đang chờ gửi.",
  "the clock never goes back": "Đồng hồ ảo không thể quay lùi.",
  "unknown button": "Nút này không còn trên tin nhắn (tin nhắn vừa được sửa). Vui lòng bấm lại.",
  "unknown message": "Không tìm thấy tin nhắn này.",
  "unknown persona": "Không tìm thấy người đóng vai này.",
};

export class ApiError extends Error {}

export async function api(path, body) {
  let response;
  try {
    response = await fetch(`${API}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("Không kết nối được với máy chủ thử nghiệm. Vui lòng kiểm tra lại.");
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = json && typeof json.error === "string" ? json.error : `HTTP ${response.status}`;
    throw new ApiError(ERRORS[error] ?? `Không thực hiện được: ${error}`);
  }
  return json;
}
