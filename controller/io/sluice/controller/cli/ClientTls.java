package io.sluice.controller.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The API client's side of TLS, from PEM files as the API's own {@code api.tls} takes them: the CA
 * that signed the server's certificate ({@code --cacert}; the JDK's trusted CAs without it) and,
 * for mutual TLS, a client certificate chain and its PKCS#8 private key ({@code --cert}, {@code
 * --key}).
 */
final class ClientTls {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448");
  private static final char[] NO_PASSWORD = new char[0];

  private ClientTls() {}

  /**
   * The SSL context for these files.
   *
   * @throws IOException naming the option and the file when one cannot be used
   */
  static SSLContext context(Optional<Path> caCert, Optional<Path> cert, Optional<Path> key)
      throws IOException {
    if (cert.isPresent() != key.isPresent()) {
      throw new IOException("--cert and --key go together: give both or neither");
    }
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(caCert.isPresent() ? trustStore(caCert.get()) : null);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      if (cert.isPresent()) {
        keys.init(keyStore(cert.get(), key.get()), NO_PASSWORD);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(cert.isPresent() ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path caCert) throws IOException, GeneralSecurityException {
    KeyStore store = emptyStore();
    int i = 0;
    for (Certificate ca : certificates("--cacert", caCert)) {
      store.setCertificateEntry("ca-" + i++, ca);
    }
    return store;
  }

  private static KeyStore keyStore(Path cert, Path key)
      throws IOException, GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setKeyEntry(
        "client",
        privateKey(key),
        NO_PASSWORD,
        certificates("--cert", cert).toArray(Certificate[]::new));
    return store;
  }

  private static Collection<? extends Certificate> certificates(String option, Path file)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> found =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (found.isEmpty()) {
        throw new IOException(option + " " + file + ": holds no PEM certificate");
      }
      return found;
    } catch (NoSuchFileException e) {
      throw new IOException(option + " " + file + ": no such file", e);
    } catch (GeneralSecurityException e) {
      throw new IOException(option + " " + file + ": not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IOException("--key " + file + ": no such file", e);
    }
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new IOException(
          "--key "
              + file
              + ": must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert one with"
              + " `openssl pkcs8 -topk8 -nocrypt -in KEY`");
    }
    PKCS8EncodedKeySpec spec =
        new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1).strip()));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException("--key " + file + ": not an EC, RSA or EdDSA private key");
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
