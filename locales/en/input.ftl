## What a person types (issue 12: text cleaned where it enters, codes, links)
error-text-unreadable = Your message has no readable text (only spaces or control characters). Please type it again in words.
