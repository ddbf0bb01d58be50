/** The Zalo Bot Platform's shapes we use (ids are strings; there is no update id). */
export interface ZaloUser {
  id: string;
  name?: string;
  display_name?: string;
  is_bot?: boolean;
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

/** One update, as the bot handles it (update-shape.ts reads the platform's envelopes into it). */
export interface ZaloUpdate {
  event_name: string;
  message: ZaloMessage;
}

/** getMe's answer, as the Zalo Bot Platform documents it. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloSent {
  message_id: string;
  date?: number;
}
