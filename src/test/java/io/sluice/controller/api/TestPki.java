package io.sluice.controller.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA with a server certificate for 127.0.0.1 and client certificates, made with the
 * JDK's keytool, written as the PEM files the API's TLS config names.
 */
final class TestPki {
  private static final String PASS = "changeit";
  final Path dir;
  final Path caPem;
  final Path serverCert;
  final Path serverKey;

  private TestPki(Path dir) {
    this.dir = dir;
    this.caPem = dir.resolve("ca.pem");
    this.serverCert = dir.resolve("server.pem");
    this.serverKey = dir.resolve("server-key.pem");
  }

  static TestPki create(Path dir) throws Exception {
    TestPki pki = new TestPki(dir);
    pki.keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=sluice-test-ca",
        "-ext",
        "bc:c",
        "-keystore",
        "ca.p12");
    pki.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
    pki.signed("server", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
    KeyStore server = pki.load("server.p12");
    Files.writeString(
        pki.serverKey,
        pem("PRIVATE KEY", server.getKey("server", PASS.toCharArray()).getEncoded()));
    StringBuilder chain = new StringBuilder();
    for (Certificate c : server.getCertificateChain("server")) {
      chain.append(pem("CERTIFICATE", c.getEncoded()));
    }
    Files.writeString(pki.serverCert, chain.toString());
    return pki;
  }

  /** A client key and certificate signed by the CA, in {@code NAME.p12}. */
  void client(String name, String subject) throws Exception {
    signed(name, subject, "KU=digitalSignature");
  }

  /**
   * A client's certificate chain and PKCS#8 key as PEM files, as {@code --cert} and {@code --key}
   * take them.
   */
  record PemFiles(Path cert, Path key) {}

  PemFiles pem(String name) throws Exception {
    KeyStore store = load(name + ".p12");
    StringBuilder chain = new StringBuilder();
    for (Certificate c : store.getCertificateChain(name)) {
      chain.append(pem("CERTIFICATE", c.getEncoded()));
    }
    PemFiles files = new PemFiles(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
    Files.writeString(files.cert(), chain.toString());
    Files.writeString(
        files.key(), pem("PRIVATE KEY", store.getKey(name, PASS.toCharArray()).getEncoded()));
    return files;
  }

  /**
   * An HTTP client that trusts the CA and, when {@code name} is given, presents that client's
   * certificate.
   */
  HttpClient httpClient(String name) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    if (name != null) {
      kmf.init(load(name + ".p12"), PASS.toCharArray());
    }
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(name == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build();
  }

  private void signed(String name, String subject, String ext) throws Exception {
    String store = name + ".p12";
    keytool("-genkeypair", "-alias", name, "-dname", subject, "-keystore", store);
    keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-infile",
        name + ".csr",
        "-outfile",
        name + ".crt",
        "-ext",
        ext,
        "-rfc");
    keytool("-importcert", "-alias", "ca", "-keystore", store, "-file", "ca.pem", "-noprompt");
    keytool("-importcert", "-alias", name, "-keystore", store, "-file", name + ".crt");
  }

  private KeyStore load(String store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(store))) {
      ks.load(in, PASS.toCharArray());
    }
    return ks;
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "-storepass",
            PASS,
            "-storetype",
            "PKCS12",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-validity",
            "2"));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
