package dev.gatehouse.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.audit.merkle.MerkleProofs.ProofException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every transparency-dev/merkle vector copied into src/test/resources/merkle: a correct verifier
 * accepts each {@code wantErr:false} and rejects each {@code wantErr:true}; our tree builds exactly
 * the proofs of the happy-path vectors.
 */
class MerkleVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The eight leaves behind the vectors (README). */
  static final List<byte[]> LEAVES =
      Stream.of(
              "",
              "00",
              "10",
              "2021",
              "3031",
              "40414243",
              "5051525354555657",
              "606162636465666768696a6b6c6d6e6f")
          .map(HexFormat.of()::parseHex)
          .toList();

  static MerkleTree vectorTree() {
    MerkleTree tree = new MerkleTree();
    LEAVES.forEach(l -> tree.append(Hashes.leaf(l)));
    return tree;
  }

  private static Path root() throws URISyntaxException {
    return Path.of(MerkleVectorsTest.class.getResource("/merkle/README.md").toURI()).getParent();
  }

  private static List<Path> files(String kind) throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.walk(root().resolve(kind))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static byte[] b64(JsonNode n) {
    return n == null || n.isNull() ? new byte[0] : Base64.getDecoder().decode(n.asText());
  }

  private static List<byte[]> proof(JsonNode n) {
    List<byte[]> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(h -> out.add(b64(h)));
    }
    return out;
  }

  @Test
  void treeRootsMatchTheReadme() {
    MerkleTree tree = vectorTree();
    assertThat(Base64.getEncoder().encodeToString(tree.root(8)))
        .isEqualTo("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=");
    assertThat(Base64.getEncoder().encodeToString(tree.root(1)))
        .isEqualTo("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=");
    assertThat(tree.root(0)).isEqualTo(Hashes.emptyRoot());
  }

  @TestFactory
  Stream<DynamicTest> inclusionVectors() throws Exception {
    Path base = root();
    List<Path> files = files("inclusion");
    assertThat(files).hasSizeGreaterThan(50);
    MerkleTree tree = vectorTree();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    base.relativize(f).toString(),
                    () -> {
                      JsonNode v = JSON.readTree(f.toFile());
                      long idx = v.get("leafIdx").asLong();
                      long size = v.get("treeSize").asLong();
                      byte[] leaf = b64(v.get("leafHash"));
                      byte[] root = b64(v.get("root"));
                      List<byte[]> proof = proof(v.get("proof"));
                      if (v.get("wantErr").asBoolean()) {
                        assertThatThrownBy(
                                () -> MerkleProofs.verifyInclusion(idx, size, leaf, proof, root))
                            .isInstanceOf(ProofException.class);
                      } else {
                        MerkleProofs.verifyInclusion(idx, size, leaf, proof, root);
                        if (size <= 8 && java.util.Arrays.equals(tree.root(size), root)) {
                          assertThat(tree.inclusionProof(idx, size))
                              .usingElementComparator(java.util.Arrays::compare)
                              .containsExactlyElementsOf(proof);
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> consistencyVectors() throws Exception {
    Path base = root();
    List<Path> files = files("consistency");
    assertThat(files).hasSizeGreaterThan(50);
    MerkleTree tree = vectorTree();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    base.relativize(f).toString(),
                    () -> {
                      JsonNode v = JSON.readTree(f.toFile());
                      long size1 = v.get("size1").asLong();
                      long size2 = v.get("size2").asLong();
                      byte[] root1 = b64(v.get("root1"));
                      byte[] root2 = b64(v.get("root2"));
                      List<byte[]> proof = proof(v.get("proof"));
                      if (v.get("wantErr").asBoolean()) {
                        assertThatThrownBy(
                                () ->
                                    MerkleProofs.verifyConsistency(
                                        size1, size2, proof, root1, root2))
                            .isInstanceOf(ProofException.class);
                      } else {
                        MerkleProofs.verifyConsistency(size1, size2, proof, root1, root2);
                        if (size2 <= 8
                            && size1 > 0
                            && java.util.Arrays.equals(tree.root(size2), root2)) {
                          assertThat(tree.consistencyProof(size1, size2))
                              .usingElementComparator(java.util.Arrays::compare)
                              .containsExactlyElementsOf(proof);
                        }
                      }
                    }));
  }
}
