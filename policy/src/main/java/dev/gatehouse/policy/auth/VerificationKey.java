package dev.gatehouse.policy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * A public key from a JWKS, with the algorithms it may verify and a ready verifier. Building the
 * verifier once per fetch keeps key parsing off the request path.
 */
record VerificationKey(JWK jwk, Set<JWSAlgorithm> algorithms, Check check) {

  /** Verifies one JWS signature. */
  @FunctionalInterface
  interface Check {
    boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature);
  }

  /** RSA keys shorter than this are not trusted (NIST SP 800-131A). */
  static final int MIN_RSA_BITS = 2048;

  private static final Set<JWSAlgorithm> RSA_ALGS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512);

  /** The verifier for {@code jwk}, or {@code null} when the key is of no use for signatures. */
  static VerificationKey of(JWK jwk) {
    try {
      VerificationKey key =
          switch (jwk) {
            case RSAKey rsa when rsa.size() >= MIN_RSA_BITS ->
                nimbus(jwk, RSA_ALGS, new RSASSAVerifier(rsa));
            case ECKey ec when Curve.P_256.equals(ec.getCurve()) ->
                nimbus(jwk, Set.of(JWSAlgorithm.ES256), new ECDSAVerifier(ec));
            case ECKey ec when Curve.P_384.equals(ec.getCurve()) ->
                nimbus(jwk, Set.of(JWSAlgorithm.ES384), new ECDSAVerifier(ec));
            case ECKey ec when Curve.P_521.equals(ec.getCurve()) ->
                nimbus(jwk, Set.of(JWSAlgorithm.ES512), new ECDSAVerifier(ec));
            case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) ->
                new VerificationKey(
                    jwk, Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519), ed25519(okp));
            default -> null;
          };
      if (key == null || jwk.getAlgorithm() == null) {
        return key;
      }
      // A key that names its algorithm may only verify that one (RFC 7517, section 4.4).
      JWSAlgorithm only = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
      return key.algorithms().contains(only)
          ? new VerificationKey(jwk, Set.of(only), key.check())
          : null;
    } catch (JOSEException | GeneralSecurityException e) {
      return null;
    }
  }

  boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
    return algorithms.contains(header.getAlgorithm())
        && check.verify(header, signingInput, signature);
  }

  private static VerificationKey nimbus(
      JWK jwk, Set<JWSAlgorithm> algs, com.nimbusds.jose.JWSVerifier verifier) {
    return new VerificationKey(
        jwk,
        algs,
        (header, input, signature) -> {
          try {
            return verifier.verify(header, input, signature);
          } catch (JOSEException e) {
            return false;
          }
        });
  }

  /**
   * Ed25519 through the JDK's own provider: nimbus's Ed25519 verifier needs Google Tink, a large
   * dependency for one primitive the JDK has had since 15.
   */
  private static Check ed25519(OctetKeyPair okp) throws GeneralSecurityException {
    byte[] x = okp.getDecodedX();
    if (x.length != 32) {
      throw new GeneralSecurityException("Ed25519 public key must be 32 bytes");
    }
    // X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410): fixed 12-byte prefix, then the key.
    byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    return (header, input, signature) -> {
      try {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(input);
        return verifier.verify(signature.decode());
      } catch (GeneralSecurityException e) {
        return false;
      }
    };
  }
}
