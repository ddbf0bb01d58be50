## People first (issue 13): typed answers, reminders that know the answer, old buttons

# A reminder's day, by distance from when it is sent: "19:30 today", "19:30 Thursday 03/12".
reminder-soon = { $distance ->
    [today] {" "}(today)
    [tomorrow] {" "}(tomorrow)
   *[other] {""}
}
reminder-when = { $distance ->
    [today] { $time } today
    [tomorrow] { $time } tomorrow
   *[other] { $time } { $weekday } { $dayMonth }
}
reminder-at = {" "}at { $place }
reminder-agenda = 📝 { $agenda }
reminder-attending =
    { reminder-title }
    { $cell } — { meeting-kind }
    ✅ You confirmed you will attend — see you at { reminder-when }{ $where }.
reminder-absent =
    { reminder-title }
    { $cell } — { meeting-kind }
    🟡 You said you will be absent from the meeting at { reminder-when }{ $where }, reason «{ $reason }».
reminder-attending-change = If anything changes, choose «Absent (with reason)» below.
reminder-absent-change = If you can attend after all, choose «Attending» below.

# Typed answers: "có", "tham du", "xin vắng vì …" under an open reminder.
typed-confirm-attending = Confirm: you will ATTEND the { $cell } meeting at { reminder-when }?
typed-unclear = I did not understand this answer. Will you attend the meeting below? You can type «có» or «vắng» (with a reason, e.g. «vắng vì ốm»), or choose below.
typed-cancelled = Cancelled, nothing recorded. Your earlier answer (if any) is kept.

# A press on the button of a meeting that is over.
old-meeting-ended = The meeting of { $date } is over.
old-meeting-cancelled = The meeting of { $date } was cancelled.
old-meeting-current = The cell's next meeting:
old-meeting-none = There is no new meeting to answer yet.

# Zalo: the one choice under a reminder the member already answered.
zalo-change-hint = Reply 1 to change your answer.
