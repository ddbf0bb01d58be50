## What a person types (issue 12: text cleaned where it enters, codes, links)
error-text-unreadable = Your message has no readable text (only spaces or control characters). Please type it again in words.
link-not-a-code = This is not an invite code. An invite code has { $length } letters and digits (for example ABCD234567) and comes from your cell secretary; please send that code. This message does not count as a wrong code.
link-replaced =
    🔒 This { $platform ->
        [ZALO] Zalo
       *[other] Telegram
    } account is no longer linked to { $name } ({ $cell }): at { $time } on { $date } a new invite code was used on another account, and the bot writes there from now on.
    If this was not you, please tell your cell secretary at once.
link-added-elsewhere =
    🔔 At { $time } on { $date } a { $platform ->
        [ZALO] Zalo
       *[other] Telegram
    } account was linked to { $name } ({ $cell }) with an invite code. This account stays linked.
    If this was not you, please tell your cell secretary at once.
