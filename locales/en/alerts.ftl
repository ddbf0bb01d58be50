# Alerts (SPEC §3) and the committee member's /donvi

## Alerts raised by the sweep and by delivery failures
alert-r2-unscheduled =
    ⚠️ { $cell } has no meeting scheduled for { $monthLabel }.
    A cell meets at least once a month. The secretary should set a date before the month ends (/lichhop).
alert-r2-not-held =
    🔴 { $cell } held no meeting in { $monthLabel }.
    Rule: at least one regular meeting every month.
alert-r2c-thematic =
    ⚠️ { $cell } has no thematic meeting in quarter { $quarter }/{ $year }, and { $monthLabel } is the quarter's last month.
    Rule: a thematic meeting at least once a quarter (it may share a session with the regular one).
alert-rollcall-open =
    ⏰ The roll call of the { $cell } meeting on { $date } at { $time } (planned to end at { $end }) has not been closed.
    The secretary or deputy should close it with /diemdanh.
alert-unreachable =
    ⚠️ Messages to { $member } ({ $cell }) cannot be delivered since { $time } on { $date }: they blocked the bot, deleted the chat or never opened a chat with it.
    Please tell them in person and send a new invite code (/moi).
alert-r5-risk =
    ⚠️ { $member } has been absent with a reason { $streak } times in a row this year and has just declined the { $cell } meeting on { $date } at { $time }.
    Missing it would be the { $next }th time in a row — against the rule (at most { $max } in a row). Please talk to them before the meeting.
alert-deliveries-unknown =
    ⚠️ { $count } messages about the { $cell } meeting on { $date } at { $time } may not have arrived (network failure); the bot does not resend them blindly.
    Members: { $members }.
    Please check with them in person.

## Acknowledging an alert
alert-acknowledged = 👁 Seen by { $name } at { $time } { $date }
alert-ack-done = Noted: you have seen this alert.
alert-already-acknowledged = This alert was already acknowledged by { $name } at { $time } { $date }.

## Short names of findings (/donvi)
finding = { $type ->
    [r2-unscheduled] No meeting scheduled this month
    [r2-not-held] No meeting held in the month
    [r2c-thematic] No thematic meeting this quarter
    [r3-risk] Attendance at risk
    [r3-failed] Attendance rate not met
    [r4-unexcused] Absent without a reason
    [r5-risk] May be absent with a reason more than 3 times in a row
    [r5-notice] Absent with a reason twice in a row
    [r5-warning] Absent with a reason 3 times in a row
    [r5-violation] Absent with a reason more than 3 times in a row
    [r8-warning] 2 months with an unexcused absence this year
    [r8-consider] 3 months with an unexcused absence this year: consider removal
    [r9-short] Meeting shorter than required
    [rollcall-open] Roll call not closed
    [unreachable] Unreachable
    [deliveries-unknown] Messages may not have arrived
   *[other] Alert
}

## /donvi
donvi-header = 📋 Cells in your charge — { $month } ({ $count } units)
donvi-none = No cell has been assigned to you yet.
donvi-unit = 🏛 { $cell }
donvi-no-meeting = • No meeting scheduled this month
donvi-meeting-upcoming = • { $weekday }, { $date } at { $time } ({ meeting-kind }): 🕓 not yet held
donvi-meeting-in-progress = • { $weekday }, { $date } at { $time } ({ meeting-kind }): 🟢 in progress
donvi-meeting-not-closed = • { $weekday }, { $date } at { $time } ({ meeting-kind }): ⏰ held, roll call not closed
donvi-meeting-held-nobody = • { $weekday }, { $date } at { $time } ({ meeting-kind }): ✅ held (nobody eligible for the rate)
donvi-meeting-held = • { $weekday }, { $date } at { $time } ({ meeting-kind }): ✅ held — { $present }/{ $eligible } present ({ NUMBER($percent, maximumFractionDigits: 1) }%), { $verdict ->
        [ok] rate met
       *[failed] rate not met
    }
donvi-open-alerts = { $count ->
        [0] ✔️ No unacknowledged alerts
       *[other] ⚠️ { $count } unacknowledged alerts:
    }
donvi-finding = {"    "}– { $text }
