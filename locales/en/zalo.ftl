## Zalo: no buttons, so choices are numbered and answered by text

zalo-choice-line = { $number }. { $label }
zalo-choices-hint = Reply with a number from 1 to { $max }.
zalo-answer-hint = Reply 1 to attend, 2 if absent.
zalo-reason-hint = Reply 1–{ $max } to pick a reason, or type your own.
zalo-type-hint = Type your answer, or reply with the number of a choice above.
zalo-stale = ⌛ This question has expired.
zalo-no-question = There is no open question. Send trogiup for the commands.
zalo-wrong-number = { $number } is not one of the choices. Please reply with a number from 1 to { $max }.
zalo-text-only = Sorry, the bot only supports text messages. Please type your answer as text or a number.
zalo-unknown-text = I did not understand this message. Send trogiup for the commands.
zalo-file-omitted = (The file «{ $name }» can only be sent on Telegram; the main content is above.)
zalo-start-unlinked =
    Hello! This bot reminds the cell of its meetings and records attendance.
    You are not linked yet. Ask your cell secretary for an invite code and send it here (e.g. start ABCD234567).
zalo-start-welcome =
    Welcome, { $name }! Your Zalo account is linked to { $cell }.
    The bot will remind you of meetings; answer with the numbers shown in each message. Send trogiup for the commands.
zalo-help-member =
    Member commands (with or without accents, with or without «/»):
    lich — the next meeting and your answer
    cuatoi — your attendance this year
    caidat — fewer or full reminders
zalo-help-leader =
    For secretaries and deputies:
    diemdanh — the roll call during the meeting
    In the roll call: «3 c» present, «3 v» excused, «3 k» unexcused, «3 t» reason not valid; «chot» closes.
    tinhhinh — who answered the next meeting
    nhacnho — remind the members who have not answered
    moi — invite codes for linking members
    traloithay — answer on a member's behalf
    lichhop — set, move or cancel a meeting
    baocao — last month's meeting report (or baocao MM/yyyy)
zalo-help-committee =
    For committee members in charge:
    donvi — this month in the cells in your charge
    baocao — last month's meeting report (or baocao MM/yyyy)
zalo-lichhop-confirm-by-number = Please reply 1 to confirm or 2 to cancel.
zalo-rollcall-line = { $number }. { $icon } { $name }{ $note }
zalo-rollcall-exempt-head = 🛡 Exempt or on special duty (outside the rate):
zalo-rollcall-guests-head = 👤 Guests (committee members in charge, outside the rate):
zalo-rollcall-legend = Reply «number c» present, «number v» excused, «number k» unexcused (e.g. 3 c, or several: 1 2 5 c, 1-5,7 c); «con lai k» for everyone not marked, «tat ca c» for everyone; «xac nhan» marks present everyone who said they would come; «number t» when a reason is not valid; «ds» shows the list again. Send «chot» to close; anyone unmarked becomes absent without reason.
zalo-rollcall-legend-closed = Correct with «number c», «number v», «number k», «number t» (several numbers too: 1 2 5 c; audited); send «chot» to resend the minutes.
zalo-rollcall-wrong-code = Roll call code not understood. E.g. «3 c» present, «3 v» excused, «3 k» unexcused, «3 t» reason not valid, «chot» closes.
zalo-rollcall-left = Present { $present }/{ $eligible }. { $count } not marked yet: numbers { $numbers }. Send «ds» to see the list.
zalo-rollcall-none-left = Present { $present }/{ $eligible }. Everyone is marked. Send «chot» to close.
zalo-rollcall-marked-many = { $correction ->
        [yes] ✏️ Corrected (audited): { $count } members { rollcall-status }.
       *[no] Recorded: { $count } members { rollcall-status }.
    }
zalo-rollcall-nobody = Nobody left to mark.
zalo-rollcall-no-roster = No roll call is open. Send diemdanh to open it.
zalo-tinhhinh-hint = nhacnho — remind the members who have not answered
zalo-moi-help = Reply with a member's number (or «moi number», e.g. moi 3) to make a fresh invite code; their old unused code lapses. The code is shown once: pass it on right away.
zalo-moi-code =
    🔑 Invite code for { $name }: { $code }
    They send this code as a message to the bot on Zalo (or /start { $code } to the bot on Telegram) to link. The code works once and expires at { $time } on { $date }.
