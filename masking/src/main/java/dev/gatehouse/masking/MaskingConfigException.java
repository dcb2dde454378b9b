package dev.gatehouse.masking;

/**
 * The {@code masking:} configuration is invalid: an unknown detector, a bad regex, an unknown
 * option. The message always names the rule (and rule set) at fault; the server maps it to a
 * start-up or reload error.
 */
public final class MaskingConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String rule;

  public MaskingConfigException(String rule, String message) {
    super(rule == null ? message : "masking rule '" + rule + "': " + message);
    this.rule = rule;
  }

  public MaskingConfigException(String rule, String message, Throwable cause) {
    this(rule, message);
    initCause(cause);
  }

  /** The rule at fault (e.g. {@code default/email}), or {@code null} for a section-level error. */
  public String rule() {
    return rule;
  }
}
