package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads the one YAML configuration file into a validated {@link GatehouseConfig}.
 *
 * <p>Two steps: {@link #parse} reads the YAML and records the line of every key; {@link #resolve}
 * validates the sections this class owns, applies defaults and resolves upstream secrets. Every
 * error is a {@link ConfigException} naming the key as a JSON pointer and its line. Unknown keys in
 * owned sections are errors (a misspelt {@code maxBodySize} must not silently fall back to the
 * default). The feature sections ({@link #FEATURE_SECTIONS}, and {@code access}/{@code masking}
 * inside a connection) are left as raw trees for their owners, who report errors with {@link
 * GatehouseConfig#withLine(ConfigException)}.
 *
 * <p>There is no {@code ${VAR}} interpolation: a secret comes from an explicit {@code fromEnv} or
 * {@code fromFile}, so what the file means never depends on the environment by accident.
 */
public final class ConfigLoader {
  /** Top-level sections whose content other features own and validate. */
  public static final Set<String> FEATURE_SECTIONS =
      Set.of("auth", "audit", "masking", "policies", "admin");

  /** Keys inside {@code connections.<name>} whose content other features own. */
  public static final Set<String> CONNECTION_FEATURE_KEYS = Set.of("access", "masking");

  private static final Set<String> OWNED_SECTIONS =
      Set.of("gateway", "listeners", "http", "timeouts", "pool", "connections");
  private static final Set<String> CONNECTION_KEYS =
      Set.of("upstream", "legacySseUpstream", "credential", "access", "masking");
  private static final Pattern CONNECTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HOST_ENTRY =
      Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");
  private static final Pattern ORIGIN_ENTRY =
      Pattern.compile("\\*|https?://([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

  private final JsonNode tree;
  private final ConfigLocations locations;
  private final String sourceHash;
  private final Path baseDir;

  private ConfigLoader(byte[] bytes, String sourceName, Path baseDir) {
    String yaml = decodeUtf8(bytes);
    YamlTreeReader.Result result = YamlTreeReader.read(yaml, sourceName);
    this.tree = result.tree();
    this.locations = result.locations();
    this.sourceHash = sha256(bytes);
    this.baseDir = baseDir;
  }

  /** Reads and parses {@code file}; relative {@code fromFile} paths resolve against its folder. */
  public static ConfigLoader parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "configuration file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("", "cannot read configuration file " + file + ": " + e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return new ConfigLoader(bytes, file.toString(), dir);
  }

  /** Parses YAML text (tests); relative {@code fromFile} paths resolve against the working dir. */
  public static ConfigLoader parse(String yaml, String sourceName) {
    return new ConfigLoader(yaml.getBytes(StandardCharsets.UTF_8), sourceName, Path.of(""));
  }

  /** {@code parse(file).resolve()}. */
  public static GatehouseConfig load(Path file) {
    return parse(file).resolve();
  }

  /** {@code parse(yaml, sourceName).resolve()}, for tests. */
  public static GatehouseConfig fromString(String yaml, String sourceName) {
    return parse(yaml, sourceName).resolve();
  }

  /** The parsed file as a tree, before validation. */
  public JsonNode tree() {
    return tree;
  }

  public ConfigLocations locations() {
    return locations;
  }

  /** The line of {@code pointer} (or its closest ancestor present in the file); -1 if unknown. */
  public int locate(String pointer) {
    return locations.locate(pointer);
  }

  /** {@code e} with the line of its key filled in. */
  public ConfigException withLine(ConfigException e) {
    return locations.withLine(e);
  }

  /** Validates and resolves, reading secrets from the process environment. */
  public GatehouseConfig resolve() {
    return resolve(System::getenv);
  }

  /** Validates and resolves, reading {@code fromEnv} secrets through {@code env}. */
  public GatehouseConfig resolve(Function<String, String> env) {
    ConfigSection root = ConfigSection.root(tree, locations);
    Set<String> topLevel = new java.util.HashSet<>(OWNED_SECTIONS);
    topLevel.addAll(FEATURE_SECTIONS);
    root.rejectUnknownKeys(topLevel);

    ListenerSettings listeners = listeners(root.section("listeners"));
    GatewaySettings gateway = gateway(root.section("gateway"), listeners.mcp());
    HttpSettings http = http(root.section("http"), listeners.mcp());
    TimeoutSettings timeouts = timeouts(root.section("timeouts"));
    PoolSettings pool = pool(root.section("pool"));
    Map<String, ConnectionSettings> connections =
        connections(root, new CredentialReader(env, baseDir));
    return new GatehouseConfig(
        gateway, listeners, http, timeouts, pool, connections, tree, sourceHash, locations);
  }

  private static ListenerSettings listeners(ConfigSection s) {
    s.rejectUnknownKeys(Set.of("mcp", "admin"));
    ListenerSettings.Endpoint mcp =
        endpoint(s.section("mcp"), ConfigDefaults.MCP_HOST, ConfigDefaults.MCP_PORT);
    ListenerSettings.Endpoint admin =
        endpoint(s.section("admin"), ConfigDefaults.ADMIN_HOST, ConfigDefaults.ADMIN_PORT);
    if (mcp.port() != 0 && mcp.port() == admin.port() && mcp.host().equals(admin.host())) {
      throw s.section("admin").error("port", "must differ from the MCP listener's port");
    }
    return new ListenerSettings(mcp, admin);
  }

  private static ListenerSettings.Endpoint endpoint(ConfigSection s, String host, int port) {
    s.rejectUnknownKeys(Set.of("host", "port"));
    return new ListenerSettings.Endpoint(s.string("host", host), s.integer("port", port, 0, 65535));
  }

  private static GatewaySettings gateway(ConfigSection s, ListenerSettings.Endpoint mcp) {
    if (s.has("demo")) {
      throw s.error(
          "demo",
          "cannot be set in a file: demo-only features are switched on by `gatehouse demo` alone");
    }
    s.rejectUnknownKeys(Set.of("instance", "publicUrl"));
    String instance = s.string("instance", null);
    if (instance == null) {
      instance = hostName();
    }
    String publicUrl = ConfigDefaults.publicUrl(mcp);
    if (s.has("publicUrl")) {
      URI url = url(s, "publicUrl");
      if (url.getRawQuery() != null) {
        throw s.error("publicUrl", "must not have a query: " + url);
      }
      publicUrl = url.toString().replaceAll("/+$", "");
    }
    return new GatewaySettings(instance, publicUrl, false);
  }

  private static HttpSettings http(ConfigSection s, ListenerSettings.Endpoint mcp) {
    s.rejectUnknownKeys(Set.of("maxBodySize", "maxHeaderSize", "allowedHosts", "allowedOrigins"));
    HttpSettings defaults = ConfigDefaults.http(mcp);
    int maxBody = (int) s.size("maxBodySize", defaults.maxBodyBytes(), Integer.MAX_VALUE);
    int maxHeader = (int) s.size("maxHeaderSize", defaults.maxHeaderBytes(), 1 << 20);
    List<String> hosts = entries(s, "allowedHosts", HOST_ENTRY, "host or host:port");
    List<String> origins =
        entries(s, "allowedOrigins", ORIGIN_ENTRY, "\"*\" or scheme://host[:port]");
    return new HttpSettings(
        maxBody,
        maxHeader,
        hosts == null ? defaults.allowedHosts() : hosts,
        origins == null ? defaults.allowedOrigins() : origins);
  }

  private static List<String> entries(ConfigSection s, String key, Pattern form, String expected) {
    List<String> values = s.stringList(key);
    if (values == null) {
      return null;
    }
    for (int i = 0; i < values.size(); i++) {
      if (!form.matcher(values.get(i)).matches()) {
        throw s.errorAt(
            s.pointerOf(key) + "/" + i, "must be " + expected + ", found '" + values.get(i) + "'");
      }
    }
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  private static TimeoutSettings timeouts(ConfigSection s) {
    s.rejectUnknownKeys(Set.of("connect", "response", "request", "sseIdle"));
    return new TimeoutSettings(
        s.duration("connect", ConfigDefaults.CONNECT_TIMEOUT),
        s.duration("response", ConfigDefaults.RESPONSE_TIMEOUT),
        s.duration("request", ConfigDefaults.REQUEST_TIMEOUT),
        s.duration("sseIdle", ConfigDefaults.SSE_IDLE_TIMEOUT));
  }

  private static PoolSettings pool(ConfigSection s) {
    s.rejectUnknownKeys(
        Set.of("maxConnections", "maxPendingAcquires", "idleTimeout", "maxLifetime"));
    return new PoolSettings(
        s.integer("maxConnections", ConfigDefaults.POOL_MAX_CONNECTIONS, 1, 100_000),
        s.integer("maxPendingAcquires", ConfigDefaults.POOL_MAX_PENDING_ACQUIRES, 0, 1_000_000),
        s.duration("idleTimeout", ConfigDefaults.POOL_IDLE_TIMEOUT),
        s.duration("maxLifetime", ConfigDefaults.POOL_MAX_LIFETIME));
  }

  private static Map<String, ConnectionSettings> connections(
      ConfigSection root, CredentialReader credentials) {
    ConfigSection s = root.section("connections");
    List<String> names = s.keys();
    if (names.isEmpty()) {
      throw root.error(
          "connections",
          "at least one connection is needed, e.g. connections: {demo: {upstream:"
              + " http://127.0.0.1:3001/mcp}}");
    }
    Map<String, ConnectionSettings> out = new LinkedHashMap<>();
    for (String name : names) {
      if (!CONNECTION_NAME.matcher(name).matches()) {
        throw s.error(
            name,
            "connection names are URL path segments: letters, digits, '.', '_' and '-',"
                + " starting with a letter or digit, at most 64 characters");
      }
      out.put(name, connection(name, s.section(name), credentials));
    }
    return out;
  }

  private static ConnectionSettings connection(
      String name, ConfigSection s, CredentialReader credentials) {
    s.rejectUnknownKeys(CONNECTION_KEYS);
    if (!s.has("upstream")) {
      throw s.error(
          "upstream",
          "is required: the upstream MCP server's Streamable HTTP endpoint,"
              + " e.g. http://127.0.0.1:3001/mcp");
    }
    URI upstream = url(s, "upstream");
    URI legacy = s.has("legacySseUpstream") ? url(s, "legacySseUpstream") : null;
    ConnectionSettings.UpstreamCredential credential =
        s.has("credential") ? credentials.read(s.section("credential")) : null;
    return new ConnectionSettings(name, upstream, legacy, credential);
  }

  /** An absolute http(s) URL without user info or fragment. */
  private static URI url(ConfigSection s, String key) {
    String text = s.string(key, null);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw s.error(key, "is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw s.error(key, "must be an absolute http:// or https:// URL, found '" + text + "'");
    }
    if (uri.getHost() == null) {
      throw s.error(key, "has no valid host name: '" + text + "'");
    }
    if (uri.getRawUserInfo() != null) {
      throw s.error(
          key,
          "must not carry credentials (user:password@): secrets are never inline;"
              + " use the connection's credential with fromEnv or fromFile");
    }
    if (uri.getRawFragment() != null) {
      throw s.error(key, "must not have a #fragment: '" + text + "'");
    }
    return uri;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "gatehouse";
    }
  }

  private static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("", "the configuration file is not valid UTF-8");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
