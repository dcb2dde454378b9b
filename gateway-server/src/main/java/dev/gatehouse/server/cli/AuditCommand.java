package dev.gatehouse.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.note.NoteSigner;
import dev.gatehouse.audit.note.NoteVerifier;
import dev.gatehouse.audit.verify.InclusionProofs;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import dev.gatehouse.audit.verify.RecordQuery;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse audit …}: key generation and the auditor's offline tools. Everything but {@code
 * keygen} needs only the audit directory and the public key. Exit codes: 0 ok, 1 the log or proof
 * does not verify, 2 usage or I/O error.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Audit log keys, verification, proofs and viewing.",
    subcommands = {
      AuditCommand.Keygen.class,
      AuditCommand.Verify.class,
      AuditCommand.Prove.class,
      AuditCommand.CheckProof.class,
      AuditCommand.Show.class,
      AuditCommand.Tail.class
    })
public final class AuditCommand implements Runnable {
  static final int FAILED = 1;
  static final int ERROR = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Base for subcommands: output through picocli's writers so callers can capture it. */
  abstract static class Sub implements Callable<Integer> {
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
      try {
        return execute();
      } catch (Exception e) {
        err().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        err().flush();
        return ERROR;
      } finally {
        out().flush();
        err().flush();
      }
    }

    abstract int execute() throws Exception;
  }

  @Command(
      name = "keygen",
      description =
          "Create the checkpoint signing key: the private key file (mode 0600) and the public"
              + " key (note verifier key, name+id+key) to give to auditors.")
  static final class Keygen extends Sub {
    @Option(
        names = "--name",
        required = true,
        description = "Key name; also the checkpoint origin, e.g. gatehouse.example.com/audit")
    String name;

    @Option(names = "--private-key", defaultValue = "audit.key", description = "Private key file")
    Path privateKey;

    @Option(names = "--public-key", defaultValue = "audit.pub", description = "Public key file")
    Path publicKey;

    @Override
    int execute() throws Exception {
      NoteSigner.KeyPair pair = NoteKeyFiles.generate(name, privateKey, publicKey);
      out().println("private key: " + privateKey + " (mode 0600; keep it secret)");
      out().println("public key:  " + publicKey);
      out().println(pair.verifier().vkey());
      return 0;
    }
  }

  @Command(
      name = "verify",
      description =
          "Check every segment and checkpoint offline: signatures, the Merkle tree, and that the"
              + " log only grew.")
  static final class Verify extends Sub {
    @Parameters(index = "0", paramLabel = "DIR", description = "Audit directory")
    Path dir;

    @Option(names = "--public-key", required = true, description = "The log's public key file")
    Path publicKey;

    @Option(
        names = "--since-checkpoint",
        paramLabel = "FILE",
        description = "A checkpoint kept earlier: prove the current log extends it")
    Path since;

    @Override
    int execute() throws Exception {
      NoteVerifier key = NoteKeyFiles.readVerifier(publicKey);
      LogVerifier.Result r =
          since == null
              ? LogVerifier.verify(dir, key)
              : LogVerifier.verifySince(dir, key, Files.readString(since, StandardCharsets.UTF_8));
      if (r.ok()) {
        out().println(r.summary());
        if (!r.consistencyProof().isEmpty()) {
          out().println("consistency proof: " + String.join(" ", r.consistencyProof()));
        }
        return 0;
      }
      err().println(r.summary());
      r.problems().stream().skip(1).limit(10).forEach(p -> err().println("also: " + p));
      return FAILED;
    }
  }

  @Command(
      name = "prove",
      description =
          "Print an inclusion proof for one record (JSON: record, leafIndex, treeSize, proof,"
              + " checkpoint).")
  static final class Prove extends Sub {
    @Parameters(index = "0", paramLabel = "SEQ", description = "The record's seq")
    long seq;

    @Option(names = "--dir", required = true, description = "Audit directory")
    Path dir;

    @Option(names = "--public-key", required = true, description = "The log's public key file")
    Path publicKey;

    @Override
    int execute() throws Exception {
      try {
        JsonNode proof = InclusionProofs.prove(dir, NoteKeyFiles.readVerifier(publicKey), seq);
        out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(proof));
        return 0;
      } catch (InclusionProofs.ProofFailure e) {
        err().println("FAILED: " + e.getMessage());
        return FAILED;
      }
    }
  }

  @Command(name = "check-proof", description = "Verify an inclusion proof made by 'prove'.")
  static final class CheckProof extends Sub {
    @Parameters(index = "0", paramLabel = "FILE", description = "Proof JSON file, or - for stdin")
    String file;

    @Option(names = "--public-key", required = true, description = "The log's public key file")
    Path publicKey;

    @Override
    int execute() throws Exception {
      byte[] bytes =
          "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
      JsonNode proof = JSON.readTree(bytes);
      try {
        var cp = InclusionProofs.check(proof, NoteKeyFiles.readVerifier(publicKey));
        out()
            .println(
                "OK: record seq "
                    + proof.path("leafIndex").asLong()
                    + " is in "
                    + cp.origin()
                    + " at tree size "
                    + cp.size());
        return 0;
      } catch (InclusionProofs.ProofFailure e) {
        err().println("FAILED: " + e.getMessage());
        return FAILED;
      }
    }
  }

  /** Record filters shared by show and tail. */
  abstract static class View extends Sub {
    @Parameters(index = "0", paramLabel = "DIR", description = "Audit directory")
    Path dir;

    @Option(names = "--from", description = "Only records at or after this time (ISO-8601)")
    Instant from;

    @Option(names = "--to", description = "Only records before this time (ISO-8601)")
    Instant to;

    @Option(names = "--subject", description = "Only this identity subject")
    String subject;

    @Option(names = "--connection", description = "Only this connection")
    String connection;

    @Option(names = "--tool", description = "Only this tool, resource or prompt name")
    String tool;

    @Option(
        names = "--decision",
        description = "Only this outcome (allowed, blocked, denied, approved, timed_out, …)")
    String decision;

    @Option(names = "--json", description = "Print the stored JSON lines")
    boolean json;

    RecordQuery query() {
      return new RecordQuery(from, to, subject, connection, tool, decision);
    }

    String render(byte[] line) {
      if (json) {
        return new String(line, StandardCharsets.UTF_8);
      }
      JsonNode n = LogReader.parse(line);
      return n == null ? "(unreadable record)" : RecordQuery.format(n);
    }
  }

  @Command(name = "show", description = "Print matching records, oldest first.")
  static final class Show extends View {
    @Override
    int execute() throws Exception {
      RecordQuery q = query();
      LogReader.forEach(
          dir,
          (i, line) -> {
            if (q.matches(LogReader.parse(line))) {
              out().println(render(line));
            }
            return true;
          });
      return 0;
    }
  }

  @Command(name = "tail", description = "Print the last matching records.")
  static final class Tail extends View {
    @Option(
        names = {"-n", "--lines"},
        defaultValue = "20",
        description = "How many (default 20)")
    int count;

    @Override
    int execute() throws Exception {
      RecordQuery q = query();
      Deque<byte[]> last = new ArrayDeque<>();
      LogReader.forEach(
          dir,
          (i, line) -> {
            if (q.matches(LogReader.parse(line))) {
              last.addLast(line);
              if (last.size() > count) {
                last.removeFirst();
              }
            }
            return true;
          });
      last.forEach(l -> out().println(render(l)));
      return 0;
    }
  }
}
