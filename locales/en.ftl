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
    🗓 { $weekday }, { $date }{ $soon }
    🕢 { $time }
    📍 { $place }
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

## Linking
start-unlinked =
    Hello! This bot reminds the cell of its meetings and records attendance.
    You are not linked yet. Ask your cell secretary for an invite link (or code) and open it, or send: /start CODE
start-unlinked-short = You are not linked yet. Send /start for help.
start-welcome =
    Welcome, { $name }! Your account is linked to { $cell }.
    The bot will remind you of meetings; answer with the buttons. Send /trogiup for the commands.
start-linked = Hello { $name } ({ $cell }). Send /lich for the next meeting, /trogiup for the commands.
link-bad-code = The invite code is wrong or expired. { $left } tries left; please check with your cell secretary.
link-locked = Too many wrong codes in one hour. Please try again in an hour or contact your cell secretary.

## Answers
button-confirm = ✅ Confirm
button-cancel = ↩️ Cancel
reason-sick = Illness
reason-business-trip = Business trip
reason-family = Family matters
reason-other = Other (type it)
absence-ask = Why will you be absent? Pick a reason or type your own.
absence-ask-text = Please type the reason (at most { $max } characters).
absence-text-only = Please press a button or type the reason as text.
absence-confirm = Confirm: you will be ABSENT because «{ $reason }»?
absence-confirm-press = Please press «Confirm» or «Cancel» above.
absence-cancelled = Cancelled. Your earlier answer (if any) stays.
absence-recorded = ✅ Recorded: absent, reason «{ $reason }». You can change your answer until the meeting starts.
answer-attending = ✅ Recorded: attending.
answer-unchanged = This answer was already recorded.
answer-attending-note = ✅ Recorded that you will attend. You can change it with the reminder's buttons before the meeting.

## Member
next-none = No meeting is planned yet.
next-meeting =
    📅 Next meeting of { $cell }:
    🗓 { $weekday }, { $date }, at { $time }
    📍 { $place }
    📝 { $agenda }
    Your answer: { $answer }
my-answer-attending = Attending
my-answer-absent = Absent – reason: { $reason }
my-answer-none = not answered
my-year-none = No meetings recorded this year.
my-year =
    📊 { $year }: { $meetings } meetings
    ✅ Present: { $present }
    🟡 Absent with reason: { $excused }
    🔴 Absent without reason: { $unexcused }
    Current run of absences with reason: { $streak } (at most { $max } in a row per year)
settings-muted = 🔕 Fewer reminders: you get only the last one before each meeting.
settings-unmuted = 🔔 You get every reminder before each meeting.
button-mute = 🔕 Last reminder only
button-unmute = 🔔 All reminders
help-member =
    Member commands:
    /lich — next meeting and your answer
    /cuatoi — your attendance this year
    /caidat — fewer or all reminders
help-leader =
    For secretaries and deputies:
    /tinhhinh — answers so far and the projected rate
    /nhacnho — nudge those who have not answered
    /lichhop — set, move or cancel a meeting
    /traloithay — answer for a member
    /diemdanh (/rollcall) — take the roll
    /moi — invite codes
    /baocao — last month's meeting report (or /baocao MM/yyyy)
    Attendance rates are rounded down to 0.1% (84.96% shows as 84.9%): the rule is "above 85%".
help-committee =
    For committee members in charge:
    /donvi — your cells this month
    /baocao — last month's meeting report (or /baocao MM/yyyy)

## Command menu
command-start = Start / link your account
command-lich = Next meeting
command-cuatoi = My attendance
command-caidat = Reminder settings
command-trogiup = Help
command-tinhhinh = Answers so far
command-nhacnho = Nudge non-responders
command-rollcall = Roll call
command-diemdanh = Roll call
command-lichhop = Set, move, cancel a meeting
command-traloithay = Answer for a member
command-moi = Invite codes
command-donvi = Cells in my charge

## Errors
error-not-allowed = You are not allowed to do this.
error-meeting-not-found = Meeting not found.
error-meeting-not-planned = This meeting has already taken place or was cancelled.
error-meeting-started = The meeting has started; the answer can no longer be changed.
error-meeting-in-past = The meeting time must be in the future.
error-meeting-cancelled = This meeting was cancelled.
error-reason-required = Please give the reason for your absence.
error-reason-too-long = The reason is too long: at most { $max } characters.
error-stale-button = This button is no longer valid. Please use the latest message.
error-unknown-command = Unknown command. Send /trogiup for the list.
error-unknown-text = I did not understand. Please use the buttons or send /trogiup.
error-text-only = The bot only handles text messages and buttons.
error-group-private-only = Please use this command in a private chat with the bot.
error-internal = Something went wrong; please try again in a few minutes.

## Alerts
button-ack = 👁 Seen
alert-r3-risk = ⚠️ Attendance at risk: { $cell } meeting on { $date } at { $time } — { $declined } of { $eligible } members declined; at least { $minimum } must attend ({ $needed } more need to confirm).
