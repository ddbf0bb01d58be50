# The web console (issue 17)
web-brand = Chi bộ Bot — Console
web-skip = Skip to the main content
web-nav-label = Main
web-nav-month = This month
web-nav-charts = Charts
web-nav-audit = Audit log
web-nav-import = Import
web-role-admin = Office administrator
web-role-leader = Secretary, { $cell }
web-role-committee = Committee member in charge
web-sign-out-everywhere = Sign out everywhere

# Access
web-link = Sign-in link to the console (single use, expires in { $minutes } minutes):
    { $url }
    Do not forward this link.
web-not-allowed = The console is for secretaries, deputies, committee members in charge and office administrators.
web-admin-unknown-member = No member has the code { $code }.
web-sign-in-title = Sign in to the console
web-sign-in-intro = Press the button below to sign in. The link works only once.
web-sign-in = Sign in
web-link-refused-title = This link cannot be used
web-link-refused = This sign-in link was already used or has expired. Send /web (on Zalo: web) to the bot for a new one.
web-signed-out-title = Not signed in
web-signed-out = You are not signed in or the session has expired. Send /web (on Zalo: web) to the bot for a sign-in link.
web-signed-out-everywhere-title = Signed out
web-signed-out-everywhere = Signed out of the console on every device.
web-forbidden-title = Not allowed
web-forbidden = You may not see this page: it belongs to a unit outside your charge.
web-csrf = The form is stale or invalid. Reload the page and try again.
web-not-found-title = Not found
web-not-found = There is no such page.
web-error-title = Error
web-error = Something went wrong on our side. Please try again later.
web-bad-request-title = Invalid request
web-bad-month = Invalid month or year.
web-bad-date = Invalid date (year-month-day).

# Common
web-all = All
web-apply = Filter
web-show = Show
web-filters = Filters
web-month = Month
web-organisation = Grassroots organisation
web-none = None
web-yes = Yes
web-no = No
web-from = From
web-to = To
web-prev = ‹ Previous
web-next-page = Next ›
web-pages = Pages
web-page-of = Page { $page }/{ $pages }
web-place-unknown = No place yet
web-open-ended = now

# Page 1: this month
web-month-title = Meetings in { $month }
web-sort = Sort by
web-sort-dir = Order
web-sort-asc = Ascending
web-sort-desc = Descending
web-filter-late = Late to report
web-filter-risk = At risk
web-download-report = Download the report (Excel)
web-counts = Cells per state
web-month-rows = { $count } cells, { $month }.
web-month-table = Cells this month
web-col-cell = Cell
web-col-organisation = Grassroots organisation
web-col-meeting = Meeting
web-col-answers = Answers
web-col-rollcall = Roll call
web-col-rate = Rate
web-col-findings = Findings
web-next = Next
web-last = Last
web-no-meeting = Nothing scheduled
web-answers = { $attending } coming · { $absent } absent · { $none } no answer
web-at-risk = at risk
web-no-findings = None
web-state = { $state ->
    [held] Roll call closed
    [late] Roll call late
    [in-progress] In progress
    [upcoming] Not held yet
    [not-held] Not held
   *[none] Nothing scheduled
}

# Page 2: a cell
web-meetings = Meetings
web-meetings-of-year = Meetings of { $year }
web-members = Members
web-members-of-year = Members meeting by meeting, { $year }
web-no-meetings-year = No meeting this year yet.
web-year-before = Year { $year }
web-col-date = Date
web-col-kind = Kind
web-col-present = Present
web-col-minutes = Minutes
web-col-member = Member
web-col-streak = Excused absences in a row
web-col-r8 = Months with an unexcused absence
web-download-minutes = Download the minutes
web-meeting-kind = { $kind ->
    [thematic] Thematic
   *[regular] Regular
}
web-mark = { $mark ->
    [present] Present
    [excused] Excused
    [unexcused] Unexcused
    [exempt] Exempt
    [special-duty] Special duty
   *[outside] Not in the cell
}
web-cell-role = { $role ->
    [SECRETARY] Secretary
    [DEPUTY] Deputy
   *[MEMBER] Member
}

# Page 3: a member
web-member-kind = Membership
web-membership = { $kind ->
    [PROBATIONARY] Probationary
   *[FULL] Full
}
web-status-periods = Exempt and special-duty periods
web-status-kind = { $kind ->
    [EXEMPT] Exempt from party work and meetings
   *[SPECIAL_DUTY] Armed forces on special duty
}
web-channels = Linked chats
web-no-channels = No chat linked: the member gets no reminders.
web-platform = { $platform ->
    [TELEGRAM] Telegram
    [ZALO] Zalo
   *[other] { $platform }
}
web-channel-since = linked since { $since }, last used { $used }
web-history = Attendance history
web-history-of-year = Attendance in { $year }
web-col-answer = Answer before the meeting
web-col-mark = Roll call
web-answer-attending = Coming
web-answer-absent = Absent: { $reason }
web-answer-none = No answer

# Page 4: charts
web-charts-title = Charts
web-chart-until = Up to
web-chart-rate = Attendance rate
web-chart-rate-of = Attendance rate per month — { $name }
web-chart-rate-scope = Attendance rate per month — { $count } cells
web-chart-on-time-of = Share of cells meeting within the month — { $name }
web-chart-scope-all = the cells in your charge
web-chart-threshold = Threshold { $rate }%
web-chart-caption = 12 months, { $from } to { $to }.
web-chart-data = The chart's figures
web-chart-value = Value

# Page 5: the audit log
web-audit-title = Audit log
web-audit-actor = Who
web-audit-action-label = Action
web-audit-when = When
web-audit-changes = Before → after
web-audit-system = System
web-audit-total = { $count } entries — page { $page }/{ $pages }
web-audit-action = { $action ->
    [answer-record] Answered a reminder
    [answer-on-behalf] Answered for a member
    [identity-link] Linked a chat
    [identity-replace] Replaced a chat
    [import-organisation] Imported the organisation
    [invite-create] Created an invite code
    [meeting-cancel] Cancelled a meeting
    [meeting-create] Created a meeting
    [meeting-move] Moved a meeting
    [meeting-nudge] Nudged non-responders
    [member-mute] Muted or unmuted reminders
    [rollcall-close] Closed the roll call
    [rollcall-correction] Corrected the roll call
    [rollcall-mark-confirmed] Marked confirmed members present
    [rollcall-open] Opened the roll call
    [web-link] Asked for a console link
    [web-sign-in] Signed in to the console
    [web-sign-out-everywhere] Signed out everywhere
    [web-admin-grant] Granted office administrator
    [web-import] Imported through the console
   *[other] { $action }
}
web-audit-field = { $field ->
    [kind] Kind
    [reason] Reason
    [status] Status
    [startsAt] Starts
    [plannedEndAt] Planned end
    [place] Place
    [agenda] Agenda
    [expiresAt] Expires
    [rollCallClosedAt] Roll call closed at
    [rollCallOpenedAt] Roll call opened at
    [present] Present
    [memberId] Member
    [member] Member
    [platform] Channel
    [externalId] Account id
    [muted] Reminders muted
    [admin] Office administrator
    [sessions] Sessions
    [files] Files
    [counts] Counts
    [created] Created
    [updated] Updated
    [units] Units
    [members] Members
    [periods] Status periods
    [partial] Partial import
    [skippedRows] Rows skipped
    [rows] Rows
    [problems] Problems
    [reasonAccepted] Reason accepted
    [reasonRejected] Reason rejected
   *[other] { $field }
}
web-audit-value = { $value ->
    [ATTENDING] Coming
    [ABSENT] Absent
    [PRESENT] Present
    [EXCUSED] Excused
    [UNEXCUSED] Unexcused
    [PLANNED] Planned
    [HELD] Held
    [CANCELLED] Cancelled
    [TELEGRAM] Telegram
    [ZALO] Zalo
    [SANDBOX] Sandbox
   *[other] { $value }
}

# Page 6: import
web-import-title = Import the organisation
web-import-intro = Upload the Excel workbook (.xlsx) made from the template. It is checked first and every bad row is listed; nothing is written until you press «Nhập».
web-import-file = Excel workbook (.xlsx)
web-import-check = Check the file
web-import-no-file = No file chosen.
web-import-unreadable = The file cannot be read ({ $reason }). Use an .xlsx file made from the template.
web-import-dry-run = Check of { $file }
web-import-clean = No problem: { $rows } valid rows. Nothing written yet.
web-import-bad = { $problems } problems in { $bad } of { $rows } rows. Nothing written.
web-import-problems = Bad rows
web-import-warnings = Notes (not blocking)
web-import-sheet = Sheet
web-import-row = Row
web-import-reason = Reason
web-import-kind = { $kind ->
    [units] Units
    [members] Members
    [roles] Roles
    [periods] Status periods
   *[assignments] Assignments
}
web-import-write = Import
web-import-fix = Fix these rows in the file and upload it again.
web-import-gone = The checked file is gone. Upload it again.
web-import-done = { $status ->
    [written] The data was imported.
    [unchanged] Nothing changed.
   *[other] The import failed.
}
web-import-again = Import another file

# Minutes download
web-minutes-title = Meeting minutes (attendance)
web-minutes-total = Members in total
web-minutes-none = This meeting's roll call is not closed: no minutes yet.

# CLI
web-admin-granted = { $name } ({ $code }) is now an office administrator.
web-admin-already = { $name } ({ $code }) already is an office administrator.
command-web = Open the web console
