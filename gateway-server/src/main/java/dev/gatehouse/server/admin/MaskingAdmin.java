package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.store.CanonicalJson;
import dev.gatehouse.core.Identity;
import dev.gatehouse.masking.MaskingConfigException;
import dev.gatehouse.masking.MaskingRules;
import dev.gatehouse.server.features.MaskingFeature;
import dev.gatehouse.server.features.MaskingStateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the masking rules at run time: validates, saves, audits and swaps in a new rule set, in
 * that order, one change at a time.
 *
 * <p>A change runs on its own single thread, never on an event loop (it fsyncs a file and waits for
 * the audit record to be durable), and one after the other, so two admins editing at once cannot
 * lose each other's change. The steps: parse the edited rules exactly as the configuration file is
 * parsed (invalid → nothing changes); write them to a temporary file and sync it; append the {@code
 * config-change} audit record and wait until it is durable (audit down → the temporary file is
 * dropped and nothing changes); rename the file into place; swap the rules in the filter, so the
 * very next message uses them. Every failure before the swap leaves the running rules, the saved
 * file and the audit log as they were.
 *
 * <p>The config hash after a change (stamped on every later audit record) is the SHA-256 of the
 * configuration file's hash, a line feed and the canonical JSON of the masking rules in force;
 * after a reset it is the file's hash again. docs/admin-api.md states this for independent
 * verifiers.
 */
public final class MaskingAdmin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MaskingAdmin.class);
  private static final long AUDIT_WAIT_SECONDS = 10;

  /** The audit record's {@code source} for a change made through the admin API. */
  public static final String SOURCE_ADMIN_API = "admin-api";

  /** The audit record's {@code source} when the gateway starts with saved admin changes. */
  public static final String SOURCE_SAVED_STATE = "admin-state";

  private final MaskingFeature masking;
  private final AuditLog audit;
  private final String fileHash;
  private final ExecutorService changes;
  private volatile boolean fromState;
  private volatile String configHash;

  private MaskingAdmin(MaskingFeature masking, AuditLog audit, String fileHash) {
    this.masking = masking;
    this.audit = audit;
    this.fileHash = fileHash == null ? "" : fileHash;
    this.changes =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "gatehouse-admin-changes");
              t.setDaemon(true);
              return t;
            });
    this.configHash = this.fileHash;
  }

  /**
   * Starts the service. When the gateway starts with rules saved by an earlier admin change, the
   * audit log (if on) gets a {@code config-change} record saying so, with the rules in force, so
   * the log shows which rules every later exchange was masked with.
   *
   * @param audit the open audit log, or {@code null} when auditing is off
   * @param fileHash the configuration file's hash
   */
  public static MaskingAdmin start(MaskingFeature masking, AuditLog audit, String fileHash) {
    MaskingAdmin admin = new MaskingAdmin(masking, audit, fileHash);
    MaskingStateFile.Saved saved = masking.loadedState();
    if (saved != null) {
      admin.fromState = true;
      ObjectNode rules = admin.rules();
      admin.configHash = admin.effectiveHash(rules);
      if (audit != null) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("what", "masking");
        detail.put("operation", "start with saved admin changes");
        detail.put("file", masking.stateFile().path().toString());
        detail.put("savedAt", saved.savedAt());
        detail.put("savedBy", saved.savedBy());
        detail.set("after", rules);
        try {
          audit
              .recordConfigChange(admin.configHash, SOURCE_SAVED_STATE, "gatehouse", detail)
              .toCompletableFuture()
              .get(AUDIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
          admin.close();
          throw new IllegalStateException(
              "cannot audit the saved masking rules in force: " + e.getMessage(), e);
        }
      }
    }
    return admin;
  }

  /** The rules in force, in canonical form (what {@code GET /admin/masking/rules} returns). */
  public ObjectNode rules() {
    return masking.filter().rules().toJson();
  }

  /** Whether the rules in force come from the saved state rather than the configuration file. */
  public boolean fromState() {
    return fromState;
  }

  /** The config hash in force (see the class comment). */
  public String configHash() {
    return configHash;
  }

  /** A strong entity tag of {@code rules}: what {@code If-Match} compares against. */
  public static String etag(ObjectNode rules) {
    return "\"" + sha256(CanonicalJson.write(rules)).substring(0, 32) + "\"";
  }

  /**
   * The result of a change.
   *
   * @param rules the rules now in force (canonical)
   * @param etag their entity tag
   * @param configHash the config hash now in force
   * @param changed false when the edit left the rules as they were (nothing saved or audited)
   */
  public record Applied(ObjectNode rules, String etag, String configHash, boolean changed) {}

  /**
   * Applies {@code edit} to a copy of the rules in force and puts the result in force.
   *
   * @param operation what was asked, for the log and the audit record (e.g. {@code POST
   *     /admin/masking/sets/default/custom})
   * @param ifMatch the caller's {@code If-Match} value, or {@code null}
   * @return completes with the outcome, or exceptionally with an {@link AdminProblem}
   */
  CompletionStage<Applied> change(
      String operation,
      UnaryOperator<ObjectNode> edit,
      String ifMatch,
      Identity actor,
      String clientAddress) {
    return submit(
        () -> {
          ObjectNode before = rules();
          checkIfMatch(ifMatch, before);
          ObjectNode edited = edit.apply(before.deepCopy());
          MaskingRules next;
          try {
            next = MaskingRules.fromJson(edited);
          } catch (MaskingConfigException e) {
            throw new AdminProblem(400, "invalid_rules", e.getMessage());
          }
          return put(operation, before, next, false, actor, clientAddress);
        });
  }

  /** Drops the saved changes: the configuration file's rules apply again (and after a restart). */
  CompletionStage<Applied> reset(
      String operation, String ifMatch, Identity actor, String clientAddress) {
    return submit(
        () -> {
          ObjectNode before = rules();
          checkIfMatch(ifMatch, before);
          MaskingRules configured;
          try {
            configured = masking.configuredRules();
          } catch (MaskingConfigException e) {
            throw new AdminProblem(
                500,
                "config_invalid",
                "the configuration file's masking rules do not load now, so they cannot be"
                    + " restored: "
                    + e.getMessage());
          }
          return put(operation, before, configured, true, actor, clientAddress);
        });
  }

  private CompletionStage<Applied> submit(java.util.function.Supplier<Applied> work) {
    try {
      return CompletableFuture.supplyAsync(work, changes);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new AdminProblem(503, "unavailable", "the gateway is shutting down"));
    }
  }

  private static void checkIfMatch(String ifMatch, ObjectNode current) {
    if (ifMatch != null && !ifMatch.strip().equals("*") && !ifMatch.strip().equals(etag(current))) {
      throw new AdminProblem(
          412,
          "precondition_failed",
          "the rules changed since they were read (If-Match "
              + ifMatch.strip()
              + ", now "
              + etag(current)
              + "): read them again and retry");
    }
  }

  /** Runs on the change thread: save (prepare), audit, save (commit), swap. */
  private Applied put(
      String operation,
      ObjectNode before,
      MaskingRules next,
      boolean reset,
      Identity actor,
      String clientAddress) {
    ObjectNode after = next.toJson();
    boolean noChange = reset ? !fromState : after.equals(before);
    if (noChange) {
      // Nothing to save and nothing to record: the rules in force stay exactly as they are.
      return new Applied(before, etag(before), configHash, false);
    }
    MaskingStateFile state = masking.stateFile();
    MaskingStateFile.Prepared prepared;
    try {
      prepared =
          reset ? state.prepareDelete() : state.prepareSave(after, actor.subject(), Instant.now());
    } catch (IOException e) {
      throw new AdminProblem(
          500,
          "not_saved",
          "cannot save the rules to " + state.path() + ": " + e + "; nothing changed");
    }
    String previousHash = configHash;
    String nextHash = reset ? fileHash : effectiveHash(after);
    ObjectNode detail = detail(operation, actor, clientAddress, state, before, after, reset);
    if (audit != null) {
      try {
        audit
            .recordConfigChange(nextHash, SOURCE_ADMIN_API, actor.subject(), detail)
            .toCompletableFuture()
            .get(AUDIT_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        prepared.abandon();
        audit.configHash(previousHash); // the record did not make it: the old rules stay in force
        throw new AdminProblem(
            503,
            "audit_unavailable",
            "the change could not be recorded in the audit log ("
                + rootMessage(e)
                + "); nothing changed");
      }
    }
    try {
      prepared.commit();
    } catch (IOException e) {
      prepared.abandon();
      recordRevert(previousHash, actor, operation, e);
      throw new AdminProblem(
          500,
          "not_saved",
          "cannot save the rules to " + state.path() + ": " + e + "; nothing changed");
    }
    masking.filter().update(next);
    fromState = !reset;
    configHash = nextHash;
    log.info(
        "masking rules changed by {} from {}: {} ({}; config hash {})",
        actor.subject(),
        clientAddress,
        operation,
        reset ? "the configuration file's rules apply again" : "saved in " + state.path(),
        nextHash);
    return new Applied(after, etag(after), nextHash, true);
  }

  /** The audit record already says the change was made; say it was not after all. */
  private void recordRevert(String previousHash, Identity actor, String operation, IOException e) {
    if (audit == null) {
      return;
    }
    ObjectNode detail = JsonNodeFactory.instance.objectNode();
    detail.put("what", "masking");
    detail.put("operation", operation);
    detail.put("reverted", true);
    detail.put("reason", "the rules could not be saved: " + e);
    try {
      audit
          .recordConfigChange(previousHash, SOURCE_ADMIN_API, actor.subject(), detail)
          .toCompletableFuture()
          .get(AUDIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception again) {
      log.error(
          "masking change '{}' was audited but could not be saved, and the revert could not be"
              + " audited either: {}",
          operation,
          rootMessage(again));
    }
  }

  private static ObjectNode detail(
      String operation,
      Identity actor,
      String clientAddress,
      MaskingStateFile state,
      ObjectNode before,
      ObjectNode after,
      boolean reset) {
    ObjectNode detail = JsonNodeFactory.instance.objectNode();
    detail.put("what", "masking");
    detail.put("operation", operation);
    ObjectNode who = detail.putObject("identity");
    who.put("subject", actor.subject());
    if (actor.displayName() != null && !actor.displayName().equals(actor.subject())) {
      who.put("displayName", actor.displayName());
    }
    who.put("kind", actor.kind().name().toLowerCase(java.util.Locale.ROOT));
    if (actor.issuer() != null) {
      who.put("issuer", actor.issuer());
    }
    ArrayNode groups = who.putArray("groups");
    new TreeSet<>(actor.groups()).forEach(groups::add);
    detail.put("clientAddress", clientAddress);
    detail.put("rulesFrom", reset ? "configuration file" : state.path().toString());
    detail.set("before", before);
    detail.set("after", after);
    return detail;
  }

  private String effectiveHash(ObjectNode rules) {
    byte[] canonical = CanonicalJson.write(rules);
    byte[] prefix = (fileHash + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + canonical.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(canonical, 0, all, prefix.length, canonical.length);
    return sha256(all);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public void close() {
    changes.shutdown();
    try {
      if (!changes.awaitTermination(AUDIT_WAIT_SECONDS + 5, TimeUnit.SECONDS)) {
        changes.shutdownNow();
      }
    } catch (InterruptedException e) {
      changes.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
