// What the page knows, shared by every panel.

export const state = {
  /** @type {{id:string,name:string,role:string,cell:string,channel:string,key:string}[]} */
  personas: [],
  byId: new Map(),
  query: "",
  role: "all",
  selected: null,
  /** Persona ids with a chat open, most recent first. */
  open: [],
  /** id → { messages, seen, draft, scrollTop, atBottom } */
  chats: new Map(),
  clock: { now: null, nextDue: null },
  clockFetchedAt: 0,
  meetings: [],
  busy: 0,
  polling: false,
  loaded: false,
};

/**
 * What the views' buttons do. main.js fills it in with the actions (actions.js), so the views
 * need not import the actions that re-render them.
 */
export const handlers = {
  select: (_id) => undefined,
  closeChat: (_id) => undefined,
  send: (_text) => undefined,
  press: (_messageId, _label) => undefined,
};

export function chatOf(id) {
  let chat = state.chats.get(id);
  if (!chat) {
    chat = { messages: null, seen: 0, draft: "", scrollTop: null, atBottom: true };
    state.chats.set(id, chat);
  }
  return chat;
}

export const current = () => (state.selected ? state.byId.get(state.selected) : undefined);
