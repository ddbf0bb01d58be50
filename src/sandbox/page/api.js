// The control API at /api/sandbox: one fetch helper; the API answers its errors in Vietnamese.

const API = "/api/sandbox";

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
    const error =
      json && typeof json.error === "string"
        ? json.error
        : `Máy chủ thử nghiệm trả lời lỗi HTTP ${response.status}.`;
    throw new ApiError(error);
  }
  return json;
}
