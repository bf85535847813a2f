package com.commercive.support.local;

import static com.commercive.support.resources.EnvironmentVariables.ATTACHMENTS_BUCKET;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ACCESS_KEY_ID;
import static com.commercive.support.resources.EnvironmentVariables.AWS_ENDPOINT_URL_S3;
import static com.commercive.support.resources.EnvironmentVariables.AWS_REGION;
import static com.commercive.support.resources.EnvironmentVariables.AWS_SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercive.support.config.SupportConfig;
import com.commercive.support.store.FileStorage.UploadForm;
import com.commercive.support.store.s3.S3Clients;
import com.commercive.support.store.s3.S3FileStorage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 stand-in refuses what S3 refuses (issue 29, row 5), against forms and links from our own
 * signing code ({@link S3FileStorage}): one test per condition of the upload policy and per kind of
 * unsigned request, each checking the answer and that nothing was stored. One stand-in for the
 * class; its notifications go to a queue that is not there (they are not under test).
 */
class S3StandInPolicyIT {
  static final String BUCKET = "policy-test-attachments";
  static final String REGION = "eu-west-1";
  static final String ACCESS_KEY = "AKIDSTANDINPOLICY";
  static final String SECRET_KEY = "stand-in-policy-test-secret";
  static final long MAX_BYTES = 100;
  static final byte[] FILE = "a small file, as uploaded".getBytes(StandardCharsets.UTF_8);
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path folder;
  static Path data;
  static LocalS3 standIn;
  static S3Client s3;
  static S3Presigner presigner;
  static S3FileStorage storage;
  /** Where every form of the bucket is posted: the bucket's URL. */
  static URI uploadUrl;

  @BeforeAll
  static void start() {
    data = folder.resolve("data");
    standIn = LocalS3.start("127.0.0.1", 0, new LocalS3.Options(BUCKET, REGION,
        "http://127.0.0.1:" + FreePorts.find() + "/000000000000/no-queue", ACCESS_KEY, SECRET_KEY, "*", data),
        Map.of());
    SupportConfig config = SupportConfig.from(Map.of(AWS_ENDPOINT_URL_S3, standIn.endpoint().toString(),
        AWS_REGION, REGION, AWS_ACCESS_KEY_ID, ACCESS_KEY, AWS_SECRET_ACCESS_KEY, SECRET_KEY,
        ATTACHMENTS_BUCKET, BUCKET));
    s3 = S3Clients.client(config);
    presigner = S3Clients.presigner(config);
    storage = S3Clients.fileStorage(config, s3, presigner, Clock.systemUTC());
    uploadUrl = S3FileStorage.bucketUrl(BUCKET, REGION, Optional.of(standIn.endpoint()));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
      presigner.close();
    }
    if (standIn != null) {
      standIn.close();
    }
  }

  static String newKey() {
    return "quarantine/t-" + UUID.randomUUID() + "/a-" + UUID.randomUUID();
  }

  /** The API's upload form for {@code key}: a PNG of 1 to {@link #MAX_BYTES} bytes, valid for 5 minutes. */
  static UploadForm formFor(String key) {
    return formFor(storage, key);
  }

  static UploadForm formFor(S3FileStorage signer, String key) {
    return signer.uploadForm(key, "image/png", MAX_BYTES, Instant.now().plusSeconds(300));
  }

  /** Our signing code with other keys or another region than the stand-in's, for the same bucket. */
  static S3FileStorage signingAs(String accessKeyId, String region) {
    return new S3FileStorage(s3, presigner,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET_KEY)), region, BUCKET,
        uploadUrl, Clock.systemUTC());
  }

  static Map<String, String> fieldsOf(UploadForm form) {
    return new LinkedHashMap<>(form.fields());
  }

  /** What a browser sends: multipart/form-data, the fields in order, the file last. */
  static HttpResponse<String> post(URI url, Map<String, String> fields, byte[] file) throws Exception {
    String boundary = "----policy" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(file);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form that must be refused; checks that nothing was stored under {@code key} either way. */
  static HttpResponse<String> postRefused(String key, Map<String, String> fields, byte[] file) throws Exception {
    HttpResponse<String> response = post(uploadUrl, fields, file);
    assertThat(storedKeys()).as("nothing stored under " + key).doesNotContain(key);
    return response;
  }

  static HttpResponse<String> send(String method, URI url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(url).method(method, method.equals("PUT")
        ? HttpRequest.BodyPublishers.ofByteArray(FILE) : HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The object's URL, path-style, without any signature. */
  static URI objectUrl(String key) {
    return URI.create(standIn.endpoint() + "/" + BUCKET + "/" + key);
  }

  /** Every key in the bucket, read with our signed client. */
  static List<String> storedKeys() {
    return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream().map(o -> o.key()).toList();
  }

  /** A file stored with the untouched form, as the API's upload would. */
  static String storedFile() throws Exception {
    String key = newKey();
    UploadForm form = formFor(key);
    assertThat(post(form.url(), form.fields(), FILE).statusCode()).isEqualTo(204);
    return key;
  }

  static void assertRefused(HttpResponse<String> response, int status, String code, String... messageParts) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/xml");
    assertThat(response.body()).contains("<Error><Code>" + code + "</Code><Message>");
    for (String part : messageParts) {
      assertThat(response.body()).contains(part);
    }
  }

  @Test
  void theUntouchedFormStoresTheFileUnderItsKeyWithItsType() throws Exception {
    String key = newKey();
    UploadForm form = formFor(key);

    HttpResponse<String> stored = post(form.url(), form.fields(), FILE);

    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
    assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(FILE);
    assertThat(s3.headObject(r -> r.bucket(BUCKET).key(key)).contentType()).isEqualTo("image/png");
  }

  @Test
  void anotherKeyThanTheSignedOneIsRefused() throws Exception {
    String key = newKey();
    String othersKey = newKey();
    Map<String, String> fields = fieldsOf(formFor(key));
    fields.put("key", othersKey);

    assertRefused(postRefused(key, fields, FILE), 403, "AccessDenied",
        "Invalid according to Policy: Policy Condition failed", key);
    assertThat(storedKeys()).doesNotContain(othersKey);
  }

  @Test
  void aKeyWithDotDotSegmentsIsRefusedAndNothingIsWrittenOutsideTheDataFolder() throws Exception {
    String name = "escaped-" + UUID.randomUUID();
    // Signed by our own code for that very key, so only the stand-in's key check stands in the way.
    String climbing = "quarantine/../../../" + name;
    UploadForm signed = formFor(climbing);
    assertRefused(post(signed.url(), signed.fields(), FILE), 400, "InvalidArgument", "segments");
    // The form of an ordinary upload with the key changed: the policy refuses it first.
    Map<String, String> changed = fieldsOf(formFor(newKey()));
    changed.put("key", "../../" + name);
    assertRefused(post(signed.url(), changed, FILE), 403, "AccessDenied", "Policy Condition failed");

    try (var files = Files.walk(folder)) {
      assertThat(files.map(Path::toString)).noneMatch(path -> path.contains(name));
    }
    assertThat(storedKeys()).noneMatch(key -> key.contains(name));
  }

  @Test
  void anotherContentTypeThanTheSignedOneIsRefused() throws Exception {
    String key = newKey();
    Map<String, String> fields = fieldsOf(formFor(key));
    fields.put("Content-Type", "text/html");

    assertRefused(postRefused(key, fields, FILE), 403, "AccessDenied", "Policy Condition failed", "image/png");
  }

  @Test
  void aFileLargerThanThePolicyAllowsIsRefused() throws Exception {
    String key = newKey();

    assertRefused(postRefused(key, formFor(key).fields(), new byte[(int) MAX_BYTES + 1]), 400, "EntityTooLarge",
        "exceeds the maximum allowed size");
  }

  @Test
  void aFileSmallerThanThePolicyAllowsIsRefused() throws Exception {
    String key = newKey();

    assertRefused(postRefused(key, formFor(key).fields(), new byte[0]), 400, "EntityTooSmall",
        "smaller than the minimum allowed size");
  }

  @Test
  void anExpiredPolicyIsRefused() throws Exception {
    String key = newKey();
    UploadForm expired = storage.uploadForm(key, "image/png", MAX_BYTES, Instant.now().minusSeconds(1));

    assertRefused(postRefused(key, expired.fields(), FILE), 403, "AccessDenied",
        "Invalid according to Policy: Policy expired.");
  }

  @Test
  void aPolicyChangedByOneByteIsRefused() throws Exception {
    String key = newKey();
    Map<String, String> fields = fieldsOf(formFor(key));
    String policy = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
    // One byte: the largest size allowed goes from 100 to 900.
    String widened = policy.replace("\"content-length-range\",1,100]", "\"content-length-range\",1,900]");
    assertThat(widened).isNotEqualTo(policy).hasSameSizeAs(policy);
    fields.put("policy", Base64.getEncoder().encodeToString(widened.getBytes(StandardCharsets.UTF_8)));

    assertRefused(postRefused(key, fields, new byte[500]), 403, "SignatureDoesNotMatch");
  }

  @Test
  void aWrongSignatureIsRefused() throws Exception {
    String key = newKey();
    Map<String, String> fields = fieldsOf(formFor(key));
    String signature = fields.get("x-amz-signature");
    fields.put("x-amz-signature", signature.substring(0, 63) + (signature.endsWith("0") ? "1" : "0"));

    assertRefused(postRefused(key, fields, FILE), 403, "SignatureDoesNotMatch");
    fields.remove("x-amz-signature");
    assertRefused(postRefused(key, fields, FILE), 403, "SignatureDoesNotMatch");
  }

  @Test
  void aFormSignedWithAnUnknownAccessKeyIsRefused() throws Exception {
    String key = newKey();

    assertRefused(postRefused(key, formFor(signingAs("AKIDSTRANGER", REGION), key).fields(), FILE), 403,
        "InvalidAccessKeyId");
  }

  @Test
  void aFormSignedForAnotherRegionIsRefused() throws Exception {
    String key = newKey();

    assertRefused(postRefused(key, formFor(signingAs(ACCESS_KEY, "us-west-2"), key).fields(), FILE), 400,
        "InvalidArgument", "region", "us-west-2", "eu-west-1");
  }

  @Test
  void aFieldThePolicyDoesNotNameIsRefused() throws Exception {
    String key = newKey();
    Map<String, String> fields = fieldsOf(formFor(key));
    fields.put("success_action_redirect", "https://attacker.example/thanks");

    HttpResponse<String> refused = postRefused(key, fields, FILE);

    assertRefused(refused, 403, "AccessDenied", "Invalid according to Policy: Extra input fields: success_action_redirect");
    assertThat(refused.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void aFieldNamedXIgnoreNeedsNoCondition() throws Exception {
    String key = newKey();
    Map<String, String> fields = fieldsOf(formFor(key));
    fields.put("x-ignore-tracking", "anything");

    assertThat(post(formFor(key).url(), fields, FILE).statusCode()).isEqualTo(204);
    assertThat(storedKeys()).contains(key);
  }

  @Test
  void anUnsignedGetIsRefused() throws Exception {
    String key = storedFile();

    assertRefused(send("GET", objectUrl(key)), 403, "AccessDenied");
  }

  @Test
  void anUnsignedListIsRefused() throws Exception {
    storedFile();

    assertRefused(send("GET", URI.create(standIn.endpoint() + "/" + BUCKET + "?list-type=2")), 403, "AccessDenied");
    assertRefused(send("GET", URI.create(standIn.endpoint() + "/")), 403, "AccessDenied");
  }

  @Test
  void anUnsignedDeleteIsRefusedAndTheFileStays() throws Exception {
    String key = storedFile();

    assertRefused(send("DELETE", objectUrl(key)), 403, "AccessDenied");
    assertThat(storedKeys()).contains(key);
  }

  @Test
  void anUnsignedPutOrHeadIsRefused() throws Exception {
    String key = newKey();

    assertRefused(send("PUT", objectUrl(key)), 403, "AccessDenied");
    assertThat(send("HEAD", objectUrl(storedFile())).statusCode()).isEqualTo(403);
    assertThat(storedKeys()).doesNotContain(key);
  }

  @Test
  void aRequestSignedWithTheWrongSecretIsRefused() throws Exception {
    String key = storedFile();
    SupportConfig wrongSecret = SupportConfig.from(Map.of(AWS_ENDPOINT_URL_S3, standIn.endpoint().toString(),
        AWS_REGION, REGION, AWS_ACCESS_KEY_ID, ACCESS_KEY, AWS_SECRET_ACCESS_KEY, SECRET_KEY + "-not",
        ATTACHMENTS_BUCKET, BUCKET));

    try (S3Client impostor = S3Clients.client(wrongSecret)) {
      assertThatThrownBy(() -> impostor.deleteObject(r -> r.bucket(BUCKET).key(key)))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
          });
    }
    assertThat(storedKeys()).contains(key);
  }

  @Test
  void ourPresignedDownloadIsServed() throws Exception {
    String key = storedFile();
    URI link = storage.downloadLink(key, "photo.png", "image/png", Instant.now().plusSeconds(300));

    HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(FILE);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"photo.png\"");
  }

  @Test
  void aPresignedDownloadPastItsExpiryIsRefused() throws Exception {
    String key = storedFile();
    // Whole seconds from the signing second on: valid for 3 or 4 seconds.
    URI link = storage.downloadLink(key, "photo.png", "image/png", Instant.now().plusSeconds(4));
    assertThat(send("GET", link).statusCode()).isEqualTo(200);

    Thread.sleep(4_500);

    assertRefused(send("GET", link), 403, "AccessDenied", "Request has expired");
  }

  @Test
  void aPresignedDownloadChangedAfterSigningIsRefused() throws Exception {
    String key = storedFile();
    String other = storedFile();
    String link = storage.downloadLink(key, "photo.png", "image/png", Instant.now().plusSeconds(300)).toString();

    assertRefused(send("GET", URI.create(link.replace(key, other))), 403, "SignatureDoesNotMatch");
    assertRefused(send("GET", URI.create(link.replace("image%2Fpng", "text%2Fhtml"))), 403, "SignatureDoesNotMatch");
  }

  @Test
  void theBrowsersPreflightForAnUploadIsStillAnswered() throws Exception {
    HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(standIn.endpoint() + "/" + BUCKET))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
        .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
  }
}
