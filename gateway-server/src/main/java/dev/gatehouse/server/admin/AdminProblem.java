package dev.gatehouse.server.admin;

import java.util.Map;

/**
 * An admin request that cannot be carried out (unknown rule, invalid rules, stale {@code If-Match},
 * audit log down…): the reply to send instead, thrown from wherever the problem is found.
 */
final class AdminProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Map<String, String> headers;

  AdminProblem(int status, String code, String message) {
    this(status, Map.of(), code, message);
  }

  AdminProblem(int status, Map<String, String> headers, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  AdminReply reply() {
    return AdminReply.error(status, headers, code, getMessage());
  }

  static AdminProblem notFound(String message) {
    return new AdminProblem(404, "not_found", message);
  }

  static AdminProblem badRequest(String message) {
    return new AdminProblem(400, "bad_request", message);
  }
}
