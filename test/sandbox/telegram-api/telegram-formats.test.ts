import { describe, expect, it } from "vitest";
import { parseRequestBody } from "../../../src/sandbox/telegram-api/request-body.ts";
import {
  parseHtml,
  parseMessageText,
  userTextEntities,
} from "../../../src/sandbox/telegram-api/telegram-text.ts";

const errorOf = (run: () => unknown): string => {
  try {
    run();
    return "no error";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

describe("HTML parse mode, as Telegram reads it", () => {
  it.each([
    {
      rule: "nested tags become nested entities",
      html: "<b>Họp <i>chi bộ</i></b>",
      text: "Họp chi bộ",
      entities: [
        { type: "bold", offset: 0, length: 10 },
        { type: "italic", offset: 4, length: 6 },
      ],
    },
    {
      rule: "a link keeps its URL",
      html: '<a href="https://example.vn/hop?a=1&amp;b=2">lịch</a>',
      text: "lịch",
      entities: [
        { type: "text_link", offset: 0, length: 4, url: "https://example.vn/hop?a=1&b=2" },
      ],
    },
    {
      rule: "pre with a language class is one pre entity",
      html: '<pre><code class="language-csv">a,b</code></pre>',
      text: "a,b",
      entities: [{ type: "pre", offset: 0, length: 3, language: "csv" }],
    },
    {
      rule: "the four named entities and numeric ones are decoded",
      html: "&lt;5&gt; &amp; &quot;Ngh&#7883; quy&#x1EBF;t&quot;",
      text: '<5> & "Nghị quyết"',
      entities: [],
    },
    {
      rule: "a bare ampersand is kept",
      html: "Nam & Nữ",
      text: "Nam & Nữ",
      entities: [],
    },
    {
      rule: "an emoji outside the BMP counts two UTF-16 units in offsets",
      html: "📅 <b>Họp</b>",
      text: "📅 Họp",
      entities: [{ type: "bold", offset: 3, length: 3 }],
    },
  ])("$rule", ({ html, text, entities }) => {
    expect(parseHtml(html)).toEqual({ text, entities });
  });

  it.each([
    {
      rule: "an unknown tag",
      html: "<br>",
      error: 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 0',
    },
    {
      rule: "a tag left open",
      html: "<b>Họp",
      error:
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    },
    {
      rule: "tags closed in the wrong order",
      html: "<b><i>x</b></i>",
      error:
        'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    },
    {
      rule: "a span that is not a spoiler",
      html: '<span class="red">x</span>',
      error:
        'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0',
    },
  ])("refuses $rule", ({ html, error }) => {
    expect(errorOf(() => parseHtml(html))).toBe(error);
  });
});

describe("message text rules", () => {
  it("surrounding whitespace is trimmed and the entities move with the text", () => {
    expect(parseMessageText(" \n<b>Họp</b> \n", "HTML", undefined, "text")).toMatchObject({
      text: "Họp",
      entities: [{ type: "bold", offset: 0, length: 3 }],
    });
  });

  it("the length limit counts what remains after the tags are removed", () => {
    expect(
      parseMessageText(`<b>${"a".repeat(4096)}</b>`, "HTML", undefined, "text").text,
    ).toHaveLength(4096);
  });

  it("a caption may be empty but not longer than 1024 characters", () => {
    expect(errorOf(() => parseMessageText("a".repeat(1025), undefined, undefined, "caption"))).toBe(
      "Bad Request: message caption is too long",
    );
  });

  it("an unknown parse mode is refused", () => {
    expect(errorOf(() => parseMessageText("x", "html5", undefined, "text"))).toBe(
      "Bad Request: unsupported parse_mode",
    );
  });

  it("a typed command, with or without the bot's name, is a bot_command entity", () => {
    expect(userTextEntities("/diemdanh@sandbox_bot ngay mai, /huy")).toEqual([
      { type: "bot_command", offset: 0, length: 21 },
      { type: "bot_command", offset: 32, length: 4 },
    ]);
  });
});

describe("request bodies", () => {
  const multipart = (boundary: string, parts: string[]) =>
    Buffer.from(`--${boundary}\r\n${parts.join(`\r\n--${boundary}\r\n`)}\r\n--${boundary}--\r\n`);

  it("reads grammY's multipart (no spaces, unquoted file name with Vietnamese and ';')", () => {
    const body = multipart("----------abc", [
      'content-disposition:form-data;name="chat_id"\r\n\r\n1001',
      'content-disposition:form-data;name="document"\r\n\r\nattach://f1',
      'content-disposition:form-data;name="f1";filename=biên bản; tháng 12.csv\r\ncontent-type:application/octet-stream\r\n\r\na,b\r\n1,2',
    ]);
    const parsed = parseRequestBody("multipart/form-data; boundary=----------abc", body);
    expect({
      fields: parsed.fields,
      file: parsed.files.get("f1")?.filename,
      bytes: parsed.files.get("f1")?.bytes.toString("utf8"),
    }).toEqual({
      fields: { chat_id: "1001", document: "attach://f1" },
      file: "biên bản; tháng 12.csv",
      bytes: "a,b\r\n1,2",
    });
  });

  it("reads a browser/curl multipart with a quoted boundary and an RFC 5987 file name", () => {
    const body = multipart("xyz", [
      'Content-Disposition: form-data; name="document"; filename="x.csv"; filename*=UTF-8\'\'%C4%91i%E1%BB%83m.csv\r\nContent-Type: text/csv\r\n\r\nx',
    ]);
    const parsed = parseRequestBody('multipart/form-data; boundary="xyz"', body);
    expect(parsed.files.get("document")).toMatchObject({
      filename: "điểm.csv",
      contentType: "text/csv",
    });
  });

  it("reads a JSON body sent without a content type", () => {
    expect(parseRequestBody(undefined, Buffer.from('{"chat_id":1}')).fields).toEqual({
      chat_id: 1,
    });
  });
});
