# Monthly meeting report (SPEC §4 step 6): /baocao, the day-1 digest, CSV/Excel files

command-baocao = Monthly meeting report

## Errors
report-not-allowed = Only cell secretaries, deputies and committee members in charge can see meeting reports.
report-bad-month = That is not a month. Send /baocao for last month, or /baocao with a month, e.g. /baocao { $example }
report-future-month = { $month } has not come yet, so there are no figures. Send /baocao for last month.
report-unknown-unit = There is no unit with the code { $code }.

## The report as a chat message
report-title = 📊 Cell meeting report for { $month }
report-scope-unit = 🏛 { $cell }
report-scope-cell = 🏛 { $cell } — { $organisation }
report-scope-many = { $units } cells in { $organisations } grassroots organisations
report-as-of = (figures as of { $time } on { $date }; the month is not over)
report-no-units = There are no cells in this report.
report-unit-not-held = 🔴 The cell held no meeting this month.
report-unit-no-meeting = No meeting this month yet.
report-year-findings = Over the year:
report-cancelled = { $count } meeting(s) cancelled this month.
report-state = { $state ->
    [held] held
    [not-closed] roll call not closed (late report)
    [in-progress] in progress
   *[upcoming] not held yet
}
report-meeting = { $state ->
    [held] ✅
    [not-closed] ⏰
    [in-progress] 🟢
   *[upcoming] 🕓
    } { $weekday }, { $date } at { $time } — { meeting-kind }: { report-state }
report-meeting-nobody-eligible = {"   "}No member counted towards the rate.
report-meeting-rate = {"   "}Present { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%) — { $verdict ->
        [ok] rate met
       *[failed] ❌ rate not above { NUMBER($threshold, maximumFractionDigits: 1) }% (at least { $minimum } needed)
    }
report-meeting-absent = {"   "}Absent with a reason: { $excused } · without a reason: { $unexcused }
report-meeting-exempt-attended = {"   "}Exempt or special-duty members who attended: { $count } (outside the rate)
report-meeting-committee = {"   "}Committee members present: { $names }
report-meeting-duration = {"   "}Duration: { $minutes } minutes
report-meeting-all-answered = {"   "}All { $reminded } members reminded answered.
report-meeting-unanswered = {"   "}Did not answer the reminder: { $count }/{ $reminded } — { $names }
report-finding-r4 = {"   "}❌ Absent without a reason ({ $count }): { $names }
report-finding = {"   "}{ $type ->
    [r2-not-held] 🔴 No meeting held this month
    [r3-failed] ❌ Attendance not above { NUMBER($threshold, maximumFractionDigits: 1) }%
    [r4-unexcused] ❌ Absent without a reason: { $member }
    [r5-warning] ⚠️ Absent with a reason { $value } times in a row (the next one breaks the rule): { $member }
    [r5-violation] ❌ Absent with a reason { $value } times in a row, against the rule: { $member }
    [r8-warning] ⚠️ { $value } months with an unexcused absence this year: { $member }
    [r8-consider] ❌ { $value } months with an unexcused absence this year, to be considered for removal: { $member }
   *[r9-short] ⏱ The meeting lasted { $value } minutes, shorter than required
}

## Several units: totals, then one line per unit
report-totals = Total: { $unitsHeld }/{ $units } cells met, { $meetings } meetings{ $hasRate ->
        [yes] ; present { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%)
       *[no] {""}
    }
report-totals-no-findings = ✅ No rule broken.
report-totals-finding = { $type ->
    [r3-failed] ❌ Attendance rate not met: { $count } meetings
    [r4-unexcused] ❌ Absent without a reason: { $count } times
    [r5-warning] ⚠️ Excused absences in a row at the warning level: { $count } members
    [r5-violation] ❌ Excused absences in a row against the rule: { $count } members
    [r8-warning] ⚠️ Several months with unexcused absences (warning): { $count } members
    [r8-consider] ❌ To be considered for removal: { $count } members
   *[r9-short] ⏱ Meetings shorter than required: { $count }
}
report-totals-unanswered = 📭 Reminders not answered: { $count }/{ $reminded }
report-totals-not-held = 🔴 No meeting this month ({ $count }): { $names }
report-last-to-report = ⏰ Late to report, roll call not closed ({ $count }): { $names }
report-organisation = 🏛 { $organisation } — { $unitsHeld }/{ $units } cells met{ $hasRate ->
        [yes] , present { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%)
       *[no] {""}
    }
report-unit-line = • { $cell }: { $text }
report-grassroots-line = 🏛 { $cell }: { $text }
report-units-fine = {"  "}✅ { $shown ->
        [0] All { $count } cells: nothing to note
       *[other] { $count } other cells: nothing to note
    }
report-grassroots-fine = ✅ { $count } other grassroots cells: nothing to note
report-short-not-held = 🔴 no meeting
report-short-no-meeting = no meeting scheduled
report-short-meeting = { $state ->
    [not-closed] ⏰ { $day } roll call not closed
    [in-progress] 🟢 { $day } in progress
   *[upcoming] 🕓 { $day } not held yet
}
report-short-nobody = ✅ { $day } held
report-short-held = { $verdict ->
    [ok] ✅
   *[failed] ❌
    } { $day } present { $present }/{ $eligible } ({ NUMBER($rate, maximumFractionDigits: 1) }%)
report-short-issue = { $type ->
    [r4-unexcused] { $count } unexcused
    [r5] { $count } excused in a row
    [r8] { $count } months unexcused
   *[r9-short] { $count } short
}
report-short-unanswered = { $count } did not answer
report-more = … and { $count } more lines.
report-more-file = … and { $count } more lines (everything is in the Excel file).

## /baocao
report-hint = Another month: /baocao MM/yyyy, e.g. /baocao { $example }
report-file-caption = 📎 Cell meeting report for { $month } — { $count } cells (Excel)
report-file-failed = The Excel file could not be made just now; the report above has all the totals.

## The monthly digest (day 1)
report-digest-intro = 📬 Dear { $name }: the { $month } meeting report of the cells in your charge.
report-digest-outro = Send /baocao { $month } for the detailed table (Excel file).
report-digest-outro-text = Send /baocao { $month } to see this report again.

## Export (CSV, Excel, terminal table)
report-sheet-units = Cells
report-sheet-meetings = Meetings
report-sheet-organisations = Totals
report-sheet-title = Cell meeting report for { $month }
report-sheet-as-of = Figures as of { $time } on { $date } (the month is not over)
report-sheet-total = Total
report-col-code = Code
report-col-cell = Cell
report-col-organisation = Grassroots organisation
report-col-cell-kind = Cell kind
report-col-planned = Meetings scheduled
report-col-held = Meetings held
report-col-units = Cells
report-col-units-held = Cells that met
report-col-units-not-held = Cells that did not meet
report-col-members = Members
report-col-eligible = Eligible
report-col-present = Present
report-col-excused = Absent with a reason
report-col-unexcused = Absent without a reason
report-col-minimum = Minimum present
report-col-rate = Attendance rate
report-col-rate-percent = Attendance rate (%)
report-col-rate-ok = Rate above { NUMBER($threshold, maximumFractionDigits: 1) }%
report-col-exempt = Exempt or special duty who attended
report-col-committee = Committee members present
report-col-duration = Duration (minutes)
report-col-date = Date
report-col-time = Time
report-col-kind = Meeting kind
report-col-state = State
report-col-r2 = R2 No meeting
report-col-r3 = R3 Meetings below the rate
report-col-r4 = R4 Unexcused absences
report-col-r5 = R5 Excused absences in a row
report-col-r8 = R8 Months with unexcused absences
report-col-r9 = R9 Short meetings
report-col-reminded = Reminded
report-col-unanswered = Reminders not answered
report-col-unanswered-names = Did not answer (names)
report-col-rollcall = Roll call closed
report-col-last-to-report = Late to report
report-col-findings = Findings
report-value-yes = Yes
report-value-no = No
report-value-closed = Closed
report-value-open = Open
report-cell-kind = { $kind ->
    [residential] Residential
    [other] Agency or other
   *[grassroots-cell] Grassroots cell
}
report-state-value = { $state ->
    [held] Held
    [not-closed] Roll call not closed
    [in-progress] In progress
   *[upcoming] Not held yet
}
report-percent = { NUMBER($rate, maximumFractionDigits: 1) }%
report-finding-short = { $type ->
    [r2-not-held] No meeting this month
    [r3-failed] Attendance rate not met
    [r4-unexcused] Absent without a reason: { $member }
    [r5-warning] Absent with a reason { $value } times in a row (warning): { $member }
    [r5-violation] Absent with a reason { $value } times in a row (violation): { $member }
    [r8-warning] { $value } months unexcused (warning): { $member }
    [r8-consider] { $value } months unexcused, consider removal: { $member }
   *[r9-short] Meeting of { $value } minutes, shorter than required
}
report-table-units = By cell
report-table-organisations = By grassroots organisation
report-table-last-to-report = Late to report (roll call not closed): { $names }
report-col-short-held = Met
report-col-short-present = Present
report-col-short-rate = Rate
report-col-short-ok = OK
report-col-short-unanswered = No answer
report-col-short-rollcall = Roll call
report-col-short-units = Cells met
report-col-short-failed = Below
report-col-short-late = Late
