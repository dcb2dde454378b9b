package dev.gatehouse.server.admin;

import dev.gatehouse.server.features.IdentityFeature;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated part of the admin listener: everything under {@code /admin/}. Each request is
 * authenticated like an MCP request and must come from a member of {@code auth.adminGroup}; then it
 * is routed. Problems become JSON errors ({@code {"error", "message"}}) with the right status.
 */
public final class AdminApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

  /** Paths at or under this need an admin. */
  public static final String PREFIX = "/admin";

  private final AdminAuthenticator authenticator;
  private final MaskingAdmin masking;
  private final MaskingRoutes maskingRoutes;

  public AdminApi(IdentityFeature identity, MaskingAdmin masking) {
    this(new AdminAuthenticator(identity.adminAuthentication(), identity.adminGroup()), masking);
  }

  AdminApi(AdminAuthenticator authenticator, MaskingAdmin masking) {
    this.authenticator = authenticator;
    this.masking = masking;
    this.maskingRoutes = new MaskingRoutes(masking);
  }

  /** Whether {@code path} belongs to this API (rather than to the probes). */
  public static boolean owns(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /**
   * Answers {@code request}. Authentication may wait for the identity provider's keys; the stage
   * then completes later, and the caller writes the reply on its own event loop.
   */
  public CompletionStage<AdminReply> handle(AdminRequest request, Executor loop) {
    CompletionStage<AdminReply> reply;
    try {
      reply =
          authenticator
              .authenticate(request, loop)
              .thenCompose(
                  outcome ->
                      switch (outcome) {
                        case AdminAuthenticator.Outcome.Refused refused ->
                            CompletableFuture.completedFuture(refused.reply());
                        case AdminAuthenticator.Outcome.Admin admin -> route(request, admin);
                      });
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    return reply.exceptionally(e -> problem(request, e));
  }

  private CompletionStage<AdminReply> route(
      AdminRequest request, AdminAuthenticator.Outcome.Admin admin) {
    String path = request.path();
    if (path.equals(MaskingRoutes.PREFIX) || path.startsWith(MaskingRoutes.PREFIX + "/")) {
      return maskingRoutes.route(request, admin.identity());
    }
    throw AdminProblem.notFound("no admin route " + path);
  }

  private static AdminReply problem(AdminRequest request, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof AdminProblem problem) {
      return problem.reply();
    }
    log.error("admin request {} {} failed", request.method(), request.path(), cause);
    return AdminReply.error(500, "internal", "the request failed: " + cause);
  }

  @Override
  public void close() {
    masking.close();
  }
}
