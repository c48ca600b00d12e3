/*
 * The catalogue of every diagnostic congvan gives (issue 12), in the
 * order of the pipeline: for each, its text as one whole sentence with
 * its printf arguments (MSGTXT_ID, which MSGT() checks against the
 * arguments at compile time) and its level (MSGDEF).  A translation
 * replaces each text whole.  Included by msg.h and msg.c (an X-macro
 * list: no include guard).
 */

/* base/text.c */
#define MSGTXT_TEXT_CONTROL_CHARACTER_U \
	"control character U+%04X"
MSGDEF(TEXT_CONTROL_CHARACTER_U, MSG_ERROR)
#define MSGTXT_TEXT_CONTROL_CHARACTER_U_MORE \
	"control character U+%04X, and %zu more after it"
MSGDEF(TEXT_CONTROL_CHARACTER_U_MORE, MSG_ERROR)
#define MSGTXT_TEXT_INVISIBLE_CHARACTER \
	"invisible character U+%04X: delete it (Word and web pages leave " \
	"such characters)"
MSGDEF(TEXT_INVISIBLE_CHARACTER, MSG_ERROR)
#define MSGTXT_TEXT_FILE_LARGER_BYTES \
	"file larger than %u bytes"
MSGDEF(TEXT_FILE_LARGER_BYTES, MSG_ERROR)
#define MSGTXT_TEXT_INVALID_BYTE \
	"invalid UTF-8 byte 0x%02X"
MSGDEF(TEXT_INVALID_BYTE, MSG_ERROR)
#define MSGTXT_TEXT_INVALID_BYTE_UTF16_CSV \
	"invalid UTF-8 byte 0x%02X: this file looks like UTF-16 (Excel's " \
	"\"Unicode Text\"); save it again as \"CSV UTF-8 (Comma delimited)\""
MSGDEF(TEXT_INVALID_BYTE_UTF16_CSV, MSG_ERROR)
#define MSGTXT_TEXT_INVALID_BYTE_UTF16 \
	"invalid UTF-8 byte 0x%02X: this file looks like UTF-16; save it " \
	"again with the encoding UTF-8"
MSGDEF(TEXT_INVALID_BYTE_UTF16, MSG_ERROR)
#define MSGTXT_TEXT_INVALID_BYTE_CP1258_CSV \
	"invalid UTF-8 byte 0x%02X: this file looks like Windows-1258 " \
	"(Excel's plain \"CSV\"); save it again as \"CSV UTF-8 (Comma " \
	"delimited)\""
MSGDEF(TEXT_INVALID_BYTE_CP1258_CSV, MSG_ERROR)
#define MSGTXT_TEXT_INVALID_BYTE_CP1258 \
	"invalid UTF-8 byte 0x%02X: this file looks like Windows-1258; save " \
	"it again with the encoding UTF-8"
MSGDEF(TEXT_INVALID_BYTE_CP1258, MSG_ERROR)
#define MSGTXT_TEXT_MISSING_INPUT \
	"missing input file"
MSGDEF(TEXT_MISSING_INPUT, MSG_ERROR)
#define MSGTXT_TEXT_MISSING_TEMPLATE \
	"missing template"
MSGDEF(TEXT_MISSING_TEMPLATE, MSG_ERROR)
#define MSGTXT_TEXT_MORE_COMBINING_MARKS_ROW \
	"more than %d combining marks in a row"
MSGDEF(TEXT_MORE_COMBINING_MARKS_ROW, MSG_ERROR)
#define MSGTXT_TEXT_NOT_REGULAR_FILE \
	"not a regular file"
MSGDEF(TEXT_NOT_REGULAR_FILE, MSG_ERROR)
#define MSGTXT_SYS_OUT_OF_MEMORY \
	"out of memory"
MSGDEF(SYS_OUT_OF_MEMORY, MSG_SYSTEM)

/* base/sha.c */
#define MSGTXT_SHA_SYS_SHA_FAILED \
	"SHA-256 failed"
MSGDEF(SHA_SYS_SHA_FAILED, MSG_SYSTEM)

/* load/ytree.c */
#define MSGTXT_YTREE_BRACES_NEED_QUOTES \
	"\"%s\": a value that begins with \"{\" is read as a YAML " \
	"mapping: put the whole value in quotes, as in %s: \"%s\""
MSGDEF(YTREE_BRACES_NEED_QUOTES, MSG_ERROR)
#define MSGTXT_YTREE_BRACES_ENTRY_NEED_QUOTES \
	"an entry of \"%s\" that begins with \"{\" is read as a YAML " \
	"mapping: put the whole entry in quotes, as in - \"%s\""
MSGDEF(YTREE_BRACES_ENTRY_NEED_QUOTES, MSG_ERROR)
#define MSGTXT_YTREE_BRACES_FLOW_ENTRY_NEED_QUOTES \
	"an entry of \"%s\" that begins with \"{\" is read as a YAML " \
	"mapping: put the whole entry in quotes (\"…\")"
MSGDEF(YTREE_BRACES_FLOW_ENTRY_NEED_QUOTES, MSG_ERROR)
#define MSGTXT_YTREE_COMMENT_CUTS_VALUE \
	"\"%s\": YAML reads \"%.*s\" after a space as a comment and " \
	"leaves it out of the value: to keep it, put the whole value in " \
	"quotes (\"…\")"
MSGDEF(YTREE_COMMENT_CUTS_VALUE, MSG_WARNING)
#define MSGTXT_YTREE_INVALID_YAML \
	"invalid YAML: %s"
MSGDEF(YTREE_INVALID_YAML, MSG_ERROR)
#define MSGTXT_YTREE_INVALID_YAML_CONTEXT \
	"invalid YAML: %s %s"
MSGDEF(YTREE_INVALID_YAML_CONTEXT, MSG_ERROR)
#define MSGTXT_YTREE_INVALID_YAML_LINE_NOT \
	"invalid YAML: this line is not indented like the lines above it"
MSGDEF(YTREE_INVALID_YAML_LINE_NOT, MSG_ERROR)
#define MSGTXT_YTREE_INVALID_YAML_QUOTED_VALUE \
	"invalid YAML: this quoted value is not closed"
MSGDEF(YTREE_INVALID_YAML_QUOTED_VALUE, MSG_ERROR)
#define MSGTXT_YTREE_INVALID_YAML_TAB_INDENT \
	"invalid YAML: a tab; indent with spaces"
MSGDEF(YTREE_INVALID_YAML_TAB_INDENT, MSG_ERROR)
#define MSGTXT_YTREE_INVALID_YAML_VALUE_CANNOT \
	"invalid YAML: a value cannot begin with '%c': put it in quotes " \
	"(\"…\")"
MSGDEF(YTREE_INVALID_YAML_VALUE_CANNOT, MSG_ERROR)
#define MSGTXT_YTREE_INVALID_YAML_VALUE_CONTAINS \
	"invalid YAML: a value that contains \": \" must be put in quotes " \
	"(\"…\")"
MSGDEF(YTREE_INVALID_YAML_VALUE_CONTAINS, MSG_ERROR)
#define MSGTXT_YTREE_LIST_ENTRY_RUNS_LINE \
	"this list entry runs on to line %zu and is read as one: \"%s\"; " \
	"if that line is an entry of its own, indent its \"-\" like the " \
	"others"
MSGDEF(YTREE_LIST_ENTRY_RUNS_LINE, MSG_WARNING)
#define MSGTXT_YTREE_MORE_ONE_YAML_DOCUMENT \
	"more than one YAML document"
MSGDEF(YTREE_MORE_ONE_YAML_DOCUMENT, MSG_ERROR)
#define MSGTXT_YTREE_ANCHORS \
	"YAML anchors are not supported here"
MSGDEF(YTREE_ANCHORS, MSG_ERROR)
#define MSGTXT_YTREE_TAGS \
	"YAML tags are not supported here"
MSGDEF(YTREE_TAGS, MSG_ERROR)
#define MSGTXT_YTREE_KEYS_NOT_TEXT \
	"keys that are not plain text are not supported here"
MSGDEF(YTREE_KEYS_NOT_TEXT, MSG_ERROR)
#define MSGTXT_YTREE_UNEXPECTED_YAML_EVENT \
	"unexpected YAML event"
MSGDEF(YTREE_UNEXPECTED_YAML_EVENT, MSG_ERROR)
#define MSGTXT_YTREE_YAML_ALIASES_NOT_SUPPORTED \
	"YAML aliases are not supported here: a value that begins with '*' " \
	"must be put in quotes"
MSGDEF(YTREE_YAML_ALIASES_NOT_SUPPORTED, MSG_ERROR)
#define MSGTXT_YTREE_YAML_NESTED_DEEPER_LEVELS \
	"YAML nested deeper than %d levels"
MSGDEF(YTREE_YAML_NESTED_DEEPER_LEVELS, MSG_ERROR)

/* load/field.c */
#define MSGTXT_FIELD_EMPTY_PLACEHOLDER \
	"empty placeholder \"{{}}\""
MSGDEF(FIELD_EMPTY_PLACEHOLDER, MSG_ERROR)
#define MSGTXT_FIELD_UNCLOSED_PLACEHOLDER_PLACEHOLDER_WRITTEN \
	"unclosed placeholder \"%.*s%s\": a placeholder is written {{name}}"
MSGDEF(FIELD_UNCLOSED_PLACEHOLDER_PLACEHOLDER_WRITTEN, MSG_ERROR)
#define MSGTXT_FIELD_WITHOUT_PLACEHOLDER_WRITTEN_NAME \
	"\"}}\" without \"{{\": a placeholder is written {{name}}"
MSGDEF(FIELD_WITHOUT_PLACEHOLDER_WRITTEN_NAME, MSG_ERROR)

/* load/mdin.c */
#define MSGTXT_MDIN_BLOCK_QUOTE_PLAIN \
	"block quote printed as ordinary paragraphs"
MSGDEF(MDIN_BLOCK_QUOTE_PLAIN, MSG_WARNING)
#define MSGTXT_MDIN_RAW_HTML_PLAIN \
	"raw HTML printed as plain text"
MSGDEF(MDIN_RAW_HTML_PLAIN, MSG_WARNING)
#define MSGTXT_MDIN_LINK_TEXT_ONLY \
	"link printed as its text only"
MSGDEF(MDIN_LINK_TEXT_ONLY, MSG_WARNING)
#define MSGTXT_MDIN_BODY_BYTES_MORE_LIMIT \
	"body is %zu bytes, more than the limit of %u"
MSGDEF(MDIN_BODY_BYTES_MORE_LIMIT, MSG_ERROR)
#define MSGTXT_MDIN_IMAGE_LEFT_OUT_LETTER \
	"image left out: a letter shows no images"
MSGDEF(MDIN_IMAGE_LEFT_OUT_LETTER, MSG_WARNING)
#define MSGTXT_MDIN_LISTS_NESTED_DEEPER_LEVELS \
	"lists nested deeper than %d levels"
MSGDEF(MDIN_LISTS_NESTED_DEEPER_LEVELS, MSG_ERROR)
#define MSGTXT_MDIN_MARKDOWN_TABLES_NOT_SUPPORTED \
	"Markdown tables are not supported: printed as plain text (put " \
	"tables in the appendix)"
MSGDEF(MDIN_MARKDOWN_TABLES_NOT_SUPPORTED, MSG_WARNING)
#define MSGTXT_MDIN_FIELD_EMPHASIS \
	"a placeholder cannot hold emphasis: put * or ** around the whole " \
	"{{name}}"
MSGDEF(MDIN_FIELD_EMPHASIS, MSG_ERROR)
#define MSGTXT_MDIN_CODE_BLOCK_PLAIN \
	"code block printed as plain text"
MSGDEF(MDIN_CODE_BLOCK_PLAIN, MSG_WARNING)
#define MSGTXT_MDIN_HTML_BLOCK_PLAIN \
	"raw HTML block printed as plain text"
MSGDEF(MDIN_HTML_BLOCK_PLAIN, MSG_WARNING)
#define MSGTXT_MDIN_SETEXT_HEADING \
	"this line of \"%c\" under a paragraph makes the paragraph (line " \
	"%zu) a heading: to keep it a paragraph, delete this line (a letter " \
	"prints no rules); to make it a heading, delete this line and begin " \
	"the paragraph with \"%s \""
MSGDEF(MDIN_SETEXT_HEADING, MSG_WARNING)
#define MSGTXT_MDIN_THEMATIC_BREAK_NOT_PRINTED \
	"thematic break (---, ***) is not printed in a letter"
MSGDEF(MDIN_THEMATIC_BREAK_NOT_PRINTED, MSG_WARNING)
#define MSGTXT_MDIN_UNSUPPORTED_MARKDOWN_LEFT_OUT \
	"unsupported Markdown left out"
MSGDEF(MDIN_UNSUPPORTED_MARKDOWN_LEFT_OUT, MSG_WARNING)

/* load/dispatch.c */
#define MSGTXT_DISPATCH_BODY_EMPTY_LETTERS_WILL \
	"the body is empty: the letters will have no text"
MSGDEF(DISPATCH_BODY_EMPTY_LETTERS_WILL, MSG_WARNING)
#define MSGTXT_DISPATCH_DANH_BA_MUST_MAPPING \
	"\"danh_ba\" must be a mapping (tieu_de, han), not %s"
MSGDEF(DISPATCH_DANH_BA_MUST_MAPPING, MSG_ERROR)
#define MSGTXT_DISPATCH_NAME_LIST_USE_BLOCK \
	"\"%s\" must be text, not a list; to choose its lines, write them " \
	"one a line under \"%s: |\""
MSGDEF(DISPATCH_NAME_LIST_USE_BLOCK, MSG_ERROR)
#define MSGTXT_DISPATCH_EACH_ENTRY_MUST_TEXT \
	"each entry of \"%s\" must be text, not %s"
MSGDEF(DISPATCH_EACH_ENTRY_MUST_TEXT, MSG_ERROR)
#define MSGTXT_DISPATCH_ENTRY_MAPPING_QUOTE \
	"each entry of \"%s\" must be text, but a \": \" inside this one " \
	"makes it a mapping in YAML; put the entry in double quotes, as " \
	"- \"Lưu: VT\""
MSGDEF(DISPATCH_ENTRY_MAPPING_QUOTE, MSG_ERROR)
#define MSGTXT_DISPATCH_EMPTY_ENTRY \
	"empty entry in \"%s\""
MSGDEF(DISPATCH_EMPTY_ENTRY, MSG_ERROR)
#define MSGTXT_DISPATCH_EMPTY_REQUIRED \
	"\"%s\" is empty; it is required"
MSGDEF(DISPATCH_EMPTY_REQUIRED, MSG_ERROR)
#define MSGTXT_DISPATCH_FRONT_MATTER_MUST_KEY \
	"front matter must be \"key: value\" lines, not %s"
MSGDEF(DISPATCH_FRONT_MATTER_MUST_KEY, MSG_ERROR)
#define MSGTXT_DISPATCH_FRONT_MATTER_NOT_CLOSED \
	"front matter is not closed: no second \"---\" line"
MSGDEF(DISPATCH_FRONT_MATTER_NOT_CLOSED, MSG_ERROR)
#define MSGTXT_DISPATCH_GIVEN_TWICE_FIRST_LINE \
	"\"%s\" is given twice (first at line %zu)"
MSGDEF(DISPATCH_GIVEN_TWICE_FIRST_LINE, MSG_ERROR)
#define MSGTXT_DISPATCH_HAS_ENTRIES_MORE \
	"\"%s\" has %zu entries, more than %d"
MSGDEF(DISPATCH_HAS_ENTRIES_MORE, MSG_ERROR)
#define MSGTXT_DISPATCH_REF_SHAPE \
	"\"%s\" names the dispatch this one mends by its number, symbol and " \
	"date as the register writes them, e.g. \"01/UBND-VP ngày " \
	"05/03/2022\": \"%s\""
MSGDEF(DISPATCH_REF_SHAPE, MSG_ERROR)
#define MSGTXT_DISPATCH_REF_BOTH \
	"give \"thay_the\" (a replacement, for an error of content) or " \
	"\"dinh_chinh\" (a correction, for an error of format or " \
	"procedure), not both"
MSGDEF(DISPATCH_REF_BOTH, MSG_ERROR)
#define MSGTXT_DISPATCH_SO_DANG_KY_SHAPE \
	"\"so_dang_ky\" names a register of its own (its own number " \
	"series) in at most 20 small letters, digits and \"-\", starting " \
	"with a letter, e.g. \"mat\": \"%s\""
MSGDEF(DISPATCH_SO_DANG_KY_SHAPE, MSG_ERROR)
#define MSGTXT_DISPATCH_KY_HIEU_MUST_NOT \
	"\"ky_hieu\" must not contain spaces or \"/\": \"%s\" (groups are " \
	"joined by \"-\", e.g. BTTTT-CATTT)"
MSGDEF(DISPATCH_KY_HIEU_MUST_NOT, MSG_ERROR)
#define MSGTXT_DISPATCH_KY_HIEU_WRITTEN_CAPITALS \
	"\"ky_hieu\" is written in capitals: \"%s\""
MSGDEF(DISPATCH_KY_HIEU_WRITTEN_CAPITALS, MSG_WARNING)
#define MSGTXT_DISPATCH_LAST_ENTRY_NOI_NHAN \
	"the last entry of \"noi_nhan\" is usually \"Lưu: VT, …\" (Decree " \
	"30, Phụ lục I)"
MSGDEF(DISPATCH_LAST_ENTRY_NOI_NHAN, MSG_WARNING)
#define MSGTXT_DISPATCH_MISSING_REQUIRED_KEY \
	"missing required key \"%s\""
MSGDEF(DISPATCH_MISSING_REQUIRED_KEY, MSG_ERROR)
#define MSGTXT_DISPATCH_MUST_LIST \
	"\"%s\" must be a list, not %s"
MSGDEF(DISPATCH_MUST_LIST, MSG_ERROR)
#define MSGTXT_DISPATCH_MUST_LIST_OR_TEXT \
	"\"%s\" must be a list or text, not %s"
MSGDEF(DISPATCH_MUST_LIST_OR_TEXT, MSG_ERROR)
#define MSGTXT_DISPATCH_MUST_TEXT_NOT \
	"\"%s\" must be text, not %s"
MSGDEF(DISPATCH_MUST_TEXT_NOT, MSG_ERROR)
#define MSGTXT_DISPATCH_NAM_DISAGREES_NGAY \
	"\"nam\" %d disagrees with \"ngay\" %s"
MSGDEF(DISPATCH_NAM_DISAGREES_NGAY, MSG_ERROR)
#define MSGTXT_DISPATCH_NAM_NOT_YEAR \
	"\"nam\" is not a year: \"%s\""
MSGDEF(DISPATCH_NAM_NOT_YEAR, MSG_ERROR)
#define MSGTXT_DISPATCH_NOT_DATE_YYYY_MM \
	"\"%s\" is not a date YYYY-MM-DD: \"%s\""
MSGDEF(DISPATCH_NOT_DATE_YYYY_MM, MSG_ERROR)
#define MSGTXT_DISPATCH_NO_FRONT_MATTER_FILE \
	"no front matter: the file must begin with a line \"---\""
MSGDEF(DISPATCH_NO_FRONT_MATTER_FILE, MSG_ERROR)
#define MSGTXT_DISPATCH_NO_FRONT_MATTER_FILE_2 \
	"no front matter: the file is empty; a dispatch begins with its " \
	"front matter between two lines \"---\" (copy the worked example)"
MSGDEF(DISPATCH_NO_FRONT_MATTER_FILE_2, MSG_ERROR)
#define MSGTXT_DISPATCH_NO_SUCH_DATE \
	"\"%s\": there is no such date as %s"
MSGDEF(DISPATCH_NO_SUCH_DATE, MSG_ERROR)
#define MSGTXT_DISPATCH_PHU_LUC_MUST_MAPPING \
	"\"phu_luc\" must be a mapping (tieu_de, cot), not %s"
MSGDEF(DISPATCH_PHU_LUC_MUST_MAPPING, MSG_ERROR)
#define MSGTXT_DISPATCH_PLACEHOLDERS_MAY_APPEAR_ONLY \
	"placeholders may appear only in the body and in \"kinh_gui\", not " \
	"in \"%s\""
MSGDEF(DISPATCH_PLACEHOLDERS_MAY_APPEAR_ONLY, MSG_ERROR)
#define MSGTXT_DISPATCH_SO_NOT_NUMBER_DIGITS \
	"\"so\" is not a number: \"%s\" (digits only, e.g. 07; leave it " \
	"empty for a draft)"
MSGDEF(DISPATCH_SO_NOT_NUMBER_DIGITS, MSG_ERROR)
#define MSGTXT_DISPATCH_SO_NUMBER_STARTS_LEAVE \
	"\"so\" is %s: a number starts at 1 (leave it empty for a draft)"
MSGDEF(DISPATCH_SO_NUMBER_STARTS_LEAVE, MSG_ERROR)
#define MSGTXT_DISPATCH_STARTS_LABEL_PRINTS_ITSELF \
	"\"%s\" starts with \"%.*s\", which the letter prints itself: " \
	"left out"
MSGDEF(DISPATCH_STARTS_LABEL_PRINTS_ITSELF, MSG_WARNING)
#define MSGTXT_DISPATCH_TOO_LONG_BYTES_LIMIT \
	"\"%s\" is too long: %zu bytes, the limit is %d (about %d " \
	"Vietnamese letters)"
MSGDEF(DISPATCH_TOO_LONG_BYTES_LIMIT, MSG_ERROR)
#define MSGTXT_DISPATCH_UNKNOWN_KEY \
	"unknown key \"%s\" ignored"
MSGDEF(DISPATCH_UNKNOWN_KEY, MSG_WARNING)
#define MSGTXT_DISPATCH_UNKNOWN_KEY_IN \
	"unknown key \"%s\" in \"%s\" ignored"
MSGDEF(DISPATCH_UNKNOWN_KEY_IN, MSG_WARNING)
#define MSGTXT_DISPATCH_UNKNOWN_KEY_NEAR \
	"unknown key \"%s\" ignored; did you mean \"%s\"?"
MSGDEF(DISPATCH_UNKNOWN_KEY_NEAR, MSG_WARNING)
#define MSGTXT_DISPATCH_UNKNOWN_KEY_IN_NEAR \
	"unknown key \"%s\" in \"%s\" ignored; did you mean \"%s\"?"
MSGDEF(DISPATCH_UNKNOWN_KEY_IN_NEAR, MSG_WARNING)
#define MSGTXT_DISPATCH_YEAR_NOT_BETWEEN \
	"\"%s\": the year of %s is not between 1900 and 2999"
MSGDEF(DISPATCH_YEAR_NOT_BETWEEN, MSG_ERROR)

/* load/tmpl.c */
#define MSGTXT_TMPL_ENTRY_MORE_WORDS \
	"an entry of \"%s\" has %zu words, more than %d: \"%s\""
MSGDEF(TMPL_ENTRY_MORE_WORDS, MSG_ERROR)
#define MSGTXT_TMPL_FACE_MUST_REGULAR_BOLD \
	"\"%s.face\" must be regular, bold, italic or bold_italic, not " \
	"\"%s\""
MSGDEF(TMPL_FACE_MUST_REGULAR_BOLD, MSG_ERROR)
#define MSGTXT_TMPL_MISSING_KEY \
	"missing key \"%s\""
MSGDEF(TMPL_MISSING_KEY, MSG_ERROR)
#define MSGTXT_TMPL_MUST_NUMBER \
	"\"%s\" must be a number: \"%s\""
MSGDEF(TMPL_MUST_NUMBER, MSG_ERROR)
#define MSGTXT_TMPL_MUST_WHOLE \
	"\"%s\" must be a whole number: \"%s\""
MSGDEF(TMPL_MUST_WHOLE, MSG_ERROR)
#define MSGTXT_TMPL_MUST_NUMBER_NOT \
	"\"%s\" must be a number, not %s"
MSGDEF(TMPL_MUST_NUMBER_NOT, MSG_ERROR)
#define MSGTXT_TMPL_MUST_PORTRAIT_LANDSCAPE_NOT \
	"\"%s\" must be portrait or landscape, not \"%s\""
MSGDEF(TMPL_MUST_PORTRAIT_LANDSCAPE_NOT, MSG_ERROR)
#define MSGTXT_TMPL_CK_TALLER \
	"\"%s\" is %g mm, more than the room between the title and the " \
	"name (chu_ky.space_mm, %g mm): lower it or raise space_mm"
MSGDEF(TMPL_CK_TALLER, MSG_ERROR)
#define MSGTXT_TMPL_INK \
	"\"%s\" must be a colour as #RRGGBB (blue #0033CC, red #DA251D), " \
	"not \"%s\""
MSGDEF(TMPL_INK, MSG_ERROR)
#define MSGTXT_TMPL_RB_COLUMNS \
	"\"%s\" must name the register book's %d columns, \"|\" between " \
	"them; it names %zu"
MSGDEF(TMPL_RB_COLUMNS, MSG_ERROR)
#define MSGTXT_TMPL_RB_WIDTHS \
	"\"%s\" must give the register book's %d column widths as positive " \
	"numbers, \"|\" between them (as 26|22|58|…), not \"%s\""
MSGDEF(TMPL_RB_WIDTHS, MSG_ERROR)
#define MSGTXT_TMPL_MUST_SIZE_PT_FACE \
	"\"%s\" must be { size: PT, face: regular|bold|italic|bold_italic }"
MSGDEF(TMPL_MUST_SIZE_PT_FACE, MSG_ERROR)
#define MSGTXT_TMPL_OUTSIDE \
	"\"%s\" is %s, outside %g to %g"
MSGDEF(TMPL_OUTSIDE, MSG_ERROR)
#define MSGTXT_TMPL_OUTSIDE_RULE \
	"\"%s\" is %s, outside %g to %g (%s)"
MSGDEF(TMPL_OUTSIDE_RULE, MSG_ERROR)
#define MSGTXT_TMPL_UNKNOWN_TEMPLATE_KEY_IGNORED \
	"unknown template key \"%s\" ignored"
MSGDEF(TMPL_UNKNOWN_TEMPLATE_KEY_IGNORED, MSG_WARNING)

/* load/rows.c */
#define MSGTXT_ROWS_QUOTE_IN_UNQUOTED \
	"quote inside an unquoted field; put the whole field in quotes and " \
	"write the quote as \"\""
MSGDEF(ROWS_QUOTE_IN_UNQUOTED, MSG_ERROR)
#define MSGTXT_ROWS_QUOTE_NOT_CLOSED \
	"the quote that opens a field on line %zu is not closed on that line: " \
	"close it there (or, if the field really spans lines, write each " \
	"quote inside it as \"\")"
MSGDEF(ROWS_QUOTE_NOT_CLOSED, MSG_ERROR)
#define MSGTXT_ROWS_TEXT_AFTER_QUOTE \
	"text after the closing quote of a field; inside quotes, write a " \
	"quote as \"\""
MSGDEF(ROWS_TEXT_AFTER_QUOTE, MSG_ERROR)
#define MSGTXT_ROWS_UNTERMINATED \
	"unterminated quoted field"
MSGDEF(ROWS_UNTERMINATED, MSG_ERROR)
#define MSGTXT_ROWS_CELL_COLUMN_TOO_LONG \
	"cell in column \"%s\" is too long: %zu bytes (the limit is %d)"
MSGDEF(ROWS_CELL_COLUMN_TOO_LONG, MSG_ERROR)
#define MSGTXT_ROWS_COLUMNS_SEPARATED_TABS_SAVE \
	"columns are separated by tabs; save the file as \"CSV UTF-8 " \
	"(Comma delimited)\""
MSGDEF(ROWS_COLUMNS_SEPARATED_TABS_SAVE, MSG_ERROR)
#define MSGTXT_ROWS_COLUMN_HAS_NO_HEADER \
	"column %zu has no header name"
MSGDEF(ROWS_COLUMN_HAS_NO_HEADER, MSG_ERROR)
#define MSGTXT_ROWS_DUPLICATE_COLUMN_NAME_ALSO \
	"duplicate column name \"%s\" (also column %zu)"
MSGDEF(ROWS_DUPLICATE_COLUMN_NAME_ALSO, MSG_ERROR)
#define MSGTXT_ROWS_EMPTY_FILE_NO_HEADER \
	"empty file: no header row"
MSGDEF(ROWS_EMPTY_FILE_NO_HEADER, MSG_ERROR)
#define MSGTXT_ROWS_EMPTY_ROWS_SKIPPED_LINES \
	"%zu empty rows skipped (lines %zu-%zu)"
MSGDEF(ROWS_EMPTY_ROWS_SKIPPED_LINES, MSG_WARNING)
#define MSGTXT_ROWS_EMPTY_ROW_SKIPPED \
	"empty row skipped"
MSGDEF(ROWS_EMPTY_ROW_SKIPPED, MSG_WARNING)
#define MSGTXT_ROWS_HEADER_ROW_HAS_NO \
	"the header row has no column names"
MSGDEF(ROWS_HEADER_ROW_HAS_NO, MSG_ERROR)
#define MSGTXT_ROWS_NAME_COLUMN_TOO_LONG \
	"the name of column %zu is too long: %zu bytes (the limit is %d)"
MSGDEF(ROWS_NAME_COLUMN_TOO_LONG, MSG_ERROR)
#define MSGTXT_ROWS_NO_DATA_ROWS \
	"no data rows"
MSGDEF(ROWS_NO_DATA_ROWS, MSG_ERROR)
#define MSGTXT_ROWS_NO_HEADER_ROW_AFTER \
	"no header row after the \"sep=\" line"
MSGDEF(ROWS_NO_HEADER_ROW_AFTER, MSG_ERROR)
#define MSGTXT_ROWS_ROW_HAS_ONE_FIELD \
	"row has 1 field, the header has %zu"
MSGDEF(ROWS_ROW_HAS_ONE_FIELD, MSG_ERROR)
#define MSGTXT_ROWS_ROW_HAS_FIELDS \
	"row has %zu fields, the header has %zu"
MSGDEF(ROWS_ROW_HAS_FIELDS, MSG_ERROR)
#define MSGTXT_ROWS_SEP_LINE_DOES_NOT \
	"this \"sep=\" line does not name one separator congvan reads: " \
	"\"sep=,\", \"sep=;\", \"sep=|\" or a tab after \"sep=\" (or " \
	"delete the line)"
MSGDEF(ROWS_SEP_LINE_DOES_NOT, MSG_ERROR)
#define MSGTXT_ROWS_SYS_CSV_INIT_FAILED \
	"csv_init failed"
MSGDEF(ROWS_SYS_CSV_INIT_FAILED, MSG_SYSTEM)
#define MSGTXT_ROWS_TOO_MANY_COLUMNS_LIMIT \
	"too many columns: %zu (the limit is %d)"
MSGDEF(ROWS_TOO_MANY_COLUMNS_LIMIT, MSG_ERROR)
#define MSGTXT_ROWS_TOO_MANY_ROWS_LIMIT \
	"too many rows (the limit is %d)"
MSGDEF(ROWS_TOO_MANY_ROWS_LIMIT, MSG_ERROR)

/* load/focal.c */
#define MSGTXT_FOCAL_DUPLICATE_CONTACT_FIRST_LINE \
	"duplicate contact \"%s\" for \"%s\" (first on line %zu)"
MSGDEF(FOCAL_DUPLICATE_CONTACT_FIRST_LINE, MSG_WARNING)
#define MSGTXT_FOCAL_EMPTY_CELL_COLUMN \
	"empty cell in column \"%s\""
MSGDEF(FOCAL_EMPTY_CELL_COLUMN, MSG_ERROR)
#define MSGTXT_FOCAL_EXTRA_COLUMN_IGNORED \
	"extra column \"%s\" ignored"
MSGDEF(FOCAL_EXTRA_COLUMN_IGNORED, MSG_WARNING)
#define MSGTXT_FOCAL_MISSING_COLUMN \
	"missing column \"%s\""
MSGDEF(FOCAL_MISSING_COLUMN, MSG_ERROR)
#define MSGTXT_FOCAL_MISSING_COLUMN_RENAME_COLUMN \
	"missing column \"%s\"; rename column \"%s\" to \"%s\""
MSGDEF(FOCAL_MISSING_COLUMN_RENAME_COLUMN, MSG_ERROR)
#define MSGTXT_FOCAL_NO_LETTER_ADDRESSED \
	"no letter is addressed to \"%s\""
MSGDEF(FOCAL_NO_LETTER_ADDRESSED, MSG_ERROR)
#define MSGTXT_FOCAL_NO_LETTER_ADDRESSED_CLOSEST \
	"no letter is addressed to \"%s\"; the closest recipient is \"%s\""
MSGDEF(FOCAL_NO_LETTER_ADDRESSED_CLOSEST, MSG_ERROR)

#define MSGTXT_FOCAL_MALFORMED_PHONE \
	"malformed phone number \"%s\""
MSGDEF(FOCAL_MALFORMED_PHONE, MSG_WARNING)
#define MSGTXT_FOCAL_MALFORMED_EMAIL \
	"malformed e-mail address \"%s\""
MSGDEF(FOCAL_MALFORMED_EMAIL, MSG_WARNING)

/* merge/merge.c */
#define MSGTXT_MERGE_CANNOT_USED_LIST_GROUP \
	"{{%s}} cannot be used: %s is a list or a group of settings in the " \
	"front matter, not a text"
MSGDEF(MERGE_CANNOT_USED_LIST_GROUP, MSG_ERROR)
#define MSGTXT_MERGE_CANNOT_USED_NUMBER_DATE \
	"{{%s}} cannot be used: the number and the date are printed in the " \
	"header, and --number, --date and --draft change them"
MSGDEF(MERGE_CANNOT_USED_NUMBER_DATE, MSG_ERROR)
#define MSGTXT_MERGE_EMPTY_CELL_COLUMN_WHICH \
	"empty cell in column \"%s\", which the letter uses ({{%s}} at " \
	"%s:%zu)"
MSGDEF(MERGE_EMPTY_CELL_COLUMN_WHICH, MSG_ERROR)
#define MSGTXT_MERGE_COT_NOT_COLUMN \
	"phu_luc.cot names \"%s\", which is not a column of %s"
MSGDEF(MERGE_COT_NOT_COLUMN, MSG_ERROR)
#define MSGTXT_MERGE_COT_NOT_COLUMN_NEAR \
	"phu_luc.cot names \"%s\", which is not a column of %s; did you " \
	"mean \"%s\"?"
MSGDEF(MERGE_COT_NOT_COLUMN_NEAR, MSG_ERROR)
#define MSGTXT_MERGE_UNKNOWN_PLACEHOLDER_DID_YOU \
	"unknown placeholder {{%s}}; did you mean {{%s}}?"
MSGDEF(MERGE_UNKNOWN_PLACEHOLDER_DID_YOU, MSG_ERROR)
#define MSGTXT_MERGE_UNKNOWN_PLACEHOLDER_NO_SUCH \
	"unknown placeholder {{%s}}: no such column in %s nor front-matter " \
	"key"
MSGDEF(MERGE_UNKNOWN_PLACEHOLDER_NO_SUCH, MSG_ERROR)

/* check/check.c */
#define MSGTXT_CHECK_APPENDIX_WOULD_PRINT_COLUMNS \
	"the appendix would print %zu columns; an A4 page holds at most " \
	"%d: choose them with \"cot\""
MSGDEF(CHECK_APPENDIX_WOULD_PRINT_COLUMNS, MSG_ERROR)
#define MSGTXT_CHECK_APPENDIX_COLUMNS_TOO_WIDE \
	"the appendix's %zu columns cannot share the page's %.0f mm " \
	"without cutting words: their widest words need %.0f mm with the " \
	"cell padding, column \"%s\" the most, %.0f mm for \"%s\"; show " \
	"fewer columns (\"cot\" under \"phu_luc\" in %s) or shorten the " \
	"widest words"
MSGDEF(CHECK_APPENDIX_COLUMNS_TOO_WIDE, MSG_ERROR)
#define MSGTXT_CHECK_APPENDIX_WORD_CUT \
	"\"%s\" in column \"%s\" is wider than the page's %.0f mm and has " \
	"nowhere to break: the appendix prints it cut between characters; " \
	"write it with spaces, or leave the column out (\"cot\" under " \
	"\"phu_luc\" in %s)"
MSGDEF(CHECK_APPENDIX_WORD_CUT, MSG_WARNING)
#define MSGTXT_CHECK_DIRECTORY_COLUMNS_TOO_WIDE \
	"\"%s\" in column \"%s\" needs %.0f mm with the cell padding, and " \
	"the directory's %zu columns cannot share the page's %.0f mm without " \
	"cutting words (their widest words need %.0f mm); shorten it, or " \
	"write it with spaces, so that no part is wider than %.0f mm"
MSGDEF(CHECK_DIRECTORY_COLUMNS_TOO_WIDE, MSG_ERROR)
#define MSGTXT_CHECK_DIRECTORY_WORD_CUT \
	"\"%s\" in column \"%s\" is wider than the directory's page " \
	"(%.0f mm) and has nowhere to break: the directory prints it cut " \
	"between characters; write it with spaces"
MSGDEF(CHECK_DIRECTORY_WORD_CUT, MSG_WARNING)
#define MSGTXT_CHECK_CHARACTER_NOT_IN_FONT \
	"character '%s' (U+%04X) is not in the font %s"
MSGDEF(CHECK_CHARACTER_NOT_IN_FONT, MSG_ERROR)
#define MSGTXT_CHECK_CHARACTER_NOT_IN_FONT_BMP \
	"character '%s' (U+%04X) is not in the font %s (characters outside " \
	"the Basic Multilingual Plane cannot be printed)"
MSGDEF(CHECK_CHARACTER_NOT_IN_FONT_BMP, MSG_ERROR)
#define MSGTXT_CHECK_DIRECTORY_DANH_BA_WOULD \
	"the directory (\"danh_ba\") would have more than %d pages: it " \
	"lists all %zu rows of %s; leave \"danh_ba\" out or split the table"
MSGDEF(CHECK_DIRECTORY_DANH_BA_WOULD, MSG_ERROR)
#define MSGTXT_CHECK_DIRECTORY_OUTSIDE \
	"internal error: the directory would place \"%s\" outside the " \
	"type area of its page %zu, so nothing was written; this is a bug " \
	"in congvan or a template whose measures leave no room: please " \
	"report it with %s and the template"
MSGDEF(CHECK_DIRECTORY_OUTSIDE, MSG_ERROR)
#define MSGTXT_CHECK_HEADER_TOO_TALL \
	"the letter's header would run past the bottom of its first page: " \
	"\"co_quan\", \"co_quan_chu_quan\" and \"trich_yeu\" are too long " \
	"for its columns; shorten them (a subject is a line or a few)"
MSGDEF(CHECK_HEADER_TOO_TALL, MSG_ERROR)
#define MSGTXT_CHECK_DIRECTORY_HEADER_TOO_TALL \
	"the directory's header would run past the bottom of its first " \
	"page: \"co_quan\" and \"co_quan_chu_quan\" are too long for its " \
	"column; shorten them"
MSGDEF(CHECK_DIRECTORY_HEADER_TOO_TALL, MSG_ERROR)
#define MSGTXT_CHECK_LETTER_OUTSIDE \
	"internal error: the letter of this row would place \"%s\" outside " \
	"the type area of its page %zu, so nothing was written; this is a " \
	"bug in congvan or a template whose measures leave no room: please " \
	"report it with %s, this file and the template"
MSGDEF(CHECK_LETTER_OUTSIDE, MSG_ERROR)
#define MSGTXT_CHECK_DRAFT_WITHOUT_NGAY_NEEDS \
	"a draft without \"ngay\" needs \"nam\", the year it prints"
MSGDEF(CHECK_DRAFT_WITHOUT_NGAY_NEEDS, MSG_ERROR)
#define MSGTXT_CHECK_LETTER_ROW_WOULD_HAVE \
	"the letter of this row would have more than %d pages; shorten the " \
	"body of %s or the appendix table"
MSGDEF(CHECK_LETTER_ROW_WOULD_HAVE, MSG_ERROR)
#define MSGTXT_CHECK_NAM_BUT_LETTER_DATED \
	"\"nam\" is %d, but the letter is dated in %d and prints %d; " \
	"\"nam\" is only for a draft without a date"
MSGDEF(CHECK_NAM_BUT_LETTER_DATED, MSG_WARNING)
#define MSGTXT_CHECK_PHU_LUC_WITHOUT_CO \
	"\"phu_luc\" without \"co_quan_chu_thuong\": the appendix names " \
	"the agency in capitals (\"của %s\")"
MSGDEF(CHECK_PHU_LUC_WITHOUT_CO, MSG_WARNING)
#define MSGTXT_CHECK_SAME_RECIPIENT_LINE_WOULD \
	"the same recipient as line %zu (\"%s\"): it would get two letters"
MSGDEF(CHECK_SAME_RECIPIENT_LINE_WOULD, MSG_WARNING)

/* pdf/font.c */
#define MSGTXT_FONT_CANNOT_OPEN_FONT \
	"cannot open font: %s"
MSGDEF(FONT_CANNOT_OPEN_FONT, MSG_ERROR)
#define MSGTXT_FONT_CANNOT_OPEN_FONT_INSTALL \
	"cannot open font: %s (install the Debian package %s)"
MSGDEF(FONT_CANNOT_OPEN_FONT_INSTALL, MSG_ERROR)
#define MSGTXT_FONT_NOT_TRUETYPE \
	"not a TrueType font with glyf outlines"
MSGDEF(FONT_NOT_TRUETYPE, MSG_ERROR)
#define MSGTXT_FONT_NOT_TRUETYPE_INSTALL \
	"not a TrueType font with glyf outlines (install the Debian package %s)"
MSGDEF(FONT_NOT_TRUETYPE_INSTALL, MSG_ERROR)

/* pdf/pdfa.c */
#define MSGTXT_PDFA_CANNOT_OPEN_ICC \
	"cannot open colour profile: %s"
MSGDEF(PDFA_CANNOT_OPEN_ICC, MSG_ERROR)
#define MSGTXT_PDFA_CANNOT_OPEN_ICC_INSTALL \
	"cannot open colour profile: %s (install the Debian package %s)"
MSGDEF(PDFA_CANNOT_OPEN_ICC_INSTALL, MSG_ERROR)
#define MSGTXT_PDFA_NOT_ICC_V2 \
	"not an ICC version 2 colour profile of a monitor or printer in " \
	"RGB, gray or CMYK, which PDF/A-1 needs: name one in the " \
	"template's pdf.icc"
MSGDEF(PDFA_NOT_ICC_V2, MSG_ERROR)
#define MSGTXT_PDFA_NOT_ICC_V2_INSTALL \
	"not an ICC version 2 colour profile of a monitor or printer in " \
	"RGB, gray or CMYK, which PDF/A-1 needs: name one in the " \
	"template's pdf.icc, such as the sRGB.icc of the Debian package %s"
MSGDEF(PDFA_NOT_ICC_V2_INSTALL, MSG_ERROR)

/* pdf/pdf.c */
#define MSGTXT_PDFA_SYS_NO_ID \
	"pdf: libharu wrote no /ID placeholder in the trailer"
MSGDEF(PDFA_SYS_NO_ID, MSG_SYSTEM)
#define MSGTXT_PDF_PDF_BYTES_LONGER \
	"pdf: /%s: %zu bytes is longer than %u"
MSGDEF(PDF_PDF_BYTES_LONGER, MSG_ERROR)
#define MSGTXT_PDF_PDF_CANNOT_SUBSET_FONT \
	"pdf: cannot subset the font (HarfBuzz failed)"
MSGDEF(PDF_PDF_CANNOT_SUBSET_FONT, MSG_ERROR)
#define MSGTXT_PDF_PDF_INVALID_PAGE_SIZE \
	"pdf: invalid page size %g x %g pt"
MSGDEF(PDF_PDF_INVALID_PAGE_SIZE, MSG_ERROR)
#define MSGTXT_PDF_PDF_INVALID_UTF \
	"pdf: /%s: invalid UTF-8"
MSGDEF(PDF_PDF_INVALID_UTF, MSG_ERROR)
#define MSGTXT_PDF_PDF_LAYOUT_HAS_NO \
	"pdf: layout has no pages or no page size"
MSGDEF(PDF_PDF_LAYOUT_HAS_NO, MSG_ERROR)
#define MSGTXT_PDF_PDF_LIBHARU_ERROR_X \
	"pdf: %s%s: %s (libharu error 0x%04lX, detail %lu)"
MSGDEF(PDF_PDF_LIBHARU_ERROR_X, MSG_ERROR)
#define MSGTXT_PDF_PDF_PAGE_BOX \
	"pdf: page %zu, box %zu: %s"
MSGDEF(PDF_PDF_PAGE_BOX, MSG_ERROR)
#define MSGTXT_PDF_PDF_PAGE_BOX_INVALID \
	"pdf: page %zu, box %zu: invalid UTF-8 at byte %zu"
MSGDEF(PDF_PDF_PAGE_BOX_INVALID, MSG_ERROR)
#define MSGTXT_FILL_TOO_WIDE \
	"the number %s does not fit the blank the draft left for it on page " \
	"%zu (%.1f mm wide, the blank %.1f mm): make text.blank in the " \
	"template longer, build the drafts again and have them signed again"
MSGDEF(FILL_TOO_WIDE, MSG_ERROR)
#define MSGTXT_PDF_PDF_YEAR_OUT_RANGE \
	"pdf: year %d out of range"
MSGDEF(PDF_PDF_YEAR_OUT_RANGE, MSG_ERROR)
#define MSGTXT_PDF_SYS_DEFLATE_FAILED \
	"deflate failed"
MSGDEF(PDF_SYS_DEFLATE_FAILED, MSG_SYSTEM)

/* archive/outdir.c */
#define MSGTXT_LOCK_WAITING \
	"waiting for another congvan working in %s to finish (it holds " \
	"%s); giving up after %d seconds"
MSGDEF(LOCK_WAITING, MSG_WARNING)
#define MSGTXT_LOCK_GAVE_UP \
	"gave up after %d seconds: another congvan still holds %s, and " \
	"nothing was changed; run again when it has finished (one stopped " \
	"with Ctrl-Z keeps the folder until it is resumed with \"fg\" or " \
	"ended)"
MSGDEF(LOCK_GAVE_UP, MSG_BUSY)
#define MSGTXT_LOCK_WAIT_VALUE \
	"CONGVAN_LOCK_WAIT must be a number of seconds from 0 to 86400, not " \
	"'%s' (unset, it is %d)"
MSGDEF(LOCK_WAIT_VALUE, MSG_VALUE)
#define MSGTXT_SYS_FILE \
	"%s: %s"
MSGDEF(SYS_FILE, MSG_SYSTEM)

/* archive/regbook.c */
#define MSGTXT_REGBOOK_DATE_NOT_ISSUED \
	"the date \"%s\" reads as %02d/%02d/%04d, but this dispatch was " \
	"issued on %02d/%02d/%04d (its archive folder says so): a " \
	"spreadsheet that puts the month first re-typed it; write " \
	"%02d/%02d/%04d"
MSGDEF(REGBOOK_DATE_NOT_ISSUED, MSG_ERROR)
#define MSGTXT_REGBOOK_DISPATCH_TWICE \
	"this dispatch's date, ky_hieu and subject are those of %s (line " \
	"%zu) and of %s here: --number auto cannot tell which to rebuild, " \
	"so give its number with --number"
MSGDEF(REGBOOK_DISPATCH_TWICE, MSG_ERROR)
#define MSGTXT_REGBOOK_SAME_DISPATCH_NEW_NUMBER \
	"%s has this dispatch's date, ky_hieu and subject: --number %ld " \
	"issues it again as a new dispatch (to rebuild that one, give its " \
	"own number or --number auto)"
MSGDEF(REGBOOK_SAME_DISPATCH_NEW_NUMBER, MSG_WARNING)
#define MSGTXT_REGBOOK_NOT_OUTGOING_REGISTER_HEADER \
	"not an outgoing register: the header must be the %d columns of " \
	"Phụ lục IV (\"%s\", …, \"%s\")"
MSGDEF(REGBOOK_NOT_OUTGOING_REGISTER_HEADER, MSG_ERROR)
#define MSGTXT_REGBOOK_NUMBER_ALREADY_TAKEN_USE \
	"number %02ld of %d is already taken by %s of %s \"%.*s%s\": use " \
	"--number auto for the next free number; if that row is an " \
	"earlier version of this very dispatch that was never sent, delete " \
	"the row from register.csv and build again with --force (the " \
	"letters it archived are kept under superseded/)"
MSGDEF(REGBOOK_NUMBER_ALREADY_TAKEN_USE, MSG_ERROR)
#define MSGTXT_REGBOOK_HEADER_NO_COLUMN \
	"the header has no column \"%s\" (Phụ lục IV column (%d)); give " \
	"that name back to the column that holds it (the ten columns may " \
	"stand in any order)"
MSGDEF(REGBOOK_HEADER_NO_COLUMN, MSG_ERROR)
#define MSGTXT_REGBOOK_HEADER_COLUMN_TWICE \
	"column %zu, \"%s\", names Phụ lục IV column (%d) as column %zu " \
	"does; keep one of them, or give this one a name of its own (it is " \
	"then a column of yours, kept as it is)"
MSGDEF(REGBOOK_HEADER_COLUMN_TWICE, MSG_ERROR)
#define MSGTXT_REGBOOK_ROW_NO_NUMBER \
	"this row has no number: write the number and symbol its letters " \
	"carry into column \"Số, ký hiệu văn bản\" (07/BTTTT-CATTT), or " \
	"delete the row if it is not a dispatch; numbering stops until it " \
	"is mended"
MSGDEF(REGBOOK_ROW_NO_NUMBER, MSG_ERROR)
#define MSGTXT_REGBOOK_ROW_NUMBER_UNREADABLE \
	"the number \"%.*s%s\" cannot be read: column \"Số, ký hiệu văn " \
	"bản\" starts with the number, then \"/\" and the symbol " \
	"(07/BTTTT-CATTT); write it so; numbering stops until it is mended"
MSGDEF(REGBOOK_ROW_NUMBER_UNREADABLE, MSG_ERROR)
#define MSGTXT_REGBOOK_ROW_NUMBER_ZERO \
	"\"%.*s%s\" has number 0, which no dispatch carries (numbers " \
	"start at 01): write the number its letters carry; numbering stops " \
	"until it is mended"
MSGDEF(REGBOOK_ROW_NUMBER_ZERO, MSG_ERROR)
#define MSGTXT_REGBOOK_ROW_DATE_UNREADABLE \
	"the date \"%.*s%s\" of %.*s%s cannot be read: write it day first, " \
	"as DD/MM/YYYY (05/04/2022); numbering stops until it is mended"
MSGDEF(REGBOOK_ROW_DATE_UNREADABLE, MSG_ERROR)
#define MSGTXT_REGBOOK_NUMBER_TWICE \
	"number %02ld of %d is on line %zu too (%s, here %s): one number " \
	"is one dispatch; delete the row that is a copy, or write the " \
	"number its letters carry"
MSGDEF(REGBOOK_NUMBER_TWICE, MSG_ERROR)

/* archive/regpdf.c */
#define MSGTXT_REGPDF_NO_REGISTER \
	"no register here: an issued build (congvan build --number N --date " \
	"YYYY-MM-DD) writes it; -o names the output folder that holds " \
	"register.csv"
MSGDEF(REGPDF_NO_REGISTER, MSG_ERROR)
#define MSGTXT_REGPDF_EMPTY \
	"the register holds no dispatch yet: an issued build (congvan build " \
	"--number N --date YYYY-MM-DD) adds one"
MSGDEF(REGPDF_EMPTY, MSG_ERROR)
#define MSGTXT_REGPDF_NO_YEAR \
	"no dispatch of %d in the register; it holds %s: print one of those " \
	"(congvan register --year %d -i %s -o %s)"
MSGDEF(REGPDF_NO_YEAR, MSG_ERROR)
#define MSGTXT_REGPDF_TOO_LONG \
	"the register book of %d would have more than %d pages: %s is not " \
	"printed (the register itself is kept)"
MSGDEF(REGPDF_TOO_LONG, MSG_WARNING)
#define MSGTXT_REGPDF_TOO_LONG_E \
	"the register book of %d would have more than %d pages: %s is not " \
	"printed"
MSGDEF(REGPDF_TOO_LONG_E, MSG_ERROR)
#define MSGTXT_REGPDF_COVER \
	"the agency's name (co_quan_chu_quan, co_quan) does not fit on the " \
	"register book's cover: %s is not printed (the register itself is " \
	"kept)"
MSGDEF(REGPDF_COVER, MSG_WARNING)
#define MSGTXT_REGPDF_COVER_E \
	"the agency's name (co_quan_chu_quan, co_quan) does not fit on the " \
	"register book's cover: %s is not printed; shorten it in this " \
	"dispatch.md or give -i the folder of a dispatch that names the " \
	"agency as its letters do"
MSGDEF(REGPDF_COVER_E, MSG_ERROR)
#define MSGTXT_REGPDF_SYS_OUTSIDE \
	"internal error: the register book of %d would place \"%s\" outside " \
	"the type area of page %zu"
MSGDEF(REGPDF_SYS_OUTSIDE, MSG_SYSTEM)
#define MSGTXT_REGPDF_YEAR_TAKES \
	"--year takes a year from 1900 to 2999, as 2022, not \"%s\""
MSGDEF(REGPDF_YEAR_TAKES, MSG_VALUE)
#define MSGTXT_REGPDF_YEAR_NEEDED \
	"congvan register needs --year YYYY: the year whose book it prints"
MSGDEF(REGPDF_YEAR_NEEDED, MSG_USAGE)
#define MSGTXT_REGPDF_YEAR_ONLY \
	"--year belongs to congvan register (congvan register --year YYYY)"
MSGDEF(REGPDF_YEAR_ONLY, MSG_USAGE)
#define MSGTXT_REGPDF_NOT_OPTION \
	"congvan register prints the register's book and takes -i, -o, -t, " \
	"--year and -q, not %s"
MSGDEF(REGPDF_NOT_OPTION, MSG_USAGE)

/* sign/pdfrev.c, sign/pdfupd.c: reading and updating a PDF */
#define MSGTXT_PDFREV_NOT_PDF \
	"not a PDF file (it does not begin with %%PDF-)"
MSGDEF(PDFREV_NOT_PDF, MSG_ERROR)
#define MSGTXT_PDFREV_NO_STARTXREF \
	"no startxref near the end of the file: the file is cut short or " \
	"is not a PDF"
MSGDEF(PDFREV_NO_STARTXREF, MSG_ERROR)
#define MSGTXT_PDFREV_BAD_XREF \
	"broken cross-reference section at byte %zu"
MSGDEF(PDFREV_BAD_XREF, MSG_ERROR)
#define MSGTXT_PDFREV_XREF_STREAM \
	"cross-reference stream at byte %zu: congvan reads only classic " \
	"cross-reference tables"
MSGDEF(PDFREV_XREF_STREAM, MSG_ERROR)
#define MSGTXT_PDFREV_XREF_LOOP \
	"the cross-reference sections loop, or there are more than %d of them"
MSGDEF(PDFREV_XREF_LOOP, MSG_ERROR)
#define MSGTXT_PDFREV_NO_ROOT \
	"the trailer names no readable catalog (/Root)"
MSGDEF(PDFREV_NO_ROOT, MSG_ERROR)
#define MSGTXT_PDFREV_BAD_PAGES \
	"the page tree is broken, loops or has no page"
MSGDEF(PDFREV_BAD_PAGES, MSG_ERROR)
#define MSGTXT_PDFUPD_PAGE_BROKEN \
	"page %zu is missing or broken"
MSGDEF(PDFUPD_PAGE_BROKEN, MSG_ERROR)
#define MSGTXT_PDFUPD_FORM_BROKEN \
	"the interactive form (/AcroForm) or its /Fields is broken"
MSGDEF(PDFUPD_FORM_BROKEN, MSG_ERROR)

/* sign/png.c */
#define MSGTXT_IMAGE_NOT_PNG \
	"not a PNG image"
MSGDEF(IMAGE_NOT_PNG, MSG_ERROR)
#define MSGTXT_IMAGE_TOO_LARGE \
	"image of %u x %u pixels, more than %u in all"
MSGDEF(IMAGE_TOO_LARGE, MSG_ERROR)
#define MSGTXT_IMAGE_NO_ALPHA \
	"the image has no transparent background (no alpha channel or " \
	"tRNS): save it as a PNG with transparency (Decree 30 Phụ lục I " \
	"II.7.d)"
MSGDEF(IMAGE_NO_ALPHA, MSG_ERROR)
#define MSGTXT_IMAGE_BROKEN \
	"broken PNG image: %s"
MSGDEF(IMAGE_BROKEN, MSG_ERROR)
#define MSGTXT_IMAGE_EMPTY \
	"the image is transparent all over: it paints nothing"
MSGDEF(IMAGE_EMPTY, MSG_ERROR)
#define MSGTXT_IMAGE_NOT_BLUE \
	"the signature image is not blue, as Decree 30 Phụ lục I II.7.d " \
	"wants it"
MSGDEF(IMAGE_NOT_BLUE, MSG_WARNING)
#define MSGTXT_IMAGE_NOT_RED \
	"the seal image is not red, as Decree 30 Phụ lục I II.8.a wants it"
MSGDEF(IMAGE_NOT_RED, MSG_WARNING)

/* sign/keys.c, sign/cms.c */
/* (the prompt, written on the terminal, not a diagnostic) */
#define MSGTXT_KEYS_PROMPT \
	"Password or PIN for %s: "
#define MSGTXT_KEYS_PIN_FILE \
	"cannot read the PIN file CONGVAN_PIN_FILE names: %s"
MSGDEF(KEYS_PIN_FILE, MSG_ERROR)
#define MSGTXT_KEYS_NO_TERMINAL \
	"no terminal to ask for the password or PIN: set CONGVAN_PIN or " \
	"CONGVAN_PIN_FILE"
MSGDEF(KEYS_NO_TERMINAL, MSG_ERROR)
#define MSGTXT_KEYS_UNREADABLE \
	"cannot read the key file: %s"
MSGDEF(KEYS_UNREADABLE, MSG_ERROR)
#define MSGTXT_KEYS_NOT_PKCS12 \
	"not a PKCS#12 key file (.p12, .pfx)"
MSGDEF(KEYS_NOT_PKCS12, MSG_ERROR)
#define MSGTXT_KEYS_WRONG_PASSWORD \
	"wrong password for the key file (from CONGVAN_PIN, CONGVAN_PIN_FILE " \
	"or the prompt)"
MSGDEF(KEYS_WRONG_PASSWORD, MSG_ERROR)
#define MSGTXT_KEYS_P12_UNREADABLE \
	"cannot read the key and certificate out of the key file: %s"
MSGDEF(KEYS_P12_UNREADABLE, MSG_ERROR)
#define MSGTXT_KEYS_NO_KEY_CERT \
	"the key file holds no private key with its certificate"
MSGDEF(KEYS_NO_KEY_CERT, MSG_ERROR)
#define MSGTXT_KEYS_KEY_CERT_MISMATCH \
	"the key file's certificate is not the private key's"
MSGDEF(KEYS_KEY_CERT_MISMATCH, MSG_ERROR)
#define MSGTXT_KEYS_KEY_TYPE \
	"the key is neither RSA nor ECDSA"
MSGDEF(KEYS_KEY_TYPE, MSG_ERROR)
#define MSGTXT_CMS_SIGN_FAILED \
	"signing failed: %s"
MSGDEF(CMS_SIGN_FAILED, MSG_ERROR)
#define MSGTXT_CMS_CA_UNREADABLE \
	"cannot read the CA certificates (PEM): %s"
MSGDEF(CMS_CA_UNREADABLE, MSG_ERROR)

/* sign/sign.c, signcmd.c: congvan sign */
#define MSGTXT_SIGN_TIME_FORM \
	"'%s' is not of the form YYYY-MM-DDTHH:MM:SS+07:00"
MSGDEF(SIGN_TIME_FORM, MSG_ERROR)
#define MSGTXT_SIGN_FIELD_TAKEN \
	"the letter has a signature field %s already"
MSGDEF(SIGN_FIELD_TAKEN, MSG_ERROR)
#define MSGTXT_SIGN_TOO_LARGE \
	"the signature takes %zu bytes, more than the %zu reserved"
MSGDEF(SIGN_TOO_LARGE, MSG_ERROR)
#define MSGTXT_SIGN_NO_PERSON \
	"no signature of the person with authority (field %s): the " \
	"organisation signs only after it (Decree 30 Điều 32.2.d)"
MSGDEF(SIGN_NO_PERSON, MSG_ERROR)
#define MSGTXT_SIGN_PERSON_INVALID \
	"the signature of the person with authority (field %s) is not " \
	"valid: the organisation signs only after a valid one (Decree 30 " \
	"Điều 32.2.d)"
MSGDEF(SIGN_PERSON_INVALID, MSG_ERROR)
#define MSGTXT_SIGN_NO_LETTERS \
	"no letters to sign: run congvan build -o %s first"
MSGDEF(SIGN_NO_LETTERS, MSG_ERROR)
#define MSGTXT_SIGN_IMAGE_UNREADABLE \
	"cannot read the image: %s"
MSGDEF(SIGN_IMAGE_UNREADABLE, MSG_ERROR)
#define MSGTXT_SIGN_ALREADY_SIGNED \
	"already signed (field %s): a letter is signed once; to sign it " \
	"again, delete it and run congvan build again"
MSGDEF(SIGN_ALREADY_SIGNED, MSG_ERROR)
#define MSGTXT_SIGN_NO_BOX \
	"the letter has no signature box (ô 7c): delete it and run congvan " \
	"build again"
MSGDEF(SIGN_NO_BOX, MSG_ERROR)

/* issue.c: congvan issue */
#define MSGTXT_ISSUE_NO_LETTER \
	"no signed letter here: build the drafts (congvan build --draft -o " \
	"%s), have them signed (congvan sign), then issue"
MSGDEF(ISSUE_NO_LETTER, MSG_ERROR)
#define MSGTXT_ISSUE_NOT_THESE_INPUTS \
	"this letter is not the one %s and %s give, as a draft or " \
	"numbered: the data changed since it was signed, or it was edited; " \
	"build the drafts again (congvan build --draft) and have them signed"
MSGDEF(ISSUE_NOT_THESE_INPUTS, MSG_ERROR)
#define MSGTXT_ISSUE_YEAR \
	"the draft prints the year %d and the date given is of %d: give a " \
	"date of %d, or set nam: (or ngay:) in %s, build the drafts again " \
	"and have them signed"
MSGDEF(ISSUE_YEAR, MSG_ERROR)
#define MSGTXT_ISSUE_APPENDED \
	"%zu bytes were appended after the last signature: the letter was " \
	"changed after it was signed; build the drafts again and have them " \
	"signed"
MSGDEF(ISSUE_APPENDED, MSG_ERROR)
#define MSGTXT_ISSUE_SEALED \
	"already issued: it carries the organisation's signature (field %s)"
MSGDEF(ISSUE_SEALED, MSG_ERROR)
#define MSGTXT_ISSUE_NO_FONT \
	"page %zu has no font %s for the number and the date: build the " \
	"drafts again with this congvan and have them signed"
MSGDEF(ISSUE_NO_FONT, MSG_ERROR)
#define MSGTXT_ISSUE_NEEDS \
	"issue needs %s"
MSGDEF(ISSUE_NEEDS, MSG_USAGE)

/* sign/sign.c, signcmd.c: congvan verify */
#define MSGTXT_VERIFY_NEEDS_PATH \
	"verify needs the letters or folders to check"
MSGDEF(VERIFY_NEEDS_PATH, MSG_USAGE)
#define MSGTXT_VERIFY_UNREADABLE \
	"cannot read: %s"
MSGDEF(VERIFY_UNREADABLE, MSG_ERROR)
#define MSGTXT_VERIFY_NO_LETTERS \
	"no letters (NN-….pdf) in this folder or below it"
MSGDEF(VERIFY_NO_LETTERS, MSG_ERROR)
#define MSGTXT_VERIFY_NOT_SIGNED \
	"not signed"
MSGDEF(VERIFY_NOT_SIGNED, MSG_ERROR)
#define MSGTXT_VERIFY_BAD_RANGE \
	"signature %zu (%s): its byte range does not cover the whole file " \
	"but its own value"
MSGDEF(VERIFY_BAD_RANGE, MSG_ERROR)
#define MSGTXT_VERIFY_DIGEST \
	"signature %zu (%s) is invalid: digest mismatch, the bytes it " \
	"covers were changed after signing"
MSGDEF(VERIFY_DIGEST, MSG_ERROR)
#define MSGTXT_VERIFY_SIGNATURE \
	"signature %zu (%s) is invalid: the signature value is wrong"
MSGDEF(VERIFY_SIGNATURE, MSG_ERROR)
#define MSGTXT_VERIFY_ESS \
	"signature %zu (%s) is invalid: its signing-certificate attribute " \
	"does not match the signer's certificate"
MSGDEF(VERIFY_ESS, MSG_ERROR)
#define MSGTXT_VERIFY_NO_CERT \
	"signature %zu (%s) is invalid: it carries no signer certificate"
MSGDEF(VERIFY_NO_CERT, MSG_ERROR)
#define MSGTXT_VERIFY_BROKEN \
	"signature %zu (%s) is invalid: its value is not a CMS signature"
MSGDEF(VERIFY_BROKEN, MSG_ERROR)
#define MSGTXT_VERIFY_TIMESTAMP \
	"signature %zu (%s): its timestamp is invalid"
MSGDEF(VERIFY_TIMESTAMP, MSG_ERROR)
#define MSGTXT_VERIFY_UNTRUSTED \
	"signature %zu (%s): the signer is not trusted: %s"
MSGDEF(VERIFY_UNTRUSTED, MSG_ERROR)
#define MSGTXT_VERIFY_APPENDED \
	"%zu bytes were appended after the last signature"
MSGDEF(VERIFY_APPENDED, MSG_ERROR)
#define MSGTXT_MAIN_SIGN_OPTION \
	"%s is not an option of %s"
MSGDEF(MAIN_SIGN_OPTION, MSG_USAGE)
#define MSGTXT_MAIN_SIGN_NEEDS_KEY \
	"sign needs --key FILE|pkcs11:URI"
MSGDEF(MAIN_SIGN_NEEDS_KEY, MSG_USAGE)

/* batch.c */
#define MSGTXT_BATCH_ALREADY_HOLDS_LETTERS_ISSUED \
	"already holds letters issued under this number for another " \
	"dispatch, and register.csv has no row for them: use --number auto " \
	"for the next free number; if they are an earlier version of this " \
	"very dispatch that was never sent, build again with --force (they " \
	"are kept under superseded/)"
MSGDEF(BATCH_ALREADY_HOLDS_LETTERS_ISSUED, MSG_ERROR)
#define MSGTXT_BATCH_REF_ITSELF \
	"\"%s\" names this very dispatch: it names the dispatch already " \
	"issued that this one mends, which has a number of its own"
MSGDEF(BATCH_REF_ITSELF, MSG_ERROR)
#define MSGTXT_BATCH_REF_OTHER_ROW \
	"\"%s\" names %02ld/%s of %02d/%02d/%04d, but number %02ld of %d " \
	"in %s (line %zu) is %s of %s: write the number, symbol and date of " \
	"the dispatch it mends as its row does"
MSGDEF(BATCH_REF_OTHER_ROW, MSG_ERROR)
#define MSGTXT_BATCH_REF_NOT_IN_REGISTER \
	"\"%s\" names %02ld/%s of %02d/%02d/%04d, which %s has no row for " \
	"(a dispatch sent before this register was kept?): the letter and " \
	"the Ghi chú name it as written"
MSGDEF(BATCH_REF_NOT_IN_REGISTER, MSG_WARNING)
#define MSGTXT_BATCH_NUMBER_HELD_BY_FOLDER \
	"number %02ld of %d is held by %s/%s/, the letters of " \
	"another dispatch that register.csv has no row for (a build killed " \
	"before its row, or a row deleted): use --number auto for the next " \
	"free number"
MSGDEF(BATCH_NUMBER_HELD_BY_FOLDER, MSG_ERROR)
#define MSGTXT_ARCHIVE_FOLDER_WITHOUT_ROW \
	"holds number %02ld of %d, which %s has no row for (a row deleted, " \
	"or a build killed before writing it): the number stays taken; " \
	"build that dispatch again to write its row back"
MSGDEF(ARCHIVE_FOLDER_WITHOUT_ROW, MSG_WARNING)
#define MSGTXT_ARCHIVE_LETTER_ALTERED \
	"altered since it was issued: its bytes no longer match its line of " \
	"the archive's SHA256SUMS (the letter or that line was changed)"
MSGDEF(ARCHIVE_LETTER_ALTERED, MSG_ERROR)
#define MSGTXT_STAGE_OUT_NO_PARENT \
	"cannot be made: %s is not an existing folder (check the path " \
	"given to -o, or make the folder first)"
MSGDEF(STAGE_OUT_NO_PARENT, MSG_ERROR)
#define MSGTXT_STAGE_DIR_IS_LINK \
	"is a symbolic link; congvan writes only into folders of its own " \
	"inside the output folder: move it away"
MSGDEF(STAGE_DIR_IS_LINK, MSG_ERROR)
#define MSGTXT_STAGE_DIR_NOT_FOLDER \
	"is not a folder; congvan writes only into folders of its own inside " \
	"the output folder: move it away"
MSGDEF(STAGE_DIR_NOT_FOLDER, MSG_ERROR)
#define MSGTXT_BATCH_LETTER_WOULD_HAVE_MORE \
	"the letter of %s:%zu would have more than %d pages"
MSGDEF(BATCH_LETTER_WOULD_HAVE_MORE, MSG_ERROR)
#define MSGTXT_BATCH_LETTER_OUTSIDE \
	"internal error: the letter of %s:%zu would place \"%s\" outside " \
	"the type area of its page %zu; this is a bug in congvan"
MSGDEF(BATCH_LETTER_OUTSIDE, MSG_ERROR)
#define MSGTXT_BATCH_MISSING_TEMPLATE_INSTALL_CONGVAN \
	"missing template: install congvan (\"make install\" in its source " \
	"folder) or name the templates folder with -t"
MSGDEF(BATCH_MISSING_TEMPLATE_INSTALL_CONGVAN, MSG_ERROR)
#define MSGTXT_BATCH_NOT_FOLDER_I_NAMES \
	"not a folder; -i names the folder that holds dispatch.md and " \
	"appendix.csv"
MSGDEF(BATCH_NOT_FOLDER_I_NAMES, MSG_ERROR)
#define MSGTXT_STAGE_OUT_NOT_FOLDER \
	"not a folder; -o names the output folder"
MSGDEF(STAGE_OUT_NOT_FOLDER, MSG_ERROR)
#define MSGTXT_STAGE_NOT_REGULAR_FILE \
	"is not a regular file: move it away"
MSGDEF(STAGE_NOT_REGULAR_FILE, MSG_ERROR)
#define MSGTXT_BATCH_NO_SUCH_FOLDER_I \
	"no such folder; -i names the folder that holds dispatch.md and " \
	"appendix.csv"
MSGDEF(BATCH_NO_SUCH_FOLDER_I, MSG_ERROR)
#define MSGTXT_STAGE_OUT_SYSTEM \
	"%s; -o names the output folder"
MSGDEF(STAGE_OUT_SYSTEM, MSG_ERROR)
#define MSGTXT_STAGE_OUT_DANGLING \
	"a symbolic link to nothing; -o names the output folder"
MSGDEF(STAGE_OUT_DANGLING, MSG_ERROR)
#define MSGTXT_BATCH_SYS_DIRECTORY_COULD_NOT_LAID \
	"the directory could not be laid out, although check_pages laid it " \
	"out"
MSGDEF(BATCH_SYS_DIRECTORY_COULD_NOT_LAID, MSG_SYSTEM)
#define MSGTXT_BATCH_SYS_REGISTER_BOOK \
	"the register book could not be written, so nothing was changed"
MSGDEF(BATCH_SYS_REGISTER_BOOK, MSG_SYSTEM)
#define MSGTXT_BATCH_SYS_FORK \
	"fork: %s"
MSGDEF(BATCH_SYS_FORK, MSG_SYSTEM)
#define MSGTXT_BATCH_SYS_MMAP \
	"mmap: %s"
MSGDEF(BATCH_SYS_MMAP, MSG_SYSTEM)
#define MSGTXT_BATCH_SYS_NOT_RENDERED \
	"%s: not rendered"
MSGDEF(BATCH_SYS_NOT_RENDERED, MSG_SYSTEM)
#define MSGTXT_BATCH_SYS_WAITPID \
	"waitpid: %s"
MSGDEF(BATCH_SYS_WAITPID, MSG_SYSTEM)
#define MSGTXT_BATCH_THESE_LETTERS_WERE_ISSUED \
	"these letters were issued under this number; rerun with --force " \
	"to replace them (the old ones are kept under superseded/)"
MSGDEF(BATCH_THESE_LETTERS_WERE_ISSUED, MSG_ERROR)
#define MSGTXT_ARCHIVE_LETTER_WOULD_BE_ADDED \
	"%s would be added"
MSGDEF(ARCHIVE_LETTER_WOULD_BE_ADDED, MSG_ERROR)
#define MSGTXT_ARCHIVE_LETTER_WOULD_CHANGE \
	"%s would change"
MSGDEF(ARCHIVE_LETTER_WOULD_CHANGE, MSG_ERROR)
#define MSGTXT_ARCHIVE_LETTER_WOULD_BE_REMOVED \
	"%s would be removed"
MSGDEF(ARCHIVE_LETTER_WOULD_BE_REMOVED, MSG_ERROR)

/* batch.c, main.c: the command line (exit 2) and its output (exit 3) */
#define MSGTXT_BATCH_NUMBER_AUTO_NEEDS_DATE \
	"--number auto needs a date: give --date or \"ngay\" in %s"
MSGDEF(BATCH_NUMBER_AUTO_NEEDS_DATE, MSG_VALUE)
#define MSGTXT_BATCH_NUMBER_AUTO_DRAFT \
	"--draft leaves the number blank, so --number auto has none to " \
	"take: leave out --number auto to make drafts, or --draft to issue"
MSGDEF(BATCH_NUMBER_AUTO_DRAFT, MSG_VALUE)
#define MSGTXT_MAIN_J_NEEDS_NUMBER_WORKERS \
	"-j needs a number of workers from 1 to 64, not '%s'"
MSGDEF(MAIN_J_NEEDS_NUMBER_WORKERS, MSG_VALUE)
#define MSGTXT_MAIN_T_TAKES_MODEL_LAYOUT \
	"-T takes model or layout, not '%s'"
MSGDEF(MAIN_T_TAKES_MODEL_LAYOUT, MSG_VALUE)
#define MSGTXT_MAIN_NUMBER_TAKES_NUMBER_E \
	"--number takes a number from 1 to 999999999 (e.g. 7 or 07) or " \
	"auto, not '%s'"
MSGDEF(MAIN_NUMBER_TAKES_NUMBER_E, MSG_VALUE)
#define MSGTXT_MAIN_DATE_NO_SUCH_DATE \
	"--date: there is no such date as '%s'"
MSGDEF(MAIN_DATE_NO_SUCH_DATE, MSG_VALUE)
#define MSGTXT_MAIN_DATE_YEAR_NOT_BETWEEN \
	"--date: the year of '%s' is not between 1900 and 2999"
MSGDEF(MAIN_DATE_YEAR_NOT_BETWEEN, MSG_VALUE)
#define MSGTXT_MAIN_DATE_TAKES_DATE_YYYY \
	"--date takes a date YYYY-MM-DD, not '%s'"
MSGDEF(MAIN_DATE_TAKES_DATE_YYYY, MSG_VALUE)
#define MSGTXT_MAIN_SHARD_TAKES_K_N \
	"--shard takes K/N with 1 <= K <= N, not '%s'"
MSGDEF(MAIN_SHARD_TAKES_K_N, MSG_VALUE)
#define MSGTXT_MAIN_UNEXPECTED_ARGUMENT \
	"unexpected argument '%s'"
MSGDEF(MAIN_UNEXPECTED_ARGUMENT, MSG_USAGE)
#define MSGTXT_MAIN_I_O_T_NEED \
	"-i, -o and -t need a folder name"
MSGDEF(MAIN_I_O_T_NEED, MSG_USAGE)
#define MSGTXT_MAIN_CHECK_WRITES_NOTHING_SO \
	"check writes nothing, so %s is not for it: it takes only -i, -t, " \
	"-q and the number and date options"
MSGDEF(MAIN_CHECK_WRITES_NOTHING_SO, MSG_USAGE)
#define MSGTXT_MAIN_NUMBER_TAKES_NUMBER_AUTO \
	"--number takes a number or auto, not both"
MSGDEF(MAIN_NUMBER_TAKES_NUMBER_AUTO, MSG_VALUE)
#define MSGTXT_MAIN_STDOUT_WRITE \
	"error writing standard output: %s"
MSGDEF(MAIN_STDOUT_WRITE, MSG_SYSTEM)

/* sign/p11.c (a key on a token: the file is the URI, any PIN hidden) */
#define MSGTXT_P11_URI_NOT_PKCS11 \
	"not a PKCS#11 URI: a key on a token is named by a URI that " \
	"begins with \"pkcs11:\" (RFC 7512), as in " \
	"pkcs11:token=LABEL;object=KEY"
MSGDEF(P11_URI_NOT_PKCS11, MSG_ERROR)
#define MSGTXT_P11_URI_NO_VALUE \
	"\"%.*s\" in the PKCS#11 URI has no value: write each attribute " \
	"as name=value, as in pkcs11:token=LABEL;object=KEY"
MSGDEF(P11_URI_NO_VALUE, MSG_ERROR)
#define MSGTXT_P11_URI_PIN_REFUSED \
	"the PKCS#11 URI carries a PIN (%.*s): a PIN on the command line " \
	"is seen by every user of this computer and kept in the shell's " \
	"history, so congvan refuses it; take it out of the URI and give " \
	"the PIN in the environment variable CONGVAN_PIN or at the prompt"
MSGDEF(P11_URI_PIN_REFUSED, MSG_ERROR)
#define MSGTXT_P11_URI_BAD_ESCAPE \
	"the value of \"%.*s\" in the PKCS#11 URI has a bad %%-escape or " \
	"an escaped NUL: write a byte as %% and two hex digits, as in " \
	"id=%%01"
MSGDEF(P11_URI_BAD_ESCAPE, MSG_ERROR)
#define MSGTXT_P11_URI_TWICE \
	"\"%.*s\" appears twice in the PKCS#11 URI: keep one"
MSGDEF(P11_URI_TWICE, MSG_ERROR)
#define MSGTXT_P11_URI_UNKNOWN_ATTR \
	"the PKCS#11 URI has the attribute \"%.*s\", which congvan does " \
	"not know: it takes token, manufacturer, model, serial, slot-id, " \
	"object, id, type and module-path (RFC 7512)"
MSGDEF(P11_URI_UNKNOWN_ATTR, MSG_ERROR)
#define MSGTXT_P11_URI_TYPE \
	"type=%s in the PKCS#11 URI: congvan signs with a private key, so " \
	"leave type out or write type=private"
MSGDEF(P11_URI_TYPE, MSG_ERROR)
#define MSGTXT_P11_MODULE_MISSING \
	"the PKCS#11 module %s cannot be read (%s): name the token's " \
	"module with module-path= in the URI or in CONGVAN_PKCS11_MODULE " \
	"(its maker's Linux driver, or Debian's opensc-pkcs11 for most " \
	"cards: /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so)"
MSGDEF(P11_MODULE_MISSING, MSG_ERROR)
#define MSGTXT_P11_MODULE_LOAD \
	"the PKCS#11 module %s could not be started (%s): name the token's " \
	"own module with module-path= in the URI or in " \
	"CONGVAN_PKCS11_MODULE"
MSGDEF(P11_MODULE_LOAD, MSG_ERROR)
#define MSGTXT_P11_NO_TOKEN \
	"no token is present: plug the token in and run again; if it is " \
	"plugged in, the module loaded is not its own: name that with " \
	"module-path= in the URI or in CONGVAN_PKCS11_MODULE"
MSGDEF(P11_NO_TOKEN, MSG_ERROR)
#define MSGTXT_P11_TOKEN_NOT_FOUND \
	"no token matches the URI; the tokens present are %s: name one " \
	"with token= (its label) or serial="
MSGDEF(P11_TOKEN_NOT_FOUND, MSG_ERROR)
#define MSGTXT_P11_TOKEN_AMBIGUOUS \
	"%u tokens match the URI (the tokens present are %s): name one " \
	"with token= (its label) or serial="
MSGDEF(P11_TOKEN_AMBIGUOUS, MSG_ERROR)
#define MSGTXT_P11_NO_PIN \
	"token \"%s\" needs its PIN and none was given: set CONGVAN_PIN, " \
	"or run congvan at a terminal to be asked for it"
MSGDEF(P11_NO_PIN, MSG_ERROR)
#define MSGTXT_P11_PIN_INCORRECT \
	"token \"%s\" refused the PIN (%s): nothing was signed; type the " \
	"PIN again with care (a token locks itself after a few wrong PINs)"
MSGDEF(P11_PIN_INCORRECT, MSG_ERROR)
#define MSGTXT_P11_PIN_INCORRECT_COUNT_LOW \
	"token \"%s\" refused the PIN (%s) and says few tries are left " \
	"before it locks itself: nothing was signed; make sure of the PIN " \
	"before you try again"
MSGDEF(P11_PIN_INCORRECT_COUNT_LOW, MSG_ERROR)
#define MSGTXT_P11_PIN_INCORRECT_FINAL_TRY \
	"token \"%s\" refused the PIN (%s) and says the next wrong PIN " \
	"locks it: nothing was signed; make sure of the PIN before you try " \
	"again"
MSGDEF(P11_PIN_INCORRECT_FINAL_TRY, MSG_ERROR)
#define MSGTXT_P11_PIN_LOCKED \
	"token \"%s\" is locked after too many wrong PINs (%s): nothing " \
	"was signed; only the token's security officer PIN (its PUK) " \
	"unlocks it, with its maker's tool"
MSGDEF(P11_PIN_LOCKED, MSG_ERROR)
#define MSGTXT_P11_LOGIN_FAILED \
	"token \"%s\" refused the login (%s: %s): nothing was signed"
MSGDEF(P11_LOGIN_FAILED, MSG_ERROR)
#define MSGTXT_P11_KEY_NOT_FOUND \
	"token \"%s\" holds no private key that matches the URI; its " \
	"private keys are %s: name one with object= (its label) or id="
MSGDEF(P11_KEY_NOT_FOUND, MSG_ERROR)
#define MSGTXT_P11_KEY_AMBIGUOUS \
	"token \"%s\" holds %u private keys that match the URI (%s): name " \
	"one with object= (its label) or id="
MSGDEF(P11_KEY_AMBIGUOUS, MSG_ERROR)
#define MSGTXT_P11_KEY_UNUSABLE \
	"token \"%s\": libp11 cannot use the key the URI names (an unknown " \
	"key type: congvan signs with RSA and ECDSA keys)"
MSGDEF(P11_KEY_UNUSABLE, MSG_ERROR)
#define MSGTXT_P11_NO_CERTIFICATE \
	"token \"%s\" holds the key but not its certificate (none with the " \
	"key's id or label): put the certificate on the token with the " \
	"key's id, as in pkcs11-tool --login --write-object CERT.der " \
	"--type cert --id ID"
MSGDEF(P11_NO_CERTIFICATE, MSG_ERROR)
#define MSGTXT_P11_CERT_KEY_MISMATCH \
	"token \"%s\": the certificate with the key's id is not the key's " \
	"own (its public key differs): put the key's own certificate on " \
	"the token under that id"
MSGDEF(P11_CERT_KEY_MISMATCH, MSG_ERROR)

/* sign/tsa.c (an RFC 3161 timestamp: the file is the authority's URL) */
#define MSGTXT_TSA_NO_LIBCURL \
	"cannot load libcurl for the timestamp authority (%s): install " \
	"Debian's libcurl4"
MSGDEF(TSA_NO_LIBCURL, MSG_ERROR)
#define MSGTXT_TSA_SYS_RANDOM \
	"no random bytes for the timestamp request's nonce"
MSGDEF(TSA_SYS_RANDOM, MSG_SYSTEM)
#define MSGTXT_TSA_URL_SCHEME \
	"a timestamp authority's address begins with http:// or https://"
MSGDEF(TSA_URL_SCHEME, MSG_ERROR)
#define MSGTXT_TSA_UNREACHABLE \
	"the timestamp authority could not be reached (%s): nothing was " \
	"signed; check the address and the network, then run again"
MSGDEF(TSA_UNREACHABLE, MSG_ERROR)
#define MSGTXT_TSA_TIMED_OUT \
	"the timestamp authority did not answer within %d seconds: nothing " \
	"was signed; run again later, or ask its operator whether the " \
	"service is down"
MSGDEF(TSA_TIMED_OUT, MSG_ERROR)
#define MSGTXT_TSA_REPLY_TOO_LARGE \
	"the answer is larger than %ld bytes, so it is not a timestamp " \
	"reply: check that the address is a timestamp authority's (RFC 3161)"
MSGDEF(TSA_REPLY_TOO_LARGE, MSG_ERROR)
#define MSGTXT_TSA_HTTP_STATUS \
	"the timestamp authority answered HTTP %ld (%s), not a timestamp: " \
	"nothing was signed; check the address its operator gives"
MSGDEF(TSA_HTTP_STATUS, MSG_ERROR)
#define MSGTXT_TSA_NOT_TS_REPLY \
	"the answer (%s, %zu bytes) is not a timestamp reply: nothing was " \
	"signed; check that the address is a timestamp authority's " \
	"(RFC 3161), not a web page"
MSGDEF(TSA_NOT_TS_REPLY, MSG_ERROR)
#define MSGTXT_TSA_REFUSED \
	"the timestamp authority refused the request (%s): nothing was " \
	"signed"
MSGDEF(TSA_REFUSED, MSG_ERROR)
#define MSGTXT_TSA_NOT_OUR_REPLY \
	"the timestamp reply does not answer this request (%s): nothing " \
	"was signed; a proxy or cache may have sent an old reply, so run " \
	"again"
MSGDEF(TSA_NOT_OUR_REPLY, MSG_ERROR)
#define MSGTXT_TSA_TOKEN_NO_CERT \
	"the timestamp token does not carry the authority's certificate, " \
	"though the request asked for it: nothing was signed"
MSGDEF(TSA_TOKEN_NO_CERT, MSG_ERROR)
#define MSGTXT_TSA_BAD_TOKEN_SIGNATURE \
	"the timestamp token's signature is not valid (%s): nothing was " \
	"signed; tell the authority's operator"
MSGDEF(TSA_BAD_TOKEN_SIGNATURE, MSG_ERROR)
