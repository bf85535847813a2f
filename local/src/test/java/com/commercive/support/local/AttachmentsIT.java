package com.commercive.support.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.attachmentchecker.SampleFiles;
import com.commercive.support.store.s3.S3Clients;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Attachments end to end in the local system: files uploaded from outside the API with the
 * presigned POST to the S3 stand-in, checked by the checking function from the bucket's event
 * notifications, attached to a message, listed and downloaded. One system for the whole class.
 */
class AttachmentsIT {
  static LocalSystem system;
  static LocalApi api;
  static String user;
  static String admin;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    system = LocalSystem.start(LocalSystem.Settings.forTests(Map.of("ATTACHMENT_MAX_BYTES", "200000")));
    api = new LocalApi(system);
    user = system.tokenFor("demo-user");
    admin = system.tokenFor("demo-admin");
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  static String openTicket() {
    return api.call("POST", "/support/tickets", user, "{\"subject\":\"Screenshots of the sync error\"}")
        .at("/ticket/ticket_id").asText();
  }

  static JsonNode requestUpload(String ticketId, String token, String filename, String type, long size) {
    return api.call("POST", "/support/tickets/" + ticketId + "/attachments", token,
        "{\"filename\":\"" + filename + "\",\"content_type\":\"" + type + "\",\"size\":" + size + "}");
  }

  /** What a browser does with the form: multipart/form-data, the fields first, the file last. */
  static HttpResponse<String> upload(JsonNode form, String filename, byte[] bytes) throws Exception {
    String boundary = "----commercive" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Iterator<Map.Entry<String, JsonNode>> fields = form.get("fields").fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue().asText() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(HttpRequest.newBuilder(URI.create(form.get("url").asText()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode attachment(String ticketId, String attachmentId, String token) {
    return api.call("GET", "/support/tickets/" + ticketId + "/attachments/" + attachmentId, token, null);
  }

  /** Uploads a file as a browser would and waits for its check; the attachment as the API then shows it. */
  static JsonNode uploadAndAwaitCheck(String ticketId, String filename, String type, long declared, byte[] bytes)
      throws Exception {
    JsonNode created = requestUpload(ticketId, user, filename, type, declared);
    String id = created.at("/attachment/attachment_id").asText();
    HttpResponse<String> stored = upload(created.get("upload"), filename, bytes);
    assertThat(stored.statusCode()).as(stored.body()).isBetween(200, 299);
    LocalApi.await(filename + " checked", Duration.ofSeconds(20),
        () -> !attachment(ticketId, id, user).at("/attachment/status").asText().equals("uploading"));
    return attachment(ticketId, id, user);
  }

  @Test
  void realFilesUploadedFromOutsideTheApiAreCheckedAttachedListedAndDownloaded() throws Exception {
    String ticketId = openTicket();
    byte[] png = SampleFiles.png();
    byte[] pdf = SampleFiles.pdf();

    JsonNode screenshot = uploadAndAwaitCheck(ticketId, "screenshot.png", "image/png", png.length, png);
    JsonNode invoice = uploadAndAwaitCheck(ticketId, "invoice.pdf", "application/pdf", pdf.length, pdf);
    JsonNode disguised = uploadAndAwaitCheck(ticketId, "invoice.png", "image/png", pdf.length, pdf);
    // The policy's size range (1 byte to the declared size) is S3's to enforce, and the stand-in's:
    // an empty file or one over its declared size never reaches the bucket (the check's own
    // refusals of both are AttachmentServiceTest's).
    JsonNode empty = requestUpload(ticketId, user, "empty.png", "image/png", 1);
    HttpResponse<String> emptyRefused = upload(empty.get("upload"), "empty.png", new byte[0]);
    JsonNode oversized = requestUpload(ticketId, user, "huge.png", "image/png", 100);
    HttpResponse<String> oversizedRefused = upload(oversized.get("upload"), "huge.png", png);

    assertThat(screenshot.at("/attachment/status").asText()).isEqualTo("ready");
    assertThat(screenshot.at("/attachment/size").asLong()).isEqualTo(png.length);
    assertThat(invoice.at("/attachment/status").asText()).isEqualTo("ready");
    assertThat(disguised.at("/attachment/rejection_reason").asText()).isEqualTo("type-mismatch");
    assertThat(disguised.get("download_url").isNull()).isTrue();
    assertThat(emptyRefused.statusCode()).isEqualTo(400);
    assertThat(emptyRefused.body()).contains("<Code>EntityTooSmall</Code>");
    assertThat(oversizedRefused.statusCode()).isEqualTo(400);
    assertThat(oversizedRefused.body()).contains("<Code>EntityTooLarge</Code>");
    try (S3Client s3 = S3Clients.client(system.config())) {
      for (JsonNode never : List.of(empty, oversized)) {
        String key = never.at("/upload/fields/key").asText();
        assertThat(s3.listObjectsV2(r -> r.bucket(system.config().attachments().bucket()).prefix(key)).contents())
            .isEmpty();
        JsonNode attachment = attachment(ticketId, never.at("/attachment/attachment_id").asText(), user);
        assertThat(attachment.at("/attachment/status").asText()).isEqualTo("uploading");
      }
    }

    List<String> ids = new ArrayList<>();
    for (JsonNode ready : List.of(screenshot, invoice)) {
      ids.add(ready.at("/attachment/attachment_id").asText());
    }
    JsonNode posted = api.call("POST", "/support/tickets/" + ticketId + "/messages", user,
        "{\"message\":\"Here is what I see\",\"attachment_ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]}");
    assertThat(posted.at("/message/attachments/1/filename").asText()).isEqualTo("invoice.pdf");

    JsonNode thread = api.call("GET", "/support/tickets/" + ticketId + "/messages", admin, null);
    assertThat(thread.at("/messages/0/attachments")).hasSize(2);
    assertThat(thread.at("/messages/0/attachments/0/content_type").asText()).isEqualTo("image/png");

    for (String token : List.of(user, admin)) {
      JsonNode link = attachment(ticketId, ids.get(0), token);
      // As a page on the web app's origin fetches it: the name it is saved under is readable there.
      HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(link.get("download_url").asText()))
          .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
          .containsIgnoringCase("Content-Disposition");
      assertThat(download.body()).isEqualTo(png);
      assertThat(download.headers().firstValue("Content-Type")).contains("image/png");
      assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment; filename=\"screenshot.png\"");
    }
  }

  @Test
  void aTextFileDownloadsAsBytesUnderANameThatSaysItsType() throws Exception {
    String ticketId = openTicket();
    byte[] text = "order 1042: 3 items, tracking pending\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JsonNode notes = uploadAndAwaitCheck(ticketId, "notes", "text/plain", text.length, text);
    assertThat(notes.at("/attachment/status").asText()).isEqualTo("ready");

    HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(notes.get("download_url").asText()))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(text);
    assertThat(download.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"notes.txt\"");
  }

  @Test
  void theEicarTestFileIsFoundByTheMalwareScanRejectedAndDeleted() throws Exception {
    String ticketId = openTicket();
    byte[] eicar = LocalMalwareScan.EICAR.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    JsonNode checked = uploadAndAwaitCheck(ticketId, "eicar.txt", "text/plain", eicar.length, eicar);
    assertThat(checked.at("/attachment/status").asText()).isEqualTo("rejected");
    assertThat(checked.at("/attachment/rejection_reason").asText()).isEqualTo("malware");
    String id = checked.at("/attachment/attachment_id").asText();
    try (S3Client s3 = S3Clients.client(system.config())) {
      assertThat(s3.listObjectsV2(r -> r.bucket(system.config().attachments().bucket()).prefix("")).contents())
          .noneMatch(object -> object.key().endsWith(id));
    }
  }

  @Test
  void aTextFileWhoseRestIsAPageWithAScriptIsRejected() throws Exception {
    String ticketId = openTicket();
    byte[] page = ("order 1042: 3 items, tracking pending\n".repeat(300)
        + "<html><script>fetch('/x?c='+document.cookie)</script></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JsonNode checked = uploadAndAwaitCheck(ticketId, "notes.txt", "text/plain", page.length, page);
    assertThat(checked.at("/attachment/status").asText()).isEqualTo("rejected");
    assertThat(checked.at("/attachment/rejection_reason").asText()).isEqualTo("type-mismatch");
    assertThat(checked.get("download_url").isNull()).isTrue();
  }

  @Test
  void aRejectedFileIsDeletedAndAFileStillBeingCheckedCannotBeAttached() throws Exception {
    String ticketId = openTicket();
    byte[] pdf = SampleFiles.pdf();
    JsonNode disguised = uploadAndAwaitCheck(ticketId, "photo.png", "image/png", pdf.length, pdf);
    String id = disguised.at("/attachment/attachment_id").asText();
    try (S3Client s3 = S3Clients.client(system.config())) {
      var listed = s3.listObjectsV2(r -> r.bucket(system.config().attachments().bucket()).prefix(""));
      assertThat(listed.contents()).noneMatch(object -> object.key().endsWith(id));
    }

    JsonNode waiting = requestUpload(ticketId, user, "later.png", "image/png", 10);
    var refused = HTTP.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets/" + ticketId
            + "/messages")).header("Authorization", "Bearer " + user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"attachment_ids\":[\""
            + waiting.at("/attachment/attachment_id").asText() + "\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(LocalApi.JSON.readTree(refused.body()).at("/errors/0/field").asText()).isEqualTo("attachment_ids[0]");
    assertThat(Arrays.asList(refused.headers().firstValue("Content-Type").orElseThrow().split(";")))
        .contains("application/problem+json");
  }

  @Test
  void anUploadNeverSentIsDeletedWithItsFileWhenItsRecordExpires() throws Exception {
    String ticketId = openTicket();
    byte[] png = SampleFiles.png();
    JsonNode ready = uploadAndAwaitCheck(ticketId, "unsent.png", "image/png", png.length, png);
    String id = ready.at("/attachment/attachment_id").asText();
    String bucket = system.config().attachments().bucket();
    try (S3Client s3 = S3Clients.client(system.config())) {
      assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("attachments/" + ticketId + "/" + id)).contents())
          .hasSize(1);
      // A day later, as far as the record knows: DynamoDB Local removes expired items as DynamoDB does.
      long past = System.currentTimeMillis() / 1000 - 60;
      system.dynamoDb().updateItem(r -> r.tableName(system.config().tables().attachments())
          .key(Map.of("attachment_id", AttributeValue.fromS(id)))
          .updateExpression("SET expires_at = :past")
          .expressionAttributeValues(Map.of(":past", AttributeValue.fromN(Long.toString(past)))));

      LocalApi.await("the expired upload's file deleted", Duration.ofSeconds(60), () ->
          s3.listObjectsV2(r -> r.bucket(bucket).prefix("attachments/" + ticketId + "/" + id)).contents().isEmpty());
    }
    var gone = HTTP.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/support/tickets/" + ticketId
        + "/attachments/" + id)).header("Authorization", "Bearer " + user).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(gone.statusCode()).isEqualTo(404);
  }
}
