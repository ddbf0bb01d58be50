# Committee members in charge of many cells: batched alerts, the /caidat choice (issue 13 item 9)

## Several alerts raised together, in one message to a committee member
committee-batch-header = 📋 { $count } new alerts about { $cells } cells in your charge:
committee-batch-group = { $type ->
    [r2-unscheduled] ⚠️ No meeting scheduled for { $monthLabel } ({ $count }):
    [r2-not-held] 🔴 No meeting held in { $monthLabel } ({ $count }):
    [r2c-thematic] ⚠️ No thematic meeting in Q{ $quarter }/{ $year }, and { $monthLabel } is the quarter's last month ({ $count }):
    [rollcall-open] ⏰ Meeting over but the roll call not closed ({ $count }):
   *[other] ⚠️ { $finding } ({ $count }):
}
committee-batch-line = • { $cell }{ $hasOrganisation ->
        [yes] {" "}({ $organisation })
       *[no] {""}
    }{ $detail }
committee-batch-detail-meeting = {" "}— meeting on { $date } at { $time }
committee-batch-detail-member = {" "}— { $member }
committee-batch-detail-member-meeting = {" "}— { $member }, meeting on { $date }
committee-batch-more = {"  "}… and { $count } more cells
committee-batch-footer = Type /donvi to see each cell.
committee-batch-ack = 👁 Seen all
committee-batch-ack-done = Noted: you have seen { $count } alerts.
committee-batch-ack-already = These alerts were acknowledged already.

## /caidat for a committee member in charge
committee-settings-every-meeting = 📬 Cells in your charge: you get each meeting's reminder and its minutes.
committee-settings-summary = 📋 Cells in your charge: you get only the summary — alerts gathered in one message and the monthly report; no reminder or minutes of each meeting (urgent alerts still come at once).
button-committee-summary = 📋 Only my cells' summary
button-committee-every-meeting = 📬 Every meeting's reminder

## Zalo: no buttons, so never «bấm nút»; a question with a single choice
zalo-answer-attending-note = ✅ Noted: you will attend. If that changes, type lich and answer again before the meeting.
zalo-settings-saved = ✅ Your choice is saved.
zalo-choice-one-hint = Reply 1 to choose “{ $label }”.

## The monthly digest: what the member has seen already
report-totals-not-held-seen = 🔴 No meeting this month ({ $count }): { $seen } cells you saw in an alert{ $rest ->
        [0] .
       *[other] ; others: { $names }
    }
