/** The Zalo Bot Platform's shapes we use (ids are strings; there is no update id). */
export interface ZaloUser {
  id: string;
  name?: string;
  display_name?: string;
}

export interface ZaloChat {
  id: string;
  chat_type: "PRIVATE" | "GROUP";
}

export interface ZaloMessage {
  message_id: string;
  from: ZaloUser;
  chat: ZaloChat;
  date: number;
  text?: string;
  photo_url?: string;
  sticker?: string;
}

/** A webhook body or one getUpdates result. */
export interface ZaloUpdate {
  event_name: string;
  message: ZaloMessage;
}

export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  display_name?: string;
}

export interface ZaloSent {
  message_id: string;
  date?: number;
}
