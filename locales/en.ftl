# chibo-bot — English (second locale)

weekday = { $day ->
    [0] Sunday
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
   *[6] Saturday
}

meeting-kind = { $meetingKind ->
    [thematic] thematic meeting
   *[regular] regular meeting
}

## Reminders
reminder-title = { $reminder ->
    [h2] 🔔 The cell meeting starts soon
   *[other] 🔔 Cell meeting reminder
}
reminder =
    { reminder-title }
    { $cell } — { meeting-kind }
    🗓 { $weekday }, { $date }
    🕢 { $time }
    📍 { $place }
    📝 { $agenda }
reminder-question = Please tell us whether you will attend.
reminder-guest = You are invited as the committee member in charge.
place-unknown = (no place yet)
agenda-unknown = (no agenda yet)
button-attend = ✅ Attending
button-decline = ❌ Absent (with reason)

## Meeting changes
meeting-moved =
    📢 The { $cell } meeting has moved:
    🗓 { $weekday }, { $date }, at { $time }
    📍 { $place }
meeting-cancelled =
    📢 The { $cell } meeting on { $date } at { $time } is cancelled.
    No need to answer the earlier reminder.

## Delivery problems (to the secretary)
member-unreachable = ⚠️ A message to { $member } ({ $cell }) could not be delivered: they blocked the bot or never opened the chat. Please tell them directly and send a new invite.
deliveries-unknown = ⚠️ { $count } reminders for the meeting on { $date } may not have arrived (network interruption): { $members }. Please check with them.
