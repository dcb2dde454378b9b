package dev.gatehouse.masking.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Writes the labelled masking corpus: realistic MCP tool results (customer records, support
 * tickets, logs, SQL rows, config dumps, code) with sensitive values of every detector in varied
 * formats, and hard negatives that must stay untouched. Deterministic (fixed seed): run {@code
 * main} to regenerate {@code src/test/resources/corpus/mcp-tool-results.jsonl}; CorpusScoreTest
 * checks the committed file is what this class produces.
 *
 * <p>Each line: {@code {"id", "kind", "message": <JSON-RPC response>, "labels": [[detector, value],
 * ...]}}, one label per occurrence of a sensitive value in the message.
 */
public final class CorpusGenerator {
  public static final long SEED = 20240515L;
  public static final int PER_KIND = 50;
  public static final String RESOURCE = "corpus/mcp-tool-results.jsonl";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Entities e;
  private int nextId = 1;

  CorpusGenerator(long seed) {
    Random random = new Random(seed);
    this.e = new Entities(random, new Faker(Locale.US, new Random(seed + 1)));
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/" + RESOURCE);
    Files.createDirectories(out.getParent());
    Files.writeString(out, generate(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  /** The whole corpus as JSON lines. */
  public static String generate() {
    return new CorpusGenerator(SEED).lines();
  }

  private String lines() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < PER_KIND; i++) {
      for (Doc d :
          List.of(customerRecord(), supportTicket(), logLines(), sqlRows(), configDump(), code())) {
        sb.append(d.toJson()).append('\n');
      }
    }
    return sb.toString();
  }

  /** One document being built: its text and its labels. */
  final class Doc {
    final String kind;
    final List<String[]> labels = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    ObjectNode structured;

    Doc(String kind) {
      this.kind = kind;
    }

    /** A labelled sensitive value. */
    String pos(String detector, String value) {
      labels.add(new String[] {detector, value});
      return value;
    }

    Doc add(Object... parts) {
      for (Object p : parts) {
        text.append(p);
      }
      return this;
    }

    String toJson() {
      ObjectNode line = F.objectNode();
      line.put("id", kind + "-" + nextId++);
      line.put("kind", kind);
      ObjectNode message = line.putObject("message");
      message.put("jsonrpc", "2.0");
      message.put("id", nextId);
      ObjectNode result = message.putObject("result");
      ArrayNode content = result.putArray("content");
      ObjectNode block = content.addObject();
      block.put("type", "text");
      block.put("text", text.toString());
      if (structured != null) {
        result.set("structuredContent", structured);
      }
      result.put("isError", false);
      ArrayNode labelsNode = line.putArray("labels");
      for (String[] l : labels) {
        labelsNode.addArray().add(l[0]).add(l[1]);
      }
      return line.toString();
    }
  }

  // ---- document kinds ---------------------------------------------------------------------

  /** get_customer: structuredContent plus its serialisation as text (as the spec suggests). */
  private Doc customerRecord() {
    Doc d = new Doc("customer_record");
    ObjectNode c = F.objectNode();
    c.put("id", e.uuid());
    c.put("name", e.f.name().fullName());
    c.put("email", d.pos("email", e.email()));
    c.put("phone", d.pos("phone", e.phone()));
    ObjectNode address = c.putObject("address");
    address.put("street", e.f.address().streetAddress());
    address.put("city", e.f.address().city());
    address.put("postcode", e.f.address().zipCode());
    ObjectNode payment = c.putObject("payment");
    String card = e.cardDigits();
    if (e.r.nextInt(4) == 0) {
      d.pos("credit_card", card);
      payment.put("card_number", Long.parseLong(card));
    } else {
      payment.put("card_number", d.pos("credit_card", e.card(card)));
    }
    payment.put(
        "expiry",
        String.format(Locale.ROOT, "%02d/%02d", 1 + e.r.nextInt(12), 25 + e.r.nextInt(6)));
    if (e.r.nextBoolean()) {
      payment.put("iban", d.pos("iban", e.iban()));
    }
    if (e.r.nextBoolean()) {
      c.put("ssn", d.pos("us_ssn", e.ssn()));
    }
    c.put("created_at", e.timestamp());
    c.put("last_login_ip", d.pos("ipv4", e.ipv4()));
    ArrayNode orders = c.putArray("orders");
    for (int i = 0; i < 1 + e.r.nextInt(3); i++) {
      ObjectNode o = orders.addObject();
      o.put("order_id", e.orderNumber());
      o.put("total", Math.round(e.r.nextDouble() * 50000) / 100.0);
      o.put("placed_at", e.epochMillis());
      o.put("tracking", e.proseNumber());
    }
    c.put("avatar_sha256", e.sha256());
    c.put("notes", e.f.lorem().sentence());
    d.structured = c;
    // The text block repeats the structured content: every label occurs twice.
    List<String[]> structuredLabels = new ArrayList<>(d.labels);
    d.add(serialise(c));
    for (String[] l : structuredLabels) {
      d.labels.add(new String[] {l[0], jsonEscaped(l[1])});
    }
    return d;
  }

  private Doc supportTicket() {
    Doc d = new Doc("support_ticket");
    String name = e.f.name().fullName();
    d.add(
        "Ticket ",
        e.orderNumber(),
        " opened ",
        e.timestamp(),
        " by ",
        name,
        " (",
        d.pos("email", e.email()),
        ").\n\n");
    d.add(e.f.lorem().paragraph(), "\n");
    switch (e.r.nextInt(4)) {
      case 0 ->
          d.add(
              "Customer says card ",
              d.pos("credit_card", e.card(e.cardDigits())),
              " was charged twice for order ",
              e.orderNumber(),
              "; the bank rejected ",
              e.luhnFailure(),
              " as invalid. ");
      case 1 ->
          d.add(
              "Please refund to IBAN ",
              d.pos("iban", e.iban()),
              " (the old one, ",
              e.badIban(),
              ", bounced). ");
      case 2 ->
          d.add(
              "Call back on ",
              d.pos("phone", e.phone()),
              " after ",
              String.format(Locale.ROOT, "%02d:%02d", 8 + e.r.nextInt(10), e.r.nextInt(60)),
              ". ");
      default ->
          d.add(
              "Verified identity with SSN ",
              d.pos("us_ssn", e.ssn()),
              " and DOB ",
              String.format(
                  Locale.ROOT,
                  "%02d/%02d/19%02d",
                  1 + e.r.nextInt(12),
                  1 + e.r.nextInt(28),
                  50 + e.r.nextInt(49)),
              ". ");
    }
    d.add(
        "Alt contact: ",
        d.pos("phone", e.phone()),
        ". App ",
        e.version(),
        ", device ",
        e.uuid(),
        ", ",
        e.proseNumber(),
        ".\n");
    if (e.r.nextBoolean()) {
      d.add("Also CC ", d.pos("email", e.email()), " on replies.\n");
    }
    d.add("-- agent ", e.f.name().firstName(), ", build ", e.gitSha().substring(0, 7), "\n");
    return d;
  }

  private Doc logLines() {
    Doc d = new Doc("log_lines");
    int lines = 4 + e.r.nextInt(6);
    for (int i = 0; i < lines; i++) {
      d.add(e.timestamp(), " ", e.pick("INFO", "WARN", "DEBUG", "ERROR"), " [", e.uuid(), "] ");
      switch (e.r.nextInt(9)) {
        case 0 ->
            d.add(
                "GET /api/v1/orders/",
                e.orderNumber(),
                " from ",
                d.pos("ipv4", e.ipv4()),
                " status=200 took=",
                e.r.nextInt(900),
                "ms");
        case 1 ->
            d.add("login ok user=", d.pos("email", e.email()), " ip=", d.pos("ipv6", e.ipv6()));
        case 2 ->
            d.add(
                "upstream ",
                Entities.withPort(e.reservedIp(), 8080),
                " healthy, pod ",
                e.privateIpv4().replace('.', '-'));
        case 3 -> d.add("auth header: Bearer ", d.pos("jwt", e.jwt()));
        case 4 -> d.add("cache key ", e.sha256(), " etag ", e.base64Blob());
        case 5 ->
            d.add(
                "proxy ",
                d.pos("ipv4", e.privateIpv4()),
                " -> ",
                d.pos("ipv4", e.ipv4()),
                " mac ",
                e.macAddress());
        case 6 -> d.add("deployed ", e.gitSha(), " ", e.version());
        case 7 -> d.add("webhook failed: ", d.pos("slack_token", e.slackToken()));
        default -> d.add("job finished: ", e.proseNumber(), " at ", e.epochMillis());
      }
      d.add("\n");
    }
    return d;
  }

  private Doc sqlRows() {
    Doc d = new Doc("sql_rows");
    d.add("id | customer | email | phone | ssn | iban | balance | updated\n");
    d.add("---+----------+-------+-------+-----+------+---------+--------\n");
    int rows = 3 + e.r.nextInt(5);
    for (int i = 0; i < rows; i++) {
      d.add(
          1000 + e.r.nextInt(9000),
          " | ",
          e.f.name().fullName(),
          " | ",
          d.pos("email", e.email()),
          " | ",
          d.pos("phone", e.phone()),
          " | ");
      d.add(e.r.nextBoolean() ? d.pos("us_ssn", e.ssn()) : "NULL", " | ");
      d.add(e.r.nextBoolean() ? d.pos("iban", e.iban()) : e.badIban(), " | ");
      d.add(e.r.nextInt(100000), ".", e.digits(2), " | ", e.timestamp(), "\n");
    }
    d.add("(", rows, " rows, ", e.r.nextInt(50), " ms)\n");
    return d;
  }

  private Doc configDump() {
    Doc d = new Doc("config_dump");
    boolean yaml = e.r.nextBoolean();
    String sep = yaml ? ": " : "=";
    d.add(yaml ? "# rendered config " : "# .env ", e.timestamp(), "\n");
    d.add(key(yaml, "APP_VERSION"), sep, e.version().replace("version ", ""), "\n");
    d.add(key(yaml, "AWS_ACCESS_KEY_ID"), sep, d.pos("aws_access_key", e.awsAccessKey()), "\n");
    d.add(key(yaml, "AWS_SECRET_ACCESS_KEY"), sep, d.pos("aws_secret_key", e.awsSecretKey()), "\n");
    switch (e.r.nextInt(4)) {
      case 0 -> d.add(key(yaml, "GITHUB_TOKEN"), sep, d.pos("github_token", e.githubToken()), "\n");
      case 1 ->
          d.add(key(yaml, "SLACK_BOT_TOKEN"), sep, d.pos("slack_token", e.slackToken()), "\n");
      case 2 ->
          d.add(key(yaml, "STRIPE_SECRET_KEY"), sep, d.pos("stripe_key", e.stripeKey()), "\n");
      default ->
          d.add(key(yaml, "GOOGLE_MAPS_KEY"), sep, d.pos("google_api_key", e.googleApiKey()), "\n");
    }
    String user = e.f.name().firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    // Userinfo in a URL is percent-encoded ('?', '#' would end it).
    String urlPassword =
        java.net.URLEncoder.encode(e.password(), StandardCharsets.UTF_8).replace("+", "%20");
    d.add(
        key(yaml, "DATABASE_URL"),
        sep,
        "postgres://",
        user,
        ":",
        d.pos("secret_assignment", urlPassword),
        "@db-",
        e.r.nextInt(9),
        ".internal:5432/app\n");
    d.add(key(yaml, "DB_PASSWORD"), sep, d.pos("secret_assignment", e.password()), "\n");
    d.add(key(yaml, "REDIS_PASSWORD"), sep, "${REDIS_PASSWORD}\n");
    d.add(
        key(yaml, "SMTP_PASSWORD"),
        sep,
        e.pick("<redacted>", "********", "changeit", "null"),
        "\n");
    d.add(key(yaml, "IMAGE_DIGEST"), sep, "sha256:", e.sha256(), "\n");
    d.add(key(yaml, "BIND_ADDR"), sep, e.reservedIp(), "\n");
    d.add(key(yaml, "SESSION_SALT_B64"), sep, e.base64Blob(), "\n");
    d.add(key(yaml, "GIT_SHA"), sep, e.gitSha(), "\n");
    d.add(key(yaml, "REQUEST_ID"), sep, e.uuid(), "\n");
    d.add(key(yaml, "SUPPORT_EMAIL"), sep, d.pos("email", e.email()), "\n");
    if (e.r.nextInt(3) == 0) {
      d.add(
          key(yaml, "TLS_KEY"),
          sep,
          yaml ? "|\n" : "\"",
          d.pos("private_key", e.privateKey()),
          yaml ? "\n" : "\"\n");
    }
    return d;
  }

  private static String key(boolean yaml, String envName) {
    return yaml ? envName.toLowerCase(Locale.ROOT) : envName;
  }

  private Doc code() {
    Doc d = new Doc("code_snippet");
    switch (e.r.nextInt(5)) {
      case 0 ->
          d.add(
              "import stripe\n\nstripe.api_key = \"",
              d.pos("stripe_key", e.stripeKey()),
              "\"\n\ndef charge(order_id: str, amount: int) -> str:\n    # see ",
              e.gitSha(),
              "\n    return stripe.Charge.create(amount=amount, currency=\"usd\")\n");
      case 1 ->
          d.add(
              "const client = new Octokit({ auth: '",
              d.pos("github_token", e.githubToken()),
              "' });\n// request id ",
              e.uuid(),
              "\nconst password = process.env.DB_PASSWORD;\n");
      case 2 ->
          d.add(
              "curl -H \"Authorization: Bearer ",
              d.pos("jwt", e.jwt()),
              "\" https://api.example.com/v2/users/",
              e.uuid(),
              "\n");
      case 3 ->
          d.add(
              "var config = new Config {\n  ApiKey = \"",
              d.pos("secret_assignment", e.chars("0123456789abcdef", 32)),
              "\",\n  Endpoint = \"https://",
              e.f.internet().domainName(),
              "\",\n  Timeout = ",
              e.r.nextInt(120),
              ",\n  Version = \"",
              e.version().replace("version ", ""),
              "\"\n};\n");
      default ->
          d.add(
              "const key = \"",
              d.pos("google_api_key", e.googleApiKey()),
              "\";\nfetch(`https://maps.googleapis.com/maps/api/geocode/json?address=${addr}&key=${key}`);\n");
    }
    d.add(
        "// test fixture: ",
        e.pick("checksum ", "digest "),
        e.sha256(),
        " blob ",
        e.base64Blob(),
        "\n");
    if (e.r.nextBoolean()) {
      d.add("private static final String ADMIN_EMAIL = \"", d.pos("email", e.email()), "\";\n");
    }
    if (e.r.nextInt(3) == 0) {
      d.add("String pem = \"\"\"\n", d.pos("private_key", e.privateKey()), "\n\"\"\";\n");
    }
    if (e.r.nextInt(3) == 0) {
      d.add("AWS_ACCESS_KEY_ID = '", d.pos("aws_access_key", e.awsAccessKey()), "'\n");
    }
    return d;
  }

  private static String serialise(ObjectNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static String jsonEscaped(String value) {
    try {
      String quoted = MAPPER.writeValueAsString(value);
      return quoted.substring(1, quoted.length() - 1);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
