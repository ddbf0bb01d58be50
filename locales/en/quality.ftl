# Cell meeting quality (Directive 50-CT/TW, Guideline 42-HD/BTCTW): the score, documents before the meeting

command-chamdiem = Score the meeting's quality
command-tailieu = Send documents for the meeting

## The rubric's items (a locality may name its own in the QUALITY_RUBRIC file)
quality-item = { $key ->
    [duration] Duration
    [attendance] Attendance rate
    [preparation-notice] Preparation: time, place and agenda sent
    [preparation-documents] Preparation: documents sent before the meeting
    [preparation-other] Preparation: everything else
    [conduct] Conduct of the meeting
    [chairing] Chairing
    [principles] Democratic centralism, self-criticism and criticism
    [resolution] Results of the previous resolution
    [closing-minutes] Closing: minutes sent
    [closing-posted] Closing: minutes and documents filed and posted
   *[other] { $key }
}
quality-grade = { $grade ->
    [good] Good
    [fair] Fair
    [average] Average
    [poor] Poor
   *[other] { $grade }
}

## Why an item got its points
quality-size = { $size ->
    [thematic] with a thematic part
    [large] a cell of { $largeFrom } members or more
   *[small] a cell under { $largeFrom } members
}
quality-why-duration-ok = Met for { $minutes } min, at least { $required } min ({ quality-size }) → { $points } points
quality-why-duration-short = Met for { $minutes } min, under { $required } min ({ quality-size }) → 0 points
quality-why-duration-unknown = The meeting's duration is unknown ({ $required } min needed) → 0 points
quality-why-attendance-rate = Rate { NUMBER($rate, maximumFractionDigits: 1) }% ({ $present }/{ $eligible }) → { $points } points
quality-why-attendance-unexcused = { $count } member(s) absent without a reason → { $points } points
quality-why-attendance-bonus = nobody absent with a reason more than { $max } times in a row → +{ $points }
quality-why-attendance-no-bonus = a member was absent with a reason { $streak } times in a row (more than { $max }) → no bonus
quality-why-attendance-nobody = No member counts for the rate → 0 points
quality-why-notice-members = notice sent to the members at { $at } → { $points } points
quality-why-notice-members-none = no notice sent to the members before the meeting → 0 points
quality-why-notice-committee = sent to the committee member in charge at { $at } → { $points } points
quality-why-notice-committee-none = not sent to the committee member in charge → 0 points
quality-why-notice-no-committee = the cell has no committee member in charge → 0 points
quality-why-documents-early = Documents sent at { $at }, at least { $days } day(s) before → { $points } points
quality-why-documents-late = Documents sent at { $at }, less than { $days } day(s) before → 0 points
quality-why-documents-none = No documents sent through the bot before the meeting → 0 points
quality-why-minutes-in-time = Minutes sent at { $at }, within { $days } day(s) → { $points } points
quality-why-minutes-late = Minutes sent at { $at }, after more than { $days } day(s) → 0 points
quality-why-minutes-none = Minutes not sent → 0 points
quality-why-secretary-scored = Scored by the cell committee: { $points }/{ $max }
quality-why-secretary-unscored = Not scored by the cell committee yet

## Score and grade
quality-title = 📝 Meeting quality (Guideline 42-HD/BTCTW):
quality-item-line = { $scored ->
    [yes] • { $label }: { $points }/{ $max } — { $why }
   *[no] • { $label }: not scored yet (at most { $max })
}
quality-secretary-line = { $scored ->
    [yes] • { $label }: { $points }/{ $max }
   *[no] • { $label }: not scored yet (at most { $max })
}
quality-line = Meeting quality: { $total }/{ $max } points{ $complete ->
    [yes] {" "}— graded { $grade }
   *[no] {" "}(not fully scored, no grade yet)
}
quality-csv-label = Meeting quality
quality-csv-value = { $total }/{ $max }{ $complete ->
    [yes] {" "}{ $grade }
   *[no] {" "}(not fully scored)
}

## Scoring in chat
quality-offer-button = 📝 Score the meeting's quality
quality-zalo-offer = Send «chamdiem» to score this meeting's quality.
quality-sheet-title = 📝 Meeting quality — { $cell }, meeting of { $date }
quality-bot-items = Scored by the bot:
quality-secretary-items = Scored by the cell committee:
quality-ask = «{ $label }» (at most { $max } points): pick a level, or type the points from 0 to { $max }.
quality-ask-zalo = «{ $label }» (at most { $max } points): pick a level below, or type the points followed by «điểm», e.g. { $example } điểm.
quality-button-full = In full ({ $points } points)
quality-button-partial = In part ({ $points } points)
quality-button-none = Not met (0 points)
quality-button-later = Later
quality-button-edit = ✏️ { $label }
quality-scored = Recorded: { $label } — { $points }/{ $max } points.
quality-corrected = Corrected: { $label } — { $points }/{ $max } points.
quality-later = The other items stay «not scored». Send /chamdiem to go on.
quality-later-zalo = The other items stay «not scored». Send «chamdiem» to go on.
quality-done = ✅ Every item of the cell committee is scored.
quality-edit-until = Scores can be corrected until { $time } on { $date }: pick the item to correct.
quality-edit-until-zalo = Scores can be corrected until { $time } on { $date }: reply with the item's number.
quality-final = Scores can no longer be corrected (since { $time } on { $date }).
quality-none = The cell has no meeting with a closed roll call to score.
quality-type-number = Pick a level, or type the points from 0 to { $max }.
quality-error-not-held = The roll call is not closed yet, so the meeting cannot be scored.
quality-error-points = The points must be a whole number from 0 to { $max }.
quality-error-closed = Scores can no longer be corrected (24 hours after the roll call closed); they stay as scored.

## Documents before the meeting (/tailieu)
tailieu-none = The cell has no upcoming meeting to send documents for.
tailieu-ask = 📎 Documents for the meeting on { $weekday }, { $date } at { $time }: send a link (https://…, e.g. the electronic Party member handbook) or a file (at most { $maxMb } MB).
tailieu-ask-zalo = 📎 Documents for the meeting on { $weekday }, { $date } at { $time }: type a link (https://…, e.g. the electronic Party member handbook). Files can only be sent on Telegram.
tailieu-ask-title = Type the document's title (one line, at most { $max } characters).
tailieu-button-cancel = Cancel
tailieu-cancelled = Cancelled; no document will be sent.
tailieu-error-url = The link must start with https:// and be at most { $max } characters long.
tailieu-error-file-size = The file is too large: at most { $maxMb } MB.
tailieu-error-title = The title must be 1 to { $max } characters long.
tailieu-error-meeting = The meeting has started, was cancelled or is gone: no document can be sent.
tailieu-link-or-file = Send an https:// link or a file.
tailieu-saved = ✅ Document «{ $title }» recorded. { $now ->
    [yes] The bot sends it now to { $count } people (members and committee members in charge).
   *[no] The bot will send it to { $count } people (members and committee members in charge) at { $time } on { $date }.
}
tailieu-message = 📎 Documents for the meeting of { $cell } on { $weekday }, { $date } at { $time }:
    «{ $title }»
tailieu-message-read = When you have read it, press «Đã đọc».
tailieu-button-read = ✅ Đã đọc (read)
tailieu-read = Recorded that you have read «{ $title }». Thank you.
tailieu-read-again = You already said you read «{ $title }».
tailieu-overview = 📎 «{ $title }»: read by { $read }/{ $total }{ $sent ->
    [yes] {""}
   *[no] {" "}(not sent yet; goes out at { $time } on { $date })
}
tailieu-overview-read = {"   "}✅ Read: { $names }
tailieu-overview-unread = {"   "}⏳ Not read yet: { $names }

## Monthly report (/baocao, digest, CLI)
quality-short = quality { $total }/{ $max }{ $complete ->
    [yes] {" "}{ $grade }
   *[no] {" "}(not fully scored)
}
quality-col-quality = Meeting quality
quality-col-total = Quality points
quality-col-grade = Quality grade
quality-col-incomplete = not fully scored
