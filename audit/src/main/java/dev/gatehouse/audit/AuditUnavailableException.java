package dev.gatehouse.audit;

/**
 * The audit log cannot take records (disk full, I/O error, closed, overloaded). Requests are
 * refused while it is thrown: an exchange that cannot be audited does not happen.
 */
public final class AuditUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditUnavailableException(String message) {
    super(message);
  }

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
