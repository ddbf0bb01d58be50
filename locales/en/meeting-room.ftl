## In the meeting (issue 16): self check-in with a code or a QR, and voting

button-rollcall-checkin-code = 📲 Check-in code
button-rollcall-votes = 🗳 Votes
button-checkin-refresh = 🔄 Current code
checkin-code-caption =
    📲 Check-in code — { $cell }
    Members scan this QR code with their phone, or send the bot: { $numeric }
    (on Zalo: "dd { $numeric }"). The code changes at { $until }; an old code no longer works.
checkin-code-zalo =
    📲 Check-in code — { $cell }: { $numeric }
    Members send the bot "dd { $numeric }" (Telegram: type { $numeric } or scan the QR).
    The code changes at { $until }; send "madd" for the new one.
checkin-roll-call-not-open = The roll call is not open or already closed: there is no check-in code.
checkin-unlinked = This account is not linked to any member, so it cannot check in. Please ask the cell secretary for an invite code.
checkin-locked = Too many wrong check-in codes. Please try again in an hour or ask the secretary to mark you.
checkin-bad-code = Wrong check-in code. { $left } tries left.
checkin-expired = This check-in code has expired (it changes every few minutes). Please scan or type the code shown in the room. { $left } tries left.
checkin-other-cell = This code belongs to another cell's meeting: you cannot check in here. Nothing changed.
checkin-closed = This meeting's roll call is not open: you cannot check in. Nothing changed.
checkin-done = ✅ { $name } is marked present (checked in at { $time }).
checkin-already = { $name } is already marked present.
rollcall-self-checked-line = 📲 Checked in themselves: { $count }
tinhhinh-self-checked = 📲 Checked in themselves: { $self }/{ $total }
minutes-self-checked = Of them checked in with the code: { $count }
zalo-checkin-how = Send "dd" and the 6-digit code shown in the room, for example: dd 123456.

vote-how-to-open = To open a vote, type: /bieuquyet <text>, for example: /bieuquyet Adopt the December resolution. To annul the open vote: /huybieuquyet <reason>.
vote-text-missing = Please write what is voted on, for example: /bieuquyet Adopt the December resolution.
vote-text-long = The vote's text is longer than { $max } characters.
vote-no-meeting = A vote can only be opened while a meeting's roll call is open (open /diemdanh first, not closed).
vote-no-voters = No official member is marked present yet: nobody can vote.
vote-not-found = This vote was not found.
vote-closed = This vote has ended: no more votes or changes.
vote-not-voter = You have no ballot in this vote (only official members present vote).
vote-annul-reason-missing = Please give the reason, for example: /huybieuquyet Wrong text.
vote-none-open = No vote is open.
vote-ballot =
    🗳 Vote — { $cell }
    "{ $text }"
    Choose one; you may change until the vote ends. Nobody sees what you chose.
button-vote-approve = Approve
button-vote-reject = Do not approve
button-vote-close = 🔒 End the vote
button-vote-annul = ✖ Annul the vote
vote-recorded = Recorded: { $choice ->
        [approve] Approve
       *[reject] Do not approve
    }. You may change until the vote ends.
vote-tally-title = 🗳 Vote: "{ $text }"
vote-tally-counts = Approve { $approve } · Do not approve { $reject } · Not voted { $abstain } — of { $of } ballots
vote-tally-open = Passed when more than half of { $policy ->
        [present] the members present who may vote ({ $base })
       *[official] the official members not exempt ({ $base })
    } approve.
vote-result = { $passed ->
        [yes] Passed
       *[no] Not passed
    }
vote-result-line = Result: { vote-result } ({ $approve }/{ $base } approve; more than half needed).
vote-annulled-line = ✖ Annulled: { $reason }
vote-closed-toast = The vote has ended.
vote-annulled-toast = The vote is annulled.
vote-annul-ask = Please send the reason for annulling the vote "{ $text }":
minutes-votes = Votes ({ $count }):
minutes-vote-line = { $n }. "{ $text }"
minutes-vote-counts = Approve { $approve }, do not approve { $reject }, not voted { $abstain }, of { $of } members present who may vote. Result: { vote-result } ({ $approve }/{ $base } { $policy ->
        [present] present
       *[official] official members
    }).
minutes-csv-vote = Vote { $n }
minutes-csv-vote-counts = Approve / Do not approve / Not voted / Of
minutes-csv-vote-result = Result
zalo-vote-menu = Send "bieuquyet <text>" to open a new vote.
command-bieuquyet = Vote in the meeting
