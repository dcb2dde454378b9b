package dev.gatehouse.server.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Identity;
import dev.gatehouse.server.admin.MaskingEdits.RuleList;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The masking routes of the admin API (docs/admin-api.md): the whole rules under {@code
 * /admin/masking/rules}, and per rule under {@code /admin/masking/sets/{set}/…}. Reads answer from
 * the rules in force; writes go through {@link MaskingAdmin}, which validates, saves, audits and
 * swaps. Every reply carries the {@code ETag} of the rules in force, for {@code If-Match}.
 */
final class MaskingRoutes {
  static final String PREFIX = "/admin/masking";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final MaskingAdmin admin;

  MaskingRoutes(MaskingAdmin admin) {
    this.admin = admin;
  }

  /** Answers {@code request} (a path under {@link #PREFIX}) for the admin {@code actor}. */
  CompletionStage<AdminReply> route(AdminRequest request, Identity actor) {
    List<String> parts = segments(request.path().substring(PREFIX.length()));
    String method = request.method();
    // One snapshot for a read: the body and its ETag must describe the same rules.
    ObjectNode now = admin.rules();
    if (parts.equals(List.of("rules"))) {
      return switch (method) {
        case "GET" -> read(now, now);
        case "PUT" -> {
          ObjectNode replacement = body(request);
          yield write(request, actor, 200, rules -> replacement.deepCopy());
        }
        case "DELETE" ->
            applied(
                admin.reset(operation(request), ifMatch(request), actor, request.clientAddress()),
                200);
        default -> notAllowed("GET, PUT, DELETE");
      };
    }
    if (parts.size() < 2 || !parts.get(0).equals("sets")) {
      throw AdminProblem.notFound("no admin route " + request.path());
    }
    String set = parts.get(1);
    if (parts.size() == 2) {
      return method.equals("GET") ? read(now, MaskingEdits.set(now, set)) : notAllowed("GET");
    }
    String kind = parts.get(2);
    RuleList list = RuleList.of(kind);
    if (list == null && !kind.equals("detectors")) {
      throw AdminProblem.notFound(
          "no admin route " + request.path() + " (a set has custom, fields and detectors)");
    }
    if (parts.size() == 3) {
      if (list == null) {
        return method.equals("GET")
            ? read(now, MaskingEdits.set(now, set).path("detectors"))
            : notAllowed("GET");
      }
      return switch (method) {
        case "GET" -> read(now, MaskingEdits.list(now, set, list));
        case "POST" -> write(request, actor, 201, MaskingEdits.add(set, list, body(request)));
        default -> notAllowed("GET, POST");
      };
    }
    if (parts.size() != 4) {
      throw AdminProblem.notFound("no admin route " + request.path());
    }
    String name = parts.get(3);
    if (list == null) {
      return switch (method) {
        case "GET" -> read(now, MaskingEdits.detector(now, set, name));
        case "PUT" ->
            write(request, actor, 200, MaskingEdits.putDetector(set, name, body(request)));
        case "DELETE" -> write(request, actor, 200, MaskingEdits.removeDetector(set, name));
        default -> notAllowed("GET, PUT, DELETE");
      };
    }
    return switch (method) {
      case "GET" -> read(now, MaskingEdits.rule(now, set, list, name));
      case "PUT" ->
          write(request, actor, 200, MaskingEdits.replace(set, list, name, body(request)));
      case "DELETE" -> write(request, actor, 200, MaskingEdits.remove(set, list, name));
      default -> notAllowed("GET, PUT, DELETE");
    };
  }

  private static CompletionStage<AdminReply> read(ObjectNode rules, JsonNode body) {
    return CompletableFuture.completedFuture(
        new AdminReply(200, Map.of("ETag", MaskingAdmin.etag(rules)), body));
  }

  private CompletionStage<AdminReply> write(
      AdminRequest request, Identity actor, int status, UnaryOperator<ObjectNode> edit) {
    return applied(
        admin.change(operation(request), edit, ifMatch(request), actor, request.clientAddress()),
        status);
  }

  private static CompletionStage<AdminReply> applied(
      CompletionStage<MaskingAdmin.Applied> change, int status) {
    return change.thenApply(
        a ->
            new AdminReply(
                a.changed() ? status : 200,
                Map.of("ETag", a.etag(), "Gatehouse-Config-Hash", a.configHash()),
                a.rules()));
  }

  private static CompletionStage<AdminReply> notAllowed(String allow) {
    throw new AdminProblem(
        405, Map.of("Allow", allow), "method_not_allowed", "allowed here: " + allow);
  }

  private static String operation(AdminRequest request) {
    return request.method() + " " + request.path();
  }

  private static String ifMatch(AdminRequest request) {
    return request.headers().get("if-match");
  }

  /** The request body as JSON; for a whole-rules PUT, the new {@code masking:} section. */
  private static ObjectNode body(AdminRequest request) {
    if (request.body().length == 0) {
      throw AdminProblem.badRequest("the request needs a JSON object body");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (JsonProcessingException e) {
      throw AdminProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw AdminProblem.badRequest("the body cannot be read: " + e.getMessage());
    }
    if (!(body instanceof ObjectNode object)) {
      throw AdminProblem.badRequest("the body must be a JSON object");
    }
    return object;
  }

  private static List<String> segments(String rest) {
    return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
  }
}
