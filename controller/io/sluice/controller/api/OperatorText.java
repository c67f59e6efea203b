package io.sluice.controller.api;

/**
 * Free text an operator sends (an override's or a resume's reason) is written to the log, the audit
 * log and notifications: a line break in it could forge a log line, an escape sequence could drive
 * the terminal that shows it. Such text is refused, naming the field and where the character is.
 */
final class OperatorText {
  private OperatorText() {}

  /**
   * {@code text} when it holds no control character (tab included) and no line or paragraph
   * separator; a 400 problem naming {@code field} otherwise.
   */
  static String require(String field, String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw new ProblemException(
            Problem.badRequest(
                field,
                "no control characters",
                String.format(
                    "%s: must not contain control characters (line breaks, tabs, escapes), got"
                        + " U+%04X at character %d",
                    field, (int) c, i + 1)));
      }
    }
    return text;
  }
}
