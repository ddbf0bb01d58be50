# Importing units, members, roles, status periods and assignments from Excel/CSV (npm run cli -- import)

## Report
import-problem-row = { $sheet }, row { $row }: { $reason }
import-problem-sheet = { $sheet }: { $reason }
import-refused = Nothing was written: { $count } problems.
import-refused-hint = Fix the problems above and import the whole file again, or add --partial to write the good rows and skip the bad ones.
import-partial-skipped = Skipped { $rows } rows with problems (--partial), { $count } problems:
import-warnings = Note:
import-written = Imported { $files }:
import-unchanged = Nothing changed: everything in { $files } is already stored.
import-checked = Checked { $files }: no problems; nothing written (--dry-run). An import would make:
import-count = { $sheet }: { $created } created, { $updated } updated, { $unchanged } unchanged
import-total = Total: { $created } created, { $updated } updated.
import-absent = Note: { $count } members of the file's cells are not in the file; nobody was deleted: { $codes }. For members who left, fill in «Ngày thôi sinh hoạt».
import-planned = Meetings: { $created } created, { $moved } moved to the new day or time, { $reminders } reminders scheduled.
import-planner-failed = The data was written but the meetings could not be planned ({ $error }). Run: npm run cli -- planner run

## Unreadable files
import-file-missing = { $file }: no such file
import-file-unreadable = { $file }: cannot read the file ({ $detail })
import-file-not-xlsx = { $file }: not a valid Excel .xlsx file (damaged, or the wrong extension)
import-file-xls = { $file }: Excel 97-2003 files (.xls) are not supported; open it in Excel and save it as .xlsx
import-file-type = { $file }: only .xlsx and .csv files are accepted
import-file-encoding = { $file }: the CSV file is not UTF-8; in Excel choose Save as › «CSV UTF-8 (Comma delimited)»

## Sheet problems
import-missing-column = the header row has no column «{ $column }»; this sheet was not read
import-column-twice = the header row has the column «{ $column }» twice; this sheet was not read
import-unknown-csv = unknown kind of data: the first line must hold the column headers of one of the sheets { $sheets }
import-no-known-sheet = no sheet follows the template ({ $sheets }); write the template with: npm run cli -- import --template template.xlsx
import-unknown-column = column «{ $column }» ignored (not in the template)
import-unknown-sheet = sheet ignored (its name and headers match no sheet of the template: { $sheets })

## Row problems
import-empty-value = { $column } is empty
import-too-long = { $column } is longer than { $max } characters
import-bad-choice = { $column } «{ $value }» is not valid; write one of: { $choices }
import-bad-date = { $column } «{ $value }» is not a valid date; write dd/MM/yyyy, e.g. 03/02/2025
import-bad-time = { $column } «{ $value }» is not a valid time; write HH:mm, e.g. 19:30
import-bad-day-rule = { $column } «{ $value }» is not valid; e.g. «ngày 5», «thứ Ba đầu tiên», «thứ Sáu cuối cùng»
import-duplicate-unit = unit code «{ $code }» is used more than once (rows { $rows })
import-duplicate-member = member code «{ $code }» is used more than once (rows { $rows })
import-duplicate-row = the same row appears more than once (rows { $rows })
import-cell-needs-parent = a cell (chi bộ trực thuộc) needs the code of its grassroots committee
import-top-has-parent = the upper-level committee has no parent unit («{ $code }» given)
import-unknown-parent = parent unit «{ $code }» is neither in the file nor stored
import-reference-bad = { $what ->
    [unit] unit
   *[member] member
} «{ $code }» has a problem in sheet «{ $sheet }», row { $row }
import-bad-parent-kind = a { $kind } cannot sit under «{ $code }» ({ $parentKind }); its parent must be a { $expected }
import-missing-cell-kind = { $column } is empty (Khu dân cư or Khác)
import-kind-change-members = cannot become a { $kind }: { $count } members still belong to this unit
import-kind-change-children = cannot become a { $kind }: { $count } units still sit under it ({ $codes })
import-missing-cell = cell «{ $code }» is neither in the file nor stored
import-not-a-cell = «{ $code }» is a { $kind }, not a cell; members belong to a cell or a grassroots cell
import-no-cell = { $column } is empty (allowed only for a committee member with an assignment)
import-left-before-joined = the date left { $left } must be after the date joined { $joined }
import-unknown-member = member «{ $code }» is neither in the file nor stored
import-two-roles = member «{ $member }» is given more than one role (rows { $rows })
import-two-secretaries = cell «{ $cell }» has more than one secretary (rows { $rows })
import-role-not-member = { $role } «{ $member }» does not belong to cell «{ $cell }» but to cell «{ $actual }»
import-role-no-cell = { $role } «{ $member }» does not belong to cell «{ $cell }» (to no cell at all)
import-role-left = member «{ $member }» left on { $date } and cannot hold a role
import-roles-cell-bad = skipped: the roles of cell «{ $cell }» have a problem in row { $rows } (a cell's roles are written together)
import-period-reversed = the end { $to } is before the start { $from }
import-period-overlap = overlaps row { $row }: { $kind } { $to ->
    [none] from { $from }, open-ended
   *[other] from { $from } to { $to }
}
import-period-overlap-db = overlaps a stored period: { $kind } { $to ->
    [none] from { $from }, open-ended
   *[other] from { $from } to { $to }
}
import-unknown-unit = unit «{ $code }» is neither in the file nor stored
import-assign-top = cannot assign a committee member to «{ $code }» ({ $kind }); only to a grassroots organisation or a cell

## The template (--template)
import-template-written = Template written to { $file }: the guide and the sheets { $sheets }.
import-template-exists = { $file }: the file exists and was not overwritten (add --force to overwrite it)
import-template-unwritable = { $file }: cannot write the file ({ $detail })
import-template-choose = Choose one of: { $choices }

import-guide-title = How to fill in the party organisation and its members
import-guide-rules =
    1. Each sheet holds one kind of data: Đơn vị (units), Đảng viên (members), Chức vụ (roles), Miễn sinh hoạt (status periods), Phân công phụ trách (assignments). Leave unused sheets empty or delete them.
    2. Row 1 holds the column headers: keep them as they are; data starts on row 2, one unit, member, role… per row. Columns not in the template are ignored.
    3. Dates as dd/MM/yyyy (e.g. 03/02/2025) or as Excel dates; times as HH:mm (e.g. 19:30).
    4. Unit and member codes are keys: importing the same file again creates nothing new; a changed name, cell, date… is updated.
    5. Deleting a row from the file deletes nothing already imported. For a member who left, fill in «Ngày thôi sinh hoạt».
    6. If the file has problems nothing is written; the report names the sheet, the row and the reason. Fix them and import again (or add --partial to write only the good rows).
    7. CSV files (UTF-8) may replace the workbook: one file per kind, the first line holding the headers of that sheet.
    8. Command: npm run cli -- import my-file.xlsx (check only, write nothing: add --dry-run).
import-guide-sheet = Sheet
import-guide-column = Column
import-guide-required = Required
import-guide-how = How to fill it in
import-guide-yes = Yes

import-sheet-units = The tree: upper-level committee → grassroots organisations (grassroots committees, grassroots cells) → cells. One unit per row.
import-sheet-members = The members, one per row.
import-sheet-roles = Each cell's secretary and deputies.
import-sheet-statuses = Periods in which a member is exempt from party work and meetings, or an armed-forces member on special duty: not counted in the attendance rate.
import-sheet-assignments = Committee members in charge of a grassroots committee, grassroots cell or cell: they get its reminders, alerts and reports. One person may be in charge of several units, one unit may have several.

import-column-units-code = A code chosen by the office, unique and never changed (e.g. DB01, DB01-KP3).
import-column-units-name = The full name (e.g. Chi bộ Khu phố 3).
import-column-units-kind = Đảng bộ cấp trên cơ sở (town or district committee), Đảng bộ cơ sở (with cells under it), Chi bộ cơ sở or Chi bộ trực thuộc.
import-column-units-parent = The parent unit's code (in this sheet or already stored). Chi bộ trực thuộc: its grassroots committee, required. Grassroots committees and cells: the upper-level committee, optional.
import-column-units-cellKind = Required for cells: Khu dân cư (residential: meets on day 3) or Khác (agencies, schools, enterprises, armed forces…).
import-column-units-dayRule = Regular meeting day of an «other» cell, e.g. «ngày 5», «thứ Ba đầu tiên», «thứ Sáu cuối cùng». Empty: the secretary sets each month's date. Residential cells meet on day 3.
import-column-units-meetingTime = Meeting time as HH:mm (e.g. 19:30). Empty: 19:30.
import-column-units-meetingPlace = The usual meeting place (e.g. Nhà văn hóa khu phố 3).
import-column-members-code = A code chosen by the office, unique and never changed (e.g. DV00042). Not an ID card number.
import-column-members-fullName = The full name with diacritics (e.g. Nguyễn Văn Bình).
import-column-members-cell = The code of the member's cell (in sheet Đơn vị or already stored). Empty only for a committee member in charge of units who belongs to no cell tracked here.
import-column-members-membership = Chính thức (full) or Dự bị (probationary). Empty: Chính thức.
import-column-members-joinedOn = Date the member started in the cell, dd/MM/yyyy (optional).
import-column-members-leftOn = Date the member left the cell (moved, died…), dd/MM/yyyy; empty while still in it.
import-column-roles-cell = The cell's code.
import-column-roles-member = The code of the member holding the role; they must belong to this cell.
import-column-roles-fullName = For checking only, optional (not stored).
import-column-roles-role = Bí thư (secretary) or Phó bí thư (deputy); one secretary per cell. For a cell named in this sheet, members not listed here lose their role.
import-column-statuses-member = The member's code.
import-column-statuses-fullName = For checking only, optional (not stored).
import-column-statuses-kind = Miễn công tác và sinh hoạt đảng (exempt) or LLVT làm nhiệm vụ đặc biệt (armed forces on special duty).
import-column-statuses-from = Start date, dd/MM/yyyy.
import-column-statuses-to = End date (inclusive), dd/MM/yyyy; empty if open-ended. A member's periods must not overlap.
import-column-statuses-decision = The decision's number (e.g. 15-QĐ/ĐU), optional.
import-column-assignments-member = The committee member's code.
import-column-assignments-fullName = For checking only, optional (not stored).
import-column-assignments-unit = The code of the grassroots committee, grassroots cell or cell they are in charge of; a grassroots committee includes all its cells.

## Long reports, CSV syntax errors (issue 12)
import-more-problems = … and { $count } more problems (fix the ones above and import again to see the rest).
import-more-warnings = … and { $count } more notes.
import-csv-quote-not-closed = a double quote (") opened in this row is never closed, so the rest of the file cannot be read; check the cell with the quote in this row, or open the file in Excel and save it again as "CSV UTF-8"
import-csv-unreadable = the CSV file's syntax is broken from this row ({ $code }); open the file in Excel and save it again as "CSV UTF-8"
