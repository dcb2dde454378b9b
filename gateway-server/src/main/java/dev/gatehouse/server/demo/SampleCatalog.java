package dev.gatehouse.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.demo.CustomerData.Customer;
import java.util.List;

/**
 * What the sample server offers: three tools, one resource and one prompt, chosen so that every
 * later gateway feature has something to act on (masking: {@code customer_lookup}; guardrails:
 * {@code run_query}'s SQL text; approvals: {@code delete_record}, marked destructive).
 *
 * <p>Fields that a protocol revision does not define ({@code title}, {@code outputSchema}, {@code
 * structuredContent} before 2025-06-18) are left out for that revision.
 */
final class SampleCatalog {
  static final String RESOURCE_URI = "sample://schema/customers";
  static final String PROMPT_NAME = "investigate_customer";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A JSON-RPC error raised by a method handler. */
  static final class RpcError extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    RpcError(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  private SampleCatalog() {}

  static ObjectNode toolsList(String version) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode tools = result.putArray("tools");

    ObjectNode lookup = tool(tools, "customer_lookup", "Customer lookup", version);
    lookup.put(
        "description",
        "Find customers by name, email, city or customer id (\"*\" lists all). Returns contact"
            + " and payment details.");
    ObjectNode lookupInput = objectSchema(lookup.putObject("inputSchema"), "query");
    lookupInput
        .withObjectProperty("properties")
        .putObject("query")
        .put("type", "string")
        .put("description", "Text to search for, e.g. 'ada' or 'C-1002'");
    if (hasStructuredOutput(version)) {
      ObjectNode out = objectSchema(lookup.putObject("outputSchema"), "count", "customers");
      out.withObjectProperty("properties").putObject("count").put("type", "integer");
      out.withObjectProperty("properties")
          .putObject("customers")
          .put("type", "array")
          .putObject("items")
          .put("type", "object");
    }
    lookup.putObject("annotations").put("readOnlyHint", true).put("openWorldHint", false);

    ObjectNode query = tool(tools, "run_query", "Run SQL query", version);
    query.put("description", "Run a SQL query against the customer database and return the rows.");
    objectSchema(query.putObject("inputSchema"), "sql")
        .withObjectProperty("properties")
        .putObject("sql")
        .put("type", "string")
        .put("description", "The SQL text, e.g. SELECT * FROM orders");
    query.putObject("annotations").put("openWorldHint", false);

    ObjectNode delete = tool(tools, "delete_record", "Delete record", version);
    delete.put("description", "Delete one record from a table by its id. Cannot be undone.");
    ObjectNode deleteInput = objectSchema(delete.putObject("inputSchema"), "table", "id");
    deleteInput.withObjectProperty("properties").putObject("table").put("type", "string");
    deleteInput.withObjectProperty("properties").putObject("id").put("type", "string");
    delete
        .putObject("annotations")
        .put("readOnlyHint", false)
        .put("destructiveHint", true)
        .put("idempotentHint", true)
        .put("openWorldHint", false);
    return result;
  }

  static ObjectNode callTool(JsonNode params, String version) throws RpcError {
    String name = params.path("name").asText("");
    JsonNode args = params.path("arguments");
    return switch (name) {
      case "customer_lookup" -> customerLookup(args, version);
      case "run_query" -> runQuery(args, version);
      case "delete_record" -> deleteRecord(args);
      default -> throw new RpcError(-32602, "Unknown tool: " + name);
    };
  }

  static ObjectNode resourcesList(String version) {
    ObjectNode result = JSON.createObjectNode();
    ObjectNode r = result.putArray("resources").addObject();
    r.put("uri", RESOURCE_URI).put("name", "customers-schema");
    if (!version.equals("2025-03-26")) {
      r.put("title", "Customer table schema");
    }
    r.put("description", "Columns of the customers table").put("mimeType", "text/markdown");
    return result;
  }

  static ObjectNode readResource(JsonNode params) throws RpcError {
    String uri = params.path("uri").asText("");
    if (!uri.equals(RESOURCE_URI)) {
      throw new RpcError(-32002, "Resource not found: " + uri);
    }
    ObjectNode result = JSON.createObjectNode();
    result
        .putArray("contents")
        .addObject()
        .put("uri", RESOURCE_URI)
        .put("mimeType", "text/markdown")
        .put(
            "text",
            """
            # customers

            | column | type | notes |
            |---|---|---|
            | id | text | C-1001 … |
            | name | text | |
            | email | text | personal data |
            | phone | text | personal data |
            | city, country | text | |
            | card_number | text | payment card (PCI) |
            | iban | text | bank account |
            | plan | text | free, team, enterprise |
            """);
    return result;
  }

  static ObjectNode promptsList(String version) {
    ObjectNode result = JSON.createObjectNode();
    ObjectNode p = result.putArray("prompts").addObject();
    p.put("name", PROMPT_NAME);
    if (!version.equals("2025-03-26")) {
      p.put("title", "Investigate a customer");
    }
    p.put("description", "Look a customer up and summarise their account.");
    p.putArray("arguments")
        .addObject()
        .put("name", "customer_id")
        .put("description", "The customer id, e.g. C-1001")
        .put("required", true);
    return result;
  }

  static ObjectNode getPrompt(JsonNode params) throws RpcError {
    if (!params.path("name").asText("").equals(PROMPT_NAME)) {
      throw new RpcError(-32602, "Unknown prompt: " + params.path("name").asText(""));
    }
    String id = params.path("arguments").path("customer_id").asText("");
    if (id.isBlank()) {
      throw new RpcError(-32602, "Missing required argument: customer_id");
    }
    ObjectNode result = JSON.createObjectNode();
    result.put("description", "Investigate customer " + id);
    result
        .putArray("messages")
        .addObject()
        .put("role", "user")
        .putObject("content")
        .put("type", "text")
        .put(
            "text",
            "Use the customer_lookup tool to find customer "
                + id
                + ", then summarise their plan and location. Do not repeat payment details.");
    return result;
  }

  private static ObjectNode customerLookup(JsonNode args, String version) {
    String query = args.path("query").asText("");
    if (query.isBlank()) {
      return toolError("customer_lookup needs a non-empty 'query' argument");
    }
    List<Customer> found = CustomerData.lookup(query);
    ObjectNode structured = JSON.createObjectNode();
    structured.put("count", found.size());
    ArrayNode rows = structured.putArray("customers");
    for (Customer c : found) {
      rows.addObject()
          .put("id", c.id())
          .put("name", c.name())
          .put("email", c.email())
          .put("phone", c.phone())
          .put("city", c.city())
          .put("country", c.country())
          .put("card_number", c.cardNumber())
          .put("card_brand", c.cardBrand())
          .put("iban", c.iban())
          .put("plan", c.plan());
    }
    return toolResult(structured, version);
  }

  private static ObjectNode runQuery(JsonNode args, String version) {
    String sql = args.path("sql").asText("");
    if (sql.isBlank()) {
      return toolError("run_query needs a non-empty 'sql' argument");
    }
    // The sample has no database: every query answers the same small, realistic result set.
    ObjectNode structured = JSON.createObjectNode();
    structured.put("sql", sql);
    ArrayNode columns = structured.putArray("columns");
    List.of("order_id", "customer_id", "email", "amount_eur", "status").forEach(columns::add);
    ArrayNode rows = structured.putArray("rows");
    rows.addArray()
        .add("O-5001")
        .add("C-1001")
        .add("ada.lovelace@example.com")
        .add(129.00)
        .add("paid");
    rows.addArray()
        .add("O-5002")
        .add("C-1003")
        .add("alan.turing@example.net")
        .add(42.50)
        .add("refunded");
    rows.addArray()
        .add("O-5003")
        .add("C-1004")
        .add("katherine.johnson@example.com")
        .add(310.75)
        .add("open");
    structured.put("rowCount", rows.size());
    return toolResult(structured, version);
  }

  private static ObjectNode deleteRecord(JsonNode args) {
    String table = args.path("table").asText("");
    JsonNode idNode = args.path("id");
    String id = idNode.isValueNode() ? idNode.asText("") : "";
    if (table.isBlank() || id.isBlank()) {
      return toolError("delete_record needs 'table' and 'id' arguments");
    }
    ObjectNode result = JSON.createObjectNode();
    result
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", "Deleted 1 record with id " + id + " from table " + table + ".");
    result.put("isError", false);
    return result;
  }

  private static ObjectNode toolResult(ObjectNode structured, String version) {
    ObjectNode result = JSON.createObjectNode();
    // The spec asks servers that return structured content to also return it serialized as text,
    // for clients that only read content blocks.
    result.putArray("content").addObject().put("type", "text").put("text", pretty(structured));
    if (hasStructuredOutput(version)) {
      result.set("structuredContent", structured);
    }
    result.put("isError", false);
    return result;
  }

  /** Input problems are tool execution errors (isError), not protocol errors, since 2025-11-25. */
  private static ObjectNode toolError(String message) {
    ObjectNode result = JSON.createObjectNode();
    result.putArray("content").addObject().put("type", "text").put("text", message);
    result.put("isError", true);
    return result;
  }

  private static ObjectNode tool(ArrayNode tools, String name, String title, String version) {
    ObjectNode tool = tools.addObject().put("name", name);
    if (!version.equals("2025-03-26")) {
      tool.put("title", title);
    }
    return tool;
  }

  private static ObjectNode objectSchema(ObjectNode schema, String... required) {
    schema.put("type", "object");
    schema.putObject("properties");
    ArrayNode req = schema.putArray("required");
    for (String r : required) {
      req.add(r);
    }
    return schema;
  }

  private static boolean hasStructuredOutput(String version) {
    return !version.equals("2025-03-26");
  }

  private static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
