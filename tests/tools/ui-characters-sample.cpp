// What tools/ui-characters.py must read (tests: tools.ui-characters): the characters
// of literals, never of comments. This comment's “quotes” and … are not written.
/* Nor this arrow: ← */
const char* bytes = "caf\xC3\xA9";           // é from escaped bytes
const char* split = "\xE2\x80" "\xA6";        // … split between joined literals
const char* plain = u8"·";                    // the character itself
char32_t dash = U'\u2014';                    // —
const char* raw = R"x(° in a raw string)x";
int million = 1'000'000;                      // digit separators, not literals
const char* quoted = "it's \"quoted\" \u2019"; // escapes, then ’
const char* opener = "/* not a comment: ¶ */";
char apostrophe = '\'';
