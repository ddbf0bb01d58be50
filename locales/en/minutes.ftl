## The minutes (biên bản sinh hoạt chi bộ) as a Word file (src/services/minutes/)
mdoc-party = COMMUNIST PARTY OF VIETNAM
mdoc-organisation-prefix = Party committee
mdoc-cell-prefix = Cell
mdoc-place-date = { $place }, { $day } { $month } { $year }
mdoc-blank = ……………………………
mdoc-blank-short = ……………
mdoc-clock = { $hour }:{ $minute }
mdoc-title = MINUTES
mdoc-subtitle = { $kind ->
        [thematic] THEMATIC CELL MEETING
       *[regular] CELL MEETING
    } OF { $month }/{ $year }
mdoc-revision = (Corrected { $revision } time(s) after the roll call was closed)
mdoc-opening = Today, at { $time } on { $date }, at { $place }, { $cell } held its { $kind ->
        [thematic] thematic
       *[regular] regular
    } meeting of { $month }/{ $year }.
mdoc-section-time = TIME, PLACE, ATTENDANCE
mdoc-start = Started: { $time } on { $date }.
mdoc-end = Ended: { $time } on { $date }.
mdoc-place = Place: { $place }.
mdoc-chair = Chair: { $name }.
mdoc-taker = Minute-taker: { $name }.
mdoc-attendance = Attendance:
mdoc-total = - Members of the cell: { $total } (full: { $official }, probationary: { $probationary }).
mdoc-exempt = - Exempt from Party work and meetings: { $count }{ $count ->
        [0] .
       *[other] :
    }
mdoc-special-duty = - Armed forces on special duty: { $count }{ $count ->
        [0] .
       *[other] :
    }
mdoc-status-person = + { $name }{ $attended ->
        [yes] {" "}(attended)
       *[no] {""}
    }.
mdoc-eligible = - Members who had to attend: { $eligible }.
mdoc-present = - Present: { $present }/{ $eligible }, a rate of { $rate }%.
mdoc-present-none = - Present: { $present } (nobody had to attend, so there is no rate).
mdoc-excused = - Absent with a reason: { $count }{ $count ->
        [0] .
       *[other] :
    }
mdoc-excused-person = + { $name }, reason: { $reason }.
mdoc-no-reason = no reason written
mdoc-unexcused = - Absent without a reason: { $count }{ $count ->
        [0] .
       *[other] :
    }
mdoc-unexcused-person = + { $name }.
mdoc-unexcused-rejected = + { $name } (the reason «{ $reason }» was not accepted by the cell).
mdoc-committee = - Committee member in charge: { $name }, { $present ->
        [yes] present
       *[no] absent
    }.
mdoc-committee-count = - Committee members in charge: { $count }:
mdoc-committee-person = + { $name }: { $present ->
        [yes] present
       *[no] absent
    }.
mdoc-committee-none = - Committee member in charge: none assigned.
mdoc-section-agenda = AGENDA
mdoc-agenda-none = (No agenda was recorded in the meeting's schedule.)
mdoc-section-votes = VOTES
mdoc-vote-col-no = No.
mdoc-vote-col-text = Motion
mdoc-vote-col-approve = For
mdoc-vote-col-reject = Against
mdoc-vote-col-abstain = Abstained
mdoc-vote-col-result = Result
mdoc-vote-count = { $count }/{ $of }
mdoc-vote-result = { $passed ->
        [yes] Passed
       *[no] Not passed
    }
mdoc-section-quality = SELF-ASSESSMENT OF THE MEETING'S QUALITY
mdoc-quality-col-no = No.
mdoc-quality-col-item = Item
mdoc-quality-col-points = Points
mdoc-quality-col-by = Scored by
mdoc-quality-col-why = Grounds
mdoc-quality-points = { $points }/{ $max }
mdoc-quality-by = { $by ->
        [bot] The bot
       *[secretary] The cell committee
    }
mdoc-quality-total = Total: { $total }/{ $max }; grade: { $grade }.
mdoc-closing = The meeting ended at { $time } on { $date }.
mdoc-signature-taker = MINUTE-TAKER
mdoc-signature-chair = CHAIR
mdoc-signature-hint = (Signature and full name)

## Getting the file
mdoc-caption = 📄 Minutes of the cell meeting (Word file) — { $cell }, { $date }
mdoc-error-not-closed = This meeting's roll call is not closed yet, so there are no minutes.
mdoc-button = 📄 Minutes { $cell }, { $date } (.docx)
mdoc-file-failed = The minutes file could not be made. Please try again in a few minutes.
mdoc-zalo-unavailable = 📄 The minutes as a Word file (.docx) cannot be sent on Zalo: the Zalo Bot only sends text messages, not files. Get the file on Telegram (/baocao, then the minutes) or ask an administrator to export it with «npm run cli -- minutes».
