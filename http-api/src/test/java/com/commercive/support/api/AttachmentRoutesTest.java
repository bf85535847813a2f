package com.commercive.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.commercive.support.domain.Attachment;
import com.commercive.support.service.AttachmentCheck;
import com.commercive.support.service.AttachmentService;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Uploads, downloads and files on messages through the Lambda event, checked against the OpenAPI document. */
class AttachmentRoutesTest extends ApiTestSupport {
  static final byte[] PDF = "%PDF-1.4 a small file".getBytes(StandardCharsets.US_ASCII);
  /** What the checking function decides; here every PDF-looking file is a PDF. */
  final AttachmentCheck check = new AttachmentCheck(attachmentStore, files,
      head -> new String(head, StandardCharsets.US_ASCII).startsWith("%PDF") ? "application/pdf" : "text/plain",
      AttachmentService.Policy.defaults());

  JsonNode requestUpload(String ticketId, String token, String name, String type, long size) {
    APIGatewayV2HTTPResponse response = send("POST", "/support/tickets/" + ticketId + "/attachments", token,
        "{\"filename\":\"" + name + "\",\"content_type\":\"" + type + "\",\"size\":" + size + "}");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    return json(response);
  }

  /** Uploads and checks a file; its id. */
  String readyFile(String ticketId, String token, String name, byte[] bytes) {
    JsonNode created = requestUpload(ticketId, token, name, "application/pdf", bytes.length);
    String key = created.at("/upload/fields/key").asText();
    files.put(key, bytes);
    check.check(key);
    return created.at("/attachment/attachment_id").asText();
  }

  @Test
  void anUploadIsAFormForTheQuarantineKeyAndTheAttachmentWaitsForItsCheck() {
    String id = createTicket(USER);
    APIGatewayV2HTTPResponse response = send("POST", "/support/tickets/" + id + "/attachments", USER,
        "{\"filename\":\"invoice.pdf\",\"content_type\":\"application/pdf\",\"size\":2048}");

    assertThat(response.getStatusCode()).isEqualTo(201);
    JsonNode body = json(response);
    String attachmentId = body.at("/attachment/attachment_id").asText();
    assertThat(body.at("/attachment/status").asText()).isEqualTo("uploading");
    assertThat(body.at("/attachment/rejection_reason").isNull()).isTrue();
    assertThat(body.at("/upload/fields/key").asText())
        .isEqualTo(Attachment.quarantineKey(id, attachmentId));
    assertThat(body.at("/upload/expires_at").asText()).isEqualTo("2026-11-24T10:30:30.123Z");
    assertThat(header(response, "Location")).isEqualTo("/support/tickets/" + id + "/attachments/" + attachmentId);

    JsonNode waiting = json(send("GET", "/support/tickets/" + id + "/attachments/" + attachmentId, USER, null));
    assertThat(waiting.at("/attachment/status").asText()).isEqualTo("uploading");
    assertThat(waiting.get("download_url").isNull()).isTrue();
  }

  @Test
  void badUploadsAreRefusedFieldByFieldAndOthersTicketsAreForbidden() {
    String id = createTicket(USER);
    APIGatewayV2HTTPResponse bad = send("POST", "/support/tickets/" + id + "/attachments", USER,
        "{\"filename\":\"../x.exe\",\"content_type\":\"application/x-msdownload\",\"size\":99999999999,\"extra\":1}");
    assertProblem(bad, 400);
    assertThat(errorFields(bad)).containsExactlyInAnyOrder("extra");
    APIGatewayV2HTTPResponse invalid = send("POST", "/support/tickets/" + id + "/attachments", USER,
        "{\"filename\":\"../x.exe\",\"content_type\":\"application/x-msdownload\",\"size\":99999999999}");
    assertThat(errorFields(invalid)).containsExactly("filename", "content_type", "size");
    assertThat(errorFields(send("POST", "/support/tickets/" + id + "/attachments", USER,
        "{\"filename\":\"a.png\",\"content_type\":\"image/png\",\"size\":\"12\"}"))).containsExactly("size");
    assertProblem(send("POST", "/support/tickets/" + id + "/attachments", OTHER,
        "{\"filename\":\"a.png\",\"content_type\":\"image/png\",\"size\":12}"), 403);
    assertProblem(send("POST", "/support/tickets/nope/attachments", USER,
        "{\"filename\":\"a.png\",\"content_type\":\"image/png\",\"size\":12}"), 404);
  }

  @Test
  void aReadyFileIsSentWithAMessageAndDownloadedByTheOwnerAndTheTeamOnly() {
    String id = createTicket(USER);
    String attachmentId = readyFile(id, USER, "invoice.pdf", PDF);

    APIGatewayV2HTTPResponse posted = send("POST", "/support/tickets/" + id + "/messages", USER,
        "{\"attachment_ids\":[\"" + attachmentId + "\"]}");
    assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(201);
    JsonNode file = json(posted).at("/message/attachments/0");
    assertThat(file.get("filename").asText()).isEqualTo("invoice.pdf");
    assertThat(file.get("size").asLong()).isEqualTo(PDF.length);
    assertThat(json(posted).at("/ticket/last_message/preview").asText()).isEqualTo("[attachment: invoice.pdf]");
    assertThat(json(send("GET", "/support/tickets/" + id + "/messages", ADMIN, null))
        .at("/messages/1/attachments/0/attachment_id").asText()).isEqualTo(attachmentId);

    for (String reader : new String[] {USER, ADMIN}) {
      JsonNode download = json(send("GET", "/support/tickets/" + id + "/attachments/" + attachmentId, reader, null));
      assertThat(download.at("/attachment/status").asText()).isEqualTo("ready");
      assertThat(download.get("download_url").asText()).contains("attachments/" + id + "/" + attachmentId);
      assertThat(download.get("expires_at").asText()).isEqualTo("2026-11-24T10:20:30.123Z");
    }
    assertProblem(send("GET", "/support/tickets/" + id + "/attachments/" + attachmentId, OTHER, null), 403);
    assertProblem(send("GET", "/support/tickets/" + id + "/attachments/unknown", USER, null), 404);
  }

  @Test
  void filesThatCannotBeAttachedAreEachNamedAndNothingIsStored() {
    String id = createTicket(USER);
    String ready = readyFile(id, USER, "a.pdf", PDF);
    String rejected = readyFile(id, USER, "b.pdf", "not a pdf".getBytes(StandardCharsets.US_ASCII));
    String waiting = requestUpload(id, USER, "c.pdf", "application/pdf", 10).at("/attachment/attachment_id").asText();
    String admins = readyFile(id, ADMIN, "d.pdf", PDF);

    APIGatewayV2HTTPResponse refused = send("POST", "/support/tickets/" + id + "/messages", USER,
        "{\"message\":\"files\",\"attachment_ids\":[\"" + ready + "\",\"" + rejected + "\",\"" + waiting + "\",\""
            + admins + "\",\"missing\"]}");

    assertProblem(refused, 422);
    assertThat(json(refused).get("type").asText()).endsWith("/attachment-unavailable");
    assertThat(errorFields(refused))
        .containsExactly("attachment_ids[1]", "attachment_ids[2]", "attachment_ids[3]", "attachment_ids[4]");
    assertThat(json(send("GET", "/support/tickets/" + id, USER, null)).at("/ticket/message_count").asInt()).isEqualTo(1);

    assertThat(send("POST", "/support/tickets/" + id + "/messages", USER,
        "{\"attachment_ids\":[\"" + ready + "\"]}").getStatusCode()).isEqualTo(201);
    APIGatewayV2HTTPResponse twice = send("POST", "/support/tickets/" + id + "/messages", USER,
        "{\"attachment_ids\":[\"" + ready + "\"]}");
    assertProblem(twice, 422);
    assertThat(json(twice).get("detail").asText()).contains("already on a message");
  }

  @Test
  void attachmentIdsMustBeAListOfOneToTenDistinctStrings() {
    String id = createTicket(USER);
    for (String ids : new String[] {"[]", "\"one\"", "[1]", "[\"a\",\"a\"]",
        "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]"}) {
      APIGatewayV2HTTPResponse response = send("POST", "/support/tickets/" + id + "/messages", USER,
          "{\"attachment_ids\":" + ids + "}");
      assertProblem(response, 400);
      assertThat(errorFields(response)).as(ids).containsExactly("attachment_ids");
    }
  }
}
