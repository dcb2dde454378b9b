package dev.gatehouse.policy.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthAttempt;
import dev.gatehouse.policy.auth.AuthResult;
import dev.gatehouse.policy.auth.AuthResult.Rejected;
import dev.gatehouse.policy.auth.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * CI service tokens in one JSON file that holds only hashes. The CLI writes it (atomically: temp
 * file, fsync, rename; mode 0600; an advisory lock serialises writers); a running gateway notices a
 * changed file (modification time, size and inode, checked at most once per {@code recheck}) and
 * reloads it, so a revocation applies without a restart.
 *
 * <p>Checking a token is a hash map lookup by the id embedded in the token, a SHA-256 and a
 * constant-time compare. A reload reads a small file on the calling thread; it happens only when
 * the file changed.
 */
public final class ServiceTokenStore implements Authenticator {
  /** The {@link Identity#issuer()} of service-token identities. */
  public static final String ISSUER = "gatehouse:service-tokens";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern GROUP = Pattern.compile("[^\\s,]{1,128}");
  private static final Object WRITE_LOCK = new Object();
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Clock clock;
  private final Duration recheck;

  private volatile State state = State.EMPTY;
  private volatile Instant nextCheck = Instant.MIN;

  /** A token as stored: its public part and the hash of its secret. */
  private record Stored(ServiceToken token, String hash) {}

  private record Stamp(FileTime modified, long size, Object fileKey) {
    static final Stamp MISSING = new Stamp(FileTime.fromMillis(0), -1, null);
  }

  private record State(Map<String, Stored> byId, Stamp stamp, String error) {
    static final State EMPTY = new State(Map.of(), null, null);
  }

  /** A newly created token; {@code secret} is shown once and never stored. */
  public record Created(ServiceToken token, String secret) {
    @Override
    public String toString() {
      return "Created[token=" + token + ", secret=<redacted>]";
    }
  }

  public ServiceTokenStore(Path file) {
    this(file, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  public ServiceTokenStore(Path file, Clock clock, Duration recheck) {
    this.file = file.toAbsolutePath();
    this.clock = clock;
    this.recheck = recheck;
  }

  public Path file() {
    return file;
  }

  @Override
  public AuthAttempt authenticate(String bearer) {
    return new AuthAttempt.Ready(check(bearer));
  }

  /** Checks a service token now. */
  public AuthResult check(String bearer) {
    String id = TokenFormat.idOf(bearer);
    if (id == null) {
      return Rejected.invalidToken("malformed service token");
    }
    State current = current();
    if (current.error() != null) {
      return Rejected.unavailable("service token store unreadable; request refused");
    }
    Stored stored = current.byId().get(id);
    // Hash compared even for the checks below, so that timing does not reveal which ids exist.
    boolean matches = TokenFormat.hashMatches(bearer, stored == null ? "" : stored.hash());
    if (stored == null || !matches) {
      return Rejected.invalidToken("unknown service token");
    }
    ServiceToken token = stored.token();
    if (token.revokedAt() != null) {
      return Rejected.invalidToken("service token revoked");
    }
    if (!clock.instant().isBefore(token.expiresAt())) {
      return Rejected.invalidToken("service token expired");
    }
    Identity identity =
        new Identity(
            token.name(), token.name(), token.groups(), Identity.Kind.SERVICE, token.id(), ISSUER);
    return new AuthResult.Authenticated(
        identity, AuthResult.GrantedScopes.NOT_APPLICABLE, token.expiresAt());
  }

  /**
   * Creates a token.
   *
   * @throws IllegalArgumentException for a bad name, group or expiry
   */
  public Created create(String name, Set<String> groups, Instant expiresAt) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-64 characters of letters, digits, '.', '_', '@', '-'");
    }
    for (String group : groups) {
      if (!GROUP.matcher(group).matches()) {
        throw new IllegalArgumentException("bad group name: '" + group + "'");
      }
    }
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expiry must be in the future");
    }
    String id = TokenFormat.newId();
    String secret = TokenFormat.newToken(id);
    ServiceToken token =
        new ServiceToken(
            id,
            name,
            new LinkedHashSet<>(groups),
            now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            null);
    mutate(
        tokens -> {
          List<Stored> out = new ArrayList<>(tokens);
          out.add(new Stored(token, TokenFormat.hash(secret)));
          return out;
        });
    return new Created(token, secret);
  }

  /** Every token in the file (revoked and expired ones too), without secrets or hashes. */
  public List<ServiceToken> list() {
    return read().stream().map(Stored::token).toList();
  }

  /**
   * Revokes a token.
   *
   * @return false when no token has this id
   */
  public boolean revoke(String id) {
    boolean[] found = {false};
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    mutate(
        tokens ->
            tokens.stream()
                .map(
                    s -> {
                      if (!s.token().id().equals(id)) {
                        return s;
                      }
                      found[0] = true;
                      if (s.token().revokedAt() != null) {
                        return s;
                      }
                      ServiceToken t = s.token();
                      return new Stored(
                          new ServiceToken(
                              t.id(), t.name(), t.groups(), t.createdAt(), t.expiresAt(), now),
                          s.hash());
                    })
                .toList());
    return found[0];
  }

  private State current() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck)) {
      return state;
    }
    synchronized (this) {
      if (now.isBefore(nextCheck)) {
        return state;
      }
      nextCheck = now.plus(recheck);
      Stamp stamp = stamp();
      if (!stamp.equals(state.stamp())) {
        state = load(stamp);
      }
      return state;
    }
  }

  private State load(Stamp stamp) {
    if (stamp == Stamp.MISSING) {
      return new State(Map.of(), stamp, null);
    }
    try {
      Map<String, Stored> byId = new HashMap<>();
      for (Stored s : read()) {
        byId.put(s.token().id(), s);
      }
      return new State(Map.copyOf(byId), stamp, null);
    } catch (RuntimeException e) {
      // Fail closed: an unreadable file refuses every service token until it is fixed.
      return new State(Map.of(), stamp, String.valueOf(e.getMessage()));
    }
  }

  private Stamp stamp() {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey());
    } catch (NoSuchFileException e) {
      return Stamp.MISSING;
    } catch (IOException e) {
      return new Stamp(FileTime.fromMillis(0), -2, e.getMessage());
    }
  }

  private List<Stored> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read service token store " + file, e);
    }
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || root.path("version").asInt() != 1 || !root.path("tokens").isArray()) {
        throw new IllegalStateException("not a version 1 service token store: " + file);
      }
      List<Stored> out = new ArrayList<>();
      for (JsonNode t : root.get("tokens")) {
        Set<String> groups = new LinkedHashSet<>();
        t.path("groups").forEach(g -> groups.add(g.asText()));
        String revoked = t.path("revokedAt").asText(null);
        out.add(
            new Stored(
                new ServiceToken(
                    required(t, "id"),
                    required(t, "name"),
                    groups,
                    Instant.parse(required(t, "createdAt")),
                    Instant.parse(required(t, "expiresAt")),
                    revoked == null ? null : Instant.parse(revoked)),
                required(t, "hash")));
      }
      return out;
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new IllegalStateException("service token store is corrupt: " + file, e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException("service token entry lacks " + field);
    }
    return value.textValue();
  }

  private void mutate(UnaryOperator<List<Stored>> change) {
    synchronized (WRITE_LOCK) {
      try {
        Path dir = Objects.requireNonNull(file.getParent());
        if (!Files.isDirectory(dir)) {
          Files.createDirectories(dir, ownerOnly(true));
        }
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        try (FileChannel channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          if (!lock.isValid()) {
            throw new IOException("lost the lock on " + lockFile);
          }
          write(change.apply(read()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write service token store " + file, e);
      }
    }
  }

  private void write(List<Stored> tokens) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 1);
    ArrayNode list = root.putArray("tokens");
    for (Stored s : tokens) {
      ServiceToken t = s.token();
      ObjectNode node = list.addObject();
      node.put("id", t.id());
      node.put("name", t.name());
      ArrayNode groups = node.putArray("groups");
      t.groups().stream().sorted().forEach(groups::add);
      node.put("createdAt", t.createdAt().toString());
      node.put("expiresAt", t.expiresAt().toString());
      if (t.revokedAt() != null) {
        node.put("revokedAt", t.revokedAt().toString());
      }
      node.put("hash", s.hash());
    }
    Path dir = file.getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly(false));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(MAPPER.writeValueAsBytes(root)));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the store's file system cannot rename atomically: " + dir, e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static FileAttribute<?>[] ownerOnly(boolean directory) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"))
    };
  }
}
