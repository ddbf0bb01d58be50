## Roll call (/diemdanh): roster, minutes and the rule alerts raised at closing

rollcall-title = 📋 Roll call — { $cell }
rollcall-meeting = 🗓 { $weekday }, { $date } at { $time } — { meeting-kind }
rollcall-counts =
    ✅ Present: { $present }/{ $eligible } — at least { $minimum } needed to be above { $threshold }%
    🟡 Absent with reason: { $excused }
    🔴 Absent without reason: { $unexcused }
    ⬜ Not marked: { $unmarked }
rollcall-legend = Press a name to change it: ⬜ not marked → ✅ present → 🟡 absent with reason → 🔴 absent without reason. 🙋 said they would come (not the same as present). At closing, anyone not marked is absent without reason.
rollcall-legend-closed = Press a name to correct it: ✅ present → 🟡 absent with reason → 🔴 absent without reason. Every change is logged; afterwards press “📤 Send minutes again”.
rollcall-reasons = Absence reasons (press ⚖️ if a reason is not valid):
rollcall-reason-line = 🟡 { $name }: { $reason }
rollcall-reason-rejected-line = ⛔ { $name }: “{ $reason }” — not valid, counted as absent without reason
rollcall-no-reason = (no reason recorded)
rollcall-exempt = 🛡 Exempt or on special duty (outside the rate): { $names }
rollcall-guests = 👤 Guests (committee members in charge): { $present }/{ $total } present, outside the rate.
rollcall-open-hint = When the meeting ends, press “🔒 Close roll call”.
rollcall-closed = 🔒 Closed at { $time } on { $date }. Corrections possible until { $untilTime } on { $untilDate }.
rollcall-closed-final = 🔒 Closed at { $time } on { $date }. The 24-hour correction period is over.
rollcall-confirm-close = ⚠️ { $count ->
        [one] 1 member is not marked: { $names }. Closing records them
       *[other] { $count } members are not marked: { $names }. Closing records them
    } as absent without reason. Close the roll call?
rollcall-page = Page { $page }/{ $pages } ({ $count } people).
rollcall-page-unmarked = Showing the { $count } members not marked yet (page { $page }/{ $pages }).
rollcall-confirmed-line = 🙋 Said they would come, not marked yet: { $count }
rollcall-marked-confirmed = ✅ Marked present: { $count } members who confirmed.
rollcall-confirm-early = ⏰ The meeting is planned for { $time } on { $date } and has not started yet. The minutes will have it start when the roll call was opened.
button-rollcall-previous = ◀ Previous
button-rollcall-next = Next ▶
button-rollcall-only-unmarked = 🔎 Only those not marked ({ $count })
button-rollcall-show-all = 👥 Show everyone
button-rollcall-mark-confirmed = ✅ All who confirmed are present ({ $count })
error-rollcall-bulk-closed = The roll call is closed: correct members one by one.
button-rollcall-close = 🔒 Close roll call
button-rollcall-resend = 📤 Send minutes again
button-rollcall-confirm = ✅ Close now
button-rollcall-back = ↩️ Back
button-rollcall-reject = ⚖️ Not valid
button-rollcall-accept = ↩️ Accept reason
rollcall-status = { $status ->
        [present] present
        [excused] absent with reason
        [unexcused] absent without reason
       *[unmarked] not marked
    }
rollcall-marked = { $name }: { rollcall-status }
rollcall-corrected = ✏️ Corrected (logged) — { $name }: { rollcall-status }
rollcall-reason-rejected = { $name }: reason not valid, counted as absent without reason.
rollcall-reason-accepted = { $name }: reason accepted.
rollcall-closed-toast = 🔒 Roll call closed. The minutes went to the secretary, deputy and committee members in charge.
rollcall-resent-toast = 📤 Minutes sent again.

error-rollcall-leaders-only = Only the cell's secretary or deputy can take the roll call.
error-rollcall-no-meeting = There is no meeting to take the roll of. A roll call opens 12 hours before the meeting and stays open until 24 hours after it (or after closing). Send /lich to see the next meeting.
error-rollcall-not-open = The roll call of this meeting is not open yet. Send /diemdanh.
error-rollcall-correction-closed = The roll call was closed more than 24 hours ago and can no longer be corrected.
error-rollcall-not-in-roster = This person is not on the roll of this meeting.
error-rollcall-no-reason = Only the reason of a member marked absent with reason can be judged.
error-rollcall-status-not-allowed = This status cannot be recorded for { $name } (exempt members and guests are present or not; after closing a mark cannot be blank).

## Minutes: the attendance part
minutes-title = 📋 ROLL CALL MINUTES{ $corrected ->
        [yes] {" "}(corrected)
       *[no] {""}
    }
minutes-meeting = { $cell } — { meeting-kind } on { $date }
minutes-time = Time: from { $start } on { $startDate } to { $end } on { $endDate }
minutes-total = Members: { $total }
minutes-eligible = Expected to attend (not exempt, not on special duty): { $eligible }
minutes-present = ✅ Present: { $present }/{ $eligible } — rate { $rate }%
minutes-rate-ok = Attendance above { $threshold }%: met.
minutes-rate-failed = ❌ Attendance not above { $threshold }% (at least { $minimum }/{ $eligible } needed).
minutes-rate-none = Nobody was expected to attend, so there is no rate.
minutes-excused = 🟡 Absent with reason: { $count }
minutes-excused-line = • { $name }: { $reason }
minutes-no-reason = (no reason recorded)
minutes-unexcused = 🔴 Absent without reason: { $count }
minutes-unexcused-line = • { $name }
minutes-unexcused-rejected-line = • { $name } (reason “{ $reason }” not valid)
minutes-exempt = 🛡 Exempt or on special duty: { $count }
minutes-exempt-line = • { $name } ({ $standing ->
        [special_duty] special duty
       *[exempt] exempt
    }{ $attended ->
        [yes] , attended
       *[no] {""}
    })
minutes-guests = 👤 Guests present: { $count }
minutes-guest-line = • { $name } — committee member in charge
minutes-findings = Findings:
minutes-no-findings = ✅ No rule was broken.
minutes-finding-r3-failed = ❌ Attendance { $rate }%, not above { $threshold }%.
minutes-finding-r4-unexcused = ❌ { $member } was absent without reason.
minutes-finding-r5-notice = 🔔 { $member }: absent with reason { $streak } times in a row this year.
minutes-finding-r5-warning = ⚠️ { $member }: absent with reason { $streak } times in a row this year; one more breaks the rule.
minutes-finding-r5-violation = ❌ { $member }: absent with reason { $streak } times in a row this year, more than { $max }.
minutes-finding-r8-warning = ⚠️ { $member }: { $months } months with an absence without reason in { $year }.
minutes-finding-r8-consider = ❌ { $member }: { $months } months with an absence without reason in { $year }; to be considered under Article 8 of the Party Charter.
minutes-finding-r9-short = ⚠️ The meeting lasted { $minutes } minutes, less than the required { $required }.
minutes-see-file = (The full list is in the CSV file.)
minutes-file-caption = 📎 Roll call minutes (CSV) — { $cell }, { $date }

minutes-csv-title = ROLL CALL MINUTES
minutes-csv-cell = Cell
minutes-csv-meeting = Meeting
minutes-csv-date = Date
minutes-csv-start = Start
minutes-csv-end = End
minutes-csv-total = Members
minutes-csv-eligible = Expected
minutes-csv-present = Present
minutes-csv-rate = Rate
minutes-csv-percent = { $rate }%
minutes-csv-excused = Absent with reason
minutes-csv-unexcused = Absent without reason
minutes-csv-exempt = Exempt or special duty
minutes-csv-guests = Guests present
minutes-csv-no = No.
minutes-csv-name = Full name
minutes-csv-role = Membership
minutes-csv-status = Status
minutes-csv-reason = Reason
minutes-csv-role-value = { $role ->
        [probationary] Probationary member
        [guest] Guest (committee member in charge)
       *[full] Full member
    }
minutes-csv-status-value = { $status ->
        [present] Present
        [excused] Absent with reason
        [unexcused] Absent without reason
        [rejected] Absent without reason (reason not valid)
        [absent] Not present
       *[exempt] { $standing ->
            [special_duty] Special duty
           *[exempt] Exempt
        }
    }

## Alerts raised when a roll call closes
alert-r3-failed = ❌ Attendance not met: the { $cell } meeting on { $date } at { $time } had { $present }/{ $eligible } present ({ $rate }%); at least { $minimum } were needed to be above { $threshold }%.
alert-r4-unexcused = ❌ Absent without reason: { $member } at the { $cell } meeting on { $date }.
alert-r5-notice = 🔔 { $member }, you have been absent with reason { $streak } times in a row this year (last: the { $cell } meeting on { $date }). No more than { $max } in a row are allowed in a year; please plan to attend the next meetings.
alert-r5-warning = ⚠️ { $member } has been absent with reason { $streak } times in a row this year (last: the { $cell } meeting on { $date }). One more breaks the rule (at most { $max } in a row).
alert-r5-violation = ❌ { $member } has been absent with reason { $streak } times in a row this year, more than the { $max } allowed (the { $cell } meeting on { $date }).
alert-r8-warning = ⚠️ { $member } has { $months } months with an absence without reason in { $year } (last: the { $cell } meeting on { $date }). Three months mean consideration under Article 8 of the Party Charter.
alert-r8-consider = ❌ { $member } has { $months } months with an absence without reason in { $year } (last: the { $cell } meeting on { $date }). The cell should consider the case under Article 8 of the Party Charter; the bot takes no action by itself.
alert-r9-short = ⚠️ The { $cell } meeting on { $date } lasted { $minutes } minutes (roll call open to close), less than the required { $required }.
