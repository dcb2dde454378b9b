package dev.gatehouse.server.config;

import dev.gatehouse.server.config.ConnectionSettings.UpstreamCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves a connection's upstream credential. The YAML names where the secret lives ({@code
 * fromEnv} or {@code fromFile}), never the secret itself, so the file can be committed, diffed and
 * printed by {@code config check}. A missing variable or file is an error at load time: a gateway
 * that starts without its upstream credential would fail every request later, far from the cause.
 */
final class CredentialReader {
  private static final Set<String> KEYS = Set.of("header", "fromEnv", "fromFile", "prefix");
  private static final Set<String> INLINE = Set.of("value", "token", "secret", "password");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final Function<String, String> env;
  private final Path baseDir;

  /**
   * @param env environment lookup ({@code System::getenv} outside tests)
   * @param baseDir directory that relative {@code fromFile} paths are resolved against (the config
   *     file's directory)
   */
  CredentialReader(Function<String, String> env, Path baseDir) {
    this.env = env;
    this.baseDir = baseDir;
  }

  UpstreamCredential read(ConfigSection s) {
    for (String key : s.keys()) {
      if (INLINE.contains(key)) {
        throw s.error(
            key,
            "secrets are never written inline in the configuration:"
                + " use fromEnv: VARIABLE or fromFile: /path/to/secret");
      }
    }
    s.rejectUnknownKeys(KEYS);
    String header = s.string("header", ConfigDefaults.CREDENTIAL_HEADER);
    if (!HEADER_NAME.matcher(header).matches()) {
      throw s.error("header", "is not a valid HTTP header name: '" + header + "'");
    }
    String prefix = s.has("prefix") ? prefix(s) : "";
    boolean fromEnv = s.has("fromEnv");
    boolean fromFile = s.has("fromFile");
    if (fromEnv == fromFile) {
      throw s.error(
          null,
          fromEnv
              ? "set either fromEnv or fromFile, not both"
              : "needs fromEnv: VARIABLE or fromFile: /path/to/secret");
    }
    String key = fromEnv ? "fromEnv" : "fromFile";
    String secret = fromEnv ? fromEnv(s) : fromFile(s);
    String value = prefix + secret;
    if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
      throw s.error(key, "the secret contains a line break or control character");
    }
    return new UpstreamCredential(header, value);
  }

  private static String prefix(ConfigSection s) {
    // Not string(): a prefix is mostly "Bearer " and only whitespace matters to the check there.
    String prefix = s.string("prefix", "");
    if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw s.error("prefix", "contains a line break or control character");
    }
    return prefix;
  }

  private String fromEnv(ConfigSection s) {
    String name = s.string("fromEnv", null);
    String value = env.apply(name);
    if (value == null) {
      throw s.error("fromEnv", "environment variable " + name + " is not set");
    }
    if (value.isEmpty()) {
      throw s.error("fromEnv", "environment variable " + name + " is empty");
    }
    return value;
  }

  private String fromFile(ConfigSection s) {
    Path path = baseDir.resolve(s.string("fromFile", null)).toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw s.error("fromFile", "secret file " + path + " does not exist");
    } catch (IOException e) {
      throw s.error("fromFile", "cannot read secret file " + path + ": " + e.getMessage());
    }
    // Secret files written by `echo` or mounted by Kubernetes end in a newline that is not part
    // of the secret.
    String secret = text.stripTrailing();
    if (secret.isEmpty()) {
      throw s.error("fromFile", "secret file " + path + " is empty");
    }
    return secret;
  }
}
