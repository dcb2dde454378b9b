package dev.gatehouse.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.merkle.MerkleProofs.ProofException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our own proofs verify for every (index, size) and (m, n) of a small tree; tampering fails. */
class MerkleTreeTest {
  private static final int N = 40;

  private static MerkleTree tree(int n) {
    MerkleTree t = new MerkleTree();
    for (int i = 0; i < n; i++) {
      t.append(Hashes.leaf(("record " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return t;
  }

  @Test
  void compactRangeRootEqualsFullTreeRootAtEverySize() {
    MerkleTree t = tree(N);
    CompactRange range = new CompactRange();
    assertThat(range.root()).isEqualTo(Hashes.emptyRoot());
    for (int i = 0; i < N; i++) {
      range.append(t.leafHash(i));
      assertThat(range.root()).as("size %d", i + 1).isEqualTo(t.root(i + 1));
      assertThat(range.size()).isEqualTo(i + 1);
    }
  }

  @Test
  void everyInclusionProofVerifiesAndOnlyForItsLeaf() throws ProofException {
    MerkleTree t = tree(N);
    for (int size = 1; size <= N; size++) {
      for (int i = 0; i < size; i++) {
        List<byte[]> proof = t.inclusionProof(i, size);
        MerkleProofs.verifyInclusion(i, size, t.leafHash(i), proof, t.root(size));
        int other = (i + 1) % size;
        if (other != i) {
          final int s = size;
          final int idx = i;
          assertThatThrownBy(
                  () -> MerkleProofs.verifyInclusion(idx, s, t.leafHash(other), proof, t.root(s)))
              .isInstanceOf(ProofException.class);
        }
      }
    }
  }

  @Test
  void everyConsistencyProofVerifies() throws ProofException {
    MerkleTree t = tree(N);
    for (int n = 1; n <= N; n++) {
      for (int m = 1; m <= n; m++) {
        MerkleProofs.verifyConsistency(m, n, t.consistencyProof(m, n), t.root(m), t.root(n));
      }
    }
  }

  @Test
  void aForkedTreeFailsConsistency() {
    MerkleTree t = tree(10);
    MerkleTree forked = new MerkleTree();
    for (int i = 0; i < 10; i++) {
      forked.append(i == 3 ? Hashes.leaf(new byte[] {1}) : t.leafHash(i));
    }
    List<byte[]> proof = new ArrayList<>(t.consistencyProof(5, 10));
    assertThatThrownBy(
            () -> MerkleProofs.verifyConsistency(5, 10, proof, forked.root(5), t.root(10)))
        .isInstanceOf(ProofException.class);
  }
}
