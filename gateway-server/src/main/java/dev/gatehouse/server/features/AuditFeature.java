package dev.gatehouse.server.features;

import dev.gatehouse.audit.AuditFilter;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOptions;
import dev.gatehouse.audit.PayloadTransform;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.ResponseSlot;
import dev.gatehouse.masking.ClearTextAudit;
import dev.gatehouse.server.admin.ReadinessChecks;
import dev.gatehouse.server.audit.AuditConfigReader;
import dev.gatehouse.server.cli.GatehouseVersion;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the data path: opened before the listeners bind (so the first exchange has a log
 * to go to), a start record with the config hash, the filter in the last response slot, a readiness
 * check, and a stop record plus final checkpoint on close. Without an {@code audit} section nothing
 * is audited, which is logged as a warning at start.
 */
public final class AuditFeature implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditFeature.class);

  /**
   * Responses sent in clear text to an identity with a masking {@code clear_text} grant are
   * recorded as the masked copy the MASK slot made: the audit log must not become a store of the
   * customer data those grants let through. Every other payload is recorded as released.
   */
  static final PayloadTransform PAYLOADS =
      (field, payload, exchange) ->
          field == PayloadTransform.Field.RESPONSE
              ? ClearTextAudit.response(exchange, payload)
              : payload;

  private final AuditLog auditLog;

  private AuditFeature(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  /** Validation only, for {@code config check}. */
  public static void check(GatehouseConfig config) {
    if (!config.section("audit").isMissingNode()) {
      AuditConfigReader.read(config.section("audit"));
    }
  }

  /** Opens the log the config asks for (or none). Fails start-up, never serving, on any error. */
  public static AuditFeature open(GatehouseConfig config) {
    if (config.section("audit").isMissingNode()) {
      log.warn("no 'audit' section: exchanges are NOT audited. Configure audit for production.");
      return new AuditFeature(null);
    }
    AuditOptions options =
        AuditConfigReader.read(config.section("audit"))
            .withGateway(config.gateway().instance(), GatehouseVersion.current());
    try {
      AuditLog opened = AuditLog.open(options);
      opened.configHash(config.sourceHash());
      opened
          .recordGatewayStart(config.sourceHash())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      log.info("audit log: {} ({} mode)", options.dir(), options.mode());
      return new AuditFeature(opened);
    } catch (IOException e) {
      throw new ConfigException("/audit", "cannot open the audit log: " + e.getMessage());
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the audit start record: " + e.getMessage(), e);
    }
  }

  public boolean enabled() {
    return auditLog != null;
  }

  /** The open log, or {@code null} when auditing is off. */
  public AuditLog auditLog() {
    return auditLog;
  }

  public void register(FilterChain.Builder chain, ReadinessChecks readiness) {
    if (auditLog == null) {
      return;
    }
    chain.response(ResponseSlot.AUDIT, "audit-log", new AuditFilter(auditLog, PAYLOADS));
    readiness.add("audit", () -> auditLog.isHealthy() ? null : auditLog.healthDetail());
  }

  @Override
  public void close() {
    if (auditLog == null) {
      return;
    }
    try {
      auditLog.recordGatewayStop("shutdown").toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("could not write the audit stop record: {}", e.toString());
    }
    auditLog.close();
  }
}
