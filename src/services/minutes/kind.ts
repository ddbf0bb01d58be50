/** The delivery kind of the minutes' Word file (made from the database when it is sent). */
export const MINUTES_DOCX_KIND = "minutes-docx";
