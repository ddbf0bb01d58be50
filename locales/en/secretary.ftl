# Secretary and deputy: /tinhhinh, /nhacnho, /lichhop, /traloithay, /moi

secretary-page = Page { $page }/{ $pages }

## /tinhhinh
tinhhinh-none = The cell has no upcoming meeting. Use /lichhop to set one.
tinhhinh-title =
    📊 Answers so far — { $cell }
    Meeting ({ meeting-kind }): { $weekday }, { $date }, at { $time }
tinhhinh-nobody = none
tinhhinh-attending = ✅ Attending ({ $count }): { $names }
tinhhinh-declined = ❌ Absent with reason ({ $count }):
tinhhinh-declined-item = • { $name }: { $reason }
tinhhinh-silent = ⏳ No answer ({ $count }): { $names }
tinhhinh-no-eligible = No member is expected at this meeting.
tinhhinh-projection = 📈 Outlook: { $attending }/{ $eligible } confirmed; at least { $minimum } must attend (above { $rate }%), { $needed } more confirmations needed.
tinhhinh-projection-ok = 📈 Outlook: { $attending }/{ $eligible } confirmed; the minimum of { $minimum } attending (above { $rate }%) is reached.
tinhhinh-at-risk = ⚠️ AT RISK: { $declined } members declined; even if everyone else comes, only { $possible }/{ $eligible } attend, below the minimum of { $minimum }. Please talk to those who declined or move the meeting (/lichhop).
tinhhinh-hint = /nhacnho — remind those who have not answered · /traloithay — answer on a member's behalf

## /nhacnho
nhacnho-no-meeting = The cell has no upcoming meeting to remind about.
nhacnho-too-soon = You sent a reminder at { $lastTime } on { $lastDate }. A meeting can be nudged once every { $hours } hours; the next nudge is allowed from { $nextTime } on { $nextDate }.
nhacnho-all-answered = Every member has answered about the meeting on { $date }: no reminder needed.
nhacnho-done = 🔔 Reminder for the meeting on { $weekday }, { $date }, at { $time } sent to { $count } members without an answer: { $names }.
nhacnho-none-reachable = No reminder could be sent: none of the members without an answer can be reached by the bot.
nhacnho-unreachable = 📞 { $count } members have not answered and cannot be reached by the bot (not linked, or they blocked it); please phone them: { $names }. Use /moi for invite codes, /traloithay to record their answer.

## /lichhop
lichhop-menu-title = 🗓 Upcoming meetings of { $cell }:
lichhop-menu-item = { $n }. { $weekday }, { $date }, at { $time } — { meeting-kind } — 📍 { $place }
lichhop-menu-empty = (no meeting yet)
lichhop-menu-question = Move, edit or cancel a meeting, or add a new one?
lichhop-button-edit = ✏️ Move/edit { $date } { $time }
lichhop-button-cancel-meeting = 🗑 Cancel { $date }
lichhop-button-new-regular = ➕ New regular meeting
lichhop-button-new-thematic = ➕ New thematic meeting
lichhop-button-quit = ↩️ Quit
lichhop-button-keep = Keep: { $value }
lichhop-button-keep-agenda = Keep the current agenda
lichhop-button-use = Use: { $value }
lichhop-button-skip = Skip
lichhop-ask-date = Type the meeting date as dd/MM/yyyy (for example { $example }).
lichhop-ask-date-current = Current date: { $date }. Type a new date as dd/MM/yyyy (for example { $example }).
lichhop-ask-time = Type the time on { $date } as HH:mm (for example 19:30).
lichhop-ask-place = Type the place (at most { $max } characters).
lichhop-ask-agenda = Type the agenda (at most { $max } characters).
lichhop-bad-date = «{ $input }» is not a valid date. Please type it as dd/MM/yyyy, for example { $example }.
lichhop-date-past = { $date } is in the past. Please type a date from today ({ $today }) on.
lichhop-date-too-far = { $date } is too far ahead: meetings can be set within the next { $days } days. Please type it again.
lichhop-bad-time = «{ $input }» is not a valid time (hours 00 to 23, minutes 00 to 59). Please type it as HH:mm, for example 19:30.
lichhop-time-past = { $time } on { $date } has passed. Please type a later time.
lichhop-too-long = Too long: at most { $max } characters. Please shorten it.
lichhop-text-only = Please type the answer as text or press a button above.
lichhop-press-above = Please press a button on the message above.
lichhop-aborted = Left. The schedule is unchanged.
lichhop-confirm-create =
    Add this { meeting-kind } of { $cell }?
    🗓 { $weekday }, { $date }, at { $time }
    📍 { $place }
    📝 { $agenda }
    Members will be reminded as usual.
lichhop-confirm-move =
    Change the meeting of { $oldDate } at { $oldTime } to:
    🗓 { $weekday }, { $date }, at { $time }
    📍 { $place }
    📝 { $agenda }
    Members already reminded will be told.
lichhop-confirm-cancel = CANCEL the { meeting-kind } on { $weekday }, { $date }, at { $time }? Members already reminded will be told.
lichhop-created = ✅ Added the { meeting-kind }: { $weekday }, { $date }, at { $time }, { $place }. Reminders are scheduled.
lichhop-moved = ✅ Meeting updated: { $weekday }, { $date }, at { $time }, { $place }.
lichhop-cancelled = ✅ The meeting on { $date } at { $time } is cancelled.
error-meeting-duplicate = The cell already has a meeting of this kind at exactly this time.
error-meeting-too-far = Too far ahead: meetings can be set within the next { $days } days.
error-text-too-long = Too long: at most { $max } characters.

## /traloithay
traloithay-none = The cell has no upcoming meeting.
traloithay-pick = Answer on a member's behalf — meeting on { $weekday }, { $date }, at { $time }. Choose the member (✅ attending, ❌ absent, ⏳ no answer):
traloithay-member =
    Answer for { $name } — meeting on { $date }, at { $time }.
    Now: { $answer }.
traloithay-button-back = ↩️ List
traloithay-attending = ✅ Recorded on their behalf: { $name } attends.
traloithay-ask-reason = Why will { $name } be absent? Choose a reason or type it (at most { $max } characters).
traloithay-absent = ✅ Recorded on their behalf: { $name } is absent, reason «{ $reason }».
traloithay-unchanged = This answer of { $name } was already recorded.
traloithay-cancelled = Cancelled. The answer of { $name } is unchanged.

## /moi
moi-title = 🔑 Linked accounts — { $cell }: { $linked }/{ $total } members linked.
moi-linked = ✅ { $name }
moi-pending = ⏳ { $name } — has an unused invite code (expires { $date })
moi-unlinked = ⬜ { $name } — not linked
moi-help = Press a name to make a new invite code (an older unused code stops working). The code is shown only once: forward it to the member right away.
moi-code-toast = New invite code made for { $name }.
moi-code =
    🔑 Invite for { $name }:
    { $link }
    Code: { $code } (single use, expires { $time } on { $date })
    Please forward this message to { $name }: they open the link and press «Start». If the link does not open, they send the bot: /start { $code }

## /tinhhinh: when the reminders really go out (planned under the send capacity)
tinhhinh-reminder-offset = { $unit ->
    [d] { $amount } { $amount ->
        [one] day
       *[other] days
    } before
    [h] { $amount } { $amount ->
        [one] hour
       *[other] hours
    } before
    [m] { $amount } min before
   *[s] { $amount } s before
}
tinhhinh-reminder-at = 🔔 Reminder { tinhhinh-reminder-offset }: sent at { $to } on { $date }.
tinhhinh-reminder-between = 🔔 Reminder { tinhhinh-reminder-offset }: sent from { $from } on { $fromDate } to { $to } on { $date }.
tinhhinh-reminder-late = (Later than planned, { $time } on { $date }: too many reminders at once.)
