## Sandbox: errors of the control API (/api/sandbox), shown as they are by the page
sandbox-error-malformed-json = The request body is not valid JSON.
sandbox-error-unknown-persona = No such persona.
sandbox-error-text-required = "text" is required: the message, not empty.
sandbox-error-no-zalo = This sandbox has no Zalo.
sandbox-error-zalo-no-buttons = Zalo has no buttons: send the choice's number as text.
sandbox-error-press-fields = "messageId" (a number) and "button" (the label seen on the message) are required.
sandbox-error-unknown-message = No such message.
sandbox-error-unknown-button = That button is no longer on the message (it was just edited). Please press again.
sandbox-error-advance-to = "advanceTo" must be an ISO 8601 date-time, e.g. 2026-12-03T19:30:00+07:00.
sandbox-error-advance-by = "advanceBy" must be an ISO 8601 duration, e.g. PT2H or P1D.
sandbox-error-too-far = The virtual clock moves at most { $days } days per call.
sandbox-error-clock-back = The virtual clock never goes back.
sandbox-error-nothing-due = No reminder is waiting to be sent.
sandbox-error-clock-body = Give one of "advanceTo" (a date-time), "advanceBy" (a duration) or "next": "reminder".
sandbox-error-action = Could not do it: { $detail }
sandbox-error-internal = The sandbox failed while handling the request ({ $request }); the virtual clock is at { $now }. See the log for the cause.
